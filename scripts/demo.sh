#!/usr/bin/env bash
# The main job, from a fresh machine: bring up the environment (engines, QEMU, registry, offline
# base images), then build the reference handler's image for amd64 and arm64 on this host in the
# default `official` runtime mode, on the test environment's official-shaped Lambda Java base
# image, and invoke both through the Lambda Runtime API. Extra arguments go to Maven.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

bash scripts/env-up.sh

./mvnw -B verify -pl handler -am \
  -DskipTests -Dinvoker.skip=true \
  -Dlambda.arch=amd64,arm64 \
  -Dlambda.baseImage=127.0.0.1:5000/lambda/java:21 \
  "$@"

echo
echo "demo: images built and invoked; their records:"
for record in handler/target/lambda-image/*/image.json; do
  echo "--- ${record}"
  cat "${record}"
done
