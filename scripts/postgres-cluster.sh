# Starts and stops a throwaway PostgreSQL server for the tests. Source it, then:
#   pg_cluster_start    # sets MEGABENCH_TEST_POSTGRES (a role that may CREATE DATABASE)
#   pg_cluster_stop     # stops the server and deletes its data (safe to call twice)
# Used by .ci/run and scripts/with-postgres.sh. Needs PostgreSQL's server binaries (Debian: postgresql)
# and python3 (to pick a free port).
#
# The cluster lives in a temporary folder, listens on 127.0.0.1 only (and a socket in that folder), and is
# tuned for speed, not durability (fsync off): its data is thrown away on stop. As root it runs as the
# `postgres` user, because PostgreSQL refuses to run as root.

PG_CLUSTER_DIR=""
PG_CLUSTER_BIN=""

pg_cluster__as_owner() {
  if [ "$(id -u)" = 0 ]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

pg_cluster__find_bin() {
  local candidate
  if command -v pg_ctl >/dev/null 2>&1 && command -v initdb >/dev/null 2>&1; then
    dirname "$(command -v pg_ctl)"
    return 0
  fi
  # Debian keeps the server binaries off PATH, one folder per major version; take the newest.
  candidate=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
  if [ -n "$candidate" ] && [ -x "$candidate/initdb" ]; then
    echo "$candidate"
    return 0
  fi
  echo "No PostgreSQL server binaries found (initdb, pg_ctl). Install them: apt-get install postgresql" >&2
  return 1
}

pg_cluster_start() {
  local port password
  PG_CLUSTER_BIN=$(pg_cluster__find_bin)
  PG_CLUSTER_DIR=$(mktemp -d -t megabench-pg.XXXXXX)
  if [ "$(id -u)" = 0 ]; then
    chown postgres:postgres "$PG_CLUSTER_DIR"
  fi
  chmod 700 "$PG_CLUSTER_DIR"

  password=$(python3 -c 'import secrets; print(secrets.token_hex(16))')
  printf '%s\n' "$password" >"$PG_CLUSTER_DIR/pwfile"
  if [ "$(id -u)" = 0 ]; then
    chown postgres:postgres "$PG_CLUSTER_DIR/pwfile"
  fi

  # Password (SCRAM) authentication over TCP, as a real deployment would use; trust on the private socket.
  pg_cluster__as_owner "$PG_CLUSTER_BIN/initdb" -D "$PG_CLUSTER_DIR/data" -U megabench --pwfile="$PG_CLUSTER_DIR/pwfile" \
    --auth-host=scram-sha-256 --auth-local=trust -E UTF8 --locale=C.UTF-8 >"$PG_CLUSTER_DIR/initdb.log" 2>&1 || {
    cat "$PG_CLUSTER_DIR/initdb.log" >&2
    echo "initdb failed (log above)." >&2
    return 1
  }

  port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
  pg_cluster__as_owner "$PG_CLUSTER_BIN/pg_ctl" -D "$PG_CLUSTER_DIR/data" -l "$PG_CLUSTER_DIR/server.log" -w -t 60 \
    -o "-c listen_addresses=127.0.0.1 -p $port -k $PG_CLUSTER_DIR -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
    start >/dev/null || {
    cat "$PG_CLUSTER_DIR/server.log" >&2 || true
    echo "PostgreSQL did not start (server log above)." >&2
    return 1
  }

  export MEGABENCH_TEST_POSTGRES="Host=127.0.0.1;Port=$port;Database=postgres;Username=megabench;Password=$password"
  echo "$("$PG_CLUSTER_BIN/postgres" --version) listening on 127.0.0.1:$port (data in $PG_CLUSTER_DIR)"
}

pg_cluster_stop() {
  if [ -n "$PG_CLUSTER_DIR" ] && [ -d "$PG_CLUSTER_DIR" ]; then
    if [ -f "$PG_CLUSTER_DIR/data/postmaster.pid" ]; then
      pg_cluster__as_owner "$PG_CLUSTER_BIN/pg_ctl" -D "$PG_CLUSTER_DIR/data" -m immediate -w stop >/dev/null 2>&1 || true
    fi
    rm -rf "$PG_CLUSTER_DIR"
  fi
  PG_CLUSTER_DIR=""
}
