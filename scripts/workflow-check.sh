#!/usr/bin/env bash
# Runs every Maven command line of .github/workflows/deploy.yml and ci.yml as its job would, on a
# clean clone of HEAD, and fails when a job needs what it does not set up (see
# scripts/workflow-check.py). Needs the test environment (scripts/env-up.sh) for the image job.
set -euo pipefail
exec python3 "$(dirname "${BASH_SOURCE[0]}")/workflow-check.py" "$@"
