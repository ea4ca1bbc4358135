#!/usr/bin/env bash
# `megabench import network` of a generated network's JSON file into an empty database (issue 15: 1,000 cities
# under 3 minutes and 600 MB).
#
#   bench/import/run.sh [--cities 1000] [--organisations-per-group 40] [--seed 2018] [--runs 1] [--provider sqlite|postgresql]
#
# Generates the network once (bench/.build/import-CITIES-ORGS-SEED.db, SQLite, kept for the next runs) and exports
# it once as JSON beside it, builds the CLI in Release (NO_BUILD=1 skips the build), then --runs times imports the
# file into a new empty database and prints wall time, CPU time (user + system) and peak memory, with the load
# average before and after. The last import is exported again and compared with the file byte for byte.
# PostgreSQL: run under scripts/with-postgres.sh (each run imports into a new database of that server).
set -euo pipefail
REPO=$(cd "$(dirname "$0")/../.." && pwd)
BUILD_DIR="$REPO/bench/.build"
BENCH_EXE="$REPO/bench/MegaBench.Benchmarks/bin/Release/net10.0/MegaBench.Benchmarks"
CLI="$REPO/src/MegaBench.Cli/bin/Release/net10.0/MegaBench.Cli"

cities=1000 per_group=40 seed=2018 runs=1 provider=sqlite
while [ $# -gt 0 ]; do
  case $1 in
    --cities) cities=$2; shift 2 ;;
    --organisations-per-group) per_group=$2; shift 2 ;;
    --seed) seed=$2; shift 2 ;;
    --runs) runs=$2; shift 2 ;;
    --provider) provider=$2; shift 2 ;;
    *) echo "Unknown option $1. Use --cities N, --organisations-per-group N, --seed N, --runs N, --provider sqlite|postgresql." >&2; exit 2 ;;
  esac
done

if [ "${NO_BUILD:-0}" != 1 ] || [ ! -x "$CLI" ] || [ ! -x "$BENCH_EXE" ]; then
  dotnet build "$REPO/src/MegaBench.Cli" -c Release -nologo -v quiet -clp:ErrorsOnly >&2
  dotnet build "$REPO/bench/MegaBench.Benchmarks" -c Release -nologo -v quiet -clp:ErrorsOnly >&2
fi

mkdir -p "$BUILD_DIR"
name="import-$cities-$per_group-$seed"
source_db="$BUILD_DIR/$name.db"
file="$BUILD_DIR/$name.json"
if [ ! -f "$source_db" ]; then
  (cd "$REPO" && "$BENCH_EXE" --generate-rounds "$source_db" --cities "$cities" --organisations-per-group "$per_group" --seed "$seed") >&2
  rm -f "$file"
fi
if [ ! -f "$file" ]; then
  "$CLI" -q --connection-string "Data Source=$source_db" export network 1 --format json --output "$file" >&2
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
if [ "$provider" = postgresql ]; then
  # shellcheck source=bench/load/postgres.sh
  source "$REPO/bench/load/postgres.sh"
fi

echo "megabench import network: $cities cities x $per_group organisations per group (seed $seed), $(du -m "$file" | cut -f1) MB file, $provider"
for run in $(seq "$runs"); do
  if [ "$provider" = postgresql ]; then
    target=(--database-provider postgresql --connection-string "$(mb_pg_create_database "mb_import_${$}_$run")")
  else
    target=(--connection-string "Data Source=$work/target-$run.db")
  fi
  "$CLI" -q "${target[@]}" db migrate > /dev/null
  echo "run $run: load average before $(cut -d' ' -f1-3 /proc/loadavg)"
  /usr/bin/time -f "%e %U %S %M" -o "$work/time" "$CLI" -q "${target[@]}" import network "$file"
  awk -v run="$run" '{ printf "run %d: %.1f s wall, %.1f s CPU (%.1f user + %.1f system), %d MB peak\n", run, $1, $2 + $3, $2, $3, $4 / 1024 }' "$work/time"
  echo "run $run: load average after $(cut -d' ' -f1-3 /proc/loadavg)"
done

"$CLI" -q "${target[@]}" export network 1 --format json --output "$work/again.json" > /dev/null
if cmp -s "$file" "$work/again.json"; then
  echo "re-export: identical bytes"
else
  echo "re-export differs from the imported file" >&2
  exit 1
fi
