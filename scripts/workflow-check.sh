#!/usr/bin/env bash
# Runs every Maven command line of .github/workflows/deploy.yml and ci.yml as its job would, on a
# clean clone of HEAD, and fails when a job needs what it does not set up (see
# scripts/workflow-check.py). Needs the test environment (scripts/env-up.sh) for the image job.
set -euo pipefail
# The check reads the workflows with PyYAML. Use a Python that has it: the one on PATH, else
# Debian's (installing python3-yaml as root on Debian/Ubuntu when neither has it).
py=python3
if ! "$py" -c 'import yaml' 2>/dev/null; then
  if ! /usr/bin/python3 -c 'import yaml' 2>/dev/null && [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null; then
    echo "workflow-check: installing python3-yaml" >&2
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-yaml >/dev/null
  fi
  if /usr/bin/python3 -c 'import yaml' 2>/dev/null; then py=/usr/bin/python3; fi
fi
exec "$py" "$(dirname "${BASH_SOURCE[0]}")/workflow-check.py" "$@"
