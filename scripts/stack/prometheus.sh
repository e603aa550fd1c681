#!/usr/bin/env bash
# Start or stop a local Prometheus (Debian package `prometheus`) for tests and the local stack.
#   prometheus.sh start CONFIG PORT DATADIR [WEB_CONFIG]   idempotent; waits until ready; prints the pid file
#   prometheus.sh stop DATADIR                             stops it and waits for it to exit
# Listens on 127.0.0.1 only. WEB_CONFIG is a --web.config.file (TLS, basic auth). The admin API is on (loopback
# only): tests delete a version's series to show that gates never depend on data that may have expired.
set -euo pipefail

usage() { echo "usage: $0 start CONFIG PORT DATADIR [WEB_CONFIG] | stop DATADIR" >&2; exit 2; }

# shellcheck source=pidfile.sh
source "$(dirname "${BASH_SOURCE[0]}")/pidfile.sh"

start() {
  local config=$1 port=$2 datadir=$3 webconfig=${4:-}
  local pidfile="$datadir/prometheus.pid" log="$datadir/prometheus.log"
  command -v prometheus >/dev/null || { echo "prometheus is not installed (apt-get install prometheus)" >&2; exit 1; }
  [[ -f "$config" ]] || { echo "no config file: $config" >&2; exit 1; }
  mkdir -p "$datadir/data"
  if running "$pidfile"; then
    echo "$pidfile"
    return 0
  fi
  local args=(--config.file="$config" --web.listen-address="127.0.0.1:$port" --storage.tsdb.path="$datadir/data"
              --storage.tsdb.retention.time=1d --web.enable-lifecycle --web.enable-admin-api --log.level=info)
  [[ -n "$webconfig" ]] && args+=(--web.config.file="$webconfig")
  : > "$log"
  setsid prometheus "${args[@]}" >>"$log" 2>&1 < /dev/null &
  echo $! > "$pidfile"
  # Ready when it says so in its log: works the same with TLS and basic auth, and needs no HTTP client.
  for _ in $(seq 1 300); do
    if grep -q "Server is ready to receive web requests" "$log"; then
      echo "$pidfile"
      return 0
    fi
    if ! running "$pidfile"; then
      echo "prometheus exited during startup; its log:" >&2
      tail -n 20 "$log" >&2
      rm -f "$pidfile"
      exit 1
    fi
    sleep 0.1
  done
  echo "prometheus not ready after 30 s; log: $log" >&2
  exit 1
}

stop() { stop_pidfile "$1/prometheus.pid"; }

case "${1:-}" in
  start) [[ $# -ge 4 ]] || usage; start "$2" "$3" "$4" "${5:-}" ;;
  stop) [[ $# -eq 2 ]] || usage; stop "$2" ;;
  *) usage ;;
esac
