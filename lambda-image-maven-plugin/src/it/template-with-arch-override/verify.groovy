def it = evaluate(new File(basedir, '../it-parent/support.groovy'))
try {
  def amd64 = it.record(basedir, 'amd64')
  def amd64Image = it.inspect("${amd64.repository}:${amd64.tag}")
  assert amd64Image.platform == 'linux/amd64'
  assert amd64Image.labels['it.template'] == 'project'
  assert amd64Image.labels['it.team'] == 'payments'
  assert amd64Image.labels['it.lambda-architecture'] == 'x86_64'

  def arm64 = it.record(basedir, 'arm64')
  def arm64Image = it.inspect("${arm64.repository}:${arm64.tag}")
  assert arm64Image.platform == 'linux/arm64'
  assert arm64Image.labels['it.template'] == 'arm64-override'

  def rendered = new File(basedir, 'target/lambda-image/amd64/context/Dockerfile').text
  assert rendered.startsWith('# Project template: payments owns it; ${HOME} and $PATH are Dockerfile syntax')
  assert rendered.contains('ENV IT_PATH=$PATH:/opt/it\n')
  assert rendered.contains('COPY runtime/ /var/runtime/lib/\n')
  assert new File(basedir, 'target/lambda-image/arm64/context/Dockerfile').text
      .startsWith('# arm64 only: overrides Dockerfile for this architecture.\nFROM --platform=linux/arm64 ')
} finally {
  it.removeImages(basedir)
}
