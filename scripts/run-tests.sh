#!/usr/bin/env bash
# Usage: CXX=clang++ scripts/run-tests.sh   (default g++; builds into build-<compiler>/)
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
"$repo/scripts/setup-debian.sh"

cxx=${CXX:-g++}
build="$repo/build-$(basename "$cxx")"

cmake -S "$repo" -B "$build" -DCMAKE_BUILD_TYPE=Release -DCMAKE_CXX_COMPILER="$cxx"
cmake --build "$build" -j2
ctest --test-dir "$build" --output-on-failure -j2
