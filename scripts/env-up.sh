#!/usr/bin/env bash
# Bring up the lambda-image test environment on this machine, idempotently:
#   1. a Docker Engine (reuse DOCKER_HOST/context if it answers, else start Debian's dockerd as root)
#   2. arm64 emulation (qemu-user-static registered in binfmt_misc with the fix-binary F flag)
#   3. a local registry on 127.0.0.1:5000 (Debian's docker-registry, no auth, deletes enabled)
#   4. an offline Debian 12 + OpenJDK 17 JRE base image per architecture, built with debootstrap,
#      pushed as 127.0.0.1:5000/lambda-image-test/java-base:17-{amd64,arm64} and a multi-arch
#      index 127.0.0.1:5000/lambda-image-test/java-base:17
#   5. on it, an image laid out like the AWS Lambda Java base image: 127.0.0.1:5000/lambda/java:21
#   6. a smoke test of both architectures
#   7. the extra engines (scripts/env-engines.sh): Debian 13's Docker 26 with the containerd image
#      store and Podman 5, from a debootstrapped Debian 13 in a chroot; Debian 12's dockerd in a
#      network namespace, over TCP ("docker-remote"). scripts/engines.sh lists all engines.
# Every step is skipped when its result already exists. State lives in $LAMBDA_IMAGE_ENV_DIR
# (default /var/lib/lambda-image-env), never in the repository.
#
# Options:  --no-base-image         stop after steps 1-3 (implies --default-engine-only)
#           --rebuild-base          ignore cached rootfs tarballs/images and rebuild the base images
#           --default-engine-only   skip step 7
# Env:      LAMBDA_IMAGE_ENV_DIR, LAMBDA_IMAGE_ENV_MIRROR (Debian mirror URI; default: from apt config),
#           LAMBDA_IMAGE_ENV_DOCKER_SOCK (start a separate default engine on this socket),
#           LAMBDA_IMAGE_ENV_REGISTRY (registry address, default 127.0.0.1:5000),
#           LAMBDA_IMAGE_ENV_REMOTE_NET (docker-remote's /30, default 10.213.0.0)
set -euo pipefail

LOG_PREFIX=env-up
# shellcheck source=scripts/lib-env.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib-env.sh"
# shellcheck source=scripts/env-engines.sh
source "$(dirname "${BASH_SOURCE[0]}")/env-engines.sh"

WANT_BASE=1
REBUILD_BASE=0
WANT_EXTRA_ENGINES=1
for arg in "$@"; do
  case $arg in
    --no-base-image) WANT_BASE=0 WANT_EXTRA_ENGINES=0 ;;
    --rebuild-base) REBUILD_BASE=1 ;;
    --default-engine-only) WANT_EXTRA_ENGINES=0 ;;
    -h|--help) awk 'NR > 1 && !/^#/ { exit } NR > 1' "$0"; exit 0 ;;
    *) die "unknown option: $arg" ;;
  esac
done

IS_ROOT=0; [[ $(id -u) -eq 0 ]] && IS_ROOT=1
BASE_INDEX_DIGEST=""
export DEBIAN_FRONTEND=noninteractive

# ---------------------------------------------------------------- timing / summary
STEP_NAMES=()
STEP_SECS=()
T_START=$(date +%s.%N)
declare -A SUMMARY=()
SUMMARY_KEYS=()
note() { # note KEY VALUE: remembered for the final summary
  [[ -n ${SUMMARY[$1]+x} ]] || SUMMARY_KEYS+=("$1")
  SUMMARY[$1]=$2
}
elapsed() { awk -v a="$1" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }'; }
step() { # step NAME FUNCTION: run and time one step
  local name=$1 fn=$2 t0
  t0=$(date +%s.%N)
  log "== step $name"
  "$fn"
  STEP_NAMES+=("$name")
  STEP_SECS+=("$(elapsed "$t0")")
  log "== step $name done in ${STEP_SECS[-1]}s"
}
print_summary() {
  local rc=$? i k
  {
    echo "[env-up] ---------------------------------------------------------------- summary"
    for k in "${SUMMARY_KEYS[@]}"; do printf '[env-up] %-22s %s\n' "$k" "${SUMMARY[$k]}"; done
    for i in "${!STEP_NAMES[@]}"; do printf '[env-up] step %-17s %6ss\n' "${STEP_NAMES[$i]}" "${STEP_SECS[$i]}"; done
    printf '[env-up] %-22s %6ss\n' "total" "$(elapsed "$T_START")"
    if [[ $rc -eq 0 ]]; then echo "[env-up] OK"; else echo "[env-up] FAILED (exit $rc)"; fi
  } >&2
}
trap print_summary EXIT

