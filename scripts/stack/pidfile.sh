# Sourced by the stack scripts that start a daemon in its own session and keep its pid in a file.

# Whether the process the pid file names is alive.
running() { [[ -f "$1" ]] && kill -0 "$(cat "$1")" 2>/dev/null; }

# Stops the process the pid file names (TERM, then KILL after 10 s), waits for it to exit and removes the file.
stop_pidfile() {
  local pidfile=$1
  if ! running "$pidfile"; then
    rm -f "$pidfile"
    return 0
  fi
  local pid
  pid=$(cat "$pidfile")
  kill "$pid"
  for _ in $(seq 1 100); do
    kill -0 "$pid" 2>/dev/null || { rm -f "$pidfile"; return 0; }
    sleep 0.1
  done
  kill -9 "$pid" 2>/dev/null || true
  rm -f "$pidfile"
}
