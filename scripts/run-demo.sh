#!/usr/bin/env bash
# Usage: scripts/run-demo.sh [extra demo arguments]
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
"$repo/scripts/setup-debian.sh"

cmake -S "$repo" -B "$repo/build" -DCMAKE_BUILD_TYPE=Release -DSYMGRAD_BUILD_TESTS=OFF
cmake --build "$repo/build" --target logistic_regression -j2
"$repo/build/examples/logistic_regression" "$repo/data/breast_cancer.csv" "$@"
