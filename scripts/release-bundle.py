#!/usr/bin/env python3
"""Checks an unpacked Maven Central bundle as Central's validation would, then lists it.

Usage: release-bundle.py BUNDLE_DIR VERSION --published ARTIFACT... --never ARTIFACT...

Every published artifact must be in the bundle, no other: its POM, and unless the POM's packaging
is pom its jar, -sources.jar and -javadoc.jar; every file with a .asc signature that GnuPG verifies
and .md5, .sha1, .sha256 and .sha512 checksums that match; every POM with name, description, url,
licenses, developers and scm (connection, developerConnection, url), inherited from a parent POM in
the bundle where the POM has none. Exits 1 with every problem listed.
"""
import argparse
import hashlib
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

NS = {"m": "http://maven.apache.org/POM/4.0.0"}
CHECKSUMS = {"md5": hashlib.md5, "sha1": hashlib.sha1, "sha256": hashlib.sha256, "sha512": hashlib.sha512}
REQUIRED = [
    "name",
    "description",
    "url",
    "licenses/m:license/m:name",
    "licenses/m:license/m:url",
    "developers/m:developer/m:name",
    "scm/m:connection",
    "scm/m:developerConnection",
    "scm/m:url",
]
OWN = {"name", "description"}  # Central wants these in each POM itself


def text(pom, path):
    element = pom.find("m:" + path, NS)
    return element.text.strip() if element is not None and element.text and element.text.strip() else None


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("bundle", type=Path)
    parser.add_argument("version")
    parser.add_argument("--published", nargs="+", required=True)
    parser.add_argument("--never", nargs="+", required=True)
    args = parser.parse_args()

    problems = []
    poms = {}
    files = sorted(p for p in args.bundle.rglob("*") if p.is_file())
    artifacts = {}
    for path in files:
        if path.suffix in (".asc",) or path.suffix.lstrip(".") in CHECKSUMS:
            continue
        artifact_id = path.parent.parent.name
        artifacts.setdefault(artifact_id, []).append(path)

    for artifact_id in args.never:
        if artifact_id in artifacts:
            problems.append(f"{artifact_id} must never be published, but the bundle holds it")
    for artifact_id in sorted(set(artifacts) - set(args.published) - set(args.never)):
        problems.append(
            f"{artifact_id} is in the bundle but not in the published list of scripts/release-check.sh:"
            " add it there, or set <publish.skip>true</publish.skip> in its pom.xml"
        )
    for artifact_id in args.published:
        if artifact_id not in artifacts:
            problems.append(f"{artifact_id} is missing from the bundle")

    for artifact_id, paths in sorted(artifacts.items()):
        base = f"{artifact_id}-{args.version}"
        directory = paths[0].parent
        if directory.name != args.version:
            problems.append(f"{artifact_id}: version directory {directory.name}, expected {args.version}")
        pom_path = directory / f"{base}.pom"
        if not pom_path.exists():
            problems.append(f"{artifact_id}: no POM {pom_path.name}")
            continue
        try:
            pom = ET.parse(pom_path).getroot()
        except ET.ParseError as error:
            problems.append(f"{artifact_id}: {pom_path.name} is not well-formed XML: {error}")
            continue
        poms[artifact_id] = pom
        packaging = text(pom, "packaging") or "jar"
        expected = [f"{base}.pom"]
        if packaging != "pom":
            expected += [f"{base}.jar", f"{base}-sources.jar", f"{base}-javadoc.jar"]
        for name in expected:
            if not (directory / name).exists():
                problems.append(f"{artifact_id}: no {name} (packaging {packaging})")
        for path in paths:
            problems += check_file(path)

    for artifact_id, pom in sorted(poms.items()):
        for path in REQUIRED:
            if not inherited(pom, path, poms, own=path in OWN):
                problems.append(f"{artifact_id}: POM has no <{path.replace('m:', '')}>")

    print(f"Bundle {args.version}: {sum(len(p) for p in artifacts.values())} artifacts in {len(artifacts)} modules")
    for artifact_id, paths in sorted(artifacts.items()):
        for path in sorted(paths):
            extras = sorted(
                p.name[len(path.name):] for p in path.parent.iterdir() if p.name.startswith(path.name + ".")
            )
            print(f"  {path.relative_to(args.bundle)}  [{' '.join(extras)}]")
    if problems:
        print(f"\n{len(problems)} problems:", file=sys.stderr)
        for problem in problems:
            print(f"  - {problem}", file=sys.stderr)
        sys.exit(1)


def check_file(path):
    problems = []
    content = path.read_bytes()
    for algorithm, function in CHECKSUMS.items():
        checksum = path.with_name(f"{path.name}.{algorithm}")
        if not checksum.exists():
            problems.append(f"{path.name}: no .{algorithm}")
        elif checksum.read_text().split()[0].strip() != function(content).hexdigest():
            problems.append(f"{path.name}: .{algorithm} does not match the file")
    signature = path.with_name(path.name + ".asc")
    if not signature.exists():
        problems.append(f"{path.name}: no .asc signature")
    else:
        verified = subprocess.run(
            ["gpg", "--batch", "--verify", str(signature), str(path)], capture_output=True, text=True
        )
        if verified.returncode != 0:
            problems.append(f"{path.name}: signature does not verify: {verified.stderr.strip()}")
    return problems


def inherited(pom, path, poms, own):
    while pom is not None:
        if text(pom, path):
            return True
        if own:
            return False
        parent_id = text(pom, "parent/m:artifactId")
        pom = poms.get(parent_id)
    return False


if __name__ == "__main__":
    main()
