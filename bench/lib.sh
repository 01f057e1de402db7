# Shared helpers for the bench/ scripts (sourced, not run).
#
# Everything here avoids forking in the hot spots: the start-up measurement polls
# /readyz over bash's /dev/tcp and sleeps with `read -t`, so the stopwatch measures
# Rynek, not a curl process per poll.

die() {
  echo "bench: $*" >&2
  exit 1
}

# A sleeping fd: a pipe nobody writes to, so `read -t` on it is a fork-free sleep.
exec {BENCH_SLEEP_FD}<> <(:)
nap() { read -r -t "$1" -u "$BENCH_SLEEP_FD" _ || true; }

BENCH_PIDS=()
remember_pid() { BENCH_PIDS+=("$1"); }

# alive PID: running (a child that exited stays a zombie until waited for).
alive() {
  local stat
  read -r stat 2>/dev/null <"/proc/$1/stat" || return 1
  stat="${stat##*) }"
  [[ "${stat:0:1}" != Z ]]
}

# stop_pid PID: SIGTERM, then wait for it (SIGKILL after 10 s).
stop_pid() {
  local pid="$1" i
  kill -TERM "$pid" 2>/dev/null || return 0
  for ((i = 0; i < 1000; i++)); do
    alive "$pid" || break
    nap 0.01
  done
  kill -KILL "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
}
stop_all() {
  local pid
  for pid in "${BENCH_PIDS[@]}"; do stop_pid "$pid"; done
}

# free_port: a TCP port nothing listens on at the moment (random, in 20000-59999).
free_port() {
  local port i
  for ((i = 0; i < 100; i++)); do
    port=$((20000 + RANDOM % 40000))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      echo "$port"
      return 0
    fi
  done
  die "no free port found"
}

# http_get_status HOST PORT PATH: sets HTTP_STATUS to the status code of a GET
# (empty if the connect fails). No subshell, so polling costs no fork.
http_get_status() {
  local fd line=""
  HTTP_STATUS=""
  { exec {fd}<>"/dev/tcp/$1/$2"; } 2>/dev/null || return 0
  printf 'GET %s HTTP/1.0\r\nHost: %s\r\n\r\n' "$3" "$1" >&"$fd" 2>/dev/null || true
  read -r -t 5 -u "$fd" line 2>/dev/null || true
  exec {fd}>&-
  line="${line#* }"
  HTTP_STATUS="${line%% *}"
}

# wait_ready URL SECONDS: polls every 2 ms until URL answers 200.
wait_ready() {
  local rest="${1#http://}" hostport path host port deadline
  hostport="${rest%%/*}"
  path="/${rest#*/}"
  host="${hostport%:*}"
  port="${hostport##*:}"
  deadline=$((${EPOCHREALTIME/[.,]/} + $2 * 1000000))
  while ((${EPOCHREALTIME/[.,]/} < deadline)); do
    http_get_status "$host" "$port" "$path"
    [[ "$HTTP_STATUS" == 200 ]] && return 0
    nap 0.002
  done
  return 1
}

# usec EPOCHREALTIME-VALUE: microseconds as an integer (bash prints 6 decimals).
usec() { echo "${1/[.,]/}"; }

# rss_kib PID: VmRSS of a process, in KiB.
rss_kib() { awk '/^VmRSS:/ { print $2 }' "/proc/$1/status"; }

# wrk_rps FILE / wrk_pct FILE PERCENT: figures from a `wrk --latency` report.
wrk_rps() { awk '/^Requests\/sec:/ { printf "%.0f", $2 }' "$1"; }
wrk_pct() { awk -v p="$2%" '$1 == p { print $2; exit }' "$1"; }
