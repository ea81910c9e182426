for (arch in ['amd64', 'arm64']) {
  def dockerfile = new File(basedir, "target/lambda-image/${arch}/context/Dockerfile").text
  assert dockerfile.contains("FROM --platform=linux/${arch} ".toString())
  assert dockerfile.contains('CMD ["it.Handler::handleRequest"]')
  assert !new File(basedir, "target/lambda-image/${arch}/image.json").exists()
}
def log = new File(basedir, 'build.log').text
assert log =~ /Rendered .*target\/lambda-image\/arm64\/context\/Dockerfile for linux\/arm64/
assert !log.contains('Step 1/')
