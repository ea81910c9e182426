def log = new File(basedir, 'build.log').text
assert log.contains('on project invoke-without-image: No arm64 image to invoke: No image record at ')
assert log.contains('target/lambda-image/arm64/image.json; build the image first, e.g. ./mvnw package -Dlambda.arch=<arch>. lambda-image:invoke runs after lambda-image:build in the same build.')
