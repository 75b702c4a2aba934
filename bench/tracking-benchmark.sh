#!/usr/bin/env bash
# Tracking benchmark (not a test): wrk, 200 connections, against LUX's /t/o and /t/c (PostgreSQL, fresh schema)
# and against nginx serving the same 43-byte GIF, on loopback; then the count check: every request LUX answered
# must be a row in tracking_event after a graceful shutdown. Needs: apt-get install -y wrk nginx-light.
# Record the results in docs/benchmarks.md ("Tracking").
set -euo pipefail
cd "$(dirname "$0")/.."
N="${N:-500}"; DURATION="${DURATION:-20s}"; PORT="${PORT:-3979}"; NGINX_PORT="${NGINX_PORT:-3980}"
WORK="$PWD/admin-web/target/bench"; mkdir -p "$WORK"
# one invocation, so lux-core resolves from the reactor; lux's own classes are added from target/ below
./mvnw -B -q -pl admin-web -am test-compile dependency:build-classpath -Dmdep.includeScope=test -Dmdep.excludeGroupIds=lux \
  -Dmdep.outputFile="$WORK/classpath.txt" >/dev/null
CP="admin-web/target/test-classes:admin-web/target/classes:core/target/test-classes:core/target/classes:$(cat "$WORK/classpath.txt")"
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, $(. /etc/os-release && echo "$PRETTY_NAME"), $(java -version 2>&1 | head -1)"

# nginx with the same GIF
printf 'R0lGODlhAQABAIAAAP///wAAACH5BAEAAAAALAAAAAABAAEAAAICRAEAOw==' | base64 -d > "$WORK/pixel.gif"
cat > "$WORK/nginx.conf" <<CONF
worker_processes 2; pid $WORK/nginx.pid; error_log $WORK/nginx-error.log; daemon on;
events { worker_connections 1024; }
http { access_log off; server { listen 127.0.0.1:$NGINX_PORT; location / { root $WORK; try_files /pixel.gif =404;
  default_type image/gif; add_header Cache-Control no-store; } } }
CONF
nginx -c "$WORK/nginx.conf"
trap 'nginx -c "$WORK/nginx.conf" -s stop 2>/dev/null || true; [ -n "${LUX_PID:-}" ] && kill "$LUX_PID" 2>/dev/null || true' EXIT

mkfifo "$WORK/in" 2>/dev/null || true
java -Xmx512m ${LUX_JAVA_OPTS:-} -Dlux.test.db=postgres -cp "$CP" lux.publicweb.TrackingBenchmarkServer "$PORT" "$N" "$WORK" < "$WORK/in" > "$WORK/server.log" 2>&1 &
LUX_PID=$!
exec 3>"$WORK/in"
until grep -q READY "$WORK/server.log"; do sleep 1; kill -0 "$LUX_PID"; done

run() { PATHS="$2" wrk -t2 -c200 -d"$DURATION" --latency -s bench/tracking-benchmark.lua "$1" | tee "$WORK/wrk-$3.txt" | grep -E "Requests/sec|COUNT|99%"; }
answered() { grep -oP 'COUNT requests=\K\d+' "$WORK/wrk-$1.txt"; }
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "--- nginx (same GIF)"; run "http://127.0.0.1:$NGINX_PORT" "$WORK/opens.txt" nginx
# a server is warm in production: JIT-compile LUX's paths first (these requests are counted in the check too)
echo "--- LUX warm-up (${WARMUP:-10s} opens, ${WARMUP:-10s} clicks, not measured)"
DURATION="${WARMUP:-10s}" run "http://127.0.0.1:$PORT" "$WORK/opens.txt" warm-open >/dev/null
DURATION="${WARMUP:-10s}" run "http://127.0.0.1:$PORT" "$WORK/clicks.txt" warm-click >/dev/null
echo "--- LUX /t/o";        run "http://127.0.0.1:$PORT" "$WORK/opens.txt" open
echo "--- LUX /t/c";        run "http://127.0.0.1:$PORT" "$WORK/clicks.txt" click
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
echo stop >&3
wait "$LUX_PID" || true
grep EVENTS "$WORK/server.log"
# wrk counts only completed requests; one cut off at the end of a run may still be answered and stored (at most
# 200 per run), so rows >= answered is the check, and the difference shows how many were cut off
OPENS=$(( $(answered warm-open) + $(answered open) )); CLICKS=$(( $(answered warm-click) + $(answered click) ))
ROWS_O=$(grep -oP 'EVENTS open=\K\d+' "$WORK/server.log"); ROWS_C=$(grep -oP 'click=\K\d+' "$WORK/server.log")
[ "$ROWS_O" -ge "$OPENS" ] && [ "$ROWS_C" -ge "$CLICKS" ] && V=ok || V=MISSING
echo "COUNT CHECK $V: opens answered $OPENS, rows $ROWS_O; clicks answered $CLICKS, rows $ROWS_C"
