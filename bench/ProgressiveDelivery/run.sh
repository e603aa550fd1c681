#!/usr/bin/env bash
# The traffic router's numbers (issue 12): a real HAProxy started by the measurement, loopback backends answering
# after 20 ms, a prober at 400 requests/s. Each round: a new version joins at weight 0, 10% canary step, rollback to
# weight 0, 10% again, switch (new 256, old 0), drain and remove the old one; at the end a server at 50% is killed.
# Output: a Markdown table on stdout (tests/Shipgate.DeployTargets.Tests/Routing/RouterSwitchMeasurement.cs).
# Usage: bench/ProgressiveDelivery/run.sh [ROUNDS=10]     (needs the haproxy package; about 4 s per round)
set -euo pipefail
exec "$(dirname "${BASH_SOURCE[0]}")/measure.sh" Routing.RouterSwitchMeasurement SHIPGATE_ROUTER_ROUNDS "${1:-10}" SHIPGATE_BENCH_OUTPUT \
  "the measurement failed its goals; run it with dotnet test to see which"
