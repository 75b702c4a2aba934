#!/usr/bin/env bash
# Tracking while a campaign sends (not a test), one command: bench/tracking-under-send-benchmark.sh
# Issue 21 part 4: opens and clicks stay >= 50% of nginx's rate with p99 < 20 ms while a campaign of N recipients
# (default 100,000) is sending on the same instance. In one run it
#   1. starts the packaged jar (JAR, default app/target/lux.jar; built with `./mvnw -pl app -am package -DskipTests`
#      when missing) on PostgreSQL (a fresh schema, dropped at the end) with mail to the outbox, Exchange limits off,
#   2. signs in as the bootstrap admin, makes an API token, imports N contacts (CSV upload, tag "bench") and creates
#      a template with a tracked link and a campaign to the tag,
#   3. measures nginx serving a GIF of the same 43 bytes (the machine's ceiling, LUX idle),
#   4. schedules the campaign and, once the outbox holds its first mails, runs wrk (-t2 -c200, DURATION each)
#      against opens (/t/o/...) and then clicks (/t/c/...) of those mails while the campaign sends,
# and prints requests/s, p99 and the ratio to nginx, with the mails sent during each wrk run (the proof that the
# send was running, and how far delivery gave way: lux.delivery.yield-to-tracking), delivery's own pace for 3 s before
# the hits and 3 s after them (it resumes full speed), its "gives way" log lines, and the tracking rows stored.
# Outbox sends 100,000 in 40-60 s on this machine without hits; while the hits run, delivery gives way (a few percent
# of its speed), so the campaign is still sending at the end (about a third sent). With the send that does not give
# way (LUX_JAVA_OPTS="-Dlux.delivery.yield-to-tracking.enabled=false") raise N.
# Environment: N, DURATION (15s), WARMUP (15s each for opens and clicks once the send has begun, unmeasured: with 5 s
# the first measured run's p99 was 4-7 ms above the second's whichever route went first, docs/benchmarks.md "Eighth
# sitting"), ORDER ("open click": the measured runs, in turn), PORT (3983), NGINX_PORT (3984), HEAP (-Xmx512m), LUX_JAVA_OPTS,
# PGHOST/PGPORT/PGUSER/PGDATABASE (127.0.0.1, 5432, postgres, test; trust authentication).
# Needs wrk and nginx (apt-get install -y wrk nginx-light), curl, python3. Record results in docs/benchmarks.md.
set -euo pipefail
cd "$(dirname "$0")/.."
N="${N:-100000}"; DURATION="${DURATION:-15s}"; WARMUP="${WARMUP:-15s}"; PORT="${PORT:-3983}"; NGINX_PORT="${NGINX_PORT:-3984}"
HEAP="${HEAP:--Xmx512m}"; JAR="${JAR:-app/target/lux.jar}"
export PGHOST="${PGHOST:-127.0.0.1}" PGPORT="${PGPORT:-5432}" PGUSER="${PGUSER:-postgres}" PGDATABASE="${PGDATABASE:-test}"
WORK="$PWD/app/target/bench-tracking-send"; rm -rf "$WORK"; mkdir -p "$WORK"
SCHEMA="lux_bench_send_$$"
BASE="http://127.0.0.1:$PORT"
[ -f "$JAR" ] || ./mvnw -B -q -pl app -am package -DskipTests
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, $(. /etc/os-release && echo "$PRETTY_NAME"), $(java -version 2>&1 | head -1)"
sql() { psql -X -qtA -v ON_ERROR_STOP=1 -c "SET search_path = $SCHEMA" -c "$1" | tail -n +1; }

cleanup() {
  nginx -c "$WORK/nginx.conf" -s stop 2>/dev/null || true
  if [ -n "${LUX_PID:-}" ]; then kill "$LUX_PID" 2>/dev/null || true; wait "$LUX_PID" 2>/dev/null || true; fi
  psql -X -q -c "DROP SCHEMA IF EXISTS $SCHEMA CASCADE" 2>/dev/null || true
}
trap cleanup EXIT

# nginx with the same 43-byte GIF as LUX's pixel
printf 'R0lGODlhAQABAIAAAP///wAAACH5BAEAAAAALAAAAAABAAEAAAICRAEAOw==' | base64 -d > "$WORK/pixel.gif"
cat > "$WORK/nginx.conf" <<CONF
worker_processes 2; pid $WORK/nginx.pid; error_log $WORK/nginx-error.log; daemon on;
events { worker_connections 1024; }
http { access_log off; server { listen 127.0.0.1:$NGINX_PORT; location / { root $WORK; try_files /pixel.gif =404;
  default_type image/gif; add_header Cache-Control no-store; } } }
CONF
nginx -c "$WORK/nginx.conf"

