#!/usr/bin/env bash
# Runs the lambda-image benchmark (see bench/README.md); not part of the test command.
# Usage: bench/run.sh [--runs N] [--arch amd64,arm64] [--no-invoke] [--skip-install]
set -euo pipefail
cd "$(dirname "$0")/.."
exec python3 bench/bench.py "$@"
