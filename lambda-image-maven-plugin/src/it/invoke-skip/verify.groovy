def log = new File(basedir, 'build.log').text
assert log.contains('[INFO] Skipping lambda-image:invoke: lambda.skip.invoke is true.')
assert log.contains('[INFO] Skipping lambda-image:invoke: lambda.skip is true.')
