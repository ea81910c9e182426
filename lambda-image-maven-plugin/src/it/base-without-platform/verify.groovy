def log = new File(basedir, 'build.log').text
assert log.contains('[ERROR] Failed to execute goal io.github.lambdaimage:lambda-image-maven-plugin:')
assert log =~ /Base image [^ ]+\/lambda-image-test\/java-base:17-amd64 has no linux\/arm64 image: it is a single-platform image for linux\/amd64\. Use a multi-platform base image, or one built for linux\/arm64\./
assert !new File(basedir, 'target/lambda-image/arm64/image.json').exists()