# ---------------------------------------------------------------- apt helpers
APT_UPDATED=0
is_debian_like() { [[ -r /etc/debian_version ]] && command -v apt-get >/dev/null; }
pkg_installed() { [[ $(dpkg-query -W -f='${Status}' "$1" 2>/dev/null) == "install ok installed" ]]; }
ensure_pkgs() { # ensure_pkgs PKG...: apt-get install the missing ones (apt-get update once per run)
  local missing=() p
  command -v dpkg-query >/dev/null || return 0 # not Debian/Ubuntu: the commands must be there already
  for p in "$@"; do pkg_installed "$p" || missing+=("$p"); done
  [[ ${#missing[@]} -eq 0 ]] && return 0
  if [[ $IS_ROOT -ne 1 ]] || ! is_debian_like; then die "missing packages: ${missing[*]} (install them as root: apt-get install ${missing[*]})"; fi
  if [[ $APT_UPDATED -eq 0 ]]; then
    log "apt-get update"
    apt-get update -qq >/dev/null
    APT_UPDATED=1
  fi
  log "apt-get install ${missing[*]}"
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

mkdir -p "$STATE_DIR" 2>/dev/null || die "cannot create the state dir $STATE_DIR; set LAMBDA_IMAGE_ENV_DIR to a writable directory"
ensure_pkgs curl jq ca-certificates
for c in curl jq docker flock; do
  if [[ $c == docker ]] && ! command -v docker >/dev/null; then ensure_pkgs docker.io; fi
  command -v "$c" >/dev/null || die "$c is required"
done

# Serialize concurrent runs (several test runs may start at once).
exec 9>"$STATE_DIR/env-up.lock"
if ! flock -n 9; then
  log "another env-up is running; waiting for its lock"
  flock 9
fi

# ---------------------------------------------------------------- 1. engine
engine_reachable() { timeout 20 docker version --format '{{.Server.Version}}' >/dev/null 2>&1; }

overlay2_works() { # mount a throw-away overlay on the filesystem of /var/lib/docker
  local d
  mkdir -p "$DOCKERD_DATA_ROOT"
  d=$(mktemp -d "$DOCKERD_DATA_ROOT/.overlay-probe.XXXXXX")
  mkdir -p "$d"/{lower,upper,work,merged}
  local ok=1
  mount -t overlay overlay -o "lowerdir=$d/lower,upperdir=$d/upper,workdir=$d/work" "$d/merged" 2>/dev/null && ok=0
  [[ $ok -eq 0 ]] && umount "$d/merged"
  rm -rf "$d"
  return $ok
}

start_dockerd() { # start_dockerd DRIVER: returns non-zero if /_ping does not answer in time
  local driver=$1 i
  log "starting dockerd (storage driver $driver, no iptables, no bridge); log $DOCKERD_LOG"
  {
    echo "---- $(date -Is) env-up starting dockerd --storage-driver=$driver"
  } >>"$DOCKERD_LOG"
  setsid nohup dockerd \
    --host="unix://$DOCKERD_SOCK" \
    --pidfile="$DOCKERD_PIDFILE" \
    --iptables=false --ip-masq=false --bridge=none \
    --storage-driver="$driver" \
    "${DOCKERD_EXTRA_ARGS[@]}" \
    >>"$DOCKERD_LOG" 2>&1 </dev/null 9>&- &
  local starter=$!
  for ((i = 0; i < 120; i++)); do
    if [[ $(curl -s --max-time 2 --unix-socket "$DOCKERD_SOCK" http://localhost/_ping 2>/dev/null) == OK ]]; then
      return 0
    fi
    kill -0 "$starter" 2>/dev/null || break
    sleep 0.5
  done
  warn "dockerd did not answer /_ping; last lines of $DOCKERD_LOG:"
  tail -n 25 "$DOCKERD_LOG" >&2 || true
  if kill -0 "$starter" 2>/dev/null; then kill "$starter" 2>/dev/null || true; sleep 2; fi
  return 1
}

step_engine() {
  if engine_reachable; then
    log "reuse: engine already answers"
  else
    if [[ -n ${DOCKER_HOST:-} && ${DOCKER_HOST} != "unix://$DOCKERD_SOCK" ]]; then
      die "DOCKER_HOST=$DOCKER_HOST does not answer; start that engine or unset DOCKER_HOST"
    fi
    local ctx
    ctx=$(docker context show 2>/dev/null || echo default)
    [[ -z ${DOCKER_HOST:-} && $ctx != default ]] && die "docker context '$ctx' does not answer; start it or run 'docker context use default'"
    if [[ $IS_ROOT -ne 1 ]] || ! is_debian_like; then
      die "no Docker Engine reachable. Either run this script as root on Debian/Ubuntu (sudo bash scripts/env-up.sh: it installs docker.io and starts dockerd), or install and start a Docker Engine yourself and make it reachable (DOCKER_HOST, docker context, or membership in the docker group)."
    fi
    if pid=$(pid_alive "$DOCKERD_PIDFILE"); then
      die "dockerd (pid $pid, started by env-up) runs but does not answer; see $DOCKERD_LOG or run scripts/env-down.sh"
    fi
    command -v dockerd >/dev/null || ensure_pkgs docker.io
    pkg_installed docker.io || ensure_pkgs docker.io
    if [[ -S /run/containerd/containerd.sock ]]; then
      log "a system containerd socket exists; dockerd will use it"
    else
      log "no system containerd; dockerd will start and supervise its own containerd"
    fi
    local driver=overlay2
    if ! overlay2_works; then
      warn "overlay2 probe mount failed on $(df --output=fstype "$DOCKERD_DATA_ROOT" | tail -1); falling back to the vfs storage driver (slow, large)"
      driver=vfs
    fi
    if ! start_dockerd "$driver"; then
      if [[ $driver == overlay2 ]] && grep -qiE 'overlay|storage.driver|graphdriver' <(tail -n 40 "$DOCKERD_LOG"); then
        warn "dockerd failed with overlay2; retrying with the vfs storage driver"
        start_dockerd vfs || die "dockerd did not start (see $DOCKERD_LOG)"
      else
        die "dockerd did not start (see $DOCKERD_LOG)"
      fi
    fi
    log "dockerd up, pid $(cat "$DOCKERD_PIDFILE")"
  fi
  # containerd: the one dockerd supervises (child of dockerd) or a system one.
  local dpid
  if dpid=$(pid_alive "$DOCKERD_PIDFILE"); then
    if pgrep -P "$dpid" -x containerd >/dev/null 2>&1; then
      note containerd "managed by dockerd (pid $(pgrep -P "$dpid" -x containerd | head -1))"
    else
      note containerd "system containerd"
    fi
    note "engine started by" "env-up (dockerd pid $dpid, log $DOCKERD_LOG)"
  else
    note "engine started by" "someone else (reused)"
  fi
  local ver driver endpoint
  ver=$(docker version --format '{{.Server.Version}} (API {{.Server.APIVersion}}, {{.Server.Os}}/{{.Server.Arch}})')
  driver=$(docker info --format '{{.Driver}}' 2>/dev/null || echo '?')
  endpoint=${DOCKER_HOST:-$(docker context inspect --format '{{.Endpoints.docker.Host}}' 2>/dev/null || echo "unix://$DOCKERD_SOCK")}
  note engine "$ver, storage $driver"
  note endpoint "$endpoint"
  DEFAULT_ENDPOINT=$endpoint
}

# ---------------------------------------------------------------- 2. emulation
# The foreign architecture's interpreter must be registered with the fix-binary flag F: the
# kernel then opens it at registration time, so containers and chroots need no copy of it.
BINFMT_DIR=/proc/sys/fs/binfmt_misc
case $(uname -m) in
  x86_64) QEMU_NAME=qemu-aarch64 ;;
  aarch64) QEMU_NAME=qemu-x86_64 ;;
  *) die "unsupported host architecture $(uname -m)" ;;
esac
QEMU_ENTRY=$BINFMT_DIR/$QEMU_NAME

qemu_flags() { sed -n 's/^flags: *//p' "$QEMU_ENTRY" 2>/dev/null; }
qemu_ok() { [[ -e $QEMU_ENTRY ]] && [[ $(head -1 "$QEMU_ENTRY") == enabled ]] && [[ $(qemu_flags) == *F* ]]; }

register_qemu() {
  if [[ -r /usr/share/binfmts/$QEMU_NAME ]] && grep -q '^fix_binary yes' "/usr/share/binfmts/$QEMU_NAME"; then
    # binfmt-support format (Debian's qemu-user-static ships it with fix_binary yes)
    if ! update-binfmts --display "$QEMU_NAME" >/dev/null 2>&1; then
      log "update-binfmts --import $QEMU_NAME"
      update-binfmts --import "$QEMU_NAME"
    fi
    log "update-binfmts --enable $QEMU_NAME"
    update-binfmts --enable "$QEMU_NAME"
  else
    # systemd binfmt.d format (:name:type:offset:magic:mask:interpreter:flags); force the F flag
    local conf line
    conf=$(find /usr/lib/binfmt.d -maxdepth 1 -name "$QEMU_NAME*.conf" 2>/dev/null | sort | head -1)
    [[ -n $conf ]] || die "no binfmt definition for $QEMU_NAME (neither /usr/share/binfmts/$QEMU_NAME nor /usr/lib/binfmt.d/$QEMU_NAME*.conf)"
    line=$(grep -v '^[[:space:]]*#' "$conf" | grep -m1 ':')
    line=":$QEMU_NAME:${line#:*:}"
    [[ ${line##*:} == *F* ]] || line="${line}F"
    log "registering $QEMU_NAME from $conf with the F flag"
    printf '%s' "$line" >"$BINFMT_DIR/register"
  fi
}

step_emulation() {
  if [[ $(uname -s) != Linux ]]; then
    log "host is $(uname -s): relying on the engine's own emulation (checked by the verify step)"
    note qemu "engine's own (host $(uname -s))"
    return 0
  fi
  if [[ -e $BINFMT_DIR/status ]] && qemu_ok; then
    log "reuse: $QEMU_NAME registered, flags $(qemu_flags)"
    note qemu "$QEMU_NAME enabled, flags $(qemu_flags)"
    return 0
  fi
  [[ $IS_ROOT -eq 1 ]] || die "$QEMU_NAME is not registered in binfmt_misc with the F flag; as root run: apt-get install qemu-user-static binfmt-support && update-binfmts --enable $QEMU_NAME"
  ensure_pkgs qemu-user-static binfmt-support
  if [[ ! -e $BINFMT_DIR/status ]]; then
    log "mounting binfmt_misc at $BINFMT_DIR"
    mount -t binfmt_misc binfmt_misc "$BINFMT_DIR"
  fi
  [[ $(cat "$BINFMT_DIR/status") == enabled ]] || echo 1 >"$BINFMT_DIR/status"
  if [[ -e $QEMU_ENTRY ]] && [[ $(qemu_flags) != *F* ]]; then
    log "$QEMU_NAME registered without the F flag (flags '$(qemu_flags)'); removing it to re-register"
    echo -1 >"$QEMU_ENTRY"
  fi
  if [[ ! -e $QEMU_ENTRY ]]; then
    register_qemu
  elif [[ $(head -1 "$QEMU_ENTRY") != enabled ]]; then
    log "enabling $QEMU_NAME"
    echo 1 >"$QEMU_ENTRY"
  fi
  qemu_ok || die "$QEMU_NAME still not enabled with the F flag: $(tr '\n' ' ' <"$QEMU_ENTRY" 2>/dev/null || echo missing)"
  log "$QEMU_NAME enabled, flags $(qemu_flags), interpreter $(sed -n 's/^interpreter //p' "$QEMU_ENTRY")"
  note qemu "$QEMU_NAME enabled, flags $(qemu_flags)"
}

# ---------------------------------------------------------------- 3. registry
REGISTRY_URL=http://$REGISTRY_ADDR
registry_ok() { [[ $(curl -s -o /dev/null -w '%{http_code}' --max-time 3 "$REGISTRY_URL/v2/" 2>/dev/null) == 200 ]]; }

write_registry_config() {
  local tmp
  mkdir -p "$REGISTRY_DIR/data"
  tmp=$(mktemp "$REGISTRY_DIR/.config.XXXXXX")
  cat >"$tmp" <<EOF
# Written by lambda-image scripts/env-up.sh. Test registry: loopback only, no auth.
version: 0.1
log:
  level: info
  fields:
    service: lambda-image-test-registry
storage:
  filesystem:
    rootdirectory: $REGISTRY_DIR/data
  delete:
    enabled: true
  cache:
    blobdescriptor: inmemory
http:
  addr: $REGISTRY_ADDR
  headers:
    X-Content-Type-Options: [nosniff]
EOF
  if cmp -s "$tmp" "$REGISTRY_CONFIG"; then rm -f "$tmp"; else mv "$tmp" "$REGISTRY_CONFIG"; log "wrote $REGISTRY_CONFIG"; fi
}

step_registry() {
  local pid
  # Push tests also start private registries of their own, with htpasswd authentication.
  if [[ $IS_ROOT -eq 1 ]]; then ensure_pkgs docker-registry apache2-utils; fi
  if registry_ok; then
    if pid=$(pid_alive "$REGISTRY_PIDFILE"); then
      log "reuse: registry (pid $pid) answers on $REGISTRY_URL"
      note registry "$REGISTRY_URL (pid $pid, data $REGISTRY_DIR/data)"
    else
      log "reuse: something else already serves a registry on $REGISTRY_URL"
      note registry "$REGISTRY_URL (not started by env-up)"
    fi
    return 0
  fi
  if pid=$(pid_alive "$REGISTRY_PIDFILE"); then
    die "registry (pid $pid, started by env-up) runs but $REGISTRY_URL/v2/ does not answer 200; see $REGISTRY_LOG"
  fi
  command -v docker-registry >/dev/null || ensure_pkgs docker-registry
  write_registry_config
  log "starting docker-registry on $REGISTRY_ADDR; log $REGISTRY_LOG"
  echo "---- $(date -Is) env-up starting docker-registry" >>"$REGISTRY_LOG"
  setsid nohup docker-registry serve "$REGISTRY_CONFIG" >>"$REGISTRY_LOG" 2>&1 </dev/null 9>&- &
  pid=$!
  echo "$pid" >"$REGISTRY_PIDFILE"
  local i
  for ((i = 0; i < 60; i++)); do
    registry_ok && break
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.5
  done
  if ! registry_ok; then
    warn "registry did not answer; last lines of $REGISTRY_LOG:"
    tail -n 20 "$REGISTRY_LOG" >&2 || true
    kill "$pid" 2>/dev/null || true
    rm -f "$REGISTRY_PIDFILE"
    die "registry did not start"
  fi
  log "registry up, pid $pid"
  note registry "$REGISTRY_URL (pid $pid, data $REGISTRY_DIR/data)"
}

# ---------------------------------------------------------------- 4. base image
BASE_REF=$REGISTRY_ADDR/$BASE_REPO

# Debian mirror: from the machine's apt configuration, never hard-coded.
debian_mirror() {
  if [[ -n ${LAMBDA_IMAGE_ENV_MIRROR:-} ]]; then printf '%s\n' "$LAMBDA_IMAGE_ENV_MIRROR"; return; fi
  local f uri=""
  # deb822 *.sources: first stanza of Types: deb whose suites include bookworm (not -security/-updates)
  for f in /etc/apt/sources.list.d/*.sources; do
    [[ -r $f ]] || continue
    uri=$(awk '
      function flush() { if (types ~ /(^| )deb( |$)/ && suites ~ /(^| )bookworm( |$)/ && uris != "" && !found) { split(uris, u, " "); print u[1]; found = 1 } types = suites = uris = "" }
      /^[[:space:]]*$/ { flush(); next }
      /^Types:/  { sub(/^Types:[[:space:]]*/, "");  types = $0 }
      /^URIs:/   { sub(/^URIs:[[:space:]]*/, "");   uris = $0 }
      /^Suites:/ { sub(/^Suites:[[:space:]]*/, ""); suites = $0 }
      END { flush() }' "$f")
    [[ -n $uri ]] && break
  done
  if [[ -z $uri ]]; then
    # one-line format: deb [opts] URI SUITE COMPONENTS...
    uri=$(cat /etc/apt/sources.list /etc/apt/sources.list.d/*.list 2>/dev/null |
      sed -E 's/#.*//; s/\[[^]]*\]//' |
      awk '$1 == "deb" && $3 == "bookworm" { print $2; exit }')
  fi
  [[ -n $uri ]] || die "no Debian bookworm mirror in this machine's apt configuration (Ubuntu?); set LAMBDA_IMAGE_ENV_MIRROR to a Debian mirror URI"
  printf '%s\n' "$uri"
}


header() { tr -d '\r' <"$1" | awk -F': ' -v h="$2" 'tolower($1) == h { print $2 }'; } # header FILE NAME

image_arch() { docker image inspect --format '{{.Os}}/{{.Architecture}}' "$1" 2>/dev/null || true; }

# GET a manifest; prints "<http code>"; body to $4, headers to $5
get_manifest() { # get_manifest REPO REF ACCEPT BODYFILE HEADERFILE
  curl -s -o "$4" -D "$5" -w '%{http_code}' -H "Accept: $3" "$REGISTRY_URL/v2/$1/manifests/$2"
}

index_complete() { # index_complete REPO TAG: the index lists every arch (and those manifests exist)
  local repo=$1 tag=$2 tmp code a d
  tmp=$(mktemp -d)
  code=$(get_manifest "$repo" "$tag" "$MT_DOCKER_LIST, $MT_OCI_INDEX" "$tmp/body" "$tmp/hdr")
  if [[ $code != 200 ]] || ! jq -e '.manifests' "$tmp/body" >/dev/null 2>&1; then rm -rf "$tmp"; return 1; fi
  for a in "${BASE_ARCHES[@]}"; do
    d=$(jq -r --arg a "$a" '[.manifests[] | select(.platform.os == "linux" and .platform.architecture == $a)][0].digest // empty' "$tmp/body")
    [[ -n $d ]] || { rm -rf "$tmp"; return 1; }
    [[ $(curl -s -o /dev/null -w '%{http_code}' -I -H "Accept: $MT_DOCKER_V2, $MT_OCI_MANIFEST" "$REGISTRY_URL/v2/$repo/manifests/$d") == 200 ]] || { rm -rf "$tmp"; return 1; }
  done
  rm -rf "$tmp"
}

# Log lines with a time stamp and the mirror URI redacted.
stamp() { # stamp MIRROR
  local l
  while IFS= read -r l; do printf '%(%H:%M:%S)T %s\n' -1 "${l//"$1"/<mirror>}"; done
}

# debootstrap_tree SUITE ARCH DIR INCLUDE LOG: a minbase tree of SUITE for ARCH in DIR (made empty
# first), INCLUDE a comma list of extra packages. Stage 1 (download, unpack) runs natively; stage 2
# (dpkg configure) in a chroot, under QEMU for a foreign architecture, with dpkg's fsyncs off
# (force-unsafe-io: a throw-away tree). Each tree has its own package cache: parallel runs never
# share a mutable download directory. A failed attempt (e.g. a download cut short) is retried from
# a clean directory, three attempts in all.
debootstrap_tree() {
  local suite=$1 arch=$2 dir=$3 include=$4 dlog=$5 mirror keyring=() attempt t0
  mirror=$(debian_mirror)
  [[ -r /usr/share/keyrings/debian-archive-keyring.gpg ]] && keyring=(--keyring=/usr/share/keyrings/debian-archive-keyring.gpg)
  for attempt in 1 2 3; do
    unmount_below "$dir"
    rm -rf "$dir"
    mkdir -p "$dir" "$dir.debs"
    echo "---- $(date -Is) attempt $attempt" >>"$dlog"
    t0=$(date +%s.%N)
    log "$arch: debootstrap --foreign --variant=minbase $suite, attempt $attempt (mirror from apt config; log $dlog)"
    if debootstrap --foreign --variant=minbase --arch="$arch" "${keyring[@]}" --cache-dir="$(realpath "$dir.debs")" \
        --include="$include" "$suite" "$dir" "$mirror" 2>&1 | stamp "$mirror" >>"$dlog"; then
      log "$arch: $suite first stage took $(elapsed "$t0")s; second stage in chroot"
      echo force-unsafe-io >"$dir/etc/dpkg/dpkg.cfg.d/zz-lambda-image-env-unsafe-io"
      if chroot "$dir" /debootstrap/debootstrap --second-stage 2>&1 | stamp "$mirror" >>"$dlog"; then
        unmount_below "$dir"
        rm -f "$dir/etc/dpkg/dpkg.cfg.d/zz-lambda-image-env-unsafe-io"
        rm -rf "$dir.debs"
        log "$arch: debootstrap $suite took $(elapsed "$t0")s"
        return 0
      fi
      [[ -r $dir/debootstrap/debootstrap.log ]] && tail -n 30 "$dir/debootstrap/debootstrap.log" >>"$dlog"
    fi
    unmount_below "$dir"
    warn "$arch: debootstrap $suite attempt $attempt failed; last lines of $dlog:"
    tail -n 15 "$dlog" >&2
    sleep $((attempt * 5))
  done
  die "$arch: debootstrap $suite failed three times (see $dlog)"
}

build_rootfs() { # build_rootfs ARCH TARFILE
  local arch=$1 tarfile=$2 dir mirror dlog
  dir=$BASE_WORK/$arch/rootfs
  dlog=$BASE_WORK/$arch/debootstrap.log
  mirror=$(debian_mirror)
  : >"$dlog"
  debootstrap_tree bookworm "$arch" "$dir" openjdk-17-jre-headless,ca-certificates "$dlog"
  [[ -x $dir/usr/lib/jvm/java-17-openjdk-$arch/bin/java ]] || die "$arch: no JRE at /usr/lib/jvm/java-17-openjdk-$arch in the rootfs"
  [[ -e $dir/usr/bin/java ]] || die "$arch: /usr/bin/java missing in the rootfs"
  # Trim: docs, man pages, locales, apt lists/caches, logs, device nodes; no mirror name left.
  (
    cd "$dir"
    rm -rf usr/share/doc/* usr/share/man/* usr/share/info/* usr/share/lintian \
      var/lib/apt/lists/* var/cache/apt/* var/cache/debconf/*-old var/lib/dpkg/*-old \
      var/log/* tmp/* var/tmp/* root/.cache etc/apt/sources.list etc/apt/sources.list.d/* dev/*
    find usr/share/locale -mindepth 1 -maxdepth 1 ! -name locale.alias -exec rm -rf {} +
  )
  if grep -rqsF "$mirror" "$dir/etc"; then warn "$arch: the mirror URI is still mentioned under /etc of the rootfs"; fi
  tar --numeric-owner --xattrs -C "$dir" -cf "$tarfile.tmp" .
  mv "$tarfile.tmp" "$tarfile"
  rm -rf "$dir"
  log "$arch: wrote $tarfile ($(du -h "$tarfile" | cut -f1))"
}

build_base_image() { # build_base_image ARCH (its rootfs.tar exists)
  local arch=$1 ctx tag
  ctx=$BASE_WORK/$arch/context
  tag=$BASE_REF:$BASE_TAG-$arch
  cat >"$ctx/Dockerfile" <<DOCKERFILE
FROM scratch
ADD rootfs.tar /
ENV JAVA_HOME=/usr/lib/jvm/java-17-openjdk-$arch \\
    PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \\
    LANG=C.UTF-8
LABEL org.lambda-image.test-base="debian-bookworm-openjdk-17-jre" org.lambda-image.created-by="scripts/env-up.sh"
CMD ["java", "-version"]
DOCKERFILE
  log "$arch: docker build --platform linux/$arch -t $tag (classic builder)"
  if ! DOCKER_BUILDKIT=0 docker build --platform "linux/$arch" --network none -t "$tag" "$ctx" >"$BASE_WORK/$arch/build.log" 2>&1; then
    tail -n 20 "$BASE_WORK/$arch/build.log" >&2
    die "$arch: docker build failed"
  fi
  [[ $(image_arch "$tag") == "linux/$arch" ]] || die "built $tag but the engine reports $(image_arch "$tag")"
  log "$arch: built $(docker image inspect --format '{{.Id}}' "$tag")"
}

# publish_index REPO TAG: compose and PUT the index TAG from the pushed manifests TAG-<arch>
# (digest, media type, size).
publish_index() {
  local repo=$1 tag=$2 tmp a code digest size mt entries=() calc list_mt=$MT_OCI_INDEX
  tmp=$(mktemp -d)
  for a in "${BASE_ARCHES[@]}"; do
    code=$(get_manifest "$repo" "$tag-$a" "$MT_DOCKER_V2, $MT_OCI_MANIFEST" "$tmp/$a.json" "$tmp/$a.hdr")
    [[ $code == 200 ]] || die "GET manifest $repo:$tag-$a: HTTP $code"
    digest=$(header "$tmp/$a.hdr" docker-content-digest)
    mt=$(header "$tmp/$a.hdr" content-type)
    size=$(stat -c %s "$tmp/$a.json")
    calc=sha256:$(sha256sum "$tmp/$a.json" | cut -d' ' -f1)
    [[ $digest == "$calc" ]] || die "digest mismatch for $repo:$tag-$a: header $digest, body $calc"
    entries+=("$(jq -n --arg mt "$mt" --arg d "$digest" --argjson s "$size" --arg a "$a" \
      '{mediaType: $mt, digest: $d, size: $s, platform: {architecture: $a, os: "linux"}}')")
  done
  # A Docker manifest list over Docker manifests (what the classic builder pushes), else an OCI index.
  if printf '%s\n' "${entries[@]}" | jq -se --arg mt "$MT_DOCKER_V2" 'all(.mediaType == $mt)' >/dev/null; then
    list_mt=$MT_DOCKER_LIST
  fi
  printf '%s\n' "${entries[@]}" | jq -s --arg mt "$list_mt" '{schemaVersion: 2, mediaType: $mt, manifests: .}' >"$tmp/index.json"
  code=$(curl -s -o "$tmp/put.out" -w '%{http_code}' -X PUT -H "Content-Type: $list_mt" \
    --data-binary "@$tmp/index.json" "$REGISTRY_URL/v2/$repo/manifests/$tag")
  [[ $code == 201 ]] || { cat "$tmp/put.out" >&2; die "PUT index $repo:$tag: HTTP $code"; }
  log "published index $REGISTRY_ADDR/$repo:$tag ($list_mt)"
  rm -rf "$tmp"
}

step_base_image() {
  if [[ $REBUILD_BASE -eq 0 ]] && index_complete "$BASE_REPO" "$BASE_TAG"; then
    log "skip: index $BASE_REF:$BASE_TAG already lists ${BASE_ARCHES[*]}"
  else
    local a arch need_image=() need_rootfs=() pids=() failed=0 i
    for a in "${BASE_ARCHES[@]}"; do
      arch=$(image_arch "$BASE_REF:$BASE_TAG-$a")
      if [[ $arch == "linux/$a" && $REBUILD_BASE -eq 0 ]]; then
        log "reuse: engine has $BASE_REF:$BASE_TAG-$a ($arch); skip build"
        continue
      fi
      [[ -n $arch ]] && log "engine has $BASE_REF:$BASE_TAG-$a as '$arch'; rebuilding"
      need_image+=("$a")
      mkdir -p "$BASE_WORK/$a/context"
      if [[ -s $BASE_WORK/$a/context/rootfs.tar && $REBUILD_BASE -eq 0 ]]; then
        log "reuse: rootfs tarball $BASE_WORK/$a/context/rootfs.tar; skip debootstrap"
      else
        need_rootfs+=("$a")
      fi
    done
    if [[ ${#need_rootfs[@]} -gt 0 ]]; then
      [[ $IS_ROOT -eq 1 ]] || die "building the base image needs root (debootstrap, chroot); run scripts/env-up.sh as root once"
      debian_mirror >/dev/null
      ensure_pkgs debootstrap debian-archive-keyring
      # The rootfs builds run in parallel (one is mostly download, the other mostly QEMU).
      for a in "${need_rootfs[@]}"; do
        build_rootfs "$a" "$BASE_WORK/$a/context/rootfs.tar" &
        pids+=($!)
      done
      for i in "${!pids[@]}"; do
        wait "${pids[$i]}" || { warn "rootfs build for ${need_rootfs[$i]} failed"; failed=1; }
      done
      [[ $failed -eq 0 ]] || die "rootfs build failed"
    fi
    for a in "${need_image[@]}"; do build_base_image "$a"; done
    for a in "${BASE_ARCHES[@]}"; do
      log "docker push $BASE_REF:$BASE_TAG-$a"
      docker push "$BASE_REF:$BASE_TAG-$a" >"$STATE_DIR/push.log" 2>&1 || { tail -n 20 "$STATE_DIR/push.log" >&2; die "push $BASE_REF:$BASE_TAG-$a failed"; }
    done
    publish_index "$BASE_REPO" "$BASE_TAG"
  fi
  # Verify: the index answers to both index media types and lists both platforms.
  local tmp code ct
  tmp=$(mktemp -d)
  code=$(get_manifest "$BASE_REPO" "$BASE_TAG" "$MT_DOCKER_LIST, $MT_OCI_INDEX" "$tmp/body" "$tmp/hdr")
  ct=$(header "$tmp/hdr" content-type)
  [[ $code == 200 && ( $ct == "$MT_DOCKER_LIST" || $ct == "$MT_OCI_INDEX" ) ]] || die "index check: HTTP $code, $ct"
  BASE_INDEX_DIGEST=$(header "$tmp/hdr" docker-content-digest)
  note "base index" "$BASE_REF:$BASE_TAG@$BASE_INDEX_DIGEST ($ct)"
  local a
  for a in "${BASE_ARCHES[@]}"; do
    note "digest $a" "$(jq -r --arg a "$a" '.manifests[] | select(.platform.architecture == $a) | .digest' "$tmp/body") ($BASE_REF:$BASE_TAG-$a)"
  done
  rm -rf "$tmp"
}

# ---------------------------------------------------------------- 5. official-shaped base image
# 127.0.0.1:5000/lambda/java:21, laid out like the AWS Lambda Java base image: the runtime
# interface client in /var/runtime/lib, /var/task as working directory, LAMBDA_TASK_ROOT and
# LAMBDA_RUNTIME_DIR, ENTRYPOINT /lambda-entrypoint.sh taking the handler. Built FROM the per-arch
# test base (Debian 12, OpenJDK 17: Debian 12 has no Java 21), so it costs no debootstrap.
lambda_base_dockerfile() { # lambda_base_dockerfile ARCH
  cat <<DOCKERFILE
FROM $BASE_REF:$BASE_TAG-$1
ENV LAMBDA_TASK_ROOT=/var/task \\
    LAMBDA_RUNTIME_DIR=/var/runtime \\
    TZ=:/etc/localtime
COPY lib/ /var/runtime/lib/
COPY bootstrap /var/runtime/bootstrap
COPY lambda-entrypoint.sh /lambda-entrypoint.sh
WORKDIR /var/task
ENTRYPOINT ["/lambda-entrypoint.sh"]
LABEL org.lambda-image.test-base="lambda-java-shaped, debian-bookworm-openjdk-17-jre" org.lambda-image.created-by="scripts/env-up.sh"
DOCKERFILE
}

step_lambda_base() {
  local ref=$REGISTRY_ADDR/$LAMBDA_REPO ctx=$LAMBDA_WORK/context a tag
  if [[ $REBUILD_BASE -eq 0 ]] && index_complete "$LAMBDA_REPO" "$LAMBDA_TAG"; then
    log "skip: index $ref:$LAMBDA_TAG already lists ${BASE_ARCHES[*]}"
  else
    rm -rf "$ctx"
    mkdir -p "$ctx"
    log "runtime interface client $(ric_version) and its dependencies through Maven (scripts/lambda-java/pom.xml; log $LAMBDA_WORK/maven.log)"
    if ! "$REPO_ROOT/mvnw" -B -f "$REPO_ROOT/scripts/lambda-java/pom.xml" dependency:copy-dependencies \
        -DincludeScope=runtime -DoutputDirectory="$ctx/lib" >"$LAMBDA_WORK/maven.log" 2>&1; then
      tail -n 20 "$LAMBDA_WORK/maven.log" >&2
      die "could not get the runtime interface client through Maven (see $LAMBDA_WORK/maven.log)"
    fi
    compgen -G "$ctx/lib/aws-lambda-java-runtime-interface-client-*.jar" >/dev/null || die "no runtime interface client jar in $ctx/lib"
    cp "$REPO_ROOT/scripts/lambda-java/lambda-entrypoint.sh" "$REPO_ROOT/scripts/lambda-java/bootstrap" "$ctx/"
    chmod 0755 "$ctx/lambda-entrypoint.sh" "$ctx/bootstrap"
    for a in "${BASE_ARCHES[@]}"; do
      tag=$ref:$LAMBDA_TAG-$a
      lambda_base_dockerfile "$a" >"$ctx/Dockerfile.$a"
      log "$a: docker build --platform linux/$a -t $tag (classic builder)"
      if ! DOCKER_BUILDKIT=0 docker build --platform "linux/$a" --network none -f "$ctx/Dockerfile.$a" -t "$tag" "$ctx" >"$LAMBDA_WORK/build-$a.log" 2>&1; then
        tail -n 20 "$LAMBDA_WORK/build-$a.log" >&2
        die "$a: docker build of $tag failed"
      fi
      [[ $(image_arch "$tag") == "linux/$a" ]] || die "built $tag but the engine reports $(image_arch "$tag")"
      log "docker push $tag"
      docker push "$tag" >"$LAMBDA_WORK/push.log" 2>&1 || { tail -n 20 "$LAMBDA_WORK/push.log" >&2; die "push $tag failed"; }
    done
    publish_index "$LAMBDA_REPO" "$LAMBDA_TAG"
  fi
  local tmp
  tmp=$(mktemp -d)
  [[ $(get_manifest "$LAMBDA_REPO" "$LAMBDA_TAG" "$MT_DOCKER_LIST, $MT_OCI_INDEX" "$tmp/body" "$tmp/hdr") == 200 ]] || die "index check $ref:$LAMBDA_TAG failed"
  note "official-shaped base" "$ref:$LAMBDA_TAG@$(header "$tmp/hdr" docker-content-digest) (RIC $(ric_version), OpenJDK 17)"
  rm -rf "$tmp"
}

ric_version() { sed -n 's:.*<aws-lambda-ric.version>\(.*\)</aws-lambda-ric.version>.*:\1:p' "$REPO_ROOT/pom.xml"; }

# ---------------------------------------------------------------- 6. smoke test
step_verify() { # the foreign architecture's image runs (emulation works inside containers)
  local a tag out want
  case $(uname -m) in x86_64) a=arm64 want=aarch64 ;; *) a=amd64 want=x86_64 ;; esac
  tag=$BASE_REF:$BASE_TAG-$a
  out=$(docker run --rm --platform "linux/$a" --network none "$tag" uname -m 2>&1) || die "running $tag failed: $out"
  [[ $out == "$want" ]] || die "container $tag reports uname -m = $out, expected $want"
  log "container linux/$a: uname -m = $out"
  note "emulation check" "linux/$a container runs (uname -m = $out)"
  # The official-shaped base's entrypoint is there and wants the handler as its one argument.
  tag=$REGISTRY_ADDR/$LAMBDA_REPO:$LAMBDA_TAG-$a
  out=$(docker run --rm --platform "linux/$a" --network none "$tag" 2>&1) && die "$tag without a handler exited 0: $out"
  [[ $out == *"expected exactly one argument"* ]] || die "$tag without a handler: unexpected output: $out"
  log "container $tag: /lambda-entrypoint.sh refuses to start without a handler"
}

# Summary values also go to a file tests may source.
write_env_file() {
  {
    echo "# written by scripts/env-up.sh $(date -Is)"
    echo "LAMBDA_IMAGE_TEST_REGISTRY=$REGISTRY_ADDR"
    if [[ $WANT_BASE -eq 1 ]]; then
      echo "LAMBDA_IMAGE_TEST_BASE_IMAGE=$BASE_REF:$BASE_TAG"
      echo "LAMBDA_IMAGE_TEST_BASE_INDEX_DIGEST=$BASE_INDEX_DIGEST"
      echo "LAMBDA_IMAGE_TEST_LAMBDA_BASE_IMAGE=$REGISTRY_ADDR/$LAMBDA_REPO:$LAMBDA_TAG"
    fi
  } >"$STATE_DIR/env.properties"
}

step engine step_engine
step emulation step_emulation
step registry step_registry
if [[ $WANT_BASE -eq 1 ]]; then
  step base-image step_base_image
  step lambda-base step_lambda_base
  step verify step_verify
fi
if [[ $WANT_EXTRA_ENGINES -eq 1 ]]; then
  step debian-13 step_trixie_rootfs
  step docker-26 step_docker26
  step podman-5 step_podman
  step docker-remote step_remote
fi
write_engines_file "$DEFAULT_ENDPOINT" "$WANT_EXTRA_ENGINES"
note engines "$ENGINES_FILE (scripts/engines.sh prints it)"
write_env_file
note "state dir" "$STATE_DIR (env.properties, logs, pid files)"
