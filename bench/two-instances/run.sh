#!/usr/bin/env bash
# Two instances of the app (Release) on different ports sharing one PostgreSQL database:
#   1. what one instance issues, the other honours: a sign-in cookie from A reads a page only signed-in people
#      may read on B (and anonymous B refuses it, as a control); an antiforgery pair from A lets B save an answer;
#      a questionnaire link works on both;
#   2. autosave load on both at once (wrk, one connection per link, half the connections on each instance),
#      with zero errors required.
#   bench/two-instances/run.sh [--duration SECONDS] [--connections N]
# Needs MEGABENCH_TEST_POSTGRES (run under scripts/with-postgres.sh) and wrk. NO_BUILD=1 skips the build.
# Exits non-zero on any failed check or error.
set -euo pipefail
source "$(dirname "$0")/../load/lib.sh"
source "$LOAD_DIR/postgres.sh"

duration=10 connections=100
while [ $# -gt 0 ]; do
  case $1 in
    --duration) duration=$2; shift 2 ;;
    --connections) connections=$2; shift 2 ;;
    *) echo "Unknown option $1. Use --duration SECONDS, --connections N." >&2; exit 2 ;;
  esac
done
command -v wrk >/dev/null || { echo "wrk is not installed: apt-get install wrk" >&2; exit 1; }

