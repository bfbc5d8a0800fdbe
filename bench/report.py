#!/usr/bin/env python3
"""Summarises a run of symgrad_bench (Google Benchmark JSON, with repetitions).

Prints and writes docs/bench/summary.md: the goals, each marked met or not met with its figure,
then a table per case of the median time per call of each method, its ratio to the hand-written
Eigen code and the rate at which it gets through X. Writes docs/bench/ratios.gp and runs gnuplot
on it to draw docs/bench/ratios.svg (ratio to hand-written per case and method, log scale).

Usage: bench/report.py [results.json] [--out-dir docs/bench] [--load-after "$(cat /proc/loadavg)"]
"""
import argparse
import json
import os
import shutil
import subprocess
import sys

repo = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

# Display order and names of the methods.
METHODS = [
    ("read_X", "one read of X (floor)"),
    ("handwritten", "hand-written Eigen"),
    ("handwritten_1pass", "hand-written, one pass over X"),
    ("symgrad", "symgrad"),
    ("symgrad_2threads", "symgrad, 2 threads (wall time)"),
    ("symgrad_eval_all", "symgrad, eval_all (allocating)"),
    ("adolc_tape_reused", "ADOL-C, tape reused"),
    ("adolc_retape", "ADOL-C, re-taped each call"),
]
METHOD_NAMES = dict(METHODS)

CASE_TITLES = {
    "logistic": "logistic regression, value and gradient (w, b)",
    "softmax": "softmax regression, value and gradient (W, b)",
    "hessian": "logistic regression, Hessian with respect to w",
    "least_squares": "least squares with an intercept, value and gradient (w, b)",
    "network": "dense network, softmax cross-entropy, value and the gradient of every W and b",
}

TO_SECONDS = {"ns": 1e-9, "us": 1e-6, "ms": 1e-3, "s": 1.0}


def fmt_time(seconds):
    if seconds < 1e-3:
        return f"{seconds * 1e6:.3g} µs"
    if seconds < 1:
        return f"{seconds * 1e3:.3g} ms"
    return f"{seconds:.3g} s"


def fmt_ratio(r):
    return f"{r:.3g}x" if r is not None else "–"


def load(path):
    """{case: {method: {"median": s, "cv": fraction, "bps": bytes/s, "tape_MB": MB}}}, case order, context."""
    data = json.load(open(path))
    cases, order = {}, []
    errors = []
    for b in data["benchmarks"]:
        name = b.get("run_name", b["name"])
        case, _, method = name.rpartition("/")
        if b.get("error_occurred"):
            errors.append(f"{name}: {b.get('error_message', 'error')}")
            continue
        if b.get("run_type") != "aggregate":
            continue
        if case not in cases:
            cases[case] = {}
            order.append(case)
        entry = cases[case].setdefault(method, {})
        agg = b["aggregate_name"]
        if agg == "median":
            # A method that runs on threads of its own is timed by the wall clock: the CPU time
            # Google Benchmark reports is the calling thread's only.
            timed = "real_time" if method.endswith("threads") else "cpu_time"
            entry["median"] = b[timed] * TO_SECONDS[b["time_unit"]]
            entry["real_median"] = b["real_time"] * TO_SECONDS[b["time_unit"]]
            entry["bps"] = b.get("bytes_per_second")
            entry["tape_MB"] = b.get("tape_MB")
            entry["x_bytes"] = b.get("X_bytes")
            entry["repetitions"] = b.get("repetitions")
        elif agg == "cv":
            entry["cv"] = b["real_time" if method.endswith("threads") else "cpu_time"]  # a fraction
    if not cases:
        sys.exit("report.py: no aggregates in the results; run with --benchmark_repetitions=N (N > 1)")
    return cases, order, data["context"], errors


def ratio(cases, case, method, reference="handwritten"):
    c = cases.get(case, {})
    if method not in c or reference not in c or "median" not in c[method] or "median" not in c[reference]:
        return None
    return c[method]["median"] / c[reference]["median"]


