def support = evaluate(new File(basedir, '../it-parent/support.groovy'))
try {
  def log = support.buildLog(basedir)
  assert log.contains('on project invoke-timeout: Function invoke-timeout (amd64) timed out on event default event {}: Task timed out after 2.00 seconds. Raise lambda.timeout (now 2 s) if the function needs longer, or find where it blocks.')
  def (rc, containers) = support.run(['docker', 'ps', '-a', '-q', '--filter', 'name=lambda-image-invoke-invoke-timeout-'])
  assert rc == 0 && containers.trim().isEmpty() : "containers left behind: ${containers}"
} finally {
  support.removeImages(basedir)
}
