#!/usr/bin/env bash
# Builds and runs the runtime benchmarks (bench/), then summarises them into docs/bench/
# (results.json, summary.md, ratios.svg; the page is docs/performance.md); where MPI is found,
# also symgrad::mpi's on 1 and 2 ranks (docs/bench/mpi.txt).
# Usage: scripts/run-bench.sh [extra Google Benchmark flags, e.g. --benchmark_filter=logistic]
#
# Installs what is missing from Debian's archive: first the build dependencies and data sets
# (scripts/setup-debian.sh), then libbenchmark-dev, libadolc-dev, gnuplot-nox and python3.
# Takes about five minutes on two cores and needs about 5 GB of memory at its peak (ADOL-C's
# tape of softmax regression at 100000 x 100 x 10 is 2.7 GB). Run it on a quiet machine: the
# figures are CPU time, but other processes still share caches and memory bandwidth.
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build="$repo/build-bench"
out="$repo/docs/bench"
packages=(libbenchmark-dev libadolc-dev gnuplot-nox python3)

die() { echo "run-bench.sh: error: $*" >&2; exit 1; }

as_root() {
  if [ "$(id -u)" -eq 0 ]; then
    "$@"
  elif command -v sudo >/dev/null 2>&1; then
    sudo "$@"
  else
    die "must run as root or have sudo to run: $*"
  fi
}

# `dpkg -s` also succeeds for removed packages whose config files remain.
is_installed() {
  [ "$(dpkg-query -W -f='${db:Status-Abbrev}' "$1" 2>/dev/null)" = "ii " ]
}

"$repo/scripts/setup-debian.sh"

missing=()
for p in "${packages[@]}"; do
  is_installed "$p" || missing+=("$p")
done
if [ "${#missing[@]}" -gt 0 ]; then
  echo "run-bench.sh: installing ${missing[*]}"
  as_root apt-get update || die "apt-get update failed (is the Debian archive reachable?)"
  as_root env DEBIAN_FRONTEND=noninteractive \
    apt-get install -y --no-install-recommends "${missing[@]}" \
    || die "apt-get install ${missing[*]} failed"
fi

cmake -S "$repo" -B "$build" -DSYMGRAD_BUILD_BENCH=ON -DSYMGRAD_BUILD_TESTS=OFF -DCMAKE_BUILD_TYPE=Release
cmake --build "$build" --target symgrad_bench -j2
mpi_bench=0
if cmake --build "$build" --target symgrad_bench_mpi -j2 2>/dev/null; then mpi_bench=1; fi

mkdir -p "$out"
echo "run-bench.sh: load average before the run: $(cut -d' ' -f1-3 /proc/loadavg)"
# From the build directory: should ADOL-C ever spill a tape to files, they land there.
(cd "$build" && ./bench/symgrad_bench \
  --benchmark_repetitions=5 \
  --benchmark_report_aggregates_only=true \
  --benchmark_out="$out/results.json" \
  --benchmark_out_format=json \
  "$@")
load_after=$(cut -d' ' -f1-3 /proc/loadavg)
echo "run-bench.sh: load average after the run: $load_after"

python3 "$repo/bench/report.py" "$out/results.json" --out-dir "$out" --load-after "$load_after"

# symgrad::mpi on 1 and 2 ranks, each against the hand-written code on rank 0 in the same run.
if [ "$mpi_bench" -eq 1 ]; then
  : > "$out/mpi.txt"
  for ranks in 1 2; do
    (cd "$build" && mpiexec --oversubscribe --allow-run-as-root -n "$ranks" ./bench/symgrad_bench_mpi \
      --benchmark_repetitions=3 --benchmark_report_aggregates_only=true --benchmark_color=false) | tee -a "$out/mpi.txt"
  done
fi
