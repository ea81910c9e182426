def support = evaluate(new File(basedir, '../it-parent/support.groovy'))
try {
  def log = support.buildLog(basedir)
  assert log =~ /Lambda endpoint http:\/\/127\.0\.0\.1:\d+ serves endpoint-stops-after-failing-tests \(at most 1 container\(s\) each\)/
  assert log.contains('endpoint answered: "ok from amd64 for it"')
  def stopped = log.indexOf('Stopped the Lambda endpoint http://127.0.0.1:')
  def failed = log.indexOf('There are test failures')
  assert stopped > 0 && log.contains('and removed its 1 container(s).')
  assert failed > stopped : 'failsafe:verify fails the build after lambda-image:stop ran'
  def (rc, containers) = support.run(['docker', 'ps', '-a', '-q', '--filter', 'name=lambda-image-invoke-endpoint-stops-after-failing-tests-'])
  assert rc == 0 && containers.trim().isEmpty() : "containers left behind: ${containers}"
} finally {
  support.removeImages(basedir)
}
