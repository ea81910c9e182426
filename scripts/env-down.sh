#!/usr/bin/env bash
# Stop what scripts/env-up.sh started (by its pid files): the extra engines (Podman, Docker 26,
# docker-remote and its registry forwarders), the registry and dockerd; unmount the Debian 13
# chroot's mounts and delete docker-remote's network namespace and veth pair. An engine or registry
# env-up did not start is left alone. Images (in the engines) and registry data are kept, so the
# next env-up is fast.
#
# Options:  --purge   also delete env-up's state dir ($LAMBDA_IMAGE_ENV_DIR, default
#                     /var/lib/lambda-image-env: registry data, rootfs tarballs, logs).
#                     Engine images are never deleted.
set -euo pipefail

LOG_PREFIX=env-down
# shellcheck source=scripts/lib-env.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib-env.sh"

PURGE=0
for arg in "$@"; do
  case $arg in
    --purge) PURGE=1 ;;
    -h|--help) sed -n '2,8p' "$0"; exit 0 ;;
    *) die "unknown option: $arg" ;;
  esac
done

# stop NAME PIDFILE EXPECTED_COMM TIMEOUT_SECONDS
stop() {
  local name=$1 pidfile=$2 comm=$3 timeout=$4 pid i
  if ! pid=$(pid_alive "$pidfile"); then
    if [[ -e $pidfile ]]; then log "$name: stale pid file, removing"; rm -f "$pidfile"; else log "$name: not started by env-up, nothing to stop"; fi
    return 0
  fi
  # Guard against pid reuse: only signal the process we expect.
  if [[ $(cat "/proc/$pid/comm" 2>/dev/null) != "$comm" ]]; then
    warn "$name: pid $pid from $pidfile is '$(cat "/proc/$pid/comm" 2>/dev/null)', not $comm; not touching it"
    rm -f "$pidfile"
    return 0
  fi
  log "$name: stopping pid $pid"
  kill -TERM "$pid"
  for ((i = 0; i < timeout * 5; i++)); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.2
  done
  if kill -0 "$pid" 2>/dev/null; then
    warn "$name: pid $pid still running after ${timeout}s; sending KILL"
    kill -KILL "$pid" 2>/dev/null || true
    sleep 1
  fi
  rm -f "$pidfile"
  log "$name: stopped"
}

[[ -d $STATE_DIR ]] || { log "no state dir $STATE_DIR; nothing to do"; exit 0; }

# Do not race a running env-up.
exec 9>"$STATE_DIR/env-up.lock"
flock -w 600 9 || die "env-up holds the lock; try again later"

# The extra engines first: they pull from the registry.
stop podman-5 "$PODMAN_PIDFILE" podman 30
stop docker-26 "$D26_PIDFILE" dockerd 60
stop docker-remote "$REMOTE_PIDFILE" dockerd 60
stop forward-ns "$FORWARD_NS_PIDFILE" socat 5
stop forward-host "$FORWARD_HOST_PIDFILE" socat 5
if [[ -d $TRIXIE_ROOT ]] && awk -v d="$(realpath -m "$TRIXIE_ROOT")" '$2 == d || index($2, d "/") == 1 { f = 1 } END { exit !f }' /proc/mounts; then
  log "unmounting $TRIXIE_ROOT and everything below it"
  unmount_below "$TRIXIE_ROOT"
fi
if [[ -e /run/netns/$REMOTE_NETNS ]]; then
  log "deleting network namespace $REMOTE_NETNS"
  ip netns del "$REMOTE_NETNS"
fi
if ip link show "$REMOTE_VETH_HOST" >/dev/null 2>&1; then ip link del "$REMOTE_VETH_HOST" 2>/dev/null || true; fi
rm -f "$ENGINES_FILE"

stop registry "$REGISTRY_PIDFILE" docker-registry 15
# dockerd stops its containers (default 10 s grace each) and its own containerd.
stop dockerd "$DOCKERD_PIDFILE" dockerd 60

if [[ $PURGE -eq 1 ]]; then
  # Everything env-up started is stopped now; mounts left below the state dir are stale (an engine
  # killed without its clean shutdown leaves its data-root and network-namespace mounts behind).
  if awk -v d="$STATE_DIR/" 'index($2, d) == 1 { found = 1 } END { exit !found }' /proc/mounts; then
    log "unmounting what stopped engines left below $STATE_DIR"
    unmount_below "$STATE_DIR"
  fi
  # Never follow a mount point below the state dir (e.g. a debootstrap chroot's /proc).
  if awk -v d="$STATE_DIR/" 'index($2, d) == 1 { found = 1 } END { exit !found }' /proc/mounts; then
    die "something is mounted below $STATE_DIR; unmount it first"
  fi
  case $STATE_DIR in
    /|/var|/var/lib|"$HOME") die "refusing to delete $STATE_DIR" ;;
  esac
  log "purge: removing $STATE_DIR"
  exec 9>&-
  rm -rf "$STATE_DIR"
fi
log "done"
