#!/usr/bin/env bash
# Checks the three ways docs/deployment.md gives to back up and restore MegaBench, end to end:
#   1. SQLite: `sqlite3 FILE ".backup COPY"` of a live database, then the copy opened by the CLI;
#   2. PostgreSQL: `pg_dump -Fc`, then `pg_restore` into a new database (needs MEGABENCH_TEST_POSTGRES,
#      e.g. under scripts/with-postgres.sh; skipped with a message without it);
#   3. the network JSON export, imported into an empty database.
# Each restored database is exported again as network JSON and compared byte for byte with the original's export.
#   scripts/backup-restore-check.sh        (NO_BUILD=1 skips the build)
set -euo pipefail
source "$(dirname "$0")/../bench/load/lib.sh"
mb_build
work=$(mktemp -d -t megabench-backup.XXXXXX)
pg_databases=()
cleanup() {
  for database in "${pg_databases[@]+"${pg_databases[@]}"}"; do
    psql "$MEGABENCH_PG_URL" -q -c "DROP DATABASE IF EXISTS $database WITH (FORCE)" >/dev/null 2>&1 || true
  done
  rm -rf "$work"
}
trap cleanup EXIT
export_network() { mb_cli "$1" "$2" export network 1 --format json --output "$3" >/dev/null; }

echo "== SQLite: .backup of a database in use"
source_db="Data Source=$work/source.db"
mb_cli Sqlite "$source_db" db migrate >/dev/null
mb_cli Sqlite "$source_db" demo >/dev/null
export_network Sqlite "$source_db" "$work/source.json"
# .backup copies page by page under SQLite's own locks: safe while the app is running (WAL included).
sqlite3 "$work/source.db" ".backup '$work/backup.db'"
[ "$(sqlite3 "$work/backup.db" 'PRAGMA integrity_check;')" = ok ]
export_network Sqlite "Data Source=$work/backup.db" "$work/backup.json"
cmp "$work/source.json" "$work/backup.json"
echo "SQLite backup restored: network export identical ($(wc -c <"$work/source.json") bytes)."

echo "== JSON export imported into an empty database"
mb_cli Sqlite "Data Source=$work/imported.db" db migrate >/dev/null
mb_cli Sqlite "Data Source=$work/imported.db" import network "$work/source.json" >/dev/null
export_network Sqlite "Data Source=$work/imported.db" "$work/imported.json"
cmp "$work/source.json" "$work/imported.json"
echo "JSON export re-imported: network export identical."

if [ -z "${MEGABENCH_TEST_POSTGRES:-}" ]; then
  echo "== PostgreSQL: skipped (MEGABENCH_TEST_POSTGRES is not set; run under scripts/with-postgres.sh)"
  exit 0
fi
echo "== PostgreSQL: pg_dump, then pg_restore into a new database"
source "$LOAD_DIR/postgres.sh"
original=megabench_backup_src_$$ restored=megabench_backup_dst_$$
pg_databases+=("$original" "$restored")
original_cs=$(mb_pg_create_database "$original")
restored_cs=$(mb_pg_create_database "$restored")
mb_cli PostgreSql "$original_cs" db migrate >/dev/null
mb_cli PostgreSql "$original_cs" demo >/dev/null
export_network PostgreSql "$original_cs" "$work/pg-source.json"
pg_dump --format=custom --file="$work/megabench.dump" "$(mb_pg_url "$original")"
pg_restore --no-owner --exit-on-error --dbname="$(mb_pg_url "$restored")" "$work/megabench.dump"
export_network PostgreSql "$restored_cs" "$work/pg-restored.json"
cmp "$work/pg-source.json" "$work/pg-restored.json"
# The restored database is up to date: `db migrate` finds nothing to apply.
mb_cli PostgreSql "$restored_cs" db migrate
echo "PostgreSQL dump restored: network export identical ($(wc -c <"$work/megabench.dump") bytes of dump)."
