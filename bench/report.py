#!/usr/bin/env python3
"""Turns the raw samples into the markdown report: min/median/max per figure, ratios of medians,
and the targets of issue 16, each met or missed with its figures.

Re-render a committed result from its raw samples:
    python3 bench/report.py bench/results/<stamp>      (prints the report)
"""

import csv
import json
import sys
from collections import defaultdict
from pathlib import Path
from statistics import median

FIELDS = ["seq", "round", "scenario", "arch", "tool", "metric", "value"]
OURS, CLI = "lambda-image", "docker CLI"

# (label, metric, unit) of the handler's table, in order; see bench/README.md for what each includes.
ROWS = [
    ("No-change rebuild: image step", "nochange.step", "s"),
    ("No-change rebuild: plugin's own elapsed time", "nochange.own", "s"),
    ("No-change rebuild: whole command", "nochange.wall", "s"),
    ("No-change rebuild: CPU (user+sys)", "nochange.cpu", "s"),
    ("No-change rebuild: Maven JVM peak RSS", "nochange.rss", "B"),
    ("One-class change: image step", "change.step", "s"),
    ("One-class change: plugin's own elapsed time", "change.own", "s"),
    ("One-class change: engine part (context sent to image built)", "change.engine", "s"),
    ("One-class change: whole command", "change.wall", "s"),
    ("One-class change: CPU (user+sys)", "change.cpu", "s"),
    ("One-class change: Maven JVM peak RSS", "change.rss", "B"),
    ("One-class change: new layers", "change.layers", "n"),
    ("One-class change: bytes of the new layers", "change.layer_bytes", "B"),
    ("Push after the change: bytes uploaded (registry side)", "push.total_bytes", "B"),
    ("Push after the change: of which layer blobs", "push.layers", "B"),
    ("Push after the change: of which image config", "push.config", "B"),
    ("Push after the change: of which manifest", "push.manifest", "B"),
    ("Push after the change: blobs uploaded", "push.blob_count", "n"),
    ("Push after the change: push step", "push.step", "s"),
    ("Push after the change: whole command", "push.wall", "s"),
    ("Push after the change: CPU (user+sys)", "push.cpu", "s"),
    ("Push after the change: Maven JVM peak RSS", "push.rss", "B"),
    ("Build context sent to the engine (tar)", "context_bytes", "B"),
    ("Build context: file contents in it", "context_payload", "B"),
    ("Image size", "image_bytes", "B"),
    ("Image bytes above the base image", "added_bytes", "B"),
    ("Layers", "image_layers", "n"),
    ("Cold start: container start to first response", "start.cold_ms", "ms"),
    ("Cold start: of which init (start to first /next)", "start.init_ms", "ms"),
    ("Warm invocation", "start.warm_ms", "ms"),
]
SCALING_METRICS = [
    "added_bytes", "context_bytes", "change.layer_bytes", "change.own", "change.step",
    "change.wall", "change.cpu", "nochange.step", "nochange.own", "nochange.wall",
    "push.total_bytes", "push.step",
]
TWO_ARCH_VARIANTS = [
    ("both", "one build of both, concurrent (default)"),
    ("both-sequential", "one build of both, one after the other (lambda.build.parallel=false)"),
]


# ---------------------------------------------------------------- samples


def write_samples(path, samples):
    with open(path, "w", newline="") as file:
        writer = csv.DictWriter(file, FIELDS)
        writer.writeheader()
        writer.writerows({**sample, "value": round(float(sample["value"]), 6)} for sample in samples)


def read_samples(path):
    with open(path, newline="") as file:
        return [
            {**row, "seq": int(row["seq"]), "round": int(row["round"]), "value": float(row["value"])}
            for row in csv.DictReader(file)
        ]


def grouped(samples):
    """{(scenario, arch, tool, metric): [values in run order]}"""
    groups = defaultdict(list)
    for sample in sorted(samples, key=lambda s: s["seq"]):
        groups[(sample["scenario"], sample["arch"], sample["tool"], sample["metric"])].append(
            float(sample["value"])
        )
    return groups


# ---------------------------------------------------------------- formatting


def fmt(value, unit):
    if value is None:
        return "n/a"
    if unit == "s":
        return f"{value:.2f} s"
    if unit == "ms":
        return f"{value:.0f} ms"
    if unit == "n":
        return f"{value:g}"
    if unit == "x":
        return f"{value:.2f}×"
    for limit, suffix in [(1e9, "GB"), (1e6, "MB"), (1e3, "kB")]:
        if abs(value) >= limit:
            return f"{value / limit:.2f} {suffix}"
    return f"{value:.0f} B"


def spread(values, unit):
    """'median (min–max)', or the value alone when all samples agree; n/a without samples."""
    if not values:
        return "n/a"
    low, mid, high = min(values), median(values), max(values)
    if low == high:
        return fmt(mid, unit)
    bare = lambda v: fmt(v, unit).split(" ")[0]  # noqa: E731
    return f"{fmt(mid, unit)} ({bare(low)}–{bare(high)})"


def ratio(ours, theirs):
    if ours is None or theirs is None or theirs == 0:
        return "n/a"
    return f"{ours / theirs:.2f}×"


