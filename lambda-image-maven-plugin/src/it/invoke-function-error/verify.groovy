def support = evaluate(new File(basedir, '../it-parent/support.groovy'))
try {
  def log = support.buildLog(basedir)
  assert log =~ /\[ERROR\] Failed to execute goal .*:invoke \(invoke\) on project invoke-function-error: Function invoke-function-error \(amd64\) failed on event default event \{\} \(request [0-9a-f-]{36}\): java\.lang\.IllegalStateException: invoker project says no/
  assert log.contains('    it.Handler.handleRequest(Handler.java:')
  def (rc, containers) = support.run(['docker', 'ps', '-a', '-q', '--filter', 'name=lambda-image-invoke-invoke-function-error-'])
  assert rc == 0 && containers.trim().isEmpty() : "containers left behind: ${containers}"
} finally {
  support.removeImages(basedir)
}
