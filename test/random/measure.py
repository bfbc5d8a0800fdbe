#!/usr/bin/env python3
"""Compile time and memory of the random-expression tests, one translation unit at a time.

    python3 test/random/measure.py build-g++ [build-clang++ ...] [--jobs 2]
    python3 test/random/measure.py --calibrate build-g++

Runs the compile command of every test/random/*.cpp recorded in <build>/compile_commands.json
(configure with -DCMAKE_EXPORT_COMPILE_COMMANDS=ON) under /usr/bin/time -v, writing the object
files where the build would, and prints wall seconds, CPU seconds (user + system) and peak
resident memory per unit, with the totals.

--calibrate measures the cost of each generated expression that costs.tsv does not have yet:
the CPU seconds of compiling it alone in a translation unit (generate.single_source, with the
flags of support.cpp), above the lightest expression; it adds them to costs.tsv and repeats
until generate.py draws no expression without a measured cost. Then run generate.py.
"""
import argparse
import concurrent.futures
import json
import os
import re
import shlex
import subprocess
import sys
import tempfile


def run(entry):
    command = entry['command'] if 'command' in entry else shlex.join(entry['arguments'])
    out = subprocess.run(['/usr/bin/time', '-v', 'sh', '-c', command], cwd=entry['directory'],
                         capture_output=True, text=True)
    if out.returncode != 0:
        sys.stderr.write(out.stderr[-4000:])
        raise SystemExit('measure.py: compiling %s failed' % entry['file'])
    text = out.stderr

    def field(name):
        return re.search(re.escape(name) + r': (.*)', text).group(1)

    wall = field('Elapsed (wall clock) time (h:mm:ss or m:ss)').split(':')
    seconds = sum(float(x) * 60 ** i for i, x in enumerate(reversed(wall)))
    cpu = float(field('User time (seconds)')) + float(field('System time (seconds)'))
    return os.path.basename(entry['file']), seconds, cpu, int(field('Maximum resident set size (kbytes)')) / 1024


def calibrate(build, jobs):
    here = os.path.dirname(os.path.abspath(__file__))
    sys.path.insert(0, here)
    sys.dont_write_bytecode = True  # no __pycache__ in the source tree
    import generate as g
    entry = next(e for e in json.load(open(os.path.join(build, 'compile_commands.json')))
                 if e['file'].endswith('/test/random/support.cpp'))
    words = shlex.split(entry['command']) if 'command' in entry else list(entry['arguments'])
    compiler, flags, skip = words[0], [], False
    for w in words[1:]:
        if skip:
            skip = False
        elif w in ('-o', '-c'):
            skip = True
        elif not w.endswith('support.cpp'):
            flags.append(w)
    table = g.load_costs()
    with tempfile.TemporaryDirectory() as tmp:
        def cpu(job):
            index, source = job
            path = os.path.join(tmp, 'single_%d.cpp' % index)
            with open(path, 'w') as f:
                f.write(source)
            out = subprocess.run(['/usr/bin/time', '-f', '%U %S', compiler] + flags +
                                 ['-I' + os.path.join(here, 'generated'),  # the sources include ../support.hpp
                                  '-c', path, '-o', os.devnull], cwd=entry['directory'],
                                 capture_output=True, text=True)
            if out.returncode != 0:
                sys.stderr.write(out.stderr[-4000:])
                raise SystemExit('measure.py: compiling an expression alone failed')
            return sum(float(x) for x in out.stderr.strip().split('\n')[-1].split())

        while True:
            kept = g.generate(table)[0]
            missing = [(e, v) for e, v in kept if e.cpp() not in table]
            if not missing:
                break
            print('measuring %d expressions' % len(missing), flush=True)
            base = min(cpu((-1, g.single_source(*g.lightest()))) for _ in range(2))
            with concurrent.futures.ThreadPoolExecutor(jobs) as pool:
                seconds = list(pool.map(cpu, [(i, g.single_source(e, v)) for i, (e, v) in enumerate(missing)]))
            for (e, _), s in zip(missing, seconds):
                table[e.cpp()] = round(max(0.0, s - base), 2)
            with open(g.COSTS, 'w') as f:
                f.writelines('%.2f\t%s\n' % (table[t], t) for t in sorted(table))
    print('costs.tsv: %d expressions; every generated expression has a measured cost' % len(table))


def main():
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    parser.add_argument('builds', nargs='+')
    parser.add_argument('--jobs', type=int, default=2)
    parser.add_argument('--only', help='a regular expression the file names must match')
    parser.add_argument('--calibrate', action='store_true', help='measure the costs of the expressions (costs.tsv)')
    args = parser.parse_args()
    if args.calibrate:
        calibrate(args.builds[0], args.jobs)
        return
    for build in args.builds:
        entries = [e for e in json.load(open(os.path.join(build, 'compile_commands.json')))
                   if '/test/random/' in e['file'] and (not args.only or re.search(args.only, e['file']))]
        with concurrent.futures.ThreadPoolExecutor(args.jobs) as pool:
            rows = sorted(pool.map(run, entries))
        print('%s: %d translation units' % (build, len(rows)))
        print('  %-16s %8s %8s %8s' % ('unit', 'wall s', 'cpu s', 'MB'))
        for name, wall, cpu, mb in rows:
            print('  %-16s %8.2f %8.2f %8.0f' % (name, wall, cpu, mb))
        print('  %-16s %8.1f %8.1f %8.0f (max wall %.2f s, max %.0f MB)' % (
            'total', sum(r[1] for r in rows), sum(r[2] for r in rows), max(r[3] for r in rows),
            max(r[1] for r in rows), max(r[3] for r in rows)))


if __name__ == '__main__':
    main()
