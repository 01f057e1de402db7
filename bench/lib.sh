# shellcheck shell=bash
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

# stop_pid PID: SIGTERM, then wait for it (SIGKILL, with a warning, after 5 s).
stop_pid() {
  local pid="$1" i
  alive "$pid" || { wait "$pid" 2>/dev/null || true; return 0; }
  kill -TERM "$pid" 2>/dev/null || true
  for ((i = 0; i < 500; i++)); do
    alive "$pid" || break
    nap 0.01
  done
  if alive "$pid"; then
    echo "bench: pid $pid ($(cat "/proc/$pid/comm" 2>/dev/null)) ignored SIGTERM for 5 s; killing it" >&2
    kill -KILL "$pid" 2>/dev/null || true
  fi
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
  { printf 'GET %s HTTP/1.0\r\nHost: %s\r\n\r\n' "$3" "$1" >&"$fd"; } 2>/dev/null || true
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

# cpu_ticks PID...: user + system CPU time of processes (all their threads), in clock ticks.
cpu_ticks() {
  local pid stat total=0 fields
  for pid in "$@"; do
    read -r stat <"/proc/$pid/stat" || continue
    stat="${stat##*) }"
    read -r -a fields <<<"$stat"
    total=$((total + fields[11] + fields[12]))  # utime, stime: fields 14 and 15 of stat
  done
  echo "$total"
}

# rss_kib PID: VmRSS of a process, in KiB.
rss_kib() { awk '/^VmRSS:/ { print $2 }' "/proc/$1/status"; }

# wrk_rps FILE / wrk_ms FILE PERCENT: figures from a `wrk --latency` report
# (a latency percentile in milliseconds, whatever unit wrk printed).
wrk_rps() { awk '/^Requests\/sec:/ { printf "%.0f", $2 }' "$1"; }
wrk_ms() {
  awk -v p="$2%" '$1 == p {
    v = $2 + 0; u = $2; sub(/^[0-9.]+/, "", u)
    if (u == "us") v /= 1000; else if (u == "s") v *= 1000; else if (u == "m") v *= 60000
    printf "%.3f", v; exit }' "$1"
}

# median FILE MODE PAGE SERVER FIELD: the median of column FIELD over matching lines.
median() {
  awk -v m="$2" -v p="$3" -v s="$4" -v f="$5" '$1 == m && $2 == p && $3 == s { print $f }' "$1" |
    sort -g | awk '{ v[NR] = $1 } END {
      if (NR == 0) { print "nan"; exit }
      if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}
