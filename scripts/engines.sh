#!/usr/bin/env bash
# Lists the test environment's engines, one per line, as scripts/env-up.sh last brought them up:
#   <name> <DOCKER_HOST URI> [this host's address as that engine reaches it]
# e.g.
#   docker-20.10 unix:///var/run/docker.sock
#   docker-26-containerd unix:///var/lib/lambda-image-env/trixie/rootfs/run/docker.sock
#   podman-5 unix:///var/lib/lambda-image-env/trixie/rootfs/run/podman/podman.sock
#   docker-remote tcp://10.213.0.2:2375 10.213.0.1
# Use one: DOCKER_HOST=$(bash scripts/engines.sh | awk '$1 == "podman-5" { print $2 }') ./mvnw ...
set -euo pipefail

LOG_PREFIX=engines
# shellcheck source=scripts/lib-env.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib-env.sh"

[[ -r $ENGINES_FILE ]] || die "no engine list at $ENGINES_FILE; run scripts/env-up.sh (state dir $STATE_DIR)"
cat "$ENGINES_FILE"