mb_build
work=$(mktemp -d -t megabench-two.XXXXXX)
pids=()
pg_database="megabench_two_$$"
cleanup() {
  for pid in "${pids[@]+"${pids[@]}"}"; do mb_stop "$pid"; done
  psql "$MEGABENCH_PG_URL" -q -c "DROP DATABASE IF EXISTS $pg_database WITH (FORCE)" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT
connection=$(mb_pg_create_database "$pg_database")
# Each instance keeps up to 40 connections: two instances stay under the server's max_connections.
connection="$connection;Maximum Pool Size=40"

(cd "$REPO" && "$BENCH_EXE" --generate --provider postgresql --connection-string "$connection" \
  --cities 50 --organisations-per-group 8 --open-cities 20 --links "$work/links.txt") >&2
mb_create_admin PostgreSql "$connection" bench@example.org "two-instances-password-1"

port_a=$(mb_free_port)
pid_a=$(mb_start "$work/a.log" "$port_a" PostgreSql "$connection"); pids+=("$pid_a")
port_b=$(mb_free_port)
pid_b=$(mb_start "$work/b.log" "$port_b" PostgreSql "$connection"); pids+=("$pid_b")
a="http://127.0.0.1:$port_a" b="http://127.0.0.1:$port_b"
failures=0
check() {
  local what=$1 expected=$2 actual=$3
  if [ "$expected" = "$actual" ]; then
    echo "ok   $what"
  else
    echo "FAIL $what: expected $expected, got $actual"
    failures=$((failures + 1))
  fi
}

# 1. Cookies, antiforgery tokens and links across instances. Round 1 is open: only signed-in coordinators read it.
cookie=$(mb_sign_in "$port_a" bench@example.org "two-instances-password-1")
check "B refuses an open round's sheet to an anonymous visitor" 404 \
  "$(curl -s -o /dev/null -w '%{http_code}' "$b/rounds/1/sheets/MUN")"
check "B reads an open round's sheet with A's sign-in cookie" 200 \
  "$(curl -s -o /dev/null -w '%{http_code}' -H "Cookie: $cookie" "$b/rounds/1/sheets/MUN")"
IFS=$'\t' read -r af_cookie af_token < <(mb_antiforgery "$port_a")
read -r token organisation _ codes < <(tail -n 1 "$work/links.txt")
code=${codes%%:*}
version=$(echo "$codes" | tr ',' '\n' | sed -n "s/^$code://p")
check "B saves an answer with A's antiforgery pair" 200 \
  "$(curl -s -o /dev/null -w '%{http_code}' -X PUT -H "Cookie: $af_cookie" -H "RequestVerificationToken: $af_token" \
     -H 'Content-Type: application/json' -d "{\"value\":\"yes\",\"comment\":\"saved on B\",\"expectedVersion\":$version}" \
     "$b/api/q/$token/answers/$code")"
check "A reads the answer B saved through the same link" "saved on B" \
  "$(curl -s "$a/api/q/$token" | python3 -c "import json, sys; d = json.load(sys.stdin); print(next(s['comment'] for st in d['stages'] for s in st['statements'] if s['code'] == '$code'))")"
check "B refuses an antiforgery token without its cookie" 400 \
  "$(curl -s -o /dev/null -w '%{http_code}' -X PUT -H "RequestVerificationToken: $af_token" \
     -H 'Content-Type: application/json' -d '{"value":"no","comment":null,"expectedVersion":0}' "$b/api/q/$token/answers/$code")"
head -n -1 "$work/links.txt" >"$work/load-links.txt"

# 2. Autosave load on both instances at once; the warm-up uses other links than the measured run.
half=$((connections / 2))
results="$work/results.txt"
load() {
  local base=$1 from=$2 seconds=$3 name=$4
  env NAME="$name" LINKS_FILE="$work/load-links.txt" LINKS_FROM="$from" COOKIE="$af_cookie" ANTIFORGERY="$af_token" \
    wrk -t"$half" -c"$half" -d"${seconds}s" --timeout 10s -s "$LOAD_DIR/autosave.lua" "$base"
}
load "$a" $((2 * half + 1)) 2 warm-a >/dev/null & load "$b" $((3 * half + 1)) 2 warm-b >/dev/null & wait
# CPU time of both instances and of every PostgreSQL process (server and backends), to say what a save costs.
postgres_ticks() {
  local total=0 pid
  for pid in $(pgrep -x postgres); do total=$((total + $(mb_cpu_ticks "$pid" 2>/dev/null || echo 0))); done
  echo "$total"
}
a_before=$(mb_cpu_ticks "$pid_a") b_before=$(mb_cpu_ticks "$pid_b")
pg_before=$(postgres_ticks)
load "$a" 1 "$duration" autosave-a | grep '^RESULT' >>"$results" &
load "$b" $((half + 1)) "$duration" autosave-b | grep '^RESULT' >>"$results" &
wait
a_ticks=$(( $(mb_cpu_ticks "$pid_a") - a_before )) b_ticks=$(( $(mb_cpu_ticks "$pid_b") - b_before ))
app_ticks=$((a_ticks + b_ticks))
pg_ticks=$(( $(postgres_ticks) - pg_before ))
cat "$results"
echo
echo "Two instances, one PostgreSQL: $connections connections ($half per instance), ${duration} s, $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
awk '{ rps += $5; err += $8; if ($7 > p99) p99 = $7; printf "%-12s %8.0f saves/s  p50 %7.2f ms  p99 %7.2f ms  errors %d\n", $2, $5, $6, $7, $8 }
     END { printf "%-12s %8.0f saves/s  (worst p99 %.2f ms)  errors %d\n", "both", rps, p99, err }' "$results"
awk -v a="$a_ticks" -v b="$b_ticks" -v hz="$(getconf CLK_TCK)" '$2 == "autosave-a" { printf "instance A: %d us of CPU per save it served\n", a / hz * 1e6 / $3 } $2 == "autosave-b" { printf "instance B: %d us of CPU per save it served\n", b / hz * 1e6 / $3 }' "$results"
awk -v app="$app_ticks" -v pg="$pg_ticks" -v hz="$(getconf CLK_TCK)" -v cores="$(nproc)" '{ n += $3 }
     END { if (n) printf "CPU per save: instances %d us + PostgreSQL %d us = %d us; CPU-bound max on %d cores %.0f saves/s (wrk not counted)\n",
             app / hz * 1e6 / n, pg / hz * 1e6 / n, (app + pg) / hz * 1e6 / n, cores, cores * 1e6 / ((app + pg) / hz * 1e6 / n) }' "$results"
errors=$(awk '{ s += $8 } END { print s + 0 }' "$results")
[ "$(wc -l <"$results")" -eq 2 ] || { echo "A load run printed no result." >&2; failures=$((failures + 1)); }
if [ "$errors" -gt 0 ] || [ "$failures" -gt 0 ]; then
  echo "$failures failed checks, $errors failed requests (instance logs: $work/a.log, $work/b.log follow)." >&2
  tail -n 20 "$work/a.log" "$work/b.log" >&2
  exit 1
fi
