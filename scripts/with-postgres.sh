#!/usr/bin/env bash
# Runs a command with a throwaway PostgreSQL server, then deletes the server. For example:
#   MEGABENCH_TEST_PROVIDER=postgres scripts/with-postgres.sh dotnet test --solution MegaBench.slnx
# The command sees MEGABENCH_TEST_POSTGRES (see docs/testing.md). Needs PostgreSQL's server binaries
# (Debian: apt-get install postgresql) and python3.
set -euo pipefail
if [ "$#" -eq 0 ]; then
  echo "usage: scripts/with-postgres.sh COMMAND [ARGS...]" >&2
  exit 2
fi
# shellcheck source=scripts/postgres-cluster.sh
source "$(dirname "$0")/postgres-cluster.sh"
trap pg_cluster_stop EXIT
pg_cluster_start
status=0
"$@" || status=$?
exit "$status"
