#!/usr/bin/env bash
# The project's test command: bring up the test environment (engines, QEMU, registry, offline base
# images; see scripts/env-up.sh), lint the GitHub workflows, then run the Maven build with every
# test. Extra arguments go to Maven.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

bash scripts/env-up.sh
bash scripts/lint-workflows.sh
# The reference handler builds (and invokes) both architectures in the default `official` runtime
# mode on the test environment's official-shaped base (laid out like the AWS Lambda Java base image,
# which public registries would serve); custom mode has its own tests.
./mvnw -B verify \
  -Dlambda.arch=amd64,arm64 \
  -Dlambda.baseImage=127.0.0.1:5000/lambda/java:21 \
  "$@"

# The committed goal/parameter reference must match the plugins just built.
python3 scripts/plugin-reference.py --check
