#!/usr/bin/env bash
# Adds a migration NAME to both provider migration sets (SQLite and PostgreSQL).
# Usage: scripts/add-migration.sh AddAuditTrail
set -euo pipefail
name=${1:?usage: scripts/add-migration.sh NAME}
cd "$(dirname "$0")/.."
dotnet tool restore >/dev/null
cd src/MegaBench
for provider in Sqlite Postgres; do
  dotnet dotnet-ef migrations add "$name" --context "${provider}MegaBenchDbContext" \
    --output-dir "Data/Migrations/$provider" --namespace "MegaBench.Data.Migrations.$provider"
  # dotnet-ef writes the model snapshot under a nested MegaBench/ folder for this layout; put it beside the migrations.
  if [ -d "MegaBench/Data/Migrations/$provider" ]; then
    mv MegaBench/Data/Migrations/$provider/*.cs "Data/Migrations/$provider/"
  fi
done
rm -rf MegaBench
