def it = evaluate(new File(basedir, '../it-parent/support.groovy'))
try {
  def log = it.buildLog(basedir)
  assert log =~ /Building lambda-image-it\/failed-build-keeps-previous:it-\d+-amd64 for linux\/amd64 failed at Step 7\/8 : RUN echo "checking the image" && test "yes" = "no": The command '\/bin\/sh -c echo "checking the image" && test "yes" = "no"' returned a non-zero code: 1/
  assert log.contains('Last output of that step:\n  checking the image\nRun with -X to see the whole build output.')

  // image.json and the tag still describe the first, good build
  def built = it.record(basedir, 'amd64')
  def image = it.inspect("${built.repository}:${built.tag}")
  assert image.id == built.imageId
  assert image.labels['io.github.lambdaimage.inputs'] == built.contextDigest
  assert new File(basedir, 'target/lambda-image/amd64/context/Dockerfile').text.contains('test "yes" = "no"')
  // a template that does not end with COPY app/ builds one image from the whole context
  assert !log.contains('dependencies context')
  assert !new File(basedir, 'target/lambda-image/amd64/dependencies-image').exists()
  it.assertNoTemporaryTags()
} finally {
  it.removeImages(basedir)
}
