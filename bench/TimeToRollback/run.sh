#!/usr/bin/env bash
# Time to rollback on the local stack (1 s scrape): N_BAD faulty releases (--fault-error-rate 0.2), each
# measured from "the faulty version is healthy and serving" to "the previous version serves again", and
# N_GOOD healthy releases counted for false rollbacks. Real ./build.sh Deploy runs, interleaved, each with a
# promoted baseline before it. Output: a Markdown table on stdout, raw rows in .nuke/temp/ttr.csv.
# Usage: bench/TimeToRollback/run.sh [N_BAD=10] [N_GOOD=20]     (needs jq; takes about 40 s per release)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
N_BAD="${1:-10}"; N_GOOD="${2:-20}"
ENVIRONMENT="bench"; PORT=18400
LOG="$ROOT/.nuke/temp/build.log"; CSV="$ROOT/.nuke/temp/ttr.csv"
cd "$ROOT"
command -v jq >/dev/null || { echo "jq is missing: apt-get install jq" >&2; exit 1; }

# A clean environment of its own: no ledger, no containers.
FILTERS=(--filter label=io.shipgate.service=modelservice --filter label=io.shipgate.environment=$ENVIRONMENT)
docker ps -aq "${FILTERS[@]}" | xargs -r docker rm -f >/dev/null
docker volume ls -q "${FILTERS[@]}" | xargs -r docker volume rm -f >/dev/null

deploy() { ./build.sh Deploy --environment "$ENVIRONMENT" --service-port "$PORT" --skip Lint Test "$@" >/dev/null 2>&1; }
first_time() { jq -r --arg m "$1" 'select(."@mt" | test($m)) | ."@t"' "$LOG" | head -n 1; }
seconds() { python3 -c 'import sys; print(round(float(sys.argv[2]) - float(sys.argv[1]), 2))' "$(date -d "$1" +%s.%N)" "$(date -d "$2" +%s.%N)"; }

echo "kind,version,exit,seconds" > "$CSV"
deploy --version base || { echo "the first (healthy) release did not pass; see .nuke/temp/build.log" >&2; exit 1; }
run=0; bad=0; good=0
while [ "$bad" -lt "$N_BAD" ] || [ "$good" -lt "$N_GOOD" ]; do
  run=$((run + 1))
  # Two healthy releases for every faulty one, until each count is reached.
  if [ "$bad" -lt "$N_BAD" ] && { [ $((run % 3)) -eq 0 ] || [ "$good" -ge "$N_GOOD" ]; }; then
    bad=$((bad + 1)); version="bad$bad"
    set +e; deploy --version "$version" --fault-error-rate 0.2; code=$?; set -e
    serving=$(first_time "is healthy"); restored=$(first_time "serves again")
    secs=$([ -n "$serving" ] && [ -n "$restored" ] && seconds "$serving" "$restored" || echo "")
    echo "bad,$version,$code,$secs" >> "$CSV"
  else
    good=$((good + 1)); version="good$good"
    set +e; deploy --version "$version"; code=$?; set -e
    echo "good,$version,$code," >> "$CSV"
  fi
  echo "$(tail -n 1 "$CSV")" >&2
done

python3 - "$CSV" <<'PY'
import csv, statistics, sys
rows = list(csv.DictReader(open(sys.argv[1])))
bad = [r for r in rows if r["kind"] == "bad"]
good = [r for r in rows if r["kind"] == "good"]
times = sorted(float(r["seconds"]) for r in bad if r["seconds"])
rolled_back = sum(1 for r in bad if r["exit"] != "0")
false_rollbacks = sum(1 for r in good if r["exit"] != "0")
print(f"| faulty releases | rolled back | time to rollback median | min | max | healthy releases | false rollbacks |")
print(f"|---:|---:|---:|---:|---:|---:|---:|")
print(f"| {len(bad)} | {rolled_back} | {statistics.median(times):.1f} s | {times[0]:.1f} s | {times[-1]:.1f} s | {len(good)} | {false_rollbacks} |")
PY
