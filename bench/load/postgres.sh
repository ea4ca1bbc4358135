# PostgreSQL helpers for the load, crash and two-instance tests. Needs MEGABENCH_TEST_POSTGRES, the Npgsql
# connection string of a server role that may CREATE DATABASE (scripts/with-postgres.sh and .ci/run set it).
if [ -z "${MEGABENCH_TEST_POSTGRES:-}" ]; then
  echo "MEGABENCH_TEST_POSTGRES is not set: run under scripts/with-postgres.sh, or set it to a server's connection string." >&2
  exit 1
fi

# Host=...;Port=...;Database=...;Username=...;Password=... as a libpq URL for psql, pg_dump and pg_restore.
MEGABENCH_PG_URL=$(python3 - <<'PY'
import os, urllib.parse
parts = dict(p.split("=", 1) for p in os.environ["MEGABENCH_TEST_POSTGRES"].split(";") if "=" in p)
parts = {k.lower(): v for k, v in parts.items()}
print("postgresql://%s:%s@%s:%s/%s" % (
    urllib.parse.quote(parts.get("username", "postgres")), urllib.parse.quote(parts.get("password", "")),
    parts.get("host", "localhost"), parts.get("port", "5432"), parts.get("database", "postgres")))
PY
)
export MEGABENCH_PG_URL

# Creates an empty database; prints its Npgsql connection string.
mb_pg_create_database() {
  local name=$1
  psql "$MEGABENCH_PG_URL" -q -v ON_ERROR_STOP=1 -c "CREATE DATABASE $name" >/dev/null
  echo "$MEGABENCH_TEST_POSTGRES" | sed -E "s/(^|;)Database=[^;]*/\1Database=$name/I"
}

# The libpq URL of a database of that server.
mb_pg_url() {
  echo "${MEGABENCH_PG_URL%/*}/$1"
}
