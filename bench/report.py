"""Turns the samples into one markdown table of medians and ratios, and checks the targets."""

from statistics import median

# (label, metric, unit); every figure is the median of the runs.
ROWS = [
    ("No-change rebuild: image step", "nochange.step", "s"),
    ("No-change rebuild: plugin's own elapsed time", "nochange.own", "s"),
    ("No-change rebuild: whole command", "nochange.wall", "s"),
    ("One-class change: image step", "change.step", "s"),
    ("One-class change: plugin's own elapsed time", "change.own", "s"),
    ("One-class change: engine part (context sent to image built)", "change.engine", "s"),
    ("One-class change: whole command", "change.wall", "s"),
    ("One-class change: new layers", "change.layers", "n"),
    ("One-class change: bytes of the new layers", "change.layer_bytes", "B"),
    ("Push after the change: bytes uploaded (registry side)", "push.total_bytes", "B"),
    ("Push after the change: of which layer blobs", "push.layers", "B"),
    ("Push after the change: of which image config", "push.config", "B"),
    ("Push after the change: of which manifest", "push.manifest", "B"),
    ("Push after the change: blobs uploaded", "push.blob_count", "n"),
    ("Push after the change: push step", "push.step", "s"),
    ("Build context sent to the engine (tar)", "context_bytes", "B"),
    ("Build context: file contents in it", "context_payload", "B"),
    ("Image size", "image_bytes", "B"),
    ("Image bytes above the base image", "added_bytes", "B"),
    ("Layers", "image_layers", "n"),
    ("Cold start: container start to first response", "start.cold_ms", "ms"),
    ("Cold start: of which init (start to first /next)", "start.init_ms", "ms"),
    ("Warm invocation", "start.warm_ms", "ms"),
]


def fmt(value, unit):
    if value is None:
        return "n/a"
    if unit == "s":
        return f"{value:.2f} s"
    if unit == "ms":
        return f"{value:.0f} ms"
    if unit == "n":
        return f"{value:g}"
    for limit, suffix in [(1e9, "GB"), (1e6, "MB"), (1e3, "kB")]:
        if abs(value) >= limit:
            return f"{value / limit:.2f} {suffix}"
    return f"{value:.0f} B"


def percent(share):
    return "n/a" if share is None else f"{100 * share:.0f}%"


def ratio(ours, theirs):
    if ours is None or theirs is None or theirs == 0:
        return "n/a"
    return f"{ours / theirs:.2f}×"


def medians(samples):
    return {key: median(values) for key, values in samples.items() if values}


def render(samples, archs, tools, runs, started, load, minutes, failures=()):
    med = medians(samples)
    ours, others = tools[0], tools[1:]
    lines = [
        f"# lambda-image benchmark, {started:%Y-%m-%d %H:%M}",
        "",
        f"Medians of {runs} interleaved run(s) per tool and architecture; load average {load};"
        f" took {minutes:.0f} min. Ratios are lambda-image ÷ alternative (below 1: lambda-image"
        " is faster or smaller). Docker CLI: classic builder (DOCKER_BUILDKIT=0; this engine 20.10"
        " has no buildx). Jib: jib-maven-plugin 3.5.2 by full coordinates.",
        "",
        "| Measure | arch | " + " | ".join(tools) + " | "
        + " | ".join(f"÷ {o}" for o in others) + " |",
        "|---|---|" + "---:|" * (len(tools) + len(others)),
    ]
    for label, metric, unit in ROWS:
        for arch in archs:
            values = [med.get((arch, tool, metric)) for tool in tools]
            if all(v is None for v in values):
                continue
            cells = [fmt(v, unit) for v in values]
            ratios = [ratio(values[0], v) for v in values[1:]]
            lines.append(f"| {label} | {arch} | " + " | ".join(cells + ratios) + " |")
    lines += two_architectures(med, archs, ours)
    lines += targets(med, archs, tools)
    if failures:
        lines += ["", "## Failed steps (their figures are missing from the medians)", ""]
        lines += [f"- {failure}" for failure in failures]
    return "\n".join(lines) + "\n"


