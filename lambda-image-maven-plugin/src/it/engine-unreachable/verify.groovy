def log = new File(basedir, 'build.log').text
assert log.contains("on project engine-unreachable: Cannot reach the Docker Engine at tcp://127.0.0.1:1 (chosen by DOCKER_HOST): ConnectException: Connection refused. Start")
assert log.contains('Start an engine (Docker Desktop, colima or Podman on a laptop; `sudo dockerd` on Linux), or point DOCKER_HOST at a running one, e.g. DOCKER_HOST=unix:///var/run/docker.sock. To build without images (e.g. on a machine without Docker), skip the lambda-image goals with -Dlambda.skip=true. -> [Help 1]')
assert !new File(basedir, 'target/lambda-image/amd64/image.json').exists()
