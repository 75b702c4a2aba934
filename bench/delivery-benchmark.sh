#!/usr/bin/env bash
# Delivery benchmark (not a test): N recipients (default 100,000) through the outbox and through a zero-latency
# TLS Graph double (WireMock), Exchange limits lifted, on PostgreSQL (fresh schema) with -Xmx512m.
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
for transport in ${TRANSPORTS:-outbox graph}; do
  # shellcheck disable=SC2086 # JAVA_OPTS is a list of options (e.g. a JFR recording)
  java "$HEAP" ${JAVA_OPTS:-} -Dlux.test.db="${DB:-postgres}" -cp "$CP" lux.delivery.graph.DeliveryBenchmark "$transport" "$N"
done
