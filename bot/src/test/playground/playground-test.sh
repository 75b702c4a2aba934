#!/usr/bin/env bash
# Talks to LUX through the Microsoft 365 Agents Playground (a real local Teams client): starts the built jar
# (app/target/lux.jar, local bot mode, command mode, H2 in a temp dir) and the Playground headless, sends
# "help" and "contacts add ..." as the Playground's user and checks LUX's replies. Needs Node 20+ and npm.
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(cd "$HERE/../../../.." && pwd)"
JAR="$ROOT/app/target/lux.jar"
LUX_PORT="${LUX_PORT:-3988}"
PG_PORT="${PG_PORT:-56188}"
TIMEOUT="${PLAYGROUND_TEST_TIMEOUT:-180}"

die() { echo "playground-test: FAIL: $*" >&2; exit 1; }
[ -f "$JAR" ] || die "$JAR is missing: build it first (./mvnw -B verify or ./mvnw -B -DskipTests package)"
command -v node >/dev/null || die "node is not installed"
port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
port_free "$LUX_PORT" || die "port $LUX_PORT is in use (set LUX_PORT)"
port_free "$PG_PORT" || die "port $PG_PORT is in use (set PG_PORT)"

(cd "$HERE" && npm ci --no-audit --no-fund --silent) || die "npm ci failed"
CLI="$HERE/node_modules/@microsoft/m365agentsplayground/cli.js"
[ -f "$CLI" ] || die "$CLI is missing after npm ci"

WORK="$(mktemp -d)"
LUX_PID=""; PG_PID=""; TEST_PID=""; WATCHDOG=""
cleanup() {
  local rc=$?
  [ -n "$WATCHDOG" ] && kill "$WATCHDOG" 2>/dev/null || true
  for pid in $TEST_PID $PG_PID $LUX_PID; do
    kill "$pid" 2>/dev/null || true
  done
  for pid in $PG_PID $LUX_PID; do
    for _ in $(seq 1 20); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
    kill -9 "$pid" 2>/dev/null || true
  done
  if [ "$rc" -ne 0 ]; then
    echo "--- LUX log (last 60 lines) ---" >&2; tail -n 60 "$WORK/lux.log" >&2 2>/dev/null || true
    echo "--- Playground log (last 30 lines) ---" >&2; tail -n 30 "$WORK/playground.log" >&2 2>/dev/null || true
  fi
  rm -rf "$WORK"
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'echo "playground-test: FAIL: timed out after ${TIMEOUT}s" >&2; exit 124' TERM
# Overall timeout: the watchdog signals this script, whose trap stops both processes. Its output goes nowhere
# so that a leftover sleep holds no pipe of the caller open.
( trap 'kill "$SLEEP" 2>/dev/null; exit 0' TERM; sleep "$TIMEOUT" & SLEEP=$!; wait "$SLEEP"; kill -TERM $$ ) >/dev/null 2>&1 &
WATCHDOG=$!

echo "Starting LUX on port $LUX_PORT (local mode, command mode, H2 in $WORK)..."
mkdir -p "$WORK/lux" "$WORK/pg" "$WORK/bin"
(cd "$WORK/lux" && exec env -u OPENAI_API_KEY -u MicrosoftAppId -u MicrosoftAppPassword -u MicrosoftAppTenantId \
  -u MicrosoftAppType -u SPRING_PROFILES_ACTIVE \
  java ${JAVA_OPTS:-} -jar "$JAR" --server.port="$LUX_PORT" >"$WORK/lux.log" 2>&1) &
LUX_PID=$!
until curl -fsS "http://127.0.0.1:$LUX_PORT/actuator/health" 2>/dev/null | grep -q '"UP"'; do
  kill -0 "$LUX_PID" 2>/dev/null || die "LUX exited during start"
  sleep 1
done
echo "LUX is UP."

echo "Starting the Playground on port $PG_PORT..."
printf '#!/bin/sh\nexit 0\n' >"$WORK/bin/xdg-open"; chmod +x "$WORK/bin/xdg-open"
(cd "$WORK/pg" && PATH="$WORK/bin:$PATH" BROWSER=none \
  exec node "$CLI" start -c msteams --dt -e "http://127.0.0.1:$LUX_PORT/api/messages" -p "$PG_PORT" \
  >"$WORK/playground.log" 2>&1) &
PG_PID=$!
until curl -fsS "http://127.0.0.1:$PG_PORT/_internal/v1/config" >/dev/null 2>&1; do
  kill -0 "$PG_PID" 2>/dev/null || die "the Playground exited during start"
  sleep 1
done
echo "The Playground is up."

# In the background so that the watchdog's signal is handled at once.
node --experimental-websocket --no-warnings "$HERE/playground-test.mjs" "$PG_PORT" &
TEST_PID=$!
wait "$TEST_PID" || die "LUX did not answer as expected through the Playground"
echo "playground-test: PASS"
