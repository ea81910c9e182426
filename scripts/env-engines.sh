# shellcheck shell=bash
# The extra engines of the test environment, beside the default one. Sourced by env-up.sh (which
# provides log/die/note/ensure_pkgs/debootstrap_tree); every step reuses what already runs.
#   docker-26-containerd  Debian 13's docker.io 26 with the containerd image store   (chroot, unix socket)
#   podman-5              Debian 13's podman 5 serving the Docker-compatible API      (chroot, unix socket)
#   docker-remote         Debian 12's dockerd in a network namespace of its own, over TCP on a veth pair
# All share the registry at the same address: the chroot engines share this host's network, and the
# namespace has a forwarder on its own 127.0.0.1 to this host's end of the veth pair.

TRIXIE_PACKAGES=docker.io,containerd,runc,podman,ca-certificates

ping_unix() { [[ $(curl -s --max-time 3 --unix-socket "$1" http://localhost/_ping 2>/dev/null) == OK ]]; }
ping_tcp() { [[ $(curl -s --max-time 3 "$1/_ping" 2>/dev/null) == OK ]]; }
engine_version() { # engine_version CURL_ARGS...: "<version> (API <api>)" of the engine behind them
  curl -s --max-time 5 "$@" | jq -r '"\(.Version) (API \(.ApiVersion))"'
}

# wait_until SECONDS PID COMMAND...: poll COMMAND until it succeeds; fails early if PID exits.
wait_until() {
  local secs=$1 pid=$2 i
  shift 2
  for ((i = 0; i < secs * 2; i++)); do
    "$@" && return 0
    kill -0 "$pid" 2>/dev/null || return 1
    sleep 0.5
  done
  return 1
}

# start_engine NAME PIDFILE OWN_PIDFILE LOG CHECK COMMAND...: reuse the engine if CHECK passes;
# else start COMMAND in the background (in a session of its own) and wait for CHECK. OWN_PIDFILE=1:
# write COMMAND's pid to PIDFILE (else the engine writes it itself).
start_engine() {
  local name=$1 pidfile=$2 own=$3 logfile=$4 check=$5 pid
  shift 5
  if $check; then
    log "reuse: $name answers"
    return 0
  fi
  if pid=$(pid_alive "$pidfile"); then die "$name (pid $pid) runs but does not answer; see $logfile or run scripts/env-down.sh"; fi
  log "starting $name; log $logfile"
  echo "---- $(date -Is) env-up starting $name" >>"$logfile"
  setsid nohup "$@" >>"$logfile" 2>&1 </dev/null 9>&- &
  pid=$!
  [[ $own -eq 1 ]] && echo "$pid" >"$pidfile"
  if ! wait_until 60 "$pid" $check; then
    tail -n 20 "$logfile" >&2
    kill "$pid" 2>/dev/null || true
    [[ $own -eq 1 ]] && rm -f "$pidfile"
    die "$name did not answer (see $logfile)"
  fi
  log "$name up, pid $(cat "$pidfile")"
}

# ---------------------------------------------------------------- Debian 13 root file system
# The chroot directory must itself be a mount point (dockerd remounts / in it); /proc, /sys and
# /dev come from the host, as slaves, so nothing unmounted below them reaches the host's.
trixie_mounts() {
  local d
  mountpoint -q "$TRIXIE_ROOT" || { mount --bind "$TRIXIE_ROOT" "$TRIXIE_ROOT" && mount --make-private "$TRIXIE_ROOT"; }
  mountpoint -q "$TRIXIE_ROOT/proc" || mount -t proc proc "$TRIXIE_ROOT/proc"
  for d in sys dev; do
    if ! mountpoint -q "$TRIXIE_ROOT/$d"; then
      mount --rbind "/$d" "$TRIXIE_ROOT/$d"
      mount --make-rslave "$TRIXIE_ROOT/$d"
    fi
  done
}

write_if_changed() { # write_if_changed FILE < content: true when the file changed
  local tmp
  tmp=$(mktemp)
  cat >"$tmp"
  if [[ -f $1 ]] && cmp -s "$tmp" "$1"; then rm -f "$tmp"; return 1; fi
  mkdir -p "$(dirname "$1")"
  mv "$tmp" "$1"
  chmod 0644 "$1"
}

trixie_config() {
  write_if_changed "$TRIXIE_ROOT/etc/docker/daemon.json" <<EOF || true
{
  "features": {"containerd-snapshotter": true},
  "iptables": false,
  "ip-masq": false,
  "bridge": "none",
  "cgroup-parent": "lambda-image-docker-26",
  "insecure-registries": ["$REGISTRY_ADDR"]
}
EOF
  # crun refuses this host's hybrid cgroups; runc and cgroupfs work. Containers share the host's
  # network (the registry is on loopback), as the other engines' containers do.
  write_if_changed "$TRIXIE_ROOT/etc/containers/containers.conf.d/50-lambda-image-env.conf" <<'EOF' || true
[containers]
netns = "host"
[engine]
cgroup_manager = "cgroupfs"
events_logger = "file"
runtime = "runc"
EOF
  write_if_changed "$TRIXIE_ROOT/etc/containers/registries.conf.d/50-lambda-image-env.conf" <<EOF || true
[[registry]]
location = "$REGISTRY_ADDR"
insecure = true
EOF
}

step_trixie_rootfs() {
  if [[ -e $TRIXIE_MARK ]]; then
    log "reuse: Debian 13 root file system $TRIXIE_ROOT"
  else
    [[ $IS_ROOT -eq 1 ]] || die "the extra engines need root (debootstrap, chroot, mounts); run as root or pass --default-engine-only"
    if pid_alive "$D26_PIDFILE" >/dev/null || pid_alive "$PODMAN_PIDFILE" >/dev/null; then
      die "engines run from an incomplete $TRIXIE_ROOT; run scripts/env-down.sh first"
    fi
    ensure_pkgs debootstrap debian-archive-keyring
    mkdir -p "$(dirname "$TRIXIE_ROOT")"
    : >"$STATE_DIR/trixie/debootstrap.log"
    debootstrap_tree trixie "$(dpkg --print-architecture)" "$TRIXIE_ROOT" "$TRIXIE_PACKAGES" "$STATE_DIR/trixie/debootstrap.log"
    rm -rf "$TRIXIE_ROOT"/var/cache/apt/archives/*.deb
    touch "$TRIXIE_MARK"
    log "Debian 13 root file system ready ($(du -sh "$TRIXIE_ROOT" | cut -f1))"
  fi
  trixie_config
  trixie_mounts
  note "debian 13 rootfs" "$TRIXIE_ROOT ($(chroot "$TRIXIE_ROOT" dpkg-query -W -f='docker.io ${Version}, ' docker.io)$(chroot "$TRIXIE_ROOT" dpkg-query -W -f='podman ${Version}' podman))"
}

# ---------------------------------------------------------------- docker-26-containerd
d26_ok() { ping_unix "$D26_SOCK"; }
step_docker26() {
  start_engine "docker 26 (Debian 13's dockerd, containerd image store, in $TRIXIE_ROOT)" "$D26_PIDFILE" 0 "$D26_LOG" d26_ok \
    chroot "$TRIXIE_ROOT" /usr/sbin/dockerd --host=unix:///run/docker.sock --pidfile=/run/docker.pid
  local store
  store=$(curl -s --unix-socket "$D26_SOCK" http://localhost/info | jq -r '[.DriverStatus[]? | select(.[0] == "driver-type") | .[1]][0] // "classic"')
  [[ $store == io.containerd.snapshotter.v1 ]] || die "docker 26 on $D26_SOCK does not use the containerd image store (driver-type $store); check $TRIXIE_ROOT/etc/docker/daemon.json"
  note docker-26 "$(engine_version --unix-socket "$D26_SOCK" http://localhost/version), $store, unix://$D26_SOCK"
}

# ---------------------------------------------------------------- podman-5
podman_ok() { ping_unix "$PODMAN_SOCK"; }
step_podman() {
  mkdir -p "$(dirname "$PODMAN_SOCK")"
  podman_ok || rm -f "$PODMAN_SOCK" # a socket file left by an unclean stop
  PODMAN_IGNORE_CGROUPSV1_WARNING=1 start_engine "podman (Debian 13's podman system service, in $TRIXIE_ROOT)" "$PODMAN_PIDFILE" 1 "$PODMAN_LOG" podman_ok \
    chroot "$TRIXIE_ROOT" /usr/bin/podman system service --time=0 unix:///run/podman/podman.sock
  note podman-5 "$(engine_version --unix-socket "$PODMAN_SOCK" http://localhost/version), unix://$PODMAN_SOCK"
}

# ---------------------------------------------------------------- docker-remote
remote_network() { # the namespace, the veth pair and their two addresses
  if [[ ! -e /run/netns/$REMOTE_NETNS ]]; then
    log "creating network namespace $REMOTE_NETNS ($REMOTE_HOST_ADDR here, $REMOTE_NS_ADDR there)"
    ip netns add "$REMOTE_NETNS"
  fi
  if ! ip link show "$REMOTE_VETH_HOST" >/dev/null 2>&1; then
    ip -n "$REMOTE_NETNS" link del "$REMOTE_VETH_NS" 2>/dev/null || true
    ip link add "$REMOTE_VETH_HOST" type veth peer name "$REMOTE_VETH_NS"
    ip link set "$REMOTE_VETH_NS" netns "$REMOTE_NETNS"
  fi
  # (no `ip … | grep -q`: grep's early exit fails the pipeline under pipefail)
  [[ $(ip -o -4 addr show dev "$REMOTE_VETH_HOST") == *" $REMOTE_HOST_ADDR/30 "* ]] || ip addr add "$REMOTE_HOST_ADDR/30" dev "$REMOTE_VETH_HOST"
  ip link set "$REMOTE_VETH_HOST" up
  [[ $(ip -n "$REMOTE_NETNS" -o -4 addr show dev "$REMOTE_VETH_NS") == *" $REMOTE_NS_ADDR/30 "* ]] || ip -n "$REMOTE_NETNS" addr add "$REMOTE_NS_ADDR/30" dev "$REMOTE_VETH_NS"
  ip -n "$REMOTE_NETNS" link set "$REMOTE_VETH_NS" up
  ip -n "$REMOTE_NETNS" link set lo up
}

remote_ok() { ping_tcp "http://$REMOTE_NS_ADDR:2375"; }
in_remote() { nsenter --net="/run/netns/$REMOTE_NETNS" "$@"; }
remote_registry_ok() { [[ $(in_remote curl -s -o /dev/null -w '%{http_code}' --max-time 3 "http://$REGISTRY_ADDR/v2/") == 200 ]]; }

# forward NAME PIDFILE NETNS-OR-"" LISTEN_ADDR TARGET_ADDR: a socat forwarder (reused if alive)
forward() {
  local name=$1 pidfile=$2 ns=$3 listen=$4 target=$5 port=${REGISTRY_ADDR##*:} pid run=()
  if pid=$(pid_alive "$pidfile"); then return 0; fi
  [[ -n $ns ]] && run=(nsenter --net="/run/netns/$ns")
  log "forwarding $listen:$port to $target:$port${ns:+ (in $ns)}"
  setsid nohup "${run[@]}" socat "TCP-LISTEN:$port,bind=$listen,reuseaddr,fork" "TCP:$target:$port" \
    >>"$REMOTE_DIR/$name.log" 2>&1 </dev/null 9>&- &
  echo "$!" >"$pidfile"
}

step_remote() {
  [[ $IS_ROOT -eq 1 ]] || die "docker-remote needs root (network namespace); run as root or pass --default-engine-only"
  command -v socat >/dev/null || ensure_pkgs socat
  command -v nsenter >/dev/null || die "nsenter (util-linux) is required"
  mkdir -p "$REMOTE_DIR"
  remote_network
  # The registry at the same address inside the namespace: its 127.0.0.1 -> this host's veth end -> 127.0.0.1.
  forward forward-host "$FORWARD_HOST_PIDFILE" "" "$REMOTE_HOST_ADDR" "${REGISTRY_ADDR%:*}"
  forward forward-ns "$FORWARD_NS_PIDFILE" "$REMOTE_NETNS" "${REGISTRY_ADDR%:*}" "$REMOTE_HOST_ADDR"
  local i
  for ((i = 0; i < 20; i++)); do remote_registry_ok && break; sleep 0.25; done
  remote_registry_ok || die "the registry does not answer at $REGISTRY_ADDR inside $REMOTE_NETNS (see $REMOTE_DIR/forward-*.log)"
  command -v dockerd >/dev/null || ensure_pkgs docker.io
  # Plain TCP on the namespace's own address only (--tls=false: on purpose, no 15 s warning pause).
  start_engine "docker-remote (dockerd in $REMOTE_NETNS on $REMOTE_URI)" "$REMOTE_PIDFILE" 0 "$REMOTE_LOG" remote_ok \
    nsenter --net="/run/netns/$REMOTE_NETNS" dockerd \
    --host="$REMOTE_URI" --tls=false \
    --pidfile="$REMOTE_PIDFILE" --data-root="$REMOTE_DIR/docker" --exec-root="$REMOTE_DIR/exec" \
    --iptables=false --ip-masq=false --bridge=none --cgroup-parent=lambda-image-remote
  note docker-remote "$(engine_version "http://$REMOTE_NS_ADDR:2375/version"), $REMOTE_URI, this host there: $REMOTE_HOST_ADDR"
}

# ---------------------------------------------------------------- the list scripts/engines.sh prints
engine_name() { # engine_name CURL_ARGS...: docker-<major.minor> or podman-<major>
  curl -s --max-time 5 "$@" | jq -r '
    if ([.Components[]?.Name] | index("Podman Engine")) then "podman-\(.Version | split(".")[0])"
    else "docker-\(.Version | split(".")[0:2] | join("."))" end'
}

write_engines_file() { # write_engines_file DEFAULT_URI [extra engines too: 1]
  local default_uri=$1 extras=$2 tmp name
  tmp=$(mktemp "$STATE_DIR/.engines.XXXXXX")
  echo "$(docker version --format 'docker-{{.Server.Version}}' | sed -E 's/^(docker-[0-9]+\.[0-9]+).*/\1/') $default_uri" >"$tmp"
  if [[ $extras -eq 1 ]]; then
    name=$(engine_name --unix-socket "$D26_SOCK" http://localhost/version)
    echo "${name%%.*}-containerd unix://$D26_SOCK" >>"$tmp"
    echo "$(engine_name --unix-socket "$PODMAN_SOCK" http://localhost/version) unix://$PODMAN_SOCK" >>"$tmp"
    echo "docker-remote $REMOTE_URI $REMOTE_HOST_ADDR" >>"$tmp"
  fi
  mv "$tmp" "$ENGINES_FILE"
  chmod 0644 "$ENGINES_FILE"
}
