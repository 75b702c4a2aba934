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
echo "--- nginx (same GIF)"; run "http://127.0.0.1:$NGINX_PORT" "$WORK/opens.txt" nginx
echo "--- LUX /t/o";        run "http://127.0.0.1:$PORT" "$WORK/opens.txt" open
echo "--- LUX /t/c";        run "http://127.0.0.1:$PORT" "$WORK/clicks.txt" click
echo stop >&3
wait "$LUX_PID" || true
grep EVENTS "$WORK/server.log"