class Figures:
    """Medians and spreads of the samples."""

    def __init__(self, samples):
        self.samples = samples
        self.groups = grouped(samples)

    def values(self, scenario, arch, tool, metric):
        return self.groups.get((scenario, arch, tool, metric), [])

    def median(self, scenario, arch, tool, metric):
        values = self.values(scenario, arch, tool, metric)
        return median(values) if values else None


# ---------------------------------------------------------------- report


def render(samples, environment):
    figures = Figures(samples)
    tools = environment["tools"]
    scenarios = environment["scenarios"]
    handler_archs = scenarios["handler"]["archs"]
    lines = [
        f"# lambda-image benchmark, {environment['started']}",
        "",
        f"{environment['rounds']} round(s); in each, per scenario and architecture, the tools in an"
        f" order shuffled by a generator seeded with {environment['seed']} (`--seed` repeats it)."
        f" Took {environment['minutes']} min. Every cell: median (min–max) of the rounds; ratios"
        " are lambda-image's median ÷ the alternative's (below 1: lambda-image is faster or"
        " smaller). What each row includes: bench/README.md. Raw samples and this environment:"
        f" [`{environment['started'].replace(' ', '-').replace(':', '')}/`]"
        f"({environment['started'].replace(' ', '-').replace(':', '')}/).",
        "",
        "| Environment | |",
        "|---|---|",
    ]
    skip = {"started", "minutes", "rounds", "seed", "scenarios", "tools", "failures",
            "load average at each round's start"}
    lines += [f"| {key} | {value} |" for key, value in environment.items() if key not in skip]
    loads = environment.get("load average at each round's start", [])
    if loads:
        lines.append("| load average at each round's start | " + "; ".join(loads) + " |")
    lines += ["", "## The reference handler (2 dependency jars, 7 kB application jar)", ""]
    lines += table(figures, tools, [(arch, "handler", arch) for arch in handler_archs], ROWS)
    lines += two_architectures(figures, handler_archs)
    scaled = [name for name in scenarios if name != "handler"]
    if scaled:
        arch = scenarios[scaled[0]]["archs"][0]
        keys = [(name, name, arch)
                for name in (["handler"] if arch in handler_archs else []) + scaled]
        lines += [
            "", f"## Scaling ({arch}): the same steps, synthetic dependency jars and payload", "",
            "Scenario dNNN-aSIZE: NNN synthetic dependency jars and an application payload of SIZE"
            " (bench/synthetic.py). Cost should follow the bytes that changed (the application"
            " jar), not the image's size (the dependencies).", "",
            *(f"- {name}: {scenarios[name]['describe']}" for name in scaled), "",
        ]
        rows = [row for metric in SCALING_METRICS for row in ROWS if row[1] == metric]
        lines += table(figures, tools, keys, rows, key_label="scenario")
    lines += targets(figures, environment)
    if environment.get("failures"):
        lines += ["", "## Failed steps (their figures are missing from the medians)", ""]
        lines += [f"- {failure}" for failure in environment["failures"]]
    return "\n".join(lines) + "\n"


def table(figures, tools, keys, rows, key_label="arch"):
    """Rows of `rows` x `keys` ((label, scenario, arch)), a column per tool, ratios vs the others."""
    others = [t for t in tools if t != OURS]
    lines = [
        f"| Measure | {key_label} | " + " | ".join(tools) + " | "
        + " | ".join(f"÷ {o}" for o in others) + " |",
        "|---|---|" + "---:|" * (len(tools) + len(others)),
    ]
    for label, metric, unit in rows:
        for key_text, scenario, arch in keys:
            values = {t: figures.values(scenario, arch, t, metric) for t in tools}
            if not any(values.values()):
                continue
            ours = figures.median(scenario, arch, OURS, metric)
            cells = [spread(values[t], unit) for t in tools]
            cells += [ratio(ours, figures.median(scenario, arch, o, metric)) for o in others]
            lines.append(f"| {label} | {key_text} | " + " | ".join(cells) + " |")
    return lines


