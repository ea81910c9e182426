#!/usr/bin/env bash
# Checks that scripts/env-up.sh is idempotent: run it (bringing the environment up if needed),
# then run it again and assert the second run started, installed, built, pushed and published
# nothing, and that the engine's base images, the registry's index and the daemons' pids are
# unchanged. Fast when the environment is already up (two warm runs).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

LOG_PREFIX=env-check
# shellcheck source=scripts/lib-env.sh
source scripts/lib-env.sh

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

snapshot() { # the facts a rebuild or restart would change
  local a
  for a in "${BASE_ARCHES[@]}"; do
    echo "image $a $(docker image inspect --format '{{.Id}}' "$REGISTRY_ADDR/$BASE_REPO:$BASE_TAG-$a" 2>/dev/null || echo missing)"
  done
  for a in "$BASE_REPO:$BASE_TAG" "$LAMBDA_REPO:$LAMBDA_TAG"; do
    echo "index $a $(curl -s -o /dev/null -D - \
      -H "Accept: $MT_DOCKER_LIST, $MT_OCI_INDEX" "http://$REGISTRY_ADDR/v2/${a%:*}/manifests/${a##*:}" |
      tr -d '\r' | awk -F': ' 'tolower($1) == "docker-content-digest" { print $2 }')"
  done
  for a in DOCKERD REGISTRY D26 PODMAN REMOTE FORWARD_HOST FORWARD_NS; do
    local f=${a}_PIDFILE
    echo "$a $(cat "${!f}" 2>/dev/null || echo not-ours)"
  done
  cat "$ENGINES_FILE" 2>/dev/null
}

log "first run"
bash scripts/env-up.sh "$@" 2>&1 | tee "$tmp/first.log" >&2
snapshot >"$tmp/before"

log "second run"
bash scripts/env-up.sh "$@" 2>&1 | tee "$tmp/second.log" >&2
snapshot >"$tmp/after"

fail=0
# Anything that does work instead of reusing it.
if grep -E '\[env-up\] (.*: )?(starting |apt-get |mounting |update-binfmts |registering |debootstrap |docker build |docker push |published index|wrote /|creating network namespace|forwarding |runtime interface client)' "$tmp/second.log" >"$tmp/work"; then
  log "FAIL: the second run did work:"
  sed 's/^/    /' "$tmp/work" >&2
  fail=1
fi
for expected in 'reuse: engine already answers' 'reuse: qemu-' 'reuse: registry' 'skip: index' \
    'reuse: Debian 13 root file system' 'reuse: docker 26' 'reuse: podman' 'reuse: docker-remote'; do
  if [[ $expected == 'skip: index' && " $* " == *" --no-base-image "* ]]; then continue; fi
  if [[ $expected == 'reuse: '[Ddp]* && ( " $* " == *" --no-base-image "* || " $* " == *" --default-engine-only "* ) ]]; then continue; fi
  grep -qF "$expected" "$tmp/second.log" || { log "FAIL: the second run did not log '$expected'"; fail=1; }
done
if ! diff -u "$tmp/before" "$tmp/after" >"$tmp/diff"; then
  log "FAIL: state changed between the runs:"
  sed 's/^/    /' "$tmp/diff" >&2
  fail=1
fi
total=$(sed -n 's/^\[env-up\] total *\([0-9.]*\)s$/\1/p' "$tmp/second.log")
sed 's/^/    /' "$tmp/after" >&2
if [[ $fail -ne 0 ]]; then
  log "FAILED"
  exit 1
fi
log "OK: second run reused everything (${total}s)"
