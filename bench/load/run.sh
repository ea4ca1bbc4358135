#!/usr/bin/env bash
# HTTP load test of a Release build of MegaBench on loopback, with Debian's wrk (apt-get install wrk).
#
#   bench/load/run.sh [--provider sqlite|postgresql] [--duration SECONDS] [--connections N] [--warmup SECONDS]
#                     [--sqlite-synchronous FULL]
#
# Generates a synthetic network (50 cities × 8 organisations per group; the first 20 rounds open, the others
# published), creates an administrator and invitation links, starts the app, then runs one after the other:
#   health          GET /health, the bare endpoint: the ceiling of the stack on this machine
#   autosave        respondents saving answers through their links (one connection per link, N connections)
#   sheet           assessment sheets of published rounds, anonymous
#   sheet-signed-in assessment sheets of open rounds, with a coordinator's sign-in cookie
#   sheet-static    one published sheet's bytes as a static file: the ceiling of a page of that size
#   profile         city profiles of published rounds, anonymous
#   profile-signed-in city profiles of open rounds, signed in
#   overview        the network overview, anonymous
#   matching        the network's matching page, anonymous
#   pdf             the city report as PDF of 5 published rounds, anonymous, each printed once before (needs chromium)
#   pdf-static      one of those PDFs' bytes as a static file: the ceiling of a file of that size
#   mixed           80 % GETs of published sheets and profiles, 20 % autosaves on open rounds, measured together
# and prints requests/s, p50 and p99 latency, errors, and each throughput as a share of /health.
# PostgreSQL: needs MEGABENCH_TEST_POSTGRES (a server role that may CREATE DATABASE), e.g. under
# scripts/with-postgres.sh. --sqlite-synchronous NORMAL measures the app without SQLite's flush per commit (not the
# production setting: docs/deployment.md). NO_BUILD=1 skips the build; ONLY="health autosave" measures only the
# endpoints named; TRACE=DIR also records a CPU sample trace of the app during each measured run (dotnet-trace).
# Exits non-zero on any error.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
PATH=$PATH:$HOME/.dotnet/tools

provider=sqlite duration=10 connections=100 synchronous=FULL warmup=5
while [ $# -gt 0 ]; do
  case $1 in
    --provider) provider=$2; shift 2 ;;
    --duration) duration=$2; shift 2 ;;
    --connections) connections=$2; shift 2 ;;
    --warmup) warmup=$2; shift 2 ;;
    --sqlite-synchronous) synchronous=$2; shift 2 ;;
    *) echo "Unknown option $1. Use --provider sqlite|postgresql, --duration SECONDS, --connections N, --warmup SECONDS, --sqlite-synchronous FULL|NORMAL." >&2; exit 2 ;;
  esac
done
command -v wrk >/dev/null || { echo "wrk is not installed: apt-get install wrk" >&2; exit 1; }

mb_build
work=$(mktemp -d -t megabench-load.XXXXXX)
pids=()
cleanup() {
  for pid in "${pids[@]+"${pids[@]}"}"; do mb_stop "$pid"; done
  if [ -n "${pg_database:-}" ]; then
    psql "$MEGABENCH_PG_URL" -q -c "DROP DATABASE IF EXISTS $pg_database WITH (FORCE)" >/dev/null 2>&1 || true
  fi
  rm -rf "$work"
  rm -f "${static_copy:-}" "${pdf_copy:-}"
}
trap cleanup EXIT

cities=50 open=20 per_group=8
if [ "$provider" = postgresql ]; then
  source "$LOAD_DIR/postgres.sh"
  pg_database="megabench_load_$$"
  connection=$(mb_pg_create_database "$pg_database")
  app_provider=PostgreSql
else
  connection="Data Source=$work/load.db"
  app_provider=Sqlite
fi

(cd "$REPO" && "$BENCH_EXE" --generate --provider "$provider" --connection-string "$connection" --output "$work/load.db" \
  --cities $cities --organisations-per-group $per_group --open-cities $open --links "$work/links.txt") >&2
mb_create_admin "$app_provider" "$connection" bench@example.org "load-test-password-1"

port=$(mb_free_port)
pid=$(mb_start "$work/app.log" "$port" "$app_provider" "$connection" Database__SqliteSynchronous="$synchronous")
pids+=("$pid")
cookie=$(mb_sign_in "$port" bench@example.org "load-test-password-1")
base="http://127.0.0.1:$port"
for group in MUN CCI BUS IBO; do
  for round in $(seq $((open + 1)) $cities); do echo "/rounds/$round/sheets/$group"; done
