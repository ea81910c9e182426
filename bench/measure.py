"""What the benchmark reads from Maven, the Docker Engine and the registry.

Nothing here decides anything; each function returns one measured fact.
"""

import hashlib
import json
import os
import re
import subprocess
import tarfile
import tempfile
import time
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path


@dataclass
class Run:
    """One finished command, timed from outside: wall seconds, its combined output, the CPU
    seconds (user + sys) of the process and the descendants it waited for, and the peak resident
    set size in bytes of the largest of them (for `mvn`, which execs java: the Maven JVM)."""

    wall: float
    output: str
    cpu: float = 0.0
    rss: int = 0


LOGS = {"directory": None, "count": 0}


def run(command, cwd=None, env=None, check=True):
    """Runs `command`, timing it from outside (wall clock around the process, rusage from wait4);
    fails with its output when it fails and `check` is set. Keeps the output in LOGS['directory']
    when set."""
    with tempfile.TemporaryFile() as output:
        started = time.monotonic()
        process = subprocess.Popen(
            command,
            cwd=cwd,
            env=None if env is None else {**os.environ, **env},
            stdin=subprocess.DEVNULL,
            stdout=output,
            stderr=subprocess.STDOUT,
        )
        _, status, usage = os.wait4(process.pid, 0)
        wall = time.monotonic() - started
        process.returncode = os.waitstatus_to_exitcode(status)
        output.seek(0)
        text = output.read().decode("utf-8", "replace")
    result = Run(wall, text, usage.ru_utime + usage.ru_stime, usage.ru_maxrss * 1024)
    if LOGS["directory"]:
        LOGS["count"] += 1
        words = [str(w).split(":")[-1] for w in command[1:] if not str(w)[:1] in "-/"][:2]
        words.insert(0, Path(cwd).parent.name if cwd else Path(command[0]).name)
        name = f"{LOGS['count']:04d}-" + "-".join(re.sub(r"[^\w.]", "_", w) for w in words)
        (Path(LOGS["directory"]) / f"{name}.log").write_text(f"# {cwd}\n# {command}\n{text}")
    if check and process.returncode != 0:
        tail = "\n".join(text.splitlines()[-40:])
        raise RuntimeError(f"{' '.join(map(str, command))} failed in {cwd}:\n{tail}")
    return result


# ---------------------------------------------------------------- Maven

MAVEN_TIMESTAMPS = [
    "-Dorg.slf4j.simpleLogger.showDateTime=true",
    "-Dorg.slf4j.simpleLogger.dateTimeFormat=HH:mm:ss.SSS",
]
_STAMPED = re.compile(r"^(\d\d:\d\d:\d\d\.\d\d\d) \[\w+\] (.*)$")


def mojo_seconds(log, goal):
    """Seconds from the Maven header '--- <prefix>:<version>:<goal> (…) @ …' matching the regular
    expression `goal` to the next mojo header or the build result, from Maven's own log timestamps.
    Includes loading the plugin, as the user waits for that too."""
    stamped = []
    for line in log.splitlines():
        match = _STAMPED.match(line)
        if match:
            stamped.append((datetime.strptime(match.group(1), "%H:%M:%S.%f"), match.group(2)))
    for index, (start, text) in enumerate(stamped):
        if text.startswith("--- ") and re.search(goal, text):
            for end, later in stamped[index + 1 :]:
                if later.startswith("--- ") or later.startswith("BUILD "):
                    return (end - start).total_seconds() % 86400
    raise ValueError(f"no mojo {goal} in the Maven log")


def engine_windows(log, archs):
    """{arch: (start, end)} in seconds of the day: from lambda-image's first '[arch] Sending
    dependencies context' or '[arch] Sending build context' line to its last '[arch] Built' line
    (no '[arch]' prefix when it builds one), from Maven's log timestamps."""
    windows = {}
    for arch in archs:
        times = {}
        for line in log.splitlines():
            match = _STAMPED.match(line)
            if not match or (len(archs) > 1 and f"[{arch}] " not in match.group(2)):
                continue
            stamp = datetime.strptime(match.group(1), "%H:%M:%S.%f")
            seconds = stamp.hour * 3600 + stamp.minute * 60 + stamp.second + stamp.microsecond / 1e6
            if "Sending build context" in match.group(2) or "Sending dependencies context" in match.group(2):
                times.setdefault("start", seconds)
            elif match.group(2).startswith("Built ") or "] Built " in match.group(2):
                times["end"] = seconds
        if len(times) == 2:
            windows[arch] = (times["start"], times["end"])
    return windows


def overlap(windows):
    """The share of the span of all windows during which all of them ran at once."""
    starts, ends = [w[0] for w in windows.values()], [w[1] for w in windows.values()]
    span = max(ends) - min(starts)
    return max(0.0, min(ends) - max(starts)) / span if span > 0 else 0.0


# ---------------------------------------------------------------- Docker Engine


def inspect_image(reference):
    """`docker image inspect` of one image, as a dict."""
    return json.loads(run(["docker", "image", "inspect", reference]).output)[0]


def _chain_ids(diff_ids):
    chain = []
    for diff_id in diff_ids:
        if not chain:
            chain.append(diff_id)
        else:
            text = chain[-1] + " " + diff_id
            chain.append("sha256:" + hashlib.sha256(text.encode()).hexdigest())
    return chain