def goals(cases):
    """(goal, figure text, met: True/False/None)."""
    out = []

    def check(text, case, value, bound, op, what):
        if value is None:
            out.append((text, f"{case}: not measured", None))
            return
        met = value <= bound if op == "<=" else value >= bound
        out.append((text, f"{case}: {what} {value:.3g}x", met))

    c = "logistic/569x30"
    check("logistic (569, 30): symgrad <= 1.05x hand-written", c, ratio(cases, c, "symgrad"), 1.05, "<=",
          "symgrad / hand-written")
    check("logistic (569, 30): symgrad >= 40x faster than ADOL-C with its tape reused", c,
          ratio(cases, c, "adolc_tape_reused", "symgrad"), 40, ">=", "ADOL-C tape reused / symgrad")
    c = "logistic/200000x100"
    check("logistic (200000, 100): symgrad <= 0.65x hand-written (two passes over X)", c, ratio(cases, c, "symgrad"),
          0.65, "<=", "symgrad / hand-written")
    check("logistic (200000, 100): symgrad with 2 threads <= 0.40x hand-written (one thread)", c,
          ratio(cases, c, "symgrad_2threads"), 0.40, "<=", "symgrad 2 threads / hand-written")
    for c in [k for k in cases if k.startswith("softmax/")]:
        m, n, k = c.split("/")[1].split("x")
        check(f"softmax ({m}, {n}, {k}): symgrad <= 1.1x hand-written", c, ratio(cases, c, "symgrad"), 1.1, "<=",
              "symgrad / hand-written")
    for c in [k for k in cases if k.startswith("hessian/")]:
        m, n = c.split("/")[1].split("x")
        check(f"Hessian ({m}, {n}): symgrad <= 1.5x hand-written", c, ratio(cases, c, "symgrad"), 1.5, "<=",
              "symgrad / hand-written")
    for c in [k for k in cases if k.startswith("least_squares/")]:
        m, n = c.split("/")[1].split("x")
        check(f"least squares with an intercept ({m}, {n}): symgrad <= 1.0x hand-written", c,
              ratio(cases, c, "symgrad"), 1.0, "<=", "symgrad / hand-written")
    for c in [k for k in cases if k.startswith("network/")]:
        _, act, depth, rows = c.split("/")
        check(f"network, {act}, {depth[1:]} hidden layers of 64, m = {rows[1:]}: symgrad <= 1.05x hand-written backprop",
              c, ratio(cases, c, "symgrad"), 1.05, "<=", "symgrad / hand-written")
    return out


def overview(cases, order):
    """One table of every case: time per call and ratio to hand-written, per method."""
    methods = [m for m, _ in METHODS if any(m in cases[c] for c in order)]
    lines = ["## Overview", "", "Median time per call (ratio to hand-written).", ""]
    lines.append("| case | " + " | ".join(METHOD_NAMES[m] for m in methods) + " |")
    lines.append("|---|" + "---:|" * len(methods))
    for case in order:
        cells = []
        for m in methods:
            e = cases[case].get(m)
            if not e or "median" not in e:
                cells.append("–")
                continue
            text = f"{fmt_time(e['median'])} ({fmt_ratio(ratio(cases, case, m))})"
            cells.append(f"**{text}**" if m == "symgrad" else text)
        lines.append(f"| {case} | " + " | ".join(cells) + " |")
    return lines + [""]


def markdown(cases, order, context, errors, load_after, json_path):
    lines = ["# Runtime benchmarks: summary", ""]
    lines.append(f"Generated by `bench/report.py` from `{os.path.relpath(json_path, repo)}` "
                 f"(run of {context.get('date', '?')}).")
    lines.append("")
    cpu = f"{context.get('num_cpus', '?')} CPUs at {context.get('mhz_per_cpu', '?')} MHz"
    load_before = context.get("load_avg")
    load_text = "load average at the start " + (", ".join(f"{x:.2f}" for x in load_before) if load_before else "?")
    if load_after:
        load_text += f"; at the end {load_after}"
    lines.append(f"- machine: {context.get('host_name', '?')}, {cpu}; {load_text} (1, 5, 15 minutes)")
    lines.append(f"- compiler: {context.get('compiler', '?')}; flags: `{context.get('flags', '?')}`; "
                 f"Eigen {context.get('eigen', '?')}; ADOL-C {context.get('adolc', '?')}; "
                 f"Google Benchmark library built as {context.get('library_build_type', '?')}")
    reps = next((e.get("repetitions") for c in cases.values() for e in c.values() if e.get("repetitions")), "?")
    lines.append(f"- time: median over {reps} repetitions of the CPU time per call (each repetition averages "
                 "as many calls as fill 0.5 s, at least one); spread: coefficient of variation over the repetitions")
    lines.append("- ratio: the method's median over the hand-written Eigen code's (two passes over X); "
                 "X rate: bytes of X divided by the time per call")
    lines.append("")

    lines += ["## Goals", "", "| goal | figure | |", "|---|---|---|"]
    for text, figure, met in goals(cases):
        mark = "**met**" if met else ("not measured" if met is None else "**not met**")
        lines.append(f"| {text} | {figure} | {mark} |")
    lines.append("")

    lines += overview(cases, order)

    for case in order:
        kind, _, size = case.partition("/")
        if kind == "network":  # two methods each: the overview table says it all
            continue
        dims = size.split("x")
        shape = {"logistic": "(m, n)", "hessian": "(m, n)", "softmax": "(m, n, k)", "least_squares": "(m, n)"}.get(kind, "")
        lines.append(f"## {CASE_TITLES.get(kind, kind)}, {shape} = ({', '.join(dims)})")
        lines.append("")
        lines.append("| method | time per call | ratio to hand-written | X rate | spread | note |")
        lines.append("|---|---:|---:|---:|---:|---|")
        entries = cases[case]
        known = [m for m, _ in METHODS if m in entries] + [m for m in entries if m not in METHOD_NAMES]
        for method in known:
            e = entries[method]
            if "median" not in e:
                continue
            r = ratio(cases, case, method)
            bps = f"{e['bps'] / 1e9:.3g} GB/s" if e.get("bps") else "–"
            cv = f"{100 * e['cv']:.1f} %" if e.get("cv") is not None else "–"
            mb = e.get("tape_MB")
            note = "" if not mb else f"tape {mb:.3g} MB" if mb < 1000 else f"tape {mb / 1000:.3g} GB"
            name = METHOD_NAMES.get(method, method)
            if method == "symgrad":
                name = "**symgrad**"
            lines.append(f"| {name} | {fmt_time(e['median'])} | {fmt_ratio(r)} | {bps} | {cv} | {note} |")
        x_bytes = next((e.get("x_bytes") for e in entries.values() if e.get("x_bytes")), None)
        if x_bytes:
            lines.append("")
            lines.append(f"X is {x_bytes / 1e6:.3g} MB.")
        lines.append("")

    if errors:
        lines += ["## Benchmarks that failed", ""] + [f"- {e}" for e in errors] + [""]
    lines.append("Chart: `ratios.svg` (ratio to hand-written, log scale).")
    return "\n".join(lines) + "\n"