done >"$work/sheets.txt"
for group in MUN CCI BUS IBO; do
  for round in $(seq 1 "$open"); do echo "/rounds/$round/sheets/$group"; done
done >"$work/sheets-open.txt"
seq $((open + 1)) $cities | sed 's|.*|/rounds/&/profile|' >"$work/profiles.txt"
seq 1 "$open" | sed 's|.*|/rounds/&/profile|' >"$work/profiles-open.txt"
echo /health >"$work/health.txt"
network=1
echo "/networks/$network/overview" >"$work/overview.txt"
echo "/networks/$network/matching" >"$work/matching.txt"
seq $((open + 1)) $((open + 5)) | sed 's|.*|/rounds/&/export.pdf|' >"$work/pdf.txt"
# The mixed profile's reads: the published sheets, with a profile after every fourth (one read in five).
awk 'NR == FNR { profiles[++n] = $0; next } { print } FNR % 4 == 0 { print profiles[(FNR / 4 - 1) % n + 1] }' \
  "$work/profiles.txt" "$work/sheets.txt" >"$work/mixed.txt"

# Every path answers 200 before it is measured: a load test of error pages would measure nothing.
for list in sheets sheets-open profiles profiles-open overview matching; do
  first=$(head -n 1 "$work/$list.txt")
  status=$(curl -s -o /dev/null -w '%{http_code}' -H "Cookie: $cookie" "$base$first")
  [ "$status" = 200 ] || { echo "$first answered $status, not 200." >&2; exit 1; }
done
# A published sheet saved as a static file of the app (removed on exit), for sheet-static below.
static_copy="$BUILD_DIR/web/wwwroot/bench-sheet-copy.html"
curl -s -o "$static_copy" "$base$(head -n 1 "$work/sheets.txt")"
echo /bench-sheet-copy.html >"$work/sheet-static.txt"
# Each PDF is printed once before it is measured (Chromium, seconds each): the run measures the cached PDF.
wants() { [ -z "${ONLY:-}" ] || [[ " $ONLY " == *" $1 "* ]]; }
if wants pdf || wants pdf-static; then
  while read -r path; do
    status=$(curl -s -o /dev/null -w '%{http_code}' --max-time 180 "$base$path")
    [ "$status" = 200 ] || { echo "$path answered $status, not 200 (is chromium installed?)." >&2; exit 1; }
  done <"$work/pdf.txt"
  # The first PDF saved as a static file of the app (removed on exit), for pdf-static below.
  pdf_copy="$BUILD_DIR/web/wwwroot/bench-report-copy.pdf"
  curl -s -o "$pdf_copy" "$base$(head -n 1 "$work/pdf.txt")"
  echo /bench-report-copy.pdf >"$work/pdf-static.txt"
fi

results="$work/results.txt"
measure() {
  local name=$1 threads=$2 script=$3 connections=${CONNECTIONS:-$connections}
  shift 3
  # ONLY="health autosave" measures those endpoints alone (while working on one of them).
  wants "$name" || return 0
  # A warm-up (5 s: long enough for the JIT's tiered and profile-guided recompilation of the hot paths, as in a
  # server that has been up for a while; caches, connection pool), then the measured run. The autosave warm-up uses the
  # links after those of the measured run (LINKS_FROM), whose versions it would otherwise move on.
  env NAME="$name" "$@" LINKS_FROM=$((connections + 1)) wrk -t"$threads" -c"$connections" -d"${warmup}s" --timeout 10s -s "$LOAD_DIR/$script" "$base" >/dev/null
  local before after line
  before=$(mb_cpu_ticks "$pid")
  local tracer=
  if [ -n "${TRACE:-}" ]; then
    mkdir -p "$TRACE"
    dotnet-trace collect -p "$pid" --profile dotnet-common,dotnet-sampled-thread-time --duration "00:00:00:$(printf %02d "$duration")" -o "$TRACE/$name.nettrace" >/dev/null 2>&1 &
    tracer=$!
  fi
  # wrk's own CPU time too (/usr/bin/time: user + system): it shares the two cores with the app, and a scripted
  # endpoint (autosave: a Lua call and a JSON body per request, a thread per connection) costs it more than a GET.
  line=$(env NAME="$name" "$@" LINKS_FROM=1 /usr/bin/time -f '%U %S' -o "$work/wrk-time" \
    wrk -t"$threads" -c"$connections" -d"${duration}s" --timeout 10s -s "$LOAD_DIR/$script" "$base" | grep '^RESULT')
  after=$(mb_cpu_ticks "$pid")
  if [ -n "$tracer" ]; then wait "$tracer" || true; fi
  # The app's CPU time per request (user + system, from /proc): what a request costs whatever else the machine runs.
  local requests
  requests=$(echo "$line" | cut -d' ' -f3)
  echo "$line $(awk -v t=$((after - before)) -v hz="$(getconf CLK_TCK)" -v n="$requests" 'BEGIN { printf "%.0f", n ? t / hz * 1e6 / n : 0 }')" \
    "$(awk -v n="$requests" '{ printf "%.0f", n ? ($1 + $2) * 1e6 / n : 0 }' "$work/wrk-time")" |
    tee -a "$results" >&2
}