def two_architectures(figures, archs):
    pair = "+".join(archs)
    if not figures.values("handler", pair, OURS, "two.both.step"):
        return []
    variants = TWO_ARCH_VARIANTS + [(f"{a}-alone", f"{a} alone") for a in archs]
    lines = [
        "", f"## Two architectures ({', '.join(archs)}), lambda-image, each after a one-class change,"
        " all in the same rounds", "",
        "| Build | image step | plugin's own time | whole command | CPU (user+sys) | Maven JVM peak RSS"
        " | engine work overlapped |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for variant, text in variants:
        get = lambda m: figures.values("handler", pair, OURS, f"two.{variant}.{m}")  # noqa: E731
        overlap = get("overlap")
        lines.append(
            f"| {text} | {spread(get('step'), 's')} | {spread(get('own'), 's')}"
            f" | {spread(get('wall'), 's')} | {spread(get('cpu'), 's')} | {spread(get('rss'), 'B')}"
            f" | {f'{100 * median(overlap):.0f}%' if overlap else 'n/a'} |"
        )
    for metric, text in [("step", "image step"), ("wall", "whole command")]:
        paired = paired_ratios(figures, archs, metric)
        if paired:
            lines.append(
                f"\nPer round, one build of both ÷ ({' + '.join(a + ' alone' for a in archs)}),"
                f" {text}: {spread(paired, 'x')}."
            )
    return lines


def paired_ratios(figures, archs, metric):
    """Per round with all three: both's figure ÷ the sum of that round's one-architecture builds."""
    pair = "+".join(archs)
    wanted = {f"two.both.{metric}": "both", **{f"two.{a}-alone.{metric}": a for a in archs}}
    by_round = defaultdict(dict)
    for sample in figures.samples:
        if sample["scenario"] == "handler" and sample["arch"] == pair and sample["metric"] in wanted:
            by_round[sample["round"]][wanted[sample["metric"]]] = float(sample["value"])
    return [
        found["both"] / sum(found[a] for a in archs)
        for _, found in sorted(by_round.items())
        if len(found) == len(wanted)
    ]


def targets(figures, environment):
    """Issue 16's targets on medians of this run, each met or missed with its figures."""
    lines = ["", "## Targets (issue 16), medians of this run, same engine and builder", "",
             "| Target | arch | result | figures |", "|---|---|---|---|"]

    def check(text, arch, ours, limit, unit, extra=""):
        if ours is None or limit is None:
            result, figures_text = "not measured", "a figure is missing (see Failed steps)"
        else:
            result = "met" if ours <= limit else "**MISSED**"
            figures_text = f"{fmt(ours, unit)} vs limit {fmt(limit, unit)} ({ratio(ours, limit)} the limit)"
        lines.append(f"| {text} | {arch} | {result} | {figures_text}{extra} |")

    scaled = lambda value, factor: None if value is None else value * factor  # noqa: E731
    archs = environment["scenarios"]["handler"]["archs"]
    for arch in archs:
        get = lambda tool, metric: figures.median("handler", arch, tool, metric)  # noqa: E731
        check("No-change image step ≤ the CLI's `docker build` step", arch,
              get(OURS, "nochange.step"), get(CLI, "nochange.step"), "s")
        check("No-change whole command ≤ 0.9 × the CLI flow (mvn package dependency:copy-dependencies"
              " + docker build)", arch, get(OURS, "nochange.wall"),
              scaled(get(CLI, "nochange.wall"), 0.9), "s")
        check("One-class change image step ≤ 1.0 × the CLI's", arch,
              get(OURS, "change.step"), get(CLI, "change.step"), "s")
        check("Push step (read-back included) ≤ 2 × `docker push`", arch,
              get(OURS, "push.step"), scaled(get(CLI, "push.step"), 2), "s")
        check("Bytes pushed after a one-class change ≤ the CLI's", arch,
              get(OURS, "push.total_bytes"), get(CLI, "push.total_bytes"), "B")
    if len(archs) > 1:
        pair = "+".join(archs)
        get = lambda variant, m: figures.median("handler", pair, OURS, f"two.{variant}.{m}")  # noqa: E731
        alone = [get(f"{a}-alone", "step") for a in archs]
        walls = [get(f"{a}-alone", "wall") for a in archs]
        total = None if None in alone else sum(alone)
        check("One two-architecture build's image step ≤ 0.6 × (amd64 alone + arm64 alone)", pair,
              get("both", "step"), None if total is None else 0.6 * total, "s",
              f"; {ratio(get('both', 'step'), total)} the sum {fmt(total, 's')}; whole command"
              f" {ratio(get('both', 'wall'), None if None in walls else sum(walls))} the two"
              " whole commands")
    lines += change_costs_what_changed(figures, environment, check)
    return lines


def change_costs_what_changed(figures, environment, check):
    """With ≥ 145 dependency jars (the scaling scenario with the most jars and the smallest
    application), a one-class change sends ≤ 1 MB to the engine and costs ≤ 1.2 × the handler's
    own time (2 jars) on the same architecture."""
    candidates = []
    for name, scenario in environment["scenarios"].items():
        if name.startswith("d") and "-a" in name:
            jars = int(name[1:name.index("-a")])
            if jars >= 145:
                candidates.append((-jars, len(name), name, scenario["archs"][0]))
    text = "A change costs what changed: with ≥ 145 jars, context sent after a one-class change ≤ 1 MB"
    text2 = "… and its own time ≤ 1.2 × the 2-jar handler's"
    if not candidates:
        return [f"| {text} | | not measured | no scaling scenario with ≥ 145 jars (--scales) |"]
    _, _, name, arch = min(candidates)
    lines = []
    check(f"{text} ({name})", arch, figures.median(name, arch, OURS, "context_bytes"), 1e6, "B")
    handler = figures.median("handler", arch, OURS, "change.own")
    check(f"{text2} ({name})", arch, figures.median(name, arch, OURS, "change.own"),
          None if handler is None else 1.2 * handler, "s")
    return lines


def main():
    directory = Path(sys.argv[1])
    environment = json.loads((directory / "environment.json").read_text())
    print(render(read_samples(directory / "samples.csv"), environment), end="")


if __name__ == "__main__":
    main()
