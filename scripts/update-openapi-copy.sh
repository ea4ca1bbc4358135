#!/usr/bin/env bash
# Refreshes tests/MegaBench.ApiClient/openapi.json, the checked-in copy of the OpenAPI document the app serves at
# /openapi/v1.json: starts the app on a throwaway SQLite database, saves the document (indented), stops the app.
# The next build regenerates the C# client from the copy (GeneratedClientTests); OpenApiCopyTests fails while the
# copy and the served document differ. Run from anywhere in the checkout: scripts/update-openapi-copy.sh
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)
copy="$repo/tests/MegaBench.ApiClient/openapi.json"

data=$(mktemp -d -t megabench-openapi.XXXXXX)
app=""
cleanup() {
  if [ -n "$app" ]; then kill "$app" 2>/dev/null || true; wait "$app" 2>/dev/null || true; fi
  rm -rf "$data"
}
trap cleanup EXIT

dotnet build src/MegaBench.Web -nologo -clp:ErrorsOnly
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
# The test host's environment and address: the document names the server it was asked on (http://localhost).
ASPNETCORE_ENVIRONMENT=Testing ASPNETCORE_URLS="http://127.0.0.1:$port" \
  Database__DataDirectory="$data" Database__MigrateOnStartup=true Demo__LoadOnStartup=false \
  dotnet run --no-build --project src/MegaBench.Web >"$data/app.log" 2>&1 &
app=$!
for _ in $(seq 120); do
  if curl -sf -H 'Host: localhost' "http://127.0.0.1:$port/openapi/v1.json" -o "$data/openapi.json"; then break; fi
  kill -0 "$app" 2>/dev/null || { cat "$data/app.log" >&2; echo "The app stopped before serving the document." >&2; exit 1; }
  sleep 1
done
[ -s "$data/openapi.json" ] || { cat "$data/app.log" >&2; echo "The app did not serve /openapi/v1.json within two minutes." >&2; exit 1; }
python3 - "$data/openapi.json" "$copy" <<'PY'
import json, sys
with open(sys.argv[1], encoding="utf-8") as f:
    document = json.load(f)
with open(sys.argv[2], "w", encoding="utf-8", newline="\n") as f:
    json.dump(document, f, indent=2, ensure_ascii=False)
    f.write("\n")
PY
git --no-pager diff --stat -- "$copy"
