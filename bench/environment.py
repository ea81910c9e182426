"""What a result depends on besides the code: the commit, the tools' versions, the machine.

Each fact is read, never assumed; a fact that cannot be read is recorded as the reason why.
"""

import os
import platform
import re
from pathlib import Path

from measure import run


def load_average():
    return " ".join(Path("/proc/loadavg").read_text().split()[:3])


def _read(command, cwd=None):
    return run(command, cwd=cwd, check=False).output.strip()


def _find(text, pattern):
    match = re.search(pattern, text, re.MULTILINE)
    return match.group(1).strip() if match else f"unknown ({text.splitlines()[:1]})"


def commit(repo_root):
    """(commit id, the `git status --porcelain` lines outside bench/results/: empty when clean)."""
    head = _read(["git", "rev-parse", "HEAD"], cwd=repo_root)
    status = run(["git", "status", "--porcelain", "--untracked-files=all"], cwd=repo_root).output
    changed = [
        line for line in status.splitlines() if line and not line[3:].startswith("bench/results/")
    ]
    return head, changed


def collect(repo_root, maven_executable, jib, buildkit):
    """The facts, as an ordered dict of short strings (see bench/README.md)."""
    head, changed = commit(repo_root)
    maven = _read([maven_executable, "--version"])
    docker = "{{.Server.Version}} (API {{.Server.APIVersion}}, min {{.Server.MinAPIVersion}})"
    info = "{{.Driver}}; cgroup {{.CgroupDriver}} v{{.CgroupVersion}}; {{.NCPU}} CPUs"
    qemu = Path("/proc/sys/fs/binfmt_misc/qemu-aarch64")
    memory = re.search(r"MemTotal:\s+(\d+)", Path("/proc/meminfo").read_text())
    model = re.search(r"model name\s*:\s*(.*)", Path("/proc/cpuinfo").read_text())
    return {
        "commit": head,
        "tree": "clean" if not changed else f"dirty ({len(changed)} files: {', '.join(l[3:] for l in changed[:5])})",
        "engine": _read(["docker", "version", "--format", docker]),
        "engine storage, cgroups": _read(["docker", "info", "--format", info]),
        "engine builder used by lambda-image and 'docker CLI'": "classic (Engine API /build, DOCKER_BUILDKIT=0)",
        "BuildKit": "available (DOCKER_BUILDKIT=1)" if buildkit is None else f"not available: {buildkit}",
        "docker CLI": _read(["docker", "version", "--format", "{{.Client.Version}} (API {{.Client.APIVersion}})"]),
        "JDK": _find(maven, r"^Java version: (.*)$"),
        "Maven": _find(maven, r"^(Apache Maven \S+)"),
        "Jib": jib,
        "QEMU for arm64": qemu.read_text().splitlines()[1] if qemu.exists() else "no binfmt entry",
        "kernel": platform.release(),
        "cores": f"{os.cpu_count()} ({model.group(1).strip() if model else 'unknown model'})",
        "memory": f"{int(memory.group(1)) / 2**20:.1f} GiB" if memory else "unknown",
    }
