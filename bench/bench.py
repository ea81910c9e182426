#!/usr/bin/env python3
"""Benchmark of lambda-image's inner loop against the docker CLI and Jib (see bench/README.md).

Usage: bench/run.sh [--runs N] [--arch amd64,arm64] [--scales 10x100k,...|grid|none]
                    [--no-invoke] [--skip-install] [--seed N] [--results DIR]
"""

import argparse
import json
import os
import random
import re
import secrets
import shutil
import sys
import time
from datetime import datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from environment import collect, load_average  # noqa: E402
from measure import (  # noqa: E402
    LOGS,
    RegistryLog,
    engine_windows,
    inspect_image,
    layer_sizes,
    new_layers,
    overlap,
    run,
)
from report import render, write_samples  # noqa: E402
from synthetic import parse_scales, scenario_name, write_dependencies  # noqa: E402
from tools import (  # noqa: E402
    JIB,
    DockerCli,
    Jib,
    LambdaImage,
    Maven,
    Scenario,
    buildkit_available,
    change_class,
)

REPO_ROOT = Path(__file__).resolve().parent.parent
INVOKE_LINE = re.compile(
    r"Init (\d+) ms \(container start to first /invocation/next\), \S+ (\d+) ms \(cold\), "
    r"\S+ (\d+) ms \(warm\)"
)
DEFAULT_SCALES = "10x100k,50x100k,200x100k,10x1M,10x10M"


def parse_arguments():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=int(os.environ.get("BENCH_RUNS", 5)))
    parser.add_argument("--arch", default="amd64,arm64", help="architectures of the handler")
    parser.add_argument(
        "--scales", default=DEFAULT_SCALES,
        help="scaling scenarios <jars>x<application size>, 'grid' (all 9) or 'none'",
    )
    parser.add_argument("--scale-arch", default="amd64", help="architecture of the scaling runs")
    parser.add_argument("--no-invoke", action="store_true", help="skip the cold/warm start runs")
    parser.add_argument("--no-two-arch", action="store_true", help="skip the two-architecture builds")
    parser.add_argument(
        "--skip-install", action="store_true", help="reuse the plugin already in the bench repo"
    )
    parser.add_argument("--seed", type=int, default=None, help="seed of the per-round tool order")
    parser.add_argument("--bench-dir", default=os.environ.get("BENCH_DIR", "/tmp/lambda-image-bench"))
    parser.add_argument("--results", default=str(REPO_ROOT / "bench/results"))
    parser.add_argument("--registry", default="127.0.0.1:5000")
    parser.add_argument("--base", default="127.0.0.1:5000/lambda-image-test/java-base:17")
    parser.add_argument("--registry-log", default="/var/lib/lambda-image-env/registry.log")
    parser.add_argument("--registry-storage", default="/var/lib/lambda-image-env/registry/data")
    return parser.parse_args()


def log(message):
    print(f"[bench {datetime.now():%H:%M:%S}] {message}", flush=True)