def layer_sizes(image):
    """Uncompressed bytes of each layer of an inspected image, in order.

    The engine keeps each layer's size in its layer store under the layer's chain id; this is the
    figure `docker history` shows for the instruction that made the layer."""
    root = Path(os.environ.get("BENCH_DOCKER_ROOT", "/var/lib/docker"))
    sizes = []
    for chain_id in _chain_ids(image["RootFS"]["Layers"]):
        size_file = root / "image/overlay2/layerdb/sha256" / chain_id.split(":")[1] / "size"
        sizes.append(int(size_file.read_text()))
    return sizes


def new_layers(previous, current):
    """(count, bytes) of the layers of `current` whose content (diff id) `previous` does not have.
    A layer that only moved (same content after a changed one) is not new: no push uploads it."""
    known = set(previous["RootFS"]["Layers"])
    sizes = layer_sizes(current)
    fresh = [size for diff_id, size in zip(current["RootFS"]["Layers"], sizes) if diff_id not in known]
    return len(fresh), sum(fresh)


def payload_bytes(directory, included):
    """Sum of the sizes of the files under `directory` whose relative paths start with one of
    `included`: what a build context carries before tar headers."""
    total = 0
    for name in included:
        path = Path(directory) / name
        files = [path] if path.is_file() else [p for p in path.rglob("*") if p.is_file()]
        total += sum(f.stat().st_size for f in files)
    return total


def context_tar_bytes(directory, included):
    """Size of a tar of the files under `directory` whose relative paths start with one of
    `included` (the docker CLI's context after a .dockerignore that keeps only those)."""

    class Counter:
        size = 0

        def write(self, data):
            self.size += len(data)
            return len(data)

    counter = Counter()
    with tarfile.open(fileobj=counter, mode="w|", format=tarfile.PAX_FORMAT) as tar:
        for name in sorted(included):
            path = Path(directory) / name
            if path.exists():
                tar.add(path, arcname=name)
    return counter.size


# ---------------------------------------------------------------- Registry


class RegistryLog:
    """Counts what the registry received, from its own side: completed blob uploads (PUT
    …/blobs/uploads/…?digest=, status 201) and manifest PUTs of one repository, logged after a mark;
    sizes are those of the blobs in the registry's storage. Cross-repository mounts count zero."""

    _LINE = re.compile(
        r'msg="response completed".*http\.request\.method=(\w+) .*'
        r'http\.request\.uri="?(\S+?)"? .*http\.response\.status=(\d+)'
    )

    def __init__(self, log_file, storage):
        self.log_file = Path(log_file)
        self.storage = Path(storage) / "docker/registry/v2"

    def mark(self):
        """The current end of the log, to count from."""
        return self.log_file.stat().st_size

    def uploads(self, mark, repository, tag):
        """What `repository:tag`'s push uploaded since `mark`, in bytes: 'layers' and 'config'
        (blobs), 'manifest'; and 'blob_count', 'mounts'. Waits briefly for the manifest PUT of
        `repository:tag` to be logged."""
        deadline = time.monotonic() + 10
        while True:
            requests = self._requests(mark, repository)
            if any(r[0] == "PUT" and f"/manifests/{tag}" in r[1] for r in requests):
                break
            if time.monotonic() > deadline:
                raise RuntimeError(f"registry log shows no manifest PUT of {repository}:{tag}")
            time.sleep(0.2)
        blobs = set()
        mounts = 0
        for method, uri, status in requests:
            if method == "PUT" and "/blobs/uploads/" in uri and status == 201:
                blobs.add(re.search(r"digest=(sha256(?::|%3A)[0-9a-f]{64})", uri).group(1))
            if method == "POST" and "mount=" in uri and status == 201:
                mounts += 1
        blobs = {digest.replace("%3A", ":") for digest in blobs}
        manifest = self._manifest(repository, tag)
        config = manifest["config"]["digest"]
        return {
            "layers": sum(self._blob_size(d) for d in blobs if d != config),
            "config": self._blob_size(config) if config in blobs else 0,
            "manifest": manifest["size"],
            "blob_count": len(blobs),
            "mounts": mounts,
        }

    def _requests(self, mark, repository):
        with open(self.log_file, "rb") as log:
            log.seek(mark)
            text = log.read().decode("utf-8", "replace")
        prefix = f"/v2/{repository}/"
        found = []
        for line in text.splitlines():
            match = self._LINE.search(line)
            if match and match.group(2).startswith(prefix):
                found.append((match.group(1), match.group(2), int(match.group(3))))
        return found

    def _blob_size(self, digest):
        hex_digest = digest.split(":")[1]
        return (self.storage / "blobs/sha256" / hex_digest[:2] / hex_digest / "data").stat().st_size

    def _manifest(self, repository, tag):
        """The manifest `repository:tag` points to, with its own size added as 'size'."""
        link = self.storage / "repositories" / repository / "_manifests/tags" / tag / "current/link"
        hex_digest = link.read_text().strip().split(":")[1]
        data = self.storage / "blobs/sha256" / hex_digest[:2] / hex_digest / "data"
        return {**json.loads(data.read_bytes()), "size": data.stat().st_size}
