#!/usr/bin/env bash
# The project's test command: bring up the test environment (engine, QEMU, registry, offline base
# image; see scripts/env-up.sh), lint the GitHub workflows, then run the Maven build with every
# test. Extra arguments go to Maven.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

bash scripts/env-up.sh
bash scripts/lint-workflows.sh
./mvnw -B verify "$@"
