# Shared by bench/load/run.sh, bench/crash and bench/two-instances: builds the Release app, starts and stops
# instances of it on loopback, signs in. Source it from bash with `set -euo pipefail`.
#
# The app is published (Release) to bench/.build/web and run from there, as a deployment would run it:
# ASPNETCORE_ENVIRONMENT=Production, logging at Warning, no demo network, frameworks from the repository.

LOAD_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$LOAD_DIR/../.." && pwd)
BUILD_DIR="$REPO/bench/.build"
BENCH_EXE="$REPO/bench/MegaBench.Benchmarks/bin/Release/net10.0/MegaBench.Benchmarks"
CLI_DLL="$BUILD_DIR/cli/MegaBench.Cli.dll"
WEB_DLL="$BUILD_DIR/web/MegaBench.Web.dll"

# Publishes the web app and the CLI, builds the benchmarks project; NO_BUILD=1 skips it (already built).
mb_build() {
  if [ "${NO_BUILD:-0}" = 1 ] && [ -f "$WEB_DLL" ] && [ -f "$CLI_DLL" ] && [ -x "$BENCH_EXE" ]; then
    return 0
  fi
  echo "Building (Release)..." >&2
  dotnet publish "$REPO/src/MegaBench.Web" -c Release -o "$BUILD_DIR/web" -nologo -v quiet -clp:ErrorsOnly >&2
  # The CLI as deployed and as bench/match/run.sh publishes it into the same folder: for this machine's runtime, so
  # compiled ahead of time (ReadyToRun). A plain publish here used to overwrite that one and slow the match bench.
  dotnet publish "$REPO/src/MegaBench.Cli" -c Release -r linux-x64 --self-contained false -o "$BUILD_DIR/cli" -nologo -v quiet -clp:ErrorsOnly >&2
  dotnet build "$REPO/bench/MegaBench.Benchmarks" -c Release -nologo -v quiet -clp:ErrorsOnly >&2
}

mb_free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

# The megabench CLI on a database: mb_cli PROVIDER CONNECTION ARGS...
mb_cli() {
  local provider=$1 connection=$2
  shift 2
  Database__Provider="$provider" Database__ConnectionString="$connection" dotnet "$CLI_DLL" "$@"
}

# Starts an instance in the background and waits until /health answers (60 s at most).
#   mb_start LOG PORT PROVIDER CONNECTION [NAME=VALUE...]   (extra configuration as environment variables)
# Prints the process id. Anything in MB_APP_ENV (NAME=VALUE words) is added to every instance.
mb_start() {
  local log=$1 port=$2 provider=$3 connection=$4
  shift 4
  (
    cd "$BUILD_DIR/web"
    # shellcheck disable=SC2086
    exec env ASPNETCORE_ENVIRONMENT=Production ASPNETCORE_URLS="http://127.0.0.1:$port" \
      Database__Provider="$provider" Database__ConnectionString="$connection" \
      Demo__LoadOnStartup=false Frameworks__Directory="$REPO/frameworks" \
      Logging__LogLevel__Default=Warning Logging__LogLevel__Microsoft.AspNetCore=Error \
      ${MB_APP_ENV:-} "$@" dotnet "$WEB_DLL"
  ) >>"$log" 2>&1 &
  local pid=$!
  local waited=0
  until curl -fsS -o /dev/null "http://127.0.0.1:$port/health" 2>/dev/null; do
    if ! kill -0 "$pid" 2>/dev/null; then
      echo "The app on port $port exited during start-up; its log ($log):" >&2
      tail -n 40 "$log" >&2
      return 1
    fi
    if [ "$waited" -ge 600 ]; then
      echo "The app on port $port did not answer /health within 60 s; its log ($log):" >&2
      tail -n 40 "$log" >&2
      kill "$pid" 2>/dev/null || true
      return 1
    fi
    sleep 0.1
    waited=$((waited + 1))
  done
  echo "$pid"
}

# Stops an instance started by mb_start (SIGTERM, then SIGKILL after 10 s).
mb_stop() {
  local pid=$1 waited=0
  kill "$pid" 2>/dev/null || return 0
  while kill -0 "$pid" 2>/dev/null && [ "$waited" -lt 100 ]; do
    sleep 0.1
    waited=$((waited + 1))
  done
  kill -9 "$pid" 2>/dev/null || true
}

# Creates an administrator (idempotent per database: a second call fails quietly).
mb_create_admin() {
  local provider=$1 connection=$2 email=$3 password=$4
  printf '%s\n' "$password" | mb_cli "$provider" "$connection" admin create --email "$email" --password-stdin >/dev/null
}

# Signs in through the sign-in form like a browser (antiforgery token, then post); prints the Cookie header value.
mb_sign_in() {
  local port=$1 email=$2 password=$3 jar token
  jar=$(mktemp)
  token=$(curl -fsS -c "$jar" "http://127.0.0.1:$port/account/signin" |
    sed -n 's/.*name="__RequestVerificationToken" type="hidden" value="\([^"]*\)".*/\1/p' | head -n 1)
  if [ -z "$token" ]; then
    echo "No antiforgery token on /account/signin." >&2
    rm -f "$jar"
    return 1
  fi
  curl -fsS -o /dev/null -b "$jar" -c "$jar" \
    --data-urlencode "Input.Email=$email" --data-urlencode "Input.Password=$password" \
    --data-urlencode "__RequestVerificationToken=$token" "http://127.0.0.1:$port/account/signin"
  if ! grep -q 'MegaBench.Session' "$jar"; then
    echo "Signing in as $email did not give a session cookie." >&2
    rm -f "$jar"
    return 1
  fi
  awk '$0 !~ /^#/ || $0 ~ /^#HttpOnly_/ { if (NF >= 7) printf "%s%s=%s", (n++ ? "; " : ""), $6, $7 }' "$jar"
  rm -f "$jar"
}

# An antiforgery pair from GET /api/antiforgery: prints "COOKIE<TAB>TOKEN" (the Cookie header value and the
# RequestVerificationToken header value). Anonymous unless a Cookie header value is given as $2.
mb_antiforgery() {
  local port=$1 cookie=${2:-} jar body
  jar=$(mktemp)
  body=$(curl -fsS -c "$jar" ${cookie:+-H "Cookie: $cookie"} "http://127.0.0.1:$port/api/antiforgery")
  local pair
  pair=$(awk '$0 !~ /^#/ || $0 ~ /^#HttpOnly_/ { if (NF >= 7) printf "%s%s=%s", (n++ ? "; " : ""), $6, $7 }' "$jar")
  rm -f "$jar"
  printf '%s%s\t%s\n' "${cookie:+$cookie; }" "$pair" "$(printf '%s' "$body" | python3 -c 'import json, sys; print(json.load(sys.stdin)["token"])')"
}

# The CPU time a process has used so far, in clock ticks (user + system, /proc/PID/stat fields 14 and 15).
mb_cpu_ticks() {
  awk '{ sub(/^[^)]*\) /, ""); print $12 + $13 }' "/proc/$1/stat"
}
