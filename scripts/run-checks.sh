#!/usr/bin/env bash
# The test suite under AddressSanitizer and UndefinedBehaviorSanitizer, and the demo under
# valgrind's memcheck. Usage: CXX=clang++ scripts/run-checks.sh  (default g++)
# Builds into build-<compiler>-sanitize/; valgrind runs the demo of build-<compiler>/, which
# scripts/run-tests.sh builds (built here if missing).
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
"$repo/scripts/setup-debian.sh"

cxx=${CXX:-g++}
name=$(basename "$cxx")
build="$repo/build-$name-sanitize"

# -O1 -g: sanitizers report with useful stacks, at a fraction of -O0's run time.
cmake -S "$repo" -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O1 -g" \
      -DCMAKE_CXX_COMPILER="$cxx" -DSYMGRAD_SANITIZE=ON
cmake --build "$build" -j2
# The fail.*, docs.*, headers.* and package.* tests only compile, or compare text: run above
# without sanitizers; everything that executes library code runs here.
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
  ctest --test-dir "$build" --output-on-failure -j2 -E '^(fail|docs|headers|package)\.'

plain="$repo/build-$name"
if [ ! -x "$plain/examples/logistic_regression" ]; then
  cmake -S "$repo" -B "$plain" -DCMAKE_BUILD_TYPE=Release -DCMAKE_CXX_COMPILER="$cxx"
  cmake --build "$plain" --target logistic_regression -j2
fi
echo "valgrind memcheck: examples/logistic_regression"
valgrind --error-exitcode=1 --leak-check=full --errors-for-leak-kinds=definite,indirect --quiet \
  "$plain/examples/logistic_regression" "$repo/data/breast_cancer.csv" > "$build/valgrind-demo.log"
tail -n 1 "$build/valgrind-demo.log"
echo "valgrind: no errors"
