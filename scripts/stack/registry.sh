#!/usr/bin/env bash
# Starts, stops or reports a local docker-registry (github.com/docker/distribution) on loopback.
# Shared by the tests, .ci/run and the local stack. Idempotent: a registry already answering on the
# config's address is reused.
#
#   scripts/stack/registry.sh config ADDR DATA_DIR [HTPASSWD_FILE]   print a config (auth when HTPASSWD_FILE)
#   scripts/stack/registry.sh start CONFIG     start if nothing answers on the config's http.addr; wait up to 30 s
#   scripts/stack/registry.sh stop CONFIG      stop the registry this script started for CONFIG
#   scripts/stack/registry.sh status CONFIG    exit 0 when /v2/ answers (200, or 401 for an auth registry)
set -euo pipefail

STATE_DIR="${SHIPGATE_STACK_STATE:-/tmp/shipgate-stack}"
WAIT_SECONDS="${REGISTRY_WAIT_SECONDS:-30}"

die() { echo "registry.sh: $*" >&2; exit 1; }

addr_of() {
  local addr
  addr="$(sed -n 's/^[[:space:]]*addr:[[:space:]]*\([^[:space:]]*\).*/\1/p' "$1" | head -n 1)"
  [ -n "$addr" ] || die "no http.addr in $1"
  echo "$addr"
}

pid_file() { echo "$STATE_DIR/registry-$(addr_of "$1" | tr ':.' '__').pid"; }

answers() {
  local code
  code="$(curl -s -o /dev/null -w '%{http_code}' --max-time 3 "http://$1/v2/" || true)"
  [ "$code" = "200" ] || [ "$code" = "401" ]
}

config() {
  local addr="$1" data="$2" htpasswd="${3:-}"
  cat <<YAML
version: 0.1
log:
  level: warn
storage:
  filesystem:
    rootdirectory: $data
  delete:
    enabled: true
http:
  addr: $addr
YAML
  if [ -n "$htpasswd" ]; then
    cat <<YAML
auth:
  htpasswd:
    realm: shipgate
    path: $htpasswd
YAML
  fi
}

start() {
  local cfg="$1" addr pidf log
  [ -f "$cfg" ] || die "config not found: $cfg"
  command -v docker-registry >/dev/null || die "docker-registry not found: apt-get install docker-registry"
  addr="$(addr_of "$cfg")"
  if answers "$addr"; then
    echo "registry.sh: registry already answering on $addr"
    return 0
  fi
  mkdir -p "$STATE_DIR"
  pidf="$(pid_file "$cfg")"
  log="${pidf%.pid}.log"
  setsid docker-registry serve "$cfg" >>"$log" 2>&1 </dev/null &
  echo $! >"$pidf"
  local waited=0
  until answers "$addr"; do
    if ! kill -0 "$(cat "$pidf")" 2>/dev/null; then
      tail -n 20 "$log" >&2 || true
      die "docker-registry exited during start-up (port $addr in use?); see $log"
    fi
    [ "$waited" -ge "$((WAIT_SECONDS * 5))" ] && die "registry did not answer on $addr within ${WAIT_SECONDS}s; see $log"
    sleep 0.2
    waited=$((waited + 1))
  done
  echo "registry.sh: registry answering on $addr (pid $(cat "$pidf"))"
}

stop() {
  local pidf
  pidf="$(pid_file "$1")"
  if [ -f "$pidf" ]; then
    kill "$(cat "$pidf")" 2>/dev/null || true
    rm -f "$pidf"
    echo "registry.sh: stopped"
  else
    echo "registry.sh: no registry started by this script for $1"
  fi
}

case "${1:-}" in
  config) [ $# -ge 3 ] || die "usage: $0 config ADDR DATA_DIR [HTPASSWD_FILE]"; config "$2" "$3" "${4:-}" ;;
  start) [ $# -eq 2 ] || die "usage: $0 start CONFIG"; start "$2" ;;
  stop) [ $# -eq 2 ] || die "usage: $0 stop CONFIG"; stop "$2" ;;
  status) [ $# -eq 2 ] || die "usage: $0 status CONFIG"; addr="$(addr_of "$2")"
    if answers "$addr"; then echo "registry.sh: answering on $addr"; else echo "registry.sh: not answering on $addr"; exit 1; fi ;;
  *) echo "usage: $0 config|start|stop|status ..." >&2; exit 2 ;;
esac
