# shellcheck shell=bash disable=SC2034  # the settings are used by the scripts that source this
# Shared settings and helpers for env-up.sh / env-down.sh / env-check-idempotent.sh.
# Sourced, not executed.

# State (pid files, logs, registry storage, rootfs build work) lives OUTSIDE the repo.
if [[ -z "${LAMBDA_IMAGE_ENV_DIR:-}" ]]; then
  if [[ $(id -u) -eq 0 ]]; then
    LAMBDA_IMAGE_ENV_DIR=/var/lib/lambda-image-env
  else
    LAMBDA_IMAGE_ENV_DIR="${XDG_STATE_HOME:-$HOME/.local/state}/lambda-image-env"
  fi
fi
STATE_DIR=$LAMBDA_IMAGE_ENV_DIR

DOCKERD_PIDFILE=$STATE_DIR/dockerd.pid
DOCKERD_LOG=$STATE_DIR/dockerd.log
# The engine env-up starts when none answers. By default the standard one (socket
# /var/run/docker.sock, data /var/lib/docker). LAMBDA_IMAGE_ENV_DOCKER_SOCK selects a separate
# engine (own data and exec root under the state dir), e.g. to try env-up without touching the
# machine's engine; DOCKER_HOST then points at it for everything env-up runs.
DOCKERD_SOCK=${LAMBDA_IMAGE_ENV_DOCKER_SOCK:-/var/run/docker.sock}
DOCKERD_EXTRA_ARGS=()
DOCKERD_DATA_ROOT=/var/lib/docker
if [[ $DOCKERD_SOCK != /var/run/docker.sock ]]; then
  DOCKERD_DATA_ROOT=$STATE_DIR/docker
  DOCKERD_EXTRA_ARGS=(--data-root="$DOCKERD_DATA_ROOT" --exec-root="$STATE_DIR/exec")
  export DOCKER_HOST=unix://$DOCKERD_SOCK
fi

REGISTRY_ADDR=${LAMBDA_IMAGE_ENV_REGISTRY:-127.0.0.1:5000}
REGISTRY_DIR=$STATE_DIR/registry
REGISTRY_PIDFILE=$STATE_DIR/registry.pid
REGISTRY_LOG=$STATE_DIR/registry.log
REGISTRY_CONFIG=$REGISTRY_DIR/config.yml

BASE_REPO=lambda-image-test/java-base
BASE_TAG=17
BASE_ARCHES=(amd64 arm64)
BASE_WORK=$STATE_DIR/base

# The official-shaped base image (laid out like the AWS Lambda Java base image).
LAMBDA_REPO=lambda/java
LAMBDA_TAG=21
LAMBDA_WORK=$STATE_DIR/lambda-java

REPO_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

# The extra engines (scripts/env-engines.sh), beside the default one:
#  - Debian 13's Docker 26 (containerd image store) and Podman 5, run from a Debian 13 root file
#    system in a chroot, each on a unix socket inside it;
#  - Debian 12's dockerd in a network namespace of its own ("docker-remote"), reached over TCP
#    through a veth pair: NET.1 on this host, NET.2 in the namespace (a /30, default 10.213.0.0;
#    LAMBDA_IMAGE_ENV_REMOTE_NET picks another, e.g. for a second state dir).
TRIXIE_ROOT=$STATE_DIR/trixie/rootfs
TRIXIE_MARK=$TRIXIE_ROOT/.lambda-image-env-complete
D26_SOCK=$TRIXIE_ROOT/run/docker.sock
D26_PIDFILE=$TRIXIE_ROOT/run/docker.pid
D26_LOG=$STATE_DIR/docker-26.log
PODMAN_SOCK=$TRIXIE_ROOT/run/podman/podman.sock
PODMAN_PIDFILE=$STATE_DIR/podman.pid
PODMAN_LOG=$STATE_DIR/podman.log
REMOTE_NET=${LAMBDA_IMAGE_ENV_REMOTE_NET:-10.213.0.0}
[[ $REMOTE_NET =~ ^10\.([0-9]{1,3})\.([0-9]{1,3})\.([0-9]{1,3})$ && $((BASH_REMATCH[3] % 4)) -eq 0 && ${BASH_REMATCH[3]} -le 252 ]] ||
  { printf '[%s] ERROR: LAMBDA_IMAGE_ENV_REMOTE_NET=%s is not the first address of a /30 in 10.0.0.0/8 (e.g. 10.213.0.4)\n' "${LOG_PREFIX:-env}" "$REMOTE_NET" >&2; exit 1; }
REMOTE_HOST_ADDR=${REMOTE_NET%.*}.$((${REMOTE_NET##*.} + 1))
REMOTE_NS_ADDR=${REMOTE_NET%.*}.$((${REMOTE_NET##*.} + 2))
if [[ $REMOTE_NET == 10.213.0.0 ]]; then REMOTE_ID=""; else REMOTE_ID=${REMOTE_NET##*.}; fi
REMOTE_NETNS=lambda-image-remote${REMOTE_ID:+-$REMOTE_ID}
REMOTE_VETH_HOST=lir${REMOTE_ID}-host
REMOTE_VETH_NS=lir${REMOTE_ID}-ns
REMOTE_DIR=$STATE_DIR/remote
REMOTE_PIDFILE=$REMOTE_DIR/dockerd.pid
REMOTE_LOG=$REMOTE_DIR/dockerd.log
REMOTE_URI=tcp://$REMOTE_NS_ADDR:2375
FORWARD_HOST_PIDFILE=$REMOTE_DIR/forward-host.pid
FORWARD_NS_PIDFILE=$REMOTE_DIR/forward-ns.pid
ENGINES_FILE=$STATE_DIR/engines

MT_DOCKER_LIST=application/vnd.docker.distribution.manifest.list.v2+json
MT_OCI_INDEX=application/vnd.oci.image.index.v1+json
MT_DOCKER_V2=application/vnd.docker.distribution.manifest.v2+json
MT_OCI_MANIFEST=application/vnd.oci.image.manifest.v1+json

LOG_PREFIX=${LOG_PREFIX:-env}

log()  { printf '[%s] %s\n' "$LOG_PREFIX" "$*" >&2; }
warn() { printf '[%s] WARNING: %s\n' "$LOG_PREFIX" "$*" >&2; }
die()  { printf '[%s] ERROR: %s\n' "$LOG_PREFIX" "$*" >&2; exit 1; }

# pid_alive PIDFILE -> prints pid and returns 0 if the process in PIDFILE is running.
pid_alive() {
  local f=$1 pid
  [[ -s $f ]] || return 1
  pid=$(tr -dc '0-9' <"$f")
  [[ -n $pid ]] || return 1
  kill -0 "$pid" 2>/dev/null || return 1
  printf '%s\n' "$pid"
}

# Mount points below a directory, deepest first.
unmount_below() {
  local d m
  d=$(realpath -m "$1")
  awk -v d="$d" '$2 == d || index($2, d "/") == 1 { print $2 }' /proc/mounts | sort -r | while read -r m; do
    umount -l "$m" 2>/dev/null || true
  done
}
