def support = evaluate(new File(basedir, '../it-parent/support.groovy'))
try {
  def log = support.buildLog(basedir)
  assert log =~ /\[INFO\] \[invoke-answers amd64\] Response to 1-first\.json \(\d+ ms\): "ok from amd64 for first"/
  assert log =~ /\[INFO\] \[invoke-answers amd64\] Response to 2-second\.json \(\d+ ms\): "ok from amd64 for second"/
  assert log =~ /\[INFO\] \[invoke-answers amd64\] Init \d+ ms \(container start to first \/invocation\/next\), 1-first\.json \d+ ms \(cold\), 2-second\.json \d+ ms \(warm\); native amd64/
  def (rc, containers) = support.run(['docker', 'ps', '-a', '-q', '--filter', 'name=lambda-image-invoke-invoke-answers-'])
  assert rc == 0 && containers.trim().isEmpty() : "containers left behind: ${containers}"
} finally {
  support.removeImages(basedir)
}
