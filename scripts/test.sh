#!/usr/bin/env bash
# The project's test command: bring up the test environment (engines, QEMU, registry, offline base
# images; see scripts/env-up.sh), lint the GitHub workflows and run their Maven command lines as
# their jobs would (scripts/workflow-check.sh), then run the Maven build with every test, then
# check the release bundle. Extra arguments go to Maven.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

# CI brings the environment up as root in a step of its own and runs the rest as the runner's user
# (LAMBDA_IMAGE_ENV_READY=true), so Maven uses that user's ~/.m2.
if [[ ${LAMBDA_IMAGE_ENV_READY:-} != true ]]; then
  bash scripts/env-up.sh
fi
bash scripts/lint-workflows.sh
# Every Maven command line of the workflows, as its job would run it, on a clean clone of HEAD.
bash scripts/workflow-check.sh
# The reference handler builds (and invokes) both architectures in the default `official` runtime
# mode on the test environment's official-shaped base (laid out like the AWS Lambda Java base image,
# which public registries would serve); custom mode has its own tests.
./mvnw -B verify \
  -Dlambda.arch=amd64,arm64 \
  -Dlambda.baseImage=127.0.0.1:5000/lambda/java:21 \
  "$@"

# The Maven Central bundle: built and signed with a throwaway key, nothing uploaded, then checked.
bash scripts/release-check.sh

# The committed goal/parameter reference must match the plugins just built.
python3 scripts/plugin-reference.py --check