def two_architectures(med, archs, ours):
    key = ("+".join(archs), ours)
    if key + ("parallel.own",) not in med:
        return []
    parallel, sequential = med[key + ("parallel.own",)], med[key + ("sequential.own",)]
    return [
        "",
        f"Two architectures ({', '.join(archs)}) after a one-class change, one build"
        " (lambda-image's own elapsed time):",
        "",
        "| lambda.build.parallel | plugin step | whole command | sum of the per-architecture times |",
        "|---|---:|---:|---:|",
        f"| true (concurrent) | {fmt(parallel, 's')} | {fmt(med[key + ('parallel.wall',)], 's')}"
        f" | {fmt(med[key + ('parallel.sum',)], 's')} |",
        f"| false (one after the other) | {fmt(sequential, 's')}"
        f" | {fmt(med[key + ('sequential.wall',)], 's')} | {fmt(med[key + ('sequential.sum',)], 's')} |",
        "",
        f"Concurrent ÷ sequential: {ratio(parallel, sequential)}. Engine work (from each"
        " architecture's 'Sending build context' to its 'Built' line) overlapped"
        f" {percent(med.get(key + ('parallel.overlap',)))} of its span when concurrent"
        f" ({percent(med.get(key + ('sequential.overlap',)))} one after the other).",
    ]


def at_most(value, limit):
    """value <= limit, False when either is missing."""
    return value is not None and limit is not None and value <= limit


def targets(med, archs, tools):
    ours, others = tools[0], tools[1:]
    lines = ["", "## Targets", ""]

    def check(text, ok):
        lines.append(f"- {'met' if ok else 'MISSED'}: {text}")

    for arch in archs:
        get = lambda tool, metric: med.get((arch, tool, metric))  # noqa: E731
        step = get(ours, "nochange.step")
        own = get(ours, "nochange.own")
        check(
            f"[{arch}] no-change plugin step < 0.3 s and faster than "
            + ", ".join(f"{o} ({fmt(get(o, 'nochange.step'), 's')})" for o in others)
            + f": Maven mojo {fmt(step, 's')}, own {fmt(own, 's')}",
            at_most(own, 0.3) and all(at_most(step, get(o, "nochange.step")) for o in others),
        )
        check(
            f"[{arch}] one-class change replaces only the application layer:"
            f" {fmt(get(ours, 'change.layers'), 'n')} new layer(s),"
            f" {fmt(get(ours, 'change.layer_bytes'), 'B')}",
            get(ours, "change.layers") == 1,
        )
        change = get(ours, "change.step")
        check(
            f"[{arch}] one-class change image step {fmt(change, 's')} ≤ "
            + ", ".join(f"{o} {fmt(get(o, 'change.step'), 's')}" for o in others),
            all(at_most(change, get(o, "change.step")) for o in others),
        )
        pushed, layer = get(ours, "push.total_bytes"), get(ours, "change.layer_bytes")
        check(
            f"[{arch}] pushed bytes {fmt(pushed, 'B')} within 10% of the new application layer"
            f" ({fmt(layer, 'B')}): {ratio(pushed, layer)}; of which layer"
            f" {fmt(get(ours, 'push.layers'), 'B')}, config {fmt(get(ours, 'push.config'), 'B')},"
            f" manifest {fmt(get(ours, 'push.manifest'), 'B')}",
            at_most(pushed, None if layer is None else 1.1 * layer),
        )
        payload, added = get(ours, "context_payload"), get(ours, "added_bytes")
        check(
            f"[{arch}] context file contents {fmt(payload, 'B')} (tar"
            f" {fmt(get(ours, 'context_bytes'), 'B')}) ≤ the bytes the image adds to its base"
            f" ({fmt(added, 'B')})",
            at_most(payload, added),
        )
    key = ("+".join(archs), ours)
    if key + ("parallel.own",) in med:
        parallel, per_arch = med[key + ("parallel.own",)], med[key + ("parallel.sum",)]
        separate = [med.get((arch, ours, "change.own")) for arch in archs]
        check(
            f"two architectures in one concurrent build {fmt(parallel, 's')} well under the sum of"
            f" its per-architecture times {fmt(per_arch, 's')} ({ratio(parallel, per_arch)};"
            " 'well under': ≤ 0.75×); one after the other"
            f" {fmt(med[key + ('sequential.own',)], 's')}; two one-architecture builds"
            f" {fmt(None if None in separate else sum(separate), 's')}",
            at_most(parallel, 0.75 * per_arch),
        )
    return lines
