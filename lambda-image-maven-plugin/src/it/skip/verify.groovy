def log = new File(basedir, 'build.log').text
assert log.contains('[INFO] Skipping lambda-image:build: lambda.skip is true.')
assert log.contains('[INFO] Skipping lambda-image:build: lambda.skip.build is true.')
assert !new File(basedir, 'target/lambda-image').exists()
