def support = evaluate(new File(basedir, '../it-parent/support.groovy'))
try {
  def log = support.buildLog(basedir)
  assert log =~ /\[INFO\] \[labels-and-environment amd64\] Response to hello\.json \(\d+ ms\): "hej Ada, credentials: false"/
  def record = support.record(basedir, 'amd64')
  def labels = support.inspect("${record.repository}:${record.tag}".toString()).labels
  assert labels['com.example.team'] == 'payments'
  assert labels['org.opencontainers.image.vendor'] == 'Example Corp'
  assert labels['io.github.lambdaimage.architecture'] == 'amd64'
} finally {
  support.removeImages(basedir)
}