psql -X -q -v ON_ERROR_STOP=1 -c "CREATE SCHEMA $SCHEMA"
PASSWORD="bench-$(head -c 12 /dev/urandom | base64 | tr -dc 'A-Za-z0-9')"
# shellcheck disable=SC2086 # LUX_JAVA_OPTS is a list of options
java "$HEAP" ${LUX_JAVA_OPTS:-} -jar "$JAR" --server.port="$PORT" \
  --spring.datasource.url="jdbc:postgresql://$PGHOST:$PGPORT/$PGDATABASE?currentSchema=$SCHEMA" \
  --spring.datasource.username="$PGUSER" --spring.datasource.password="${PGPASSWORD:-}" \
  --spring.flyway.schemas="$SCHEMA" --spring.flyway.default-schema="$SCHEMA" \
  --spring.jpa.properties.hibernate.default_schema="$SCHEMA" \
  --lux.public-base-url="$BASE" --lux.mail.transport=outbox --lux.mail.postal-address="1 Bench Street, Testville" \
  --lux.delivery.limits.enabled=false \
  --lux.admin.bootstrap-email=bench@lux.test --lux.admin.bootstrap-password="$PASSWORD" > "$WORK/lux.log" 2>&1 &
LUX_PID=$!
until curl -fs "$BASE/actuator/health" >/dev/null; do sleep 1; kill -0 "$LUX_PID"; done
echo "LUX up (pid $LUX_PID, $JAR, PostgreSQL schema $SCHEMA)"

# the bootstrap admin signs in and makes an API token
JAR_COOKIES="$WORK/cookies.txt"
csrf() { curl -fs -b "$JAR_COOKIES" -c "$JAR_COOKIES" "$BASE$1" | grep -oP 'name="_csrf" value="\K[^"]+' | head -1; }
curl -fs -o /dev/null -b "$JAR_COOKIES" -c "$JAR_COOKIES" --data-urlencode "username=bench@lux.test" \
  --data-urlencode "password=$PASSWORD" --data-urlencode "_csrf=$(csrf /admin/login)" "$BASE/admin/login"
TOKEN=$(curl -fs -b "$JAR_COOKIES" -c "$JAR_COOKIES" -H "X-CSRF-TOKEN: $(csrf /admin/account)" \
  -H 'Content-Type: application/json' -d '{"name":"tracking-under-send benchmark"}' "$BASE/api/v1/tokens" \
  | python3 -c 'import json,sys; print(json.load(sys.stdin)["secret"])')
api() { curl -fsS -H "Authorization: Bearer $TOKEN" "$@"; }
json() { python3 -c "import json,sys; print(json.load(sys.stdin)$1)"; }

# N contacts through the import
python3 - "$N" > "$WORK/contacts.csv" <<'PY'
import sys
n = int(sys.argv[1])
print("email,first_name,last_name")
for i in range(n):
    print(f"reader{i}@example{i % 997}.com,Reader,{i}")
PY
IMPORT=$(api -F "file=@$WORK/contacts.csv;type=text/csv" -F tags=bench "$BASE/api/v1/imports" | json '["id"]')
start=$(date +%s.%N)
until [ "$(api "$BASE/api/v1/imports/$IMPORT" | json '["status"]')" != RUNNING ] \
  && [ "$(api "$BASE/api/v1/imports/$IMPORT" | json '["status"]')" != QUEUED ]; do sleep 1; done
api "$BASE/api/v1/imports/$IMPORT" | json '' | tee "$WORK/import.txt" | grep -q "'status': 'FINISHED'"
echo "imported: $(api "$BASE/api/v1/imports/$IMPORT" | json '["created"]') contacts in $(awk -v a="$start" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }') s"

TEMPLATE=$(api -H 'Content-Type: application/json' -d '{"name":"Bench","subject":"Autumn news",
  "htmlBody":"<p>Hello {{ contact.first_name }}</p><p><a href=\"https://example.com/autumn\">See the offer</a></p>"}' \
  "$BASE/api/v1/templates" | json '["id"]')
CAMPAIGN=$(api -H 'Content-Type: application/json' -d "{\"name\":\"Tracking under send\",\"templateId\":$TEMPLATE,
  \"audience\":{\"anyOf\":[\"bench\"],\"allOf\":[],\"excluded\":[]}}" "$BASE/api/v1/campaigns" | json '["id"]')