measure health 2 get.lua PATHS_FILE="$work/health.txt"
if [ -s "$work/links.txt" ]; then
  # One wrk thread per connection: each connection owns one link and follows its answers' versions.
  IFS=$'\t' read -r antiforgery_cookie antiforgery_token < <(mb_antiforgery "$port")
  measure autosave "$connections" autosave.lua LINKS_FILE="$work/links.txt" COOKIE="$antiforgery_cookie" ANTIFORGERY="$antiforgery_token"
fi
measure sheet 2 get.lua PATHS_FILE="$work/sheets.txt"
measure sheet-signed-in 2 get.lua PATHS_FILE="$work/sheets-open.txt" COOKIE="$cookie"
# The same bytes as a published sheet, as a static file (no lookup, no page): the most a page of that size can reach
# on this stack, to read the sheet's share against.
measure sheet-static 2 get.lua PATHS_FILE="$work/sheet-static.txt"
# The profile compares the city with every other city of the network; its comparison is cached under the stamps
# (ComparedRound), so it is measured at the same 100 connections as the rest.
measure profile 2 get.lua PATHS_FILE="$work/profiles.txt"
measure profile-signed-in 2 get.lua PATHS_FILE="$work/profiles-open.txt" COOKIE="$cookie"
measure pdf 2 get.lua PATHS_FILE="$work/pdf.txt"
# The same bytes as one of those PDFs (about 650 KB), as a static file: the most a file of that size can reach.
measure pdf-static 2 get.lua PATHS_FILE="$work/pdf-static.txt"
if [ -s "$work/links.txt" ]; then
  # Links after the autosave run's (its warm-up and measured run used the first 2 × N): their versions are as generated.
  measure mixed "$connections" mixed.lua PATHS_FILE="$work/mixed.txt" LINKS_FILE="$work/links.txt" LINKS_OFFSET=$((2 * connections)) \
    COOKIE="$antiforgery_cookie" ANTIFORGERY="$antiforgery_token"
fi
# Last: each of these scores the whole network per request, and the requests wrk leaves unanswered at the end of a run
# keep the app busy for a while after it.
measure overview 2 get.lua PATHS_FILE="$work/overview.txt"
measure matching 2 get.lua PATHS_FILE="$work/matching.txt"

echo
echo "MegaBench load test: $provider$([ "$provider" = sqlite ] && echo " (synchronous=$synchronous)"), $connections connections, ${duration} s per endpoint, $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
awk -v cores="$(nproc)" '
  { name[NR] = $2; rps[NR] = $5; p50[NR] = $6; p99[NR] = $7; err[NR] = $8; cpu[NR] = $10; wrk[NR] = $11; if ($2 == "health") health = $5 }
  END {
    printf "%-18s %11s %8s %8s %7s %8s %13s %15s %13s\n", "endpoint", "requests/s", "p50 ms", "p99 ms", "errors", "of bare", "app CPU/req", "CPU-bound max/s", "wrk CPU/req"
    for (i = 1; i <= NR; i++)
      printf "%-18s %11.0f %8.2f %8.2f %7d %7.1f%% %10d us %15.0f %10d us\n", name[i], rps[i], p50[i], p99[i], err[i], health ? 100 * rps[i] / health : 0, cpu[i], cpu[i] ? cores * 1e6 / cpu[i] : 0, wrk[i]
  }' "$results"
echo "app CPU/req: the app's CPU time (user + system) per request in the measured run; CPU-bound max/s: $(nproc) cores divided by it,"
echo "the rate the app alone could reach if it had the machine to itself and nothing else (locks, flushes) limited it;"
echo "wrk CPU/req: the load generator's CPU time per request, taken from the same two cores."
errors=$(awk '{ s += $8 } END { print s + 0 }' "$results")
if [ "$errors" -gt 0 ]; then
  echo "$errors requests failed (see the errors column; the app log follows)." >&2
  tail -n 20 "$work/app.log" >&2
  exit 1
fi
