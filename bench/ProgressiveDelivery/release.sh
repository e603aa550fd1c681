#!/usr/bin/env bash
# The release behind the router (issue 12): failed requests under a 100 requests/s prober during a healthy release and
# its rollback, direct replacement (no router) vs allAtOnce vs blueGreen behind a real HAProxy, on the real dockerd,
# and the time a blue-green rollback takes. Output: a Markdown table on stdout
# (tests/Shipgate.DeployTargets.Tests/Routing/RoutedReleaseMeasurement.cs).
# Usage: bench/ProgressiveDelivery/release.sh [ROUNDS=3]     (needs haproxy and dockerd; about 20 s per round)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
OUT="$(mktemp)"
trap 'rm -f "$OUT"' EXIT
command -v haproxy >/dev/null || { echo "haproxy is missing: scripts/install-prerequisites.sh installs it" >&2; exit 1; }
cd "$ROOT"
dotnet build tests/Shipgate.DeployTargets.Tests/Shipgate.DeployTargets.Tests.csproj -c Release -v quiet -nologo >/dev/null
SHIPGATE_RELEASE_ROUNDS="${1:-3}" SHIPGATE_RELEASE_BENCH_OUTPUT="$OUT" \
  dotnet test tests/Shipgate.DeployTargets.Tests/Shipgate.DeployTargets.Tests.csproj -c Release --no-build \
  --filter "FullyQualifiedName~Routing.RoutedReleaseMeasurement" -v quiet -nologo >/dev/null \
  || { echo "a router strategy failed requests; run it with dotnet test to see which" >&2; cat "$OUT" >&2; exit 1; }
echo "haproxy $(haproxy -v | head -n 1 | awk '{print $3}'), $(nproc) cores, load $(cut -d' ' -f1 /proc/loadavg)"
cat "$OUT"
