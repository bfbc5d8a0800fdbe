#!/usr/bin/env bash
# Regenerates docs/*.md from docs/src/*.md: code blocks cut from the programs in examples/,
# output blocks from running them (ctest docs.pages checks that the pages are current).
# Usage: scripts/update-docs.sh   (builds into build-docs/ with g++)
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build="$repo/build-docs"
cmake -S "$repo" -B "$build" -DCMAKE_BUILD_TYPE=Release -DSYMGRAD_BUILD_TESTS=OFF >/dev/null
cmake --build "$build" -j2
eigen=$(cmake -LA -N "$build" 2>/dev/null | sed -n 's/^Eigen3_DIR:PATH=//p')
include=$(grep -o '\-isystem [^ ]*eigen3' "$build/examples/CMakeFiles/getting_started.dir/flags.make" | head -n 1 | cut -d' ' -f2)
cmake -DSOURCE_DIR="$repo" -DBIN_DIR="$build/examples" -DMODE=write \
      "-DCOMPILE=${CXX:-g++}|-std=c++20|-I$repo/include|-isystem|${include:-/usr/include/eigen3}" \
      -P "$repo/docs/generate.cmake"
