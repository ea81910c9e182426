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
