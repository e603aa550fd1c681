#!/usr/bin/env bash
# Start or stop the local stack's embedded router: Shipgate's own HAProxy (Debian package `haproxy`) in front of a
# service, for an environment with `router: { embedded: true }`.
#   haproxy.sh start CONFIG PIDFILE SOCKET   idempotent (one that runs is kept: the releases' servers were added to it
#                                            at runtime); checks the config; waits until the runtime socket exists
#   haproxy.sh stop PIDFILE                  stops it and waits for it to exit
# It runs in its own session, so it outlives the build that started it, as the engine, registry and Prometheus do.
set -euo pipefail

usage() { echo "usage: $0 start CONFIG PIDFILE SOCKET | stop PIDFILE" >&2; exit 2; }

# shellcheck source=pidfile.sh
source "$(dirname "${BASH_SOURCE[0]}")/pidfile.sh"

start() {
  local config=$1 pidfile=$2 socket=$3
  local log="${pidfile%.pid}.log"
  command -v haproxy >/dev/null || { echo "haproxy is not installed (apt-get install haproxy)" >&2; exit 1; }
  [[ -f "$config" ]] || { echo "no config file: $config" >&2; exit 1; }
  if running "$pidfile"; then
    echo "$pidfile"
    return 0
  fi
  mkdir -p "$(dirname "$socket")" "$(dirname "$pidfile")"
  chmod 700 "$(dirname "$socket")"
  haproxy -c -q -f "$config" || { echo "haproxy rejects $config" >&2; exit 1; }
  rm -f "$socket"
  : > "$log"
  setsid haproxy -db -f "$config" >>"$log" 2>&1 < /dev/null &
  echo $! > "$pidfile"
  for _ in $(seq 1 100); do
    if [[ -S "$socket" ]]; then
      echo "$pidfile"
      return 0
    fi
    if ! running "$pidfile"; then
      echo "haproxy exited during startup (is the service's port taken, e.g. by a release deployed without the router? './build.sh Down' frees it); its log:" >&2
      tail -n 20 "$log" >&2
      rm -f "$pidfile"
      exit 1
    fi
    sleep 0.1
  done
  echo "haproxy's runtime socket $socket did not appear within 10 s; log: $log" >&2
  exit 1
}

stop() { stop_pidfile "$1"; }

case "${1:-}" in
  start) [[ $# -eq 4 ]] || usage; start "$2" "$3" "$4" ;;
  stop) [[ $# -eq 2 ]] || usage; stop "$2" ;;
  *) usage ;;
esac
