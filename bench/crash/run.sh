#!/usr/bin/env bash
# Crash test: respondents autosave through their links while the server is killed with SIGKILL at random
# moments and restarted; every acknowledged save must be stored exactly as acknowledged (see
# bench/MegaBench.Benchmarks/CrashTest.cs for the rules).
#
#   bench/crash/run.sh [--provider sqlite|postgresql] [--iterations 100] [--clients 32]
#
# PostgreSQL needs MEGABENCH_TEST_POSTGRES (run under scripts/with-postgres.sh). NO_BUILD=1 skips the build.
# Exits non-zero on any lost or altered answer, or any error while the server was up.
set -euo pipefail
source "$(dirname "$0")/../load/lib.sh"

provider=sqlite iterations=100 clients=32
while [ $# -gt 0 ]; do
  case $1 in
    --provider) provider=$2; shift 2 ;;
    --iterations) iterations=$2; shift 2 ;;
    --clients) clients=$2; shift 2 ;;
    *) echo "Unknown option $1. Use --provider sqlite|postgresql, --iterations N, --clients N." >&2; exit 2 ;;
  esac
done

mb_build
work=$(mktemp -d -t megabench-crash.XXXXXX)
cleanup() {
  if [ -n "${pg_database:-}" ]; then
    psql "$MEGABENCH_PG_URL" -q -c "DROP DATABASE IF EXISTS $pg_database WITH (FORCE)" >/dev/null 2>&1 || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT

if [ "$provider" = postgresql ]; then
  source "$LOAD_DIR/postgres.sh"
  pg_database="megabench_crash_$$"
  connection=$(mb_pg_create_database "$pg_database")
else
  connection="Data Source=$work/crash.db"
fi

# A small network: 4 cities with open rounds, 8 organisations per group, a link for each organisation.
(cd "$REPO" && "$BENCH_EXE" --generate --provider "$provider" --connection-string "$connection" --output "$work/crash.db" \
  --cities 4 --organisations-per-group 8 --open-cities 4 --links "$work/links.txt" --seed 7)
if [ "$provider" = sqlite ]; then
  # The app's own durability setting (synchronous=FULL) applies from here on; the generator wrote with it off.
  sqlite3 "$work/crash.db" 'PRAGMA wal_checkpoint(TRUNCATE);' >/dev/null
fi
"$BENCH_EXE" --crash-test --web "$WEB_DLL" --repo "$REPO" --links "$work/links.txt" \
  --provider "$provider" --connection-string "$connection" --iterations "$iterations" --clients "$clients"
