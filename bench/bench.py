#!/usr/bin/env python3
"""Benchmark of lambda-image's inner loop against the docker CLI and Jib (see bench/README.md).

Usage: bench/run.sh [--runs N] [--arch amd64,arm64] [--no-invoke] [--skip-install]
"""

import argparse
import json
import os
import re
import secrets
import shutil
import sys
import time
from collections import defaultdict
from datetime import datetime
from pathlib import Path

from measure import (
    LOGS,
    RegistryLog,
    engine_windows,
    inspect_image,
    layer_sizes,
    new_layers,
    overlap,
    run,
)
from report import render
from tools import DockerCli, Jib, LambdaImage, Maven, change_class

REPO_ROOT = Path(__file__).resolve().parent.parent
INVOKE_LINE = re.compile(
    r"Init (\d+) ms \(container start to first /invocation/next\), \S+ (\d+) ms \(cold\), "
    r"\S+ (\d+) ms \(warm\)"
)


def parse_arguments():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=int(os.environ.get("BENCH_RUNS", 5)))
    parser.add_argument("--arch", default="amd64,arm64")
    parser.add_argument("--no-invoke", action="store_true", help="skip the cold/warm start runs")
    parser.add_argument(
        "--skip-install", action="store_true", help="reuse the plugin already in the bench repo"
    )
    parser.add_argument("--bench-dir", default=os.environ.get("BENCH_DIR", "/tmp/lambda-image-bench"))
    parser.add_argument("--registry", default="127.0.0.1:5000")
    parser.add_argument("--base", default="127.0.0.1:5000/lambda-image-test/java-base:17")
    parser.add_argument(
        "--registry-log", default="/var/lib/lambda-image-env/registry.log"
    )
    parser.add_argument(
        "--registry-storage", default="/var/lib/lambda-image-env/registry/data"
    )
    return parser.parse_args()


def load_average():
    return " ".join(Path("/proc/loadavg").read_text().split()[:3])


def log(message):
    print(f"[bench {datetime.now():%H:%M:%S}] {message}", flush=True)


