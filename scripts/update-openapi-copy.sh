#!/usr/bin/env bash
# Refreshes tests/MegaBench.ApiClient/openapi.json, the checked-in copy of the OpenAPI document the app serves at
# /openapi/v1.json, and rebuilds so that the generated C# client (GeneratedClientTests) follows it.
# Run from anywhere in the checkout: scripts/update-openapi-copy.sh
set -euo pipefail
cd "$(dirname "$0")/.."

dotnet build MegaBench.slnx -nologo -clp:ErrorsOnly
MEGABENCH_UPDATE_OPENAPI=1 dotnet test --project tests/MegaBench.Tests --no-build -- --filter-class 'MegaBench.Tests.Web.Api.OpenApiCopyTests'
# The copy changed: build again to regenerate the client from it.
dotnet build MegaBench.slnx -nologo -clp:ErrorsOnly
git --no-pager diff --stat -- tests/MegaBench.ApiClient/openapi.json
