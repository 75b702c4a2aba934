#!/usr/bin/env bash
# Delivery benchmark (not a test): N recipients (default 100,000) through the outbox and through a zero-latency
# TLS HTTP/2 Graph double (nginx, see below), Exchange limits lifted, on PostgreSQL (fresh schema) with -Xmx512m,
# after an unmeasured warm-up campaign of 10,000 (-Dbench.warmup=0 in JAVA_OPTS for a cold start).
# PostgreSQL: 127.0.0.1:5432 db test user postgres unless LUX_TEST_POSTGRES_URL/_USER/_PASSWORD say otherwise.
# JAVA_OPTS adds JVM options, e.g. JAVA_OPTS=-XX:StartFlightRecording=filename=/tmp/d.jfr,settings=profile.
# Record the RESULT lines in docs/benchmarks.md ("Delivery").
set -euo pipefail
cd "$(dirname "$0")/.."
N="${N:-100000}"
HEAP="${HEAP:--Xmx512m}"
WORK=core/target/bench
mkdir -p "$WORK"
./mvnw -B -q -pl core test-compile
./mvnw -B -q -pl core dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$PWD/$WORK/classpath.txt" >/dev/null
CP="core/target/test-classes:core/target/classes:$(cat "$WORK/classpath.txt")"
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, $(. /etc/os-release && echo "$PRETTY_NAME"), $(java -version 2>&1 | head -1)"
# The Graph double: nginx (DOUBLE=nginx, default; apt-get install nginx-light) in its own process, or WireMock in
# LUX's JVM (DOUBLE=wiremock). nginx costs a fifth of WireMock's CPU per request, which on two cores is CPU LUX gets.
DOUBLE_OPTS=""
if [[ " ${TRANSPORTS:-outbox graph} " == *" graph "* && "${DOUBLE:-nginx}" == nginx ]]; then
  GRAPH_PORT="${GRAPH_PORT:-3981}"
  [ -f "$WORK/graph-double.key" ] || openssl req -x509 -newkey rsa:2048 -nodes -days 30 -subj "/CN=127.0.0.1" \
    -keyout "$WORK/graph-double.key" -out "$WORK/graph-double.crt" 2>/dev/null
  sed -e "s|@WORK@|$PWD/$WORK|g" -e "s|@PORT@|$GRAPH_PORT|g" -e "s|@PORT2@|$((GRAPH_PORT + 1))|g" bench/graph-double.conf > "$WORK/graph-double.conf"
  rm -f "$WORK/graph-nginx-error.log"; nginx -c "$PWD/$WORK/graph-double.conf"
  trap 'nginx -c "$PWD/$WORK/graph-double.conf" -s stop 2>/dev/null || true' EXIT
  sleep 1
  DOUBLE_OPTS="-Dbench.graph.url=https://127.0.0.1:$GRAPH_PORT -Dbench.graph.pids=$(pgrep -d, -P "$(cat "$WORK/graph-nginx.pid")")"
fi
for transport in ${TRANSPORTS:-outbox graph}; do
  # shellcheck disable=SC2086 # JAVA_OPTS is a list of options (e.g. a JFR recording)
  java "$HEAP" ${JAVA_OPTS:-} $DOUBLE_OPTS -Dlux.test.db="${DB:-postgres}" -cp "$CP" lux.delivery.graph.DeliveryBenchmark "$transport" "$N"
done