class Benchmark:
    """Runs every measurement and collects the samples, keyed (arch, tool, metric)."""

    def __init__(self, args):
        self.args = args
        self.archs = args.arch.split(",")
        self.bench_dir = Path(args.bench_dir)
        self.work = self.bench_dir / "work"
        self.run_id = secrets.token_hex(3)
        self.samples = defaultdict(list)
        self.registry = RegistryLog(args.registry_log, args.registry_storage)
        self.images_seen = set()
        self.tags = []
        self.failures = []

    # ------------------------------------------------------------ setup

    def set_up(self):
        self.bench_dir.mkdir(parents=True, exist_ok=True)
        LOGS["directory"] = self.bench_dir / "logs" / self.run_id
        LOGS["directory"].mkdir(parents=True)
        self.maven = Maven(REPO_ROOT, self.bench_dir)
        if not self.args.skip_install:
            log("installing the reactor's plugin into the benchmark's local repository")
            run(
                ["./mvnw", "-B", "-q", "install", "-DskipTests", "-Dinvoker.skip",
                 "-pl", "lambda-image-maven-plugin", "-am", "-s", str(self.maven.settings),
                 f"-Dmaven.repo.local={self.maven.local_repository}"],
                cwd=REPO_ROOT,
            )
        self.plugin_version = re.search(
            r"<version>([^<]+)</version>", (REPO_ROOT / "pom.xml").read_text()
        ).group(1)
        self.events = self.bench_dir / "events"
        self.events.mkdir(exist_ok=True)
        (self.events / "1-cold.json").write_text('{"name": "cold"}\n')
        (self.events / "2-warm.json").write_text('{"name": "warm"}\n')
        for arch in self.archs:
            run(["docker", "pull", "-q", f"{self.args.base}-{arch}"])
        shutil.rmtree(self.work, ignore_errors=True)
        registry, prefix = self.args.registry, f"lambda-image-bench/{{}}-{self.run_id}"
        self.tools = [
            LambdaImage(self.maven, REPO_ROOT, self.work, self.args.base,
                        f"{registry}/{prefix.format('plugin')}"),
            DockerCli(self.maven, REPO_ROOT, self.work, self.args.base,
                      f"{registry}/{prefix.format('cli')}"),
            Jib(self.maven, REPO_ROOT, self.work, self.args.base,
                f"{registry}/{prefix.format('jib')}", prefix.format("jib"),
                self.bench_dir / "jib-base-cache"),
        ]
        self.base_size = {
            arch: inspect_image(f"{self.args.base}-{arch}")["Size"] for arch in self.archs
        }

    def warm_up(self):
        """A first build and push per tool and architecture, online against the mirror of ~/.m2
        (to fill the benchmark's local repository); not measured."""
        self.maven.offline = False
        self.previous = {}
        for arch in self.archs:
            for tool in self.tools:
                log(f"warm-up {tool.name} {arch}")
                change_class(tool.project, f"warm-up-{arch}")
                build = tool.build(arch)
                self.previous[(arch, tool.name)] = self.checked_image(build.image, arch)
                tool.push(arch)
                if not self.args.no_invoke:
                    self.invoke(tool, arch)
        self.maven.offline = True

    # ------------------------------------------------------------ measurements

    def checked_image(self, reference, arch):
        image = inspect_image(reference)
        if image["Architecture"] != arch:
            raise RuntimeError(f"{reference} is {image['Architecture']}, not {arch}")
        self.images_seen.add(image["Id"])
        if reference not in self.tags:
            self.tags.append(reference)
        return image

    def record(self, arch, tool, metric, value):
        if value is not None:
            self.samples[(arch, tool.name, metric)].append(value)

    def round(self, number):
        for arch in self.archs:
            for tool in self.tools:
                log(f"round {number}: {tool.name} {arch} (load {load_average()})")
                steps = [
                    lambda: self.one_class_change(tool, arch, f"round-{number}-{arch}"),
                    lambda: self.no_change(tool, arch),
                    lambda: self.push(tool, arch),
                ]
                if not self.args.no_invoke:
                    steps.append(lambda: self.invoke(tool, arch))
                self.attempt(f"round {number} {tool.name} {arch}", steps)

    def attempt(self, what, steps):
        """Runs `steps` in order; a failure is recorded for the report and skips the rest."""
        try:
            for step in steps:
                step()
        except Exception as failure:  # one tool's failure must not lose the other figures
            first_line = str(failure).splitlines()[0] if str(failure) else repr(failure)
            log(f"FAILED {what}: {first_line}")
            self.failures.append(f"{what}: {first_line}")
            for (arch, name), image in list(self.previous.items()):
                self.previous[(arch, name)] = self.current_image(arch, name) or image

    def current_image(self, arch, name):
        tool = next(t for t in self.tools if t.name == name)
        try:
            return inspect_image(tool.image_name(arch))
        except RuntimeError:
            return None

    def one_class_change(self, tool, arch, value):
        change_class(tool.project, value)
        build = tool.build(arch)
        image = self.checked_image(build.image, arch)
        previous = self.previous[(arch, tool.name)]
        if image["Id"] == previous["Id"]:
            raise RuntimeError(f"{tool.name} {arch}: the one-class change gave the same image")
        count, size = new_layers(previous, image)
        self.previous[(arch, tool.name)] = image
        sizes = layer_sizes(image)
        for metric, value in [
            ("change.wall", build.wall),
            ("change.step", build.step),
            ("change.own", build.own_step),
            ("change.engine", build.engine),
            ("change.layers", count),
            ("change.layer_bytes", size),
            ("context_bytes", build.context_bytes),
            ("context_payload", build.context_payload),
            ("image_bytes", image["Size"]),
            ("image_layers", len(sizes)),
            ("added_bytes", image["Size"] - self.base_size[arch]),
        ]:
            self.record(arch, tool, metric, value)

    def no_change(self, tool, arch):
        build = tool.build(arch)
        image = self.checked_image(build.image, arch)
        if image["Id"] != self.previous[(arch, tool.name)]["Id"]:
            raise RuntimeError(f"{tool.name} {arch}: a rebuild without change made a new image")
        self.record(arch, tool, "nochange.wall", build.wall)
        self.record(arch, tool, "nochange.step", build.step)
        self.record(arch, tool, "nochange.own", build.own_step)

    def push(self, tool, arch):
        mark = self.registry.mark()
        push = tool.push(arch)
        repository = push.repository.split("/", 1)[1]
        uploaded = self.registry.uploads(mark, repository, push.tag)
        self.record(arch, tool, "push.step", push.step)
        for part in ("layers", "config", "manifest", "blob_count"):
            self.record(arch, tool, f"push.{part}", uploaded[part])
        total = uploaded["layers"] + uploaded["config"] + uploaded["manifest"]
        self.record(arch, tool, "push.total_bytes", total)

    def invoke(self, tool, arch):
        project = tool.invoke_project(arch)
        goal = (
            "lambda-image:invoke"
            if isinstance(tool, LambdaImage)
            else f"io.github.lambdaimage:lambda-image-maven-plugin:{self.plugin_version}:invoke"
        )
        output = self.maven.run(
            project, goal, f"-Dlambda.arch={arch}", f"-Dlambda.event={self.events}"
        ).output
        match = INVOKE_LINE.search(output)
        if not match:
            raise RuntimeError(f"no invoke summary for {tool.name} {arch}:\n{output[-3000:]}")
        init, cold, warm = (int(g) for g in match.groups())
        self.record(arch, tool, "start.cold_ms", init + cold)
        self.record(arch, tool, "start.init_ms", init)
        self.record(arch, tool, "start.warm_ms", warm)

    def two_architectures(self, number):
        """One-class change built for both architectures in one build, concurrently (the default)
        and one after the other (lambda.build.parallel=false)."""
        self.attempt(f"round {number} two architectures", [lambda: self._two_architectures(number)])

    def _two_architectures(self, number):
        plugin = self.tools[0]
        both = ",".join(self.archs)
        for mode, extra in [("parallel", []), ("sequential", ["-Dlambda.build.parallel=false"])]:
            log(f"two architectures {mode}, round {number}")
            change_class(plugin.project, f"both-{mode}-{number}")
            build = plugin.build(both, extra)
            per_arch = dict(re.findall(r"(\w+) built (\d+) ms", build.log))
            if set(per_arch) != set(self.archs):
                raise RuntimeError("two-architecture build did not rebuild both:\n" + build.log)
            key = ("+".join(self.archs), plugin.name)
            self.samples[key + (f"{mode}.own",)].append(build.own_step)
            self.samples[key + (f"{mode}.wall",)].append(build.wall)
            self.samples[key + (f"{mode}.sum",)].append(
                sum(int(v) for v in per_arch.values()) / 1000
            )
            windows = engine_windows(build.log, self.archs)
            if len(windows) == len(self.archs):
                self.samples[key + (f"{mode}.overlap",)].append(overlap(windows))
        for arch in self.archs:
            self.previous[(arch, plugin.name)] = inspect_image(f"{plugin.repository}:bench-{arch}")

    # ------------------------------------------------------------ cleanup

    def clean_up(self):
        """Removes the images this run made in the engine, with every name the benchmark gave them
        (tags, and the repository digests pushes left); the registry keeps the benchmark's
        repositories (lambda-image-bench/*-<run id>) until its garbage collection."""
        for tag in self.tags:
            run(["docker", "rmi", tag], check=False)
        for image in self.images_seen:
            try:
                found = inspect_image(image)
            except RuntimeError:
                continue
            for name in found.get("RepoTags", []) + found.get("RepoDigests", []):
                if "lambda-image-bench/" in name:
                    run(["docker", "rmi", name], check=False)
            run(["docker", "rmi", image], check=False)


def main():
    args = parse_arguments()
    started, load_at_start = datetime.now(), load_average()
    log(f"load average at start: {load_at_start}")
    bench = Benchmark(args)
    output = REPO_ROOT / "bench/results" / f"{started:%Y-%m-%d-%H%M}.md"
    output.parent.mkdir(exist_ok=True)

    def report(rounds_done):
        samples = [[*key, values] for key, values in bench.samples.items()]
        (LOGS["directory"] / "samples.json").write_text(json.dumps(samples, indent=1))
        table = render(
            bench.samples,
            bench.archs,
            [tool.name for tool in bench.tools],
            runs=rounds_done,
            started=started,
            load=f"{load_at_start} at the start, {load_average()} at the end",
            minutes=(datetime.now() - started).total_seconds() / 60,
            failures=bench.failures,
        )
        output.write_text(table)
        return table

    try:
        bench.set_up()
        bench.warm_up()
        for number in range(1, args.runs + 1):
            bench.round(number)
            if len(bench.archs) > 1:
                bench.two_architectures(number)
            report(number)
            log(f"round {number} written to {output}")
    finally:
        bench.clean_up()
    print(report(args.runs))
    log(f"saved {output}")


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).parent))
    main()
