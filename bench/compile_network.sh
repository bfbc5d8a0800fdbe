#!/usr/bin/env bash
# Compile time and peak memory of bench/compile/network.cpp (-O3, as the Release build) for
# dense networks of 1, 2, 4 and 8 hidden layers of each activation, with g++ and clang++.
# Prints a Markdown table. Usage: bench/compile_network.sh [compilers...]
set -euo pipefail
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
compilers=("${@:-g++ clang++}")
read -r -a compilers <<< "${compilers[*]}"
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
printf '| activation | L |'
for cxx in "${compilers[@]}"; do printf ' %s s | %s MB |' "$cxx" "$cxx"; done
printf '\n|---|---:|'
for _ in "${compilers[@]}"; do printf -- '---:|---:|'; done
printf '\n'
for layer in tanh sigmoid relu; do
  for depth in 1 2 4 8; do
    printf '| %s | %s |' "$layer" "$depth"
    for cxx in "${compilers[@]}"; do
      /usr/bin/time -f '%e %M' -o "$out/time" "$cxx" -std=c++20 -O3 -DNDEBUG -I"$repo/include" -isystem /usr/include/eigen3 \
        -DNETWORK_DEPTH="$depth" -DNETWORK_LAYER="${layer}_layer" -c "$repo/bench/compile/network.cpp" -o "$out/network.o"
      read -r seconds kb < "$out/time"
      printf ' %s | %d |' "$seconds" $((kb / 1024))
    done
    printf '\n'
  done
done
