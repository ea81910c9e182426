#!/usr/bin/env bash
# The project's test command: bring up the test environment (engine, QEMU, registry, offline base
# image; see scripts/env-up.sh), then run the Maven build. Extra arguments go to Maven.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

bash scripts/env-up.sh
./mvnw -B verify "$@"
