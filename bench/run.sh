#!/usr/bin/env bash
# Runs the lambda-image benchmark (see bench/README.md); not part of the test command.
# Usage: bench/run.sh [--runs N] [--arch amd64,arm64] [--scales 10x100k,...|grid|none] [--no-invoke]
#        [--seed N] [--skip-install]; re-render a result: python3 bench/report.py bench/results/<stamp>
set -euo pipefail
cd "$(dirname "$0")/.."
exec python3 bench/bench.py "$@"