class Benchmark:
    """Runs every measurement and collects the samples: one dict per measured value."""

    def __init__(self, args):
        self.args = args
        self.archs = args.arch.split(",")
        self.bench_dir = Path(args.bench_dir)
        self.run_id = secrets.token_hex(3)
        self.seed = args.seed if args.seed is not None else secrets.randbits(32)
        self.order = random.Random(self.seed)
        self.samples = []
        self.registry = RegistryLog(args.registry_log, args.registry_storage)
        self.images_seen, self.tags, self.failures, self.round_loads = set(), [], [], []
        self.round_number = 0

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
        scales = parse_scales(self.args.scales)
        all_archs = sorted(set(self.archs) | ({self.args.scale_arch} if scales else set()))
        for arch in all_archs:
            run(["docker", "pull", "-q", f"{self.args.base}-{arch}"])
        self.base_size = {a: inspect_image(f"{self.args.base}-{a}")["Size"] for a in all_archs}
        self.buildkit = buildkit_available(self.args.base, all_archs[0], self.bench_dir / "probe")
        log("BuildKit: " + ("available" if self.buildkit is None else f"not available: {self.buildkit}"))
        self.environment = collect(REPO_ROOT, self.maven.executable, JIB, self.buildkit)
        self.scenarios = [Scenario("handler", self.archs, invoke=not self.args.no_invoke)]
        for deps, app in scales:
            self.scenarios.append(Scenario(
                scenario_name(deps, app), [self.args.scale_arch],
                write_dependencies(self.maven.local_repository, deps), app, invoke=False,
            ))
        shutil.rmtree(self.bench_dir / "work", ignore_errors=True)
        self.tools = {scenario.name: self.make_tools(scenario) for scenario in self.scenarios}

    def make_tools(self, scenario):
        work = self.bench_dir / "work" / scenario.name
        registry = self.args.registry
        repository = f"lambda-image-bench/{scenario.name.lower()}-{{}}-{self.run_id}"
        tools = [
            LambdaImage(self.maven, REPO_ROOT, work, self.args.base,
                        f"{registry}/{repository.format('plugin')}", scenario),
            DockerCli(self.maven, REPO_ROOT, work, self.args.base,
                      f"{registry}/{repository.format('cli')}", scenario),
        ]
        if self.buildkit is None:
            tools.append(DockerCli(self.maven, REPO_ROOT, work, self.args.base,
                                   f"{registry}/{repository.format('cli-bk')}", scenario, True))
        tools.append(Jib(self.maven, REPO_ROOT, work, self.args.base,
                         f"{registry}/{repository.format('jib')}", repository.format("jib"),
                         self.bench_dir / "jib-base-cache", scenario))
        return tools

    def warm_up(self):
        """A first build and push per scenario, tool and architecture, online against the mirror
        of ~/.m2 (to fill the benchmark's local repository and Jib's base cache); not measured."""
        self.maven.offline = False
        self.previous = {}
        for scenario in self.scenarios:
            for arch in scenario.archs:
                for tool in self.tools[scenario.name]:
                    log(f"warm-up {scenario.name} {tool.name} {arch}")
                    change_class(tool.project, f"warm-up-{arch}")
                    build = tool.build(arch)
                    key = (scenario.name, arch, tool.name)
                    self.previous[key] = self.checked_image(build.image, arch)
                    tool.push(arch)
                    if scenario.invoke:
                        self.invoke(scenario, tool, arch)
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

    def record(self, scenario, arch, tool, metric, value):
        if value is not None:
            self.samples.append({
                "seq": len(self.samples) + 1, "round": self.round_number, "scenario": scenario.name,
                "arch": arch, "tool": tool if isinstance(tool, str) else tool.name,
                "metric": metric, "value": value,
            })

    def round(self, number):
        """One round: per scenario and architecture, every tool in an order drawn from the seeded
        generator: one-class change -> build; build again without change; push; invoke."""
        self.round_number = number
        self.round_loads.append(load_average())
        for scenario in self.scenarios:
            for arch in scenario.archs:
                tools = list(self.tools[scenario.name])
                self.order.shuffle(tools)
                for tool in tools:
                    log(f"round {number}: {scenario.name} {tool.name} {arch} (load {load_average()})")
                    steps = [
                        lambda: self.one_class_change(scenario, tool, arch, f"r{number}-{arch}"),
                        lambda: self.no_change(scenario, tool, arch),
                        lambda: self.push(scenario, tool, arch),
                    ]
                    if scenario.invoke:
                        steps.append(lambda: self.invoke(scenario, tool, arch))
                    self.attempt(f"round {number} {scenario.name} {tool.name} {arch}", steps)

    def attempt(self, what, steps):
        """Runs `steps` in order; a failure is recorded for the report and skips the rest."""
        try:
            for step in steps:
                step()
        except Exception as failure:  # one tool's failure must not lose the other figures
            first_line = str(failure).splitlines()[0] if str(failure) else repr(failure)
            log(f"FAILED {what}: {first_line}")
            self.failures.append(f"{what}: {first_line}")
            self.refresh_previous()

    def refresh_previous(self):
        for scenario_name, arch, name in list(self.previous):
            tool = next(t for t in self.tools[scenario_name] if t.name == name)
            try:
                self.previous[(scenario_name, arch, name)] = inspect_image(tool.image_name(arch))
            except RuntimeError:
                pass

    def one_class_change(self, scenario, tool, arch, value):
        change_class(tool.project, value)
        build = tool.build(arch)
        image = self.checked_image(build.image, arch)
        key = (scenario.name, arch, tool.name)
        if image["Id"] == self.previous[key]["Id"]:
            raise RuntimeError(f"{tool.name} {arch}: the one-class change gave the same image")
        count, size = new_layers(self.previous[key], image)
        self.previous[key] = image
        for metric, value in [
            ("change.wall", build.wall), ("change.step", build.step),
            ("change.own", build.own_step), ("change.engine", build.engine),
            ("change.cpu", build.cpu), ("change.rss", build.rss or None),
            ("change.layers", count), ("change.layer_bytes", size),
            ("context_bytes", build.context_bytes), ("context_payload", build.context_payload),
            ("image_bytes", image["Size"]), ("image_layers", len(layer_sizes(image))),
            ("added_bytes", image["Size"] - self.base_size[arch]),
        ]:
            self.record(scenario, arch, tool, metric, value)

    def no_change(self, scenario, tool, arch):
        build = tool.build(arch)
        image = self.checked_image(build.image, arch)
        if image["Id"] != self.previous[(scenario.name, arch, tool.name)]["Id"]:
            raise RuntimeError(f"{tool.name} {arch}: a rebuild without change made a new image")
        for metric, value in [
            ("nochange.wall", build.wall), ("nochange.step", build.step),
            ("nochange.own", build.own_step), ("nochange.cpu", build.cpu),
            ("nochange.rss", build.rss or None),
        ]:
            self.record(scenario, arch, tool, metric, value)

    def push(self, scenario, tool, arch):
        mark = self.registry.mark()
        push = tool.push(arch)
        uploaded = self.registry.uploads(mark, push.repository.split("/", 1)[1], push.tag)
        for metric, value in [
            ("push.step", push.step), ("push.wall", push.wall), ("push.cpu", push.cpu),
            ("push.rss", push.rss or None),
            ("push.total_bytes", uploaded["layers"] + uploaded["config"] + uploaded["manifest"]),
            *((f"push.{part}", uploaded[part]) for part in ("layers", "config", "manifest", "blob_count")),
        ]:
            self.record(scenario, arch, tool, metric, value)

    def invoke(self, scenario, tool, arch):
        goal = (
            "lambda-image:invoke"
            if isinstance(tool, LambdaImage)
            else f"io.github.lambdaimage:lambda-image-maven-plugin:{self.plugin_version}:invoke"
        )
        output = self.maven.run(
            tool.invoke_project(arch), goal, f"-Dlambda.arch={arch}", f"-Dlambda.event={self.events}"
        ).output
        match = INVOKE_LINE.search(output)
        if not match:
            raise RuntimeError(f"no invoke summary for {tool.name} {arch}:\n{output[-3000:]}")
        init, cold, warm = (int(g) for g in match.groups())
        self.record(scenario, arch, tool, "start.cold_ms", init + cold)
        self.record(scenario, arch, tool, "start.init_ms", init)
        self.record(scenario, arch, tool, "start.warm_ms", warm)

    def two_architectures(self, number):
        """In one round, each after a one-class change, in a seeded order: one build of both
        architectures (concurrent, the default), the same one after the other
        (lambda.build.parallel=false), and each architecture alone."""
        scenario, plugin = self.scenarios[0], self.tools["handler"][0]
        both = ",".join(self.archs)
        variants = [("both", both, []), ("both-sequential", both, ["-Dlambda.build.parallel=false"])]
        variants += [(f"{arch}-alone", arch, []) for arch in self.archs]
        self.order.shuffle(variants)
        for variant, archs, extra in variants:
            self.attempt(f"round {number} two architectures {variant}",
                         [lambda: self._two_architectures(scenario, plugin, variant, archs, extra)])
        self.refresh_previous()

    def _two_architectures(self, scenario, plugin, variant, archs, extra):
        log(f"two architectures: {variant}, round {self.round_number}")
        change_class(plugin.project, f"{variant}-{self.round_number}")
        build = plugin.build(archs, extra)
        built = dict(re.findall(r"(\w+) built (\d+) ms", build.log)) if "," in archs else {archs: 1}
        if set(built) != set(archs.split(",")):
            raise RuntimeError(f"{variant} did not rebuild {archs}:\n" + build.log[-3000:])
        pair = "+".join(self.archs)
        for metric, value in [("step", build.step), ("own", build.own_step), ("wall", build.wall),
                              ("cpu", build.cpu), ("rss", build.rss or None)]:
            self.record(scenario, pair, plugin, f"two.{variant}.{metric}", value)
        windows = engine_windows(build.log, self.archs) if "," in archs else {}
        if len(windows) == len(self.archs):
            self.record(scenario, pair, plugin, f"two.{variant}.overlap", overlap(windows))

    # ------------------------------------------------------------ cleanup

    def clean_up(self):
        """Removes the images this run made in the engine, with every name the benchmark gave them
        (tags, and the repository digests pushes left) and lambda-image's dependencies images; the
        registry keeps the benchmark's repositories (lambda-image-bench/*-<run id>) until its
        garbage collection."""
        for tag in self.tags:
            run(["docker", "rmi", tag], check=False)
        # lambda-image's dependencies images, each named in its module's dependencies-image file
        for record in sorted((self.bench_dir / "work").rglob("dependencies-image")):
            run(["docker", "rmi", record.read_text().strip()], check=False)
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
    clock = time.monotonic()
    log(f"load average at start: {load_at_start}")
    bench = Benchmark(args)
    results = Path(args.results)
    output = results / f"{started:%Y-%m-%d-%H%M}.md"
    raw = results / f"{started:%Y-%m-%d-%H%M}"
    raw.mkdir(parents=True, exist_ok=True)

    def report(rounds_done):
        environment = {
            **bench.environment,
            "started": f"{started:%Y-%m-%d %H:%M}",
            "minutes": f"{(time.monotonic() - clock) / 60:.0f}",
            "rounds": rounds_done,
            "seed": bench.seed,
            "load average at the start": load_at_start,
            "load average at the end": load_average(),
            "load average at each round's start": bench.round_loads,
            "scenarios": {s.name: {"archs": s.archs, "describe": s.describe()} for s in bench.scenarios},
            "tools": [tool.name for tool in bench.tools["handler"]],
            "failures": bench.failures,
        }
        (raw / "environment.json").write_text(json.dumps(environment, indent=1) + "\n")
        write_samples(raw / "samples.csv", bench.samples)
        table = render(bench.samples, environment)
        output.write_text(table)
        return table

    try:
        bench.set_up()
        bench.warm_up()
        for number in range(1, args.runs + 1):
            bench.round(number)
            if len(bench.archs) > 1 and not args.no_two_arch:
                bench.two_architectures(number)
            report(number)
            log(f"round {number} written to {output} and {raw}/")
    finally:
        bench.clean_up()
    print(report(args.runs))
    log(f"saved {output} and {raw}/")


if __name__ == "__main__":
    main()
