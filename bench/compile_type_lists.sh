#!/usr/bin/env bash
# Compile time and peak memory of bench/compile/type_lists.cpp, the library's type lists
# against Boost.Hana's algorithms, with `-fsyntax-only` (templates only, no code generation):
# for each compiler and N, RUNS runs of each variant, alternated so that a busy machine
# slows both alike, and the least time and memory of each. Prints a Markdown table.
#
#   bash bench/compile_type_lists.sh [N...]        (default: 0 50 100 200; at 200 a Hana run
#                                                 takes about 2 min and 5 GB with g++)
#   COMPILERS="g++ clang++" RUNS=3 bash bench/compile_type_lists.sh 50
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
source=$root/bench/compile/type_lists.cpp
sizes=${*:-0 50 100 200}
runs=${RUNS:-3}
compilers=${COMPILERS:-g++ clang++}
log=$(mktemp)
trap 'rm -f "$log"' EXIT

# Appends "seconds kilobytes" of one compilation to the variant's file.
measure() {  # compiler n variant(hand|hana)
  local flags=(-std=c++20 -fsyntax-only -I"$root/include" -DTYPE_LISTS_N="$2")
  [[ $3 == hana ]] && flags+=(-DTYPE_LISTS_HANA)
  /usr/bin/time -f '%e %M' -o "$log" "$1" "${flags[@]}" "$source"
  cat "$log" >>"$log.$1.$2.$3"
}

echo "| N | compiler | hand-written | Hana | Hana / hand-written |"
echo "|---:|---|---:|---:|---:|"
for n in $sizes; do
  for cxx in $compilers; do
    rm -f "$log.$cxx.$n".*
    for ((r = 0; r < runs; ++r)); do
      if ((r % 2 == 0)); then measure "$cxx" "$n" hand; measure "$cxx" "$n" hana
      else measure "$cxx" "$n" hana; measure "$cxx" "$n" hand; fi
    done
    hs=$(sort -n -k1 "$log.$cxx.$n.hand" | head -1 | cut -d' ' -f1)
    hm=$(sort -n -k2 "$log.$cxx.$n.hand" | head -1 | cut -d' ' -f2)
    as=$(sort -n -k1 "$log.$cxx.$n.hana" | head -1 | cut -d' ' -f1)
    am=$(sort -n -k2 "$log.$cxx.$n.hana" | head -1 | cut -d' ' -f2)
    awk -v n="$n" -v c="$cxx" -v hs="$hs" -v hm="$hm" -v as="$as" -v am="$am" 'BEGIN {
      t = hs > 0 ? as / hs : 0
      printf "| %d | %s | %.2f s, %d MB | %.2f s, %d MB | %" (t < 10 ? ".1f" : ".0f") "x time, %.1fx memory |\n",
             n, c, hs, hm / 1024, as, am / 1024, t, am / hm }'
    rm -f "$log.$cxx.$n".*
  done
done
