#!/usr/bin/env python3
"""Compile time and peak memory of every translation unit, with g++ and clang++.

Configures the project with compile_commands.json for each compiler, recompiles each
translation unit (examples, tests, the hand-written baseline) with exactly the build's flags
under /usr/bin/time, and writes a Markdown table (stdout, or --out FILE).
Usage: bench/compile_time.py [--out docs/compile-time-table.md] [--repeat 3]
"""
import argparse
import json
import os
import shlex
import subprocess
import sys
import tempfile

repo = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def measure(command, directory, repeat):
    best = None
    for _ in range(repeat):
        with tempfile.NamedTemporaryFile() as t:
            args = shlex.split(command)
            out = args.index("-o")
            args[out + 1] = os.devnull if args[out + 1].endswith(".o") else args[out + 1]
            subprocess.run(["/usr/bin/time", "-f", "%e %M", "-o", t.name] + args, cwd=directory, check=True,
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            seconds, kb = open(t.name).read().split()[-2:]
            sample = (float(seconds), int(kb) / 1024)
            best = sample if best is None or sample[0] < best[0] else best
    return best


def commands(compiler, build):
    subprocess.run(["cmake", "-S", repo, "-B", build, "-DCMAKE_BUILD_TYPE=Release", "-DCMAKE_CXX_COMPILER=" + compiler,
                    "-DCMAKE_EXPORT_COMPILE_COMMANDS=ON"], check=True, stdout=subprocess.DEVNULL)
    entries = json.load(open(os.path.join(build, "compile_commands.json")))
    return {os.path.relpath(e["file"], repo): (e["command"], e["directory"]) for e in entries}


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--out")
    p.add_argument("--repeat", type=int, default=1)
    a = p.parse_args()
    rows = {}
    for compiler in ("g++", "clang++"):
        build = os.path.join(repo, "build-compile-time-" + compiler)
        cmds = commands(compiler, build)
        # The baseline is compiled with the demo's flags.
        demo_cmd, demo_dir = cmds["examples/logistic_regression.cpp"]
        base = "bench/compile/logistic_handwritten.cpp"
        cmds[base] = (demo_cmd.replace(os.path.join(repo, "examples/logistic_regression.cpp"), os.path.join(repo, base)), demo_dir)
        for f, (cmd, d) in sorted(cmds.items()):
            rows.setdefault(f, {})[compiler] = measure(cmd, d, a.repeat)
            print(f"{compiler:8} {f:45} {rows[f][compiler][0]:6.2f} s {rows[f][compiler][1]:6.0f} MB", file=sys.stderr)
    lines = ["| translation unit | g++ s | g++ MB | clang++ s | clang++ MB |", "|---|---:|---:|---:|---:|"]
    for f, r in rows.items():
        g, c = r.get("g++", (0, 0)), r.get("clang++", (0, 0))
        lines.append(f"| `{f}` | {g[0]:.2f} | {g[1]:.0f} | {c[0]:.2f} | {c[1]:.0f} |")
    text = "\n".join(lines) + "\n"
    if a.out:
        open(a.out, "w").write(text)
    sys.stdout.write(text)


if __name__ == "__main__":
    main()
