#!/usr/bin/env bash
# Starts, stops or reports the local Docker engine that tests, .ci/run and the local stack share.
# Idempotent: a daemon already answering on the socket is reused (and never stopped by us unless we
# started it). Host networking only: no bridge, no iptables (docs/architecture.md, "The embedded stack").
#
#   scripts/stack/docker.sh start     start dockerd if nothing answers; wait up to $DOCKER_WAIT_SECONDS (60)
#   scripts/stack/docker.sh stop      stop the dockerd this script started (pid file)
#   scripts/stack/docker.sh status    exit 0 when the daemon answers
#   scripts/stack/docker.sh swarm     start, then make the engine a single-node Swarm manager on 127.0.0.1
set -euo pipefail

SOCKET="${SHIPGATE_DOCKER_SOCKET:-/var/run/docker.sock}"
STATE_DIR="${SHIPGATE_STACK_STATE:-/tmp/shipgate-stack}"
PID_FILE="$STATE_DIR/dockerd.pid"
LOG_FILE="$STATE_DIR/dockerd.log"
WAIT_SECONDS="${DOCKER_WAIT_SECONDS:-60}"

die() { echo "docker.sh: $*" >&2; exit 1; }

answers() {
  # /_ping through the socket; curl is not guaranteed, the docker CLI is (docker.io).
  [ -S "$SOCKET" ] && timeout 5 docker -H "unix://$SOCKET" version --format '{{.Server.Version}}' >/dev/null 2>&1
}

start() {
  if answers; then
    echo "docker.sh: dockerd already answering on $SOCKET"
    return 0
  fi
  command -v dockerd >/dev/null || die "dockerd not found: apt-get install docker.io"
  mkdir -p "$STATE_DIR"
  if [ -f "$PID_FILE" ] && kill -0 "$(cat "$PID_FILE")" 2>/dev/null; then
    echo "docker.sh: dockerd (pid $(cat "$PID_FILE")) starting, waiting"
  else
    # A stale socket or pid file from a killed daemon blocks a new one.
    [ -S "$SOCKET" ] && rm -f "$SOCKET"
    rm -f /var/run/docker.pid
    setsid dockerd --host "unix://$SOCKET" --bridge=none --iptables=false --ip-masq=false \
      >>"$LOG_FILE" 2>&1 </dev/null &
    echo $! >"$PID_FILE"
    echo "docker.sh: started dockerd (pid $!), log $LOG_FILE"
  fi
  local waited=0
  until answers; do
    if ! kill -0 "$(cat "$PID_FILE")" 2>/dev/null; then
      tail -n 20 "$LOG_FILE" >&2 || true
      die "dockerd exited during start-up; see $LOG_FILE"
    fi
    [ "$waited" -ge "$WAIT_SECONDS" ] && die "dockerd did not answer on $SOCKET within ${WAIT_SECONDS}s; see $LOG_FILE"
    sleep 1
    waited=$((waited + 1))
  done
  echo "docker.sh: dockerd answering on $SOCKET"
}

stop() {
  if [ ! -f "$PID_FILE" ]; then
    echo "docker.sh: no dockerd started by this script"
    return 0
  fi
  local pid
  pid="$(cat "$PID_FILE")"
  if kill -0 "$pid" 2>/dev/null; then
    kill "$pid"
    local waited=0
    while kill -0 "$pid" 2>/dev/null; do
      [ "$waited" -ge 30 ] && { kill -9 "$pid" 2>/dev/null || true; break; }
      sleep 1
      waited=$((waited + 1))
    done
  fi
  rm -f "$PID_FILE"
  echo "docker.sh: dockerd stopped"
}

swarm() {
  start
  local state
  state="$(docker -H "unix://$SOCKET" info --format '{{.Swarm.LocalNodeState}}')"
  if [ "$state" = "active" ]; then
    echo "docker.sh: swarm already active"
    return 0
  fi
  docker -H "unix://$SOCKET" swarm init --advertise-addr 127.0.0.1 --listen-addr 127.0.0.1:2377 >/dev/null \
    || die "docker swarm init failed"
  echo "docker.sh: swarm initialised"
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status) if answers; then echo "docker.sh: answering on $SOCKET"; else echo "docker.sh: not answering on $SOCKET"; exit 1; fi ;;
  swarm) swarm ;;
  *) echo "usage: $0 start|stop|status|swarm" >&2; exit 2 ;;
esac
