#!/usr/bin/env bash
# The canary's blast radius (issue 12): a faulty release (one answer in five HTTP 500, as the sample service's
# --fault-error-rate 0.2) under a 100 requests/s prober, judged by the same analysis with the direct replacement (no
# router), allAtOnce and a canary at 10 % (alone, and with a concurrent baseline at 10 %) behind a real HAProxy, on the
# real dockerd: the bad answers users got before the rollback, and the time from the failed verdict to the canary's
# weight 0. Output: a Markdown table on stdout
# (tests/Shipgate.DeployTargets.Tests/Routing/CanaryBlastRadiusMeasurement.cs).
# Usage: bench/ProgressiveDelivery/canary.sh [ROUNDS=3]     (needs haproxy and dockerd; about 45 s per round)
set -euo pipefail
exec "$(dirname "${BASH_SOURCE[0]}")/measure.sh" Routing.CanaryBlastRadiusMeasurement SHIPGATE_CANARY_ROUNDS "${1:-3}" SHIPGATE_CANARY_BENCH_OUTPUT \
  "the canary measurement failed; run it with dotnet test to see why"
