#!/usr/bin/env bash
# `megabench match` on a generated network, from the database to the printed pairs (issue 14, defect 9: the
# 1,000-city network under 3 s).
#
#   bench/match/run.sh [--cities 1000] [--organisations-per-group 10] [--seed 2018] [--runs 5] [--format text]
#
# Generates the network once (bench/.build/match-CITIES-ORGS-SEED.db, kept for the next runs; the generator's
# defaults are the 1,000-city network of the issue), publishes the CLI in Release (NO_BUILD=1 skips the build),
# runs `match 1` --runs times and prints each run's wall time, CPU time (user + system) and peak memory, then the
# medians. Then it times the parts of the command inside one process (`--profile-match`, three runs: the first
# pays the JIT and EF's first queries like the CLI does, the others show the steady state). On a machine shared
# with other work, the CPU time is the figure that compares; the load average is printed with the results.
set -euo pipefail
REPO=$(cd "$(dirname "$0")/../.." && pwd)
BUILD_DIR="$REPO/bench/.build"
BENCH_EXE="$REPO/bench/MegaBench.Benchmarks/bin/Release/net10.0/MegaBench.Benchmarks"
CLI_DLL="$BUILD_DIR/cli/MegaBench.Cli.dll"

cities=1000 per_group=10 seed=2018 runs=5 format=text
while [ $# -gt 0 ]; do
  case $1 in
    --cities) cities=$2; shift 2 ;;
    --organisations-per-group) per_group=$2; shift 2 ;;
    --seed) seed=$2; shift 2 ;;
    --runs) runs=$2; shift 2 ;;
    --format) format=$2; shift 2 ;;
    *) echo "Unknown option $1. Use --cities N, --organisations-per-group N, --seed N, --runs N, --format text|json." >&2; exit 2 ;;
  esac
done

if [ "${NO_BUILD:-0}" != 1 ] || [ ! -f "$CLI_DLL" ] || [ ! -x "$BENCH_EXE" ]; then
  # As deployed (README, "Command line"): for this machine's runtime, so compiled ahead of time (ReadyToRun).
  dotnet publish "$REPO/src/MegaBench.Cli" -c Release -r linux-x64 --self-contained false -o "$BUILD_DIR/cli" -nologo -v quiet -clp:ErrorsOnly >&2
  dotnet build "$REPO/bench/MegaBench.Benchmarks" -c Release -nologo -v quiet -clp:ErrorsOnly >&2
fi

db="$BUILD_DIR/match-$cities-$per_group-$seed.db"
if [ ! -f "$db" ]; then
  (cd "$REPO" && "$BENCH_EXE" --generate-rounds "$db" --cities "$cities" --organisations-per-group "$per_group" --seed "$seed") >&2
fi

echo "megabench match 1 --format $format on $cities cities x $per_group organisations per group (seed $seed); load average $(cut -d' ' -f1-3 /proc/loadavg)"
times=$(mktemp)
trap 'rm -f "$times"' EXIT
for run in $(seq "$runs"); do
  /usr/bin/time -f "%e %U %S %M" -o "$times" -a \
    dotnet "$CLI_DLL" --connection-string "Data Source=$db" match 1 --format "$format" > /dev/null
  tail -n 1 "$times" | awk -v run="$run" '{ printf "run %d: %.2f s wall, %.2f s CPU (%.2f user + %.2f system), %d MB\n", run, $1, $2 + $3, $2, $3, $4 / 1024 }'
done
sort -n -k1,1 "$times" | awk '{ wall[NR] = $1 } END { printf "median wall %.2f s\n", wall[int((NR + 1) / 2)] }'
awk '{ print $2 + $3 }' "$times" | sort -n | awk '{ cpu[NR] = $1 } END { printf "median CPU %.2f s\n", cpu[int((NR + 1) / 2)] }'
echo "load average $(cut -d' ' -f1-3 /proc/loadavg)"

echo "Parts, in one process (wall, then CPU of all threads):"
"$BENCH_EXE" --profile-match "$db" --runs 3
