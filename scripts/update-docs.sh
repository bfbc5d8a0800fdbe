#!/usr/bin/env bash
# Regenerates the pages in docs/ that are a program's output (ctest docs.* checks them).
# Usage: scripts/update-docs.sh   (builds into build-docs/ with g++)
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build="$repo/build-docs"
cmake -S "$repo" -B "$build" -DCMAKE_BUILD_TYPE=Release -DSYMGRAD_BUILD_TESTS=OFF >/dev/null
cmake --build "$build" --target derivations -j2
"$build/examples/derivations" > "$repo/docs/derivations.md"
echo "updated docs/derivations.md"
