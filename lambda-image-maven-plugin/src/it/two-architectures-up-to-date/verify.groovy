def it = evaluate(new File(basedir, '../it-parent/support.groovy'))
try {
  for (arch in ['amd64', 'arm64']) {
    def built = it.record(basedir, arch)
    assert built.verifiedArchitecture == arch
    assert it.inspect("${built.repository}:${built.tag}").platform == "linux/${arch}".toString()
  }
  assert it.imagesIndex(basedir).images*.architecture == ['amd64', 'arm64']
  def log = it.buildLog(basedir)
  def runs = log.split(/lambda-image:build took/)
  assert log =~ /lambda-image:build took \d+ ms \(amd64 built \d+ ms, arm64 built \d+ ms\)/
  assert log =~ /lambda-image:build took \d+ ms \(amd64 up to date \d+ ms, arm64 up to date \d+ ms\)/
  // The architectures build in parallel, so their lines come in either order: take everything
  // between the first run's summary and the second's.
  assert runs.size() == 3
  def secondRun = runs[1]
  assert secondRun =~ /\[amd64\] Image lambda-image-it\/two-architectures-up-to-date:it-\d+-amd64 is up to date/
  assert secondRun =~ /\[arm64\] Image lambda-image-it\/two-architectures-up-to-date:it-\d+-arm64 is up to date/
  assert !secondRun.contains('Step 1/')
} finally {
  it.removeImages(basedir)
}
