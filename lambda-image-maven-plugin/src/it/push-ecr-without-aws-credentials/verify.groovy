def support = evaluate(new File(basedir, '../it-parent/support.groovy'))
try {
  def log = support.buildLog(basedir)
  def registry = '123456789012.dkr.ecr.eu-west-1.amazonaws.com'
  assert log.contains("Cannot get an Amazon ECR token for ${registry} (GetAuthorizationToken in eu-west-1 with the AWS default credentials chain): ")
  assert log.contains('Provide AWS credentials (AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, AWS_PROFILE, or a role)')
  // The SDK was found and started: its own credentials message, no class loading failure.
  assert log.contains('Unable to load credentials from any of the providers in the chain')
  assert !log.contains('NoClassDefFoundError')
  assert !log.contains('Cannot load the AWS SDK')
  assert support.record(basedir, 'amd64').digest == null
} finally {
  support.removeImages(basedir)
}
