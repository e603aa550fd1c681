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
hyperfine --style basic --warmup 3 --runs "$RUNS" --export-json "$ROOT/.nuke/temp/bootstrap-bench.json" \
  --command-name "shipgate: ./build.sh --help" "./build.sh --help" \
  --command-name "nuke-style: dotnet build + dotnet run --no-build" \
  "dotnet build build/_build.csproj -nologo -v:quiet && dotnet run --project build/_build.csproj --no-build -- --help"
# Medians, and the ratio of the medians, as docs/benchmarks.md reports them.
jq -r '.results | "| command | median | min | max |\n|---|---:|---:|---:|", (.[] | "| `\(.command)` | \(.median * 1000 | round) ms | \(.min * 1000 | round) ms | \(.max * 1000 | round) ms |"), "ratio of medians: \((.[0].median / .[1].median) * 1000 | round / 1000)"' \
  "$ROOT/.nuke/temp/bootstrap-bench.json"
