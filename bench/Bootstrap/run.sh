#!/usr/bin/env bash
# Warm "./build.sh --help" against the Nuke-style bootstrap on the same build project
# ("dotnet build build/_build.csproj" then "dotnet run --no-build"), in the same run.
# Usage: bench/Bootstrap/run.sh [RUNS]   (needs hyperfine: apt-get install hyperfine)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
RUNS="${1:-20}"
cd "$ROOT"
command -v hyperfine >/dev/null || { echo "hyperfine is missing: apt-get install hyperfine" >&2; exit 1; }

./build.sh --help > /dev/null   # warm: the build program is compiled and its stamp written
hyperfine --style basic --warmup 3 --runs "$RUNS" --export-markdown "$ROOT/.nuke/temp/bootstrap-bench.md" \
  --command-name "shipgate: ./build.sh --help" "./build.sh --help" \
  --command-name "nuke-style: dotnet build + dotnet run --no-build" \
  "dotnet build build/_build.csproj -nologo -v:quiet && dotnet run --project build/_build.csproj --no-build -- --help"
cat "$ROOT/.nuke/temp/bootstrap-bench.md"
