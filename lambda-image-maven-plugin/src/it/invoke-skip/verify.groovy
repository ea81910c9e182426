def log = new File(basedir, 'build.log').text
assert log.contains('[INFO] Skipping lambda-image:invoke: lambda.skip.invoke is true.')
assert log.contains('[INFO] Skipping lambda-image:invoke: lambda.skip is true.')
assert log.contains('[INFO] Skipping lambda-image:invoke: skipTests is true and invoking the function is a test.')
assert log.contains('[INFO] Skipping lambda-image:invoke: maven.test.skip is true and invoking the function is a test.')