run() { PATHS="$2" wrk -t2 -c200 -d"$3" --latency -s bench/tracking-benchmark.lua "$1" > "$WORK/wrk-$4.txt"; }
rps() { grep -oP 'Requests/sec:\s*\K[\d.]+' "$WORK/wrk-$1.txt"; }
p99() { grep -oP 'p99_ms=\K[\d.]+' "$WORK/wrk-$1.txt"; }
errors() { grep -oP 'non2xx3xx=\K\d+' "$WORK/wrk-$1.txt"; echo -n; }
sent() { sql "SELECT count(*) FROM outbox_message"; }
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
printf '/pixel.gif\n' > "$WORK/nginx-paths.txt"
run "http://127.0.0.1:$NGINX_PORT" "$WORK/nginx-paths.txt" "$DURATION" nginx
echo "nginx (LUX idle): $(rps nginx) req/s, p99 $(p99 nginx) ms"

api -o /dev/null -H 'Content-Type: application/json' -d '{}' "$BASE/api/v1/campaigns/$CAMPAIGN/schedule"
# tokens of the first mails in the outbox: the pixel and the tracked link of each. Thousands of them, as from
# that many readers: LUX counts one token at most once a second as traffic to give way to
# (lux.tracking.count-token-once-per), so a few hundred tokens replayed would be a few hundred readers a second
until [ "$(sent)" -ge "$(( N < 5000 ? N : 5000 ))" ]; do sleep 0.5; kill -0 "$LUX_PID"; done
sql "SELECT html_body FROM outbox_message ORDER BY id LIMIT 5000" > "$WORK/bodies.html"
grep -oP "$BASE\K/t/o/[A-Za-z0-9._~-]+" "$WORK/bodies.html" | sort -u > "$WORK/opens.txt"
grep -oP "$BASE\K/t/c/[A-Za-z0-9._~-]+" "$WORK/bodies.html" | sort -u > "$WORK/clicks.txt"
[ -s "$WORK/opens.txt" ] && [ -s "$WORK/clicks.txt" ] || { echo "no tracking links in the outbox" >&2; exit 1; }
echo "campaign $CAMPAIGN sending: $(wc -l < "$WORK/opens.txt") open and $(wc -l < "$WORK/clicks.txt") click tokens taken"
# delivery's own pace with no tracking traffic: what the runs below slow down and what it resumes afterwards
pace() { local b t0 a t1; b=$(sent); t0=$(date +%s.%N); sleep "$1"; a=$(sent); t1=$(date +%s.%N)
  awk -v s="$((a - b))" -v a="$t0" -v b="$t1" 'BEGIN {printf "%.0f", s / (b - a)}'; }
ALONE=$(pace 3)
echo "delivery alone: $ALONE mails/s"
# a server is warm in production: JIT-compile the tracking paths first (during the send, not measured)
run "$BASE" "$WORK/opens.txt" "$WARMUP" warm-open
run "$BASE" "$WORK/clicks.txt" "$WARMUP" warm-click
for kind in ${ORDER:-open click}; do
  before=$(sent); t0=$(date +%s.%N)
  run "$BASE" "$WORK/${kind}s.txt" "$DURATION" "$kind"
  after=$(sent); t1=$(date +%s.%N)
  printf '%-6s %9.0f req/s  p99 %7s ms  %5.0f%% of nginx  non-2xx/3xx %s  mails sent meanwhile %d (%.0f/s)\n' \
    "$kind" "$(rps "$kind")" "$(p99 "$kind")" "$(awk -v a="$(rps "$kind")" -v b="$(rps nginx)" 'BEGIN {print 100 * a / b}')" \
    "$(errors "$kind")" "$((after - before))" "$(awk -v s="$((after - before))" -v a="$t0" -v b="$t1" 'BEGIN {print s / (b - a)}')" \
    | tee -a "$WORK/result.txt"
done
# the hits have stopped: delivery is back to full speed once its window (lux.delivery.yield-to-tracking.window) passes
sleep 1
AFTER=$(pace 3)
echo "delivery after the hits stopped: $AFTER mails/s (alone before: $ALONE mails/s)"
echo "delivery's log: $(grep -c 'Delivery gives way to tracking' "$WORK/lux.log" || true) 'gives way' line(s)," \
  "the first: $(grep -m1 -oP 'Delivery gives way to tracking: \K[^;]+' "$WORK/lux.log" || echo none)"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "RESULT N=$N: nginx $(rps nginx) req/s p99 $(p99 nginx) ms; during the send: opens $(rps open) req/s p99 $(p99 open) ms," \
  "clicks $(rps click) req/s p99 $(p99 click) ms; delivery alone $ALONE mails/s, after the hits $AFTER mails/s;" \
  "sent $(sent) of $N so far," \
  "campaign $(api "$BASE/api/v1/campaigns/$CAMPAIGN" | json '["status"]')"
# the answers are real: hits are stored (the writer buffers them, so a few may still be on their way)
sleep 3
echo "tracking_event rows: $(sql "SELECT kind || '=' || count(*) FROM tracking_event GROUP BY kind ORDER BY kind" | tr '\n' ' ')"
