#!/usr/bin/env bash
# The project's test command: bring up the test environment (engine, QEMU, registry, offline base
# image; see scripts/env-up.sh), lint the GitHub workflows, then run the Maven build with every
# test, then check the release bundle. Extra arguments go to Maven.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

bash scripts/env-up.sh
bash scripts/lint-workflows.sh
# The reference handler builds (and invokes) both architectures on the offline base image; with
# internet access it would default to the official Lambda base image instead.
./mvnw -B verify \
  -Dlambda.arch=amd64,arm64 \
  -Dlambda.runtime=custom \
  -Dlambda.baseImage=127.0.0.1:5000/lambda-image-test/java-base:17 \
  "$@"

# The Maven Central bundle: built and signed with a throwaway key, nothing uploaded, then checked.
bash scripts/release-check.sh

# The committed goal/parameter reference must match the plugins just built.
python3 scripts/plugin-reference.py --check