def gnuplot_script(cases, order, svg_path):
    methods = [m for m, _ in METHODS if m != "handwritten" and any(m in cases[c] for c in order)]
    rows = []
    for case in order:
        values = []
        for m in methods:
            r = ratio(cases, case, m)
            values.append(f"{r:.6g}" if r is not None else "NaN")
        rows.append(f'"{case}" ' + " ".join(values))
    header = "case " + " ".join(f'"{METHOD_NAMES[m]}"' for m in methods)
    plots = ", \\\n     ".join(f"$ratios using {i + 2}:xtic(1) title columnheader({i + 2})" for i in range(len(methods)))
    ymax = max([float(v) for row in rows for v in row.split()[1:] if v != "NaN"] + [10.0])
    ymin = min([float(v) for row in rows for v in row.split()[1:] if v != "NaN"] + [0.5])
    return f"""# Written by bench/report.py: ratio of each method's median time per call to the
# hand-written Eigen code's, per case. Run: gnuplot {os.path.basename(svg_path)[:-4]}.gp
set terminal svg size 1100,620 dynamic enhanced font "sans,11" background rgb "white"
set output "{svg_path}"
set title "Time per call relative to hand-written Eigen (1 = as fast; lower is faster)"
set ylabel "ratio to hand-written (log scale)"
set logscale y
set yrange [{ymin / 1.5:.3g}:{ymax * 2:.3g}]
set grid ytics mytics
set style data histograms
set style histogram clustered gap 1
set style fill solid 0.85 border -1
set boxwidth 0.9
set xtics rotate by -20 noenhanced
set key below horizontal maxcols 3 Left reverse noenhanced
set xrange [-0.6:{len(order) - 0.4}]
set arrow from graph 0, first 1 to graph 1, first 1 nohead dashtype 2 lw 1.5 front
$ratios << EOD
{header}
{chr(10).join(rows)}
EOD
plot {plots}
"""


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("results", nargs="?", default=os.path.join(repo, "docs", "bench", "results.json"))
    p.add_argument("--out-dir", default=os.path.join(repo, "docs", "bench"))
    p.add_argument("--load-after", help="the load average when the run ended (contents of /proc/loadavg)")
    a = p.parse_args()

    cases, order, context, errors = load(a.results)
    load_after = ", ".join(a.load_after.split()[:3]) if a.load_after else None
    text = markdown(cases, order, context, errors, load_after, os.path.abspath(a.results))
    os.makedirs(a.out_dir, exist_ok=True)
    with open(os.path.join(a.out_dir, "summary.md"), "w") as f:
        f.write(text)
    sys.stdout.write(text)

    svg = os.path.join(a.out_dir, "ratios.svg")
    script = os.path.join(a.out_dir, "ratios.gp")
    with open(script, "w") as f:
        f.write(gnuplot_script(cases, order, "ratios.svg"))
    if shutil.which("gnuplot") is None:
        sys.exit("report.py: gnuplot not found; the chart script is in " + script)
    # Run from the output directory so that the script's relative output path works anywhere.
    subprocess.run(["gnuplot", os.path.basename(script)], cwd=a.out_dir, check=True)
    print(f"\nwrote {os.path.join(a.out_dir, 'summary.md')}, {script}, {svg}", file=sys.stderr)


if __name__ == "__main__":
    main()
