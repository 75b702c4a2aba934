#!/usr/bin/env bash
# Tracking benchmark (not a test): wrk, 200 connections, ROUNDS (3) rounds of DURATION (10 s) each, against LUX's /t/o and /t/c (PostgreSQL, fresh schema)
# and against nginx serving the same 43-byte GIF, on loopback; then the count check: every request LUX answered
# must be a row in tracking_event after a graceful shutdown. Needs: apt-get install -y wrk nginx-light.
# Record the results in docs/benchmarks.md ("Tracking").
set -euo pipefail
cd "$(dirname "$0")/.."
N="${N:-500}"; DURATION="${DURATION:-10s}"; ROUNDS="${ROUNDS:-3}"; PORT="${PORT:-3979}"; NGINX_PORT="${NGINX_PORT:-3980}"
WORK="$PWD/admin-web/target/bench"; mkdir -p "$WORK"; rm -f "$WORK/rounds.txt"
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

run() { PATHS="$2" wrk -t2 -c200 -d"$DURATION" --latency -s bench/tracking-benchmark.lua "$1" > "$WORK/wrk-$3.txt"; }
rps() { grep -oP 'Requests/sec:\s*\K[\d.]+' "$WORK/wrk-$1.txt"; }
p99() { grep -oP 'p99_ms=\K[\d.]+' "$WORK/wrk-$1.txt"; }
pct() { awk -v a="$(rps "$1")" -v b="$2" 'BEGIN {print 100 * a / b}'; }
answered() { grep -oP 'COUNT requests=\K\d+' "$WORK/wrk-$1.txt"; }
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
# a server is warm in production: JIT-compile LUX's paths first (these requests are counted in the check too)
echo "--- LUX warm-up (${WARMUP:-10s} opens, ${WARMUP:-10s} clicks, not measured)"
DURATION="${WARMUP:-10s}" run "http://127.0.0.1:$PORT" "$WORK/opens.txt" warm-open
DURATION="${WARMUP:-10s}" run "http://127.0.0.1:$PORT" "$WORK/clicks.txt" warm-click
OPENS=$(( $(answered warm-open) )); CLICKS=$(( $(answered warm-click) ))
# This machine's speed drifts by a quarter within minutes, so nginx is measured again in every round, right before
# LUX, and each ratio compares runs seconds apart; the medians over the rounds are the result.
printf '%-6s %12s %9s %12s %9s %6s %12s %9s %6s\n' round nginx-req/s p99-ms opens-req/s p99-ms ratio clicks-req/s p99-ms ratio
for round in $(seq 1 "$ROUNDS"); do
  run "http://127.0.0.1:$NGINX_PORT" "$WORK/opens.txt" "nginx-$round"
  run "http://127.0.0.1:$PORT" "$WORK/opens.txt" "open-$round"
  run "http://127.0.0.1:$PORT" "$WORK/clicks.txt" "click-$round"
  OPENS=$(( OPENS + $(answered "open-$round") )); CLICKS=$(( CLICKS + $(answered "click-$round") ))
  N_RPS=$(rps "nginx-$round")
  printf '%-6s %12.0f %9s %12.0f %9s %5.0f%% %12.0f %9s %5.0f%%\n' "$round" "$N_RPS" "$(p99 "nginx-$round")" \
    "$(rps "open-$round")" "$(p99 "open-$round")" "$(pct "open-$round" "$N_RPS")" \
    "$(rps "click-$round")" "$(p99 "click-$round")" "$(pct "click-$round" "$N_RPS")" | tee -a "$WORK/rounds.txt"
done
median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2}'; }
col() { tail -n "$ROUNDS" "$WORK/rounds.txt" | awk -v c="$1" '{gsub("%", "", $c); print $c}' | median; }
echo "MEDIAN of $ROUNDS rounds: nginx $(col 2) req/s p99 $(col 3) ms; LUX opens $(col 4) req/s ($(col 6)% of nginx) p99 $(col 5) ms; clicks $(col 7) req/s ($(col 9)% of nginx) p99 $(col 8) ms"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
echo stop >&3
wait "$LUX_PID" || true
grep EVENTS "$WORK/server.log"
# wrk counts only completed requests; one cut off at the end of a run may still be answered and stored (at most
# 200 per run), so rows >= answered is the check, and the difference shows how many were cut off
ROWS_O=$(grep -oP 'EVENTS open=\K\d+' "$WORK/server.log"); ROWS_C=$(grep -oP 'click=\K\d+' "$WORK/server.log")
[ "$ROWS_O" -ge "$OPENS" ] && [ "$ROWS_C" -ge "$CLICKS" ] && V=ok || V=MISSING
echo "COUNT CHECK $V: opens answered $OPENS, rows $ROWS_O; clicks answered $CLICKS, rows $ROWS_C"
