import groovy.json.JsonSlurper

def log = new File(basedir, 'build.log').text
assert log.contains('[arm64] Failed: Cannot reach the Docker Engine at tcp://127.0.0.1:1 (chosen by <dockerHosts><arm64>): ConnectException: Connection refused. Start that engine or make it reachable from this machine, or point <dockerHosts><arm64> at a running one (without it, this architecture uses DOCKER_HOST\'s engine).')
assert log =~ /\[amd64\] Engine \S+ \(chosen by [^)]*\): .*; amd64 runs /
assert !new File(basedir, 'target/lambda-image/arm64/image.json').exists()
def amd64 = new JsonSlurper().parse(new File(basedir, 'target/lambda-image/amd64/image.json'))
assert amd64.verifiedArchitecture == 'amd64'
assert amd64.engine != null && !amd64.engine.contains('127.0.0.1:1')
def index = new JsonSlurper().parse(new File(basedir, 'target/lambda-image/images.json'))
assert index.images*.architecture == ['amd64']
evaluate(new File(basedir, '../it-parent/support.groovy')).removeImages(basedir)
