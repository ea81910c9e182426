"""The scaling scenarios' function: synthetic dependency jars and an application payload, made
here, deterministically, so that every run and every machine builds the same bytes.

- Dependency jar i (1-based) is `bench.synthetic:dep-NNN:1.0`, written straight into the
  benchmark's local repository (jar + a minimal pom, the layout `mvn install` would write). Its
  size is drawn log-uniformly between 20 kB and 2 MB from a generator seeded with `dep-NNN`
  (mean about 430 kB: the first 145 weigh 63 MB, all 200 weigh 86 MB, the order of the 84 MB of
  AWS SDK and Google Cloud jars issue 16 measured); its content is entries of at most 64 kB of incompressible bytes from
  the same generator, stored with a fixed date, so the jar's bytes never change.
- The application payload is `src/main/resources/payload.bin` of the requested size, bytes from a
  generator seeded with the size: the application jar (classes + payload, deflated) is then that
  size plus the handler's few kB of classes, since random bytes do not compress.
"""

import math
import random
import re
import zipfile
from pathlib import Path

GROUP = "bench.synthetic"
VERSION = "1.0"
ENTRY = 64 * 1024
SMALLEST, LARGEST = 20_000, 2_000_000
_SIZE = re.compile(r"^(\d+)(k|M)?$")


def dependency_size(index):
    """The jar's payload in bytes: log-uniform between SMALLEST and LARGEST, seeded by its name."""
    generator = random.Random(f"dep-{index:03d}")
    return int(math.exp(generator.uniform(math.log(SMALLEST), math.log(LARGEST))))


def write_dependencies(local_repository, count):
    """Writes dependency jars 1..count into `local_repository` (each only when missing or not the
    expected bytes); returns their (group, artifact, version) coordinates."""
    coordinates = []
    for index in range(1, count + 1):
        artifact = f"dep-{index:03d}"
        directory = Path(local_repository) / GROUP.replace(".", "/") / artifact / VERSION
        jar = directory / f"{artifact}-{VERSION}.jar"
        content = _jar_entries(index)
        if not jar.exists() or _stored_bytes(jar) != sum(len(data) for _, data in content):
            directory.mkdir(parents=True, exist_ok=True)
            with zipfile.ZipFile(jar, "w", zipfile.ZIP_STORED) as archive:
                for name, data in content:
                    archive.writestr(zipfile.ZipInfo(name, (1980, 1, 1, 0, 0, 0)), data)
            (directory / f"{artifact}-{VERSION}.pom").write_text(
                "<project><modelVersion>4.0.0</modelVersion>"
                f"<groupId>{GROUP}</groupId><artifactId>{artifact}</artifactId>"
                f"<version>{VERSION}</version></project>\n"
            )
        coordinates.append((GROUP, artifact, VERSION))
    return coordinates


def _jar_entries(index):
    generator = random.Random(f"dep-{index:03d}-content")
    remaining, entries = dependency_size(index), [("META-INF/MANIFEST.MF", b"Manifest-Version: 1.0\r\n\r\n")]
    number = 0
    while remaining > 0:
        size = min(ENTRY, remaining)
        entries.append((f"bench/synthetic/d{index:03d}/R{number:04d}.bin", generator.randbytes(size)))
        remaining -= size
        number += 1
    return entries


def _stored_bytes(jar):
    try:
        with zipfile.ZipFile(jar) as archive:
            return sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError):
        return -1


def write_payload(project, size):
    """src/main/resources/payload.bin of `size` incompressible bytes, the same for every run."""
    resources = Path(project) / "src/main/resources"
    resources.mkdir(parents=True, exist_ok=True)
    (resources / "payload.bin").write_bytes(random.Random(f"payload-{size}").randbytes(size))


def parse_size(text):
    """'100k' -> 100_000, '10M' -> 10_000_000, '512' -> 512 (decimal units, as the report)."""
    match = _SIZE.match(text)
    if not match:
        raise ValueError(f"application size {text!r}: write a number with k or M, e.g. 100k or 10M")
    return int(match.group(1)) * {None: 1, "k": 1000, "M": 1_000_000}[match.group(2)]


def parse_scales(text):
    """'10x100k,200x10M' -> [(10, 100_000), (200, 10_000_000)]; 'grid' -> all nine of
    {10, 50, 200} x {100k, 1M, 10M}; 'none' or '' -> []."""
    if text in ("", "none"):
        return []
    if text == "grid":
        return [(deps, app) for deps in (10, 50, 200) for app in (100_000, 1_000_000, 10_000_000)]
    scales = []
    for item in text.split(","):
        deps, separator, app = item.partition("x")
        if not separator or not deps.isdigit():
            raise ValueError(f"scale {item!r}: write <jars>x<application size>, e.g. 50x1M")
        scales.append((int(deps), parse_size(app)))
    return scales


def scenario_name(deps, app):
    """'d200-a10M' (lower-cased where a registry repository name needs it)."""
    for limit, suffix in [(1_000_000, "M"), (1000, "k")]:
        if app >= limit and app % limit == 0:
            return f"d{deps}-a{app // limit}{suffix}"
    return f"d{deps}-a{app}"
