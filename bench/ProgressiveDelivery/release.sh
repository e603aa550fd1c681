#!/usr/bin/env bash
# The release behind the router (issue 12): failed requests under a 100 requests/s prober during a healthy release and
# its rollback, direct replacement (no router) vs allAtOnce vs blueGreen vs canary behind a real HAProxy, on the real dockerd,
# and the time a blue-green rollback takes. Output: a Markdown table on stdout
# (tests/Shipgate.DeployTargets.Tests/Routing/RoutedReleaseMeasurement.cs).
# Usage: bench/ProgressiveDelivery/release.sh [ROUNDS=3]     (needs haproxy and dockerd; about 20 s per round)
set -euo pipefail
exec "$(dirname "${BASH_SOURCE[0]}")/measure.sh" Routing.RoutedReleaseMeasurement SHIPGATE_RELEASE_ROUNDS "${1:-3}" SHIPGATE_RELEASE_BENCH_OUTPUT \
  "a router strategy failed requests; run it with dotnet test to see which"
