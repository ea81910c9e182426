def log = new File(basedir, 'build.log').text
assert log.contains('on project engine-per-architecture-alias: <dockerHosts><aarch64> names arm64 by an alias; per-architecture settings use the names amd64 and arm64: rename it <dockerHosts><arm64>. -> [Help 1]')
assert !new File(basedir, 'target/lambda-image/amd64/image.json').exists()
