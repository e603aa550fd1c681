#!/usr/bin/env bash
# Shared by run.sh and release.sh: builds the DeployTargets tests in Release and runs one measurement test of them,
# which writes its Markdown table to the file named by an environment variable; prints the machine line and the table.
# Usage: measure.sh TEST_FILTER ROUNDS_VARIABLE ROUNDS OUTPUT_VARIABLE WHEN_IT_FAILS
set -euo pipefail
FILTER="$1" ROUNDS_VARIABLE="$2" ROUNDS="$3" OUTPUT_VARIABLE="$4" WHEN_IT_FAILS="$5"
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
OUT="$(mktemp)"
trap 'rm -f "$OUT"' EXIT
command -v haproxy >/dev/null || { echo "haproxy is missing: scripts/install-prerequisites.sh installs it" >&2; exit 1; }
cd "$ROOT"
PROJECT=tests/Shipgate.DeployTargets.Tests/Shipgate.DeployTargets.Tests.csproj
dotnet build "$PROJECT" -c Release -v quiet -nologo >/dev/null
env "$ROUNDS_VARIABLE=$ROUNDS" "$OUTPUT_VARIABLE=$OUT" \
  dotnet test "$PROJECT" -c Release --no-build --filter "FullyQualifiedName~$FILTER" -v quiet -nologo >/dev/null \
  || { echo "$WHEN_IT_FAILS" >&2; cat "$OUT" >&2; exit 1; }
echo "haproxy $(haproxy -v | head -n 1 | awk '{print $3}'), $(nproc) cores, load $(cut -d' ' -f1 /proc/loadavg)"
cat "$OUT"
