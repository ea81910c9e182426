def log = new File(basedir, 'build.log').text
assert log.contains("[ERROR] Failed to execute goal io.github.lambdaimage:lambda-image-maven-plugin:")
assert log.contains("Invalid <arch> (property lambda.arch): Architecture list 'x86': Unknown architecture 'x86'; accepted values: amd64 (alias x86_64), arm64 (alias aarch64); did you mean 'amd64'? -> [Help 1]")
assert log.contains("Invalid <arch> (property lambda.arch): Architecture list 'ARM64': Unknown architecture 'ARM64'; accepted values: amd64 (alias x86_64), arm64 (alias aarch64); did you mean 'arm64'? Names are lower case. -> [Help 1]")
assert !new File(basedir, 'target/lambda-image').exists()
