#!/usr/bin/env bash
# The PDF export under a burst: 50 concurrent anonymous requests for the city reports of 5 published rounds
# (10 each), against a Release build on SQLite, as issue 15 asks.
#
#   bench/pdf/run.sh [--requests 50] [--rounds 5]
#
# While the burst runs, samples every 100 ms the Chromium print processes running (`--print-to-pdf` in their
# command line) and the memory (PSS) of the app plus all its Chromium processes. Prints, for the burst: the most
# prints at once, the peak added memory over the idle app, each status code with its count, whether every 503/429
# carried Retry-After; then a second request for each round (unchanged, so served from the cache) and its time.
# Needs Debian's chromium. NO_BUILD=1 skips the build.
set -euo pipefail
source "$(dirname "$0")/../load/lib.sh"

requests=50 rounds=5
while [ $# -gt 0 ]; do
  case $1 in
    --requests) requests=$2; shift 2 ;;
    --rounds) rounds=$2; shift 2 ;;
    *) echo "Unknown option $1. Use --requests N, --rounds N." >&2; exit 2 ;;
  esac
done
command -v chromium >/dev/null || { echo "chromium is not installed: apt-get install chromium" >&2; exit 1; }

mb_build
work=$(mktemp -d -t megabench-pdf.XXXXXX)
pid=
cleanup() { [ -n "$pid" ] && mb_stop "$pid"; rm -rf "$work"; }
trap cleanup EXIT

connection="Data Source=$work/pdf.db"
(cd "$REPO" && "$BENCH_EXE" --generate --provider sqlite --connection-string "$connection" --output "$work/pdf.db" \
  --cities "$rounds" --organisations-per-group 4 --open-cities 0 --links "$work/links.txt") >&2
port=$(mb_free_port)
pid=$(mb_start "$work/app.log" "$port" Sqlite "$connection")
base="http://127.0.0.1:$port"

rss_kb() { # proportional set size (PSS: shared pages divided among their sharers, so Chromium's helpers are not
            # counted several times) of the app and every process below it, in kB
  local p total=0
  for p in $(ps -eo pid=,ppid= | awk -v root="$pid" '
      { parent[$1] = $2 } END { for (p in parent) { q = p; while (q != "" && q != root && q > 1) q = parent[q]; if (q == root) print p } }'); do
    total=$((total + $(awk '/^Pss:/ { print $2 }' "/proc/$p/smaps_rollup" 2>/dev/null || echo 0)))
  done
  echo "$total"
}
idle=$(rss_kb)

# The sampler: prints at once and memory, every 100 ms, until the burst ends.
( while [ ! -f "$work/done" ]; do
    echo "$(pgrep -P "$pid" -f -- '--print-to-pdf' | wc -l) $(rss_kb)"
    sleep 0.1
  done ) >"$work/samples.txt" &
sampler=$!

start=$(date +%s.%N)
for i in $(seq 1 "$requests"); do
  round=$(( (i - 1) % rounds + 1 ))
  curl -s -o /dev/null -D "$work/headers.$i" -w "%{http_code} %{time_total} $round\n" "$base/rounds/$round/export.pdf" >"$work/status.$i" &
done
wait $(jobs -p | grep -v "^$sampler$") 2>/dev/null || true
touch "$work/done"
wait "$sampler" || true
elapsed=$(echo "$(date +%s.%N) - $start" | bc)

cat "$work"/status.* >"$work/statuses.txt"
echo
echo "PDF burst: $requests concurrent requests for $rounds rounds, $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "burst took ${elapsed%.*} s"
awk '{ print $1 }' "$work/statuses.txt" | sort | uniq -c | awk '{ printf "  status %s: %d requests\n", $2, $1 }'
refused=$(awk '$1 == 503 || $1 == 429 { n++ } END { print n + 0 }' "$work/statuses.txt")
with_retry=$( (grep -li '^retry-after:' "$work"/headers.* 2>/dev/null || true) | wc -l)
echo "  refused (429/503): $refused, of which with Retry-After: $with_retry"
awk -v idle="$idle" '{ if ($1 > most) most = $1; if ($2 > peak) peak = $2 } END {
  printf "  most Chromium prints at once: %d\n  memory (PSS): idle app %.0f MB, peak app + Chromium %.0f MB, added %.0f MB\n", most, idle / 1024, peak / 1024, (peak - idle) / 1024 }' "$work/samples.txt"
bad=$(awk '$1 != 200 && $1 != 503 && $1 != 429 { n++ } END { print n + 0 }' "$work/statuses.txt")

echo "second request per round (unchanged, from the cache):"
for round in $(seq 1 "$rounds"); do
  curl -s -o /dev/null -w "  round $round: %{http_code} in %{time_total} s\n" "$base/rounds/$round/export.pdf"
done
[ "$bad" -eq 0 ] || { echo "$bad requests got neither their PDF nor 429/503." >&2; exit 1; }
[ "$refused" -eq "$with_retry" ] || { echo "Some refusals had no Retry-After." >&2; exit 1; }
