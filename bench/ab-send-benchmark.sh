#!/usr/bin/env bash
# A/B send benchmark (not a test), one command: bench/ab-send-benchmark.sh
# Sends the same campaign to the same N contacts (default 100,000) through the outbox four times, on PostgreSQL (fresh
# schema) with -Xmx512m, after an unmeasured warm-up campaign (-Dbench.warmup=0 in JAVA_OPTS for a cold start):
#   1. plainly,
#   2. as an A/B test: a 20% test share split into two subject variants, the decision, then the winner to the rest
#      (lux.abtests.wait-cap=0s cuts the 4-hour wait to nothing, so only LUX's own work is timed),
# in the order plain, A/B, A/B, plain (so a drift over the run weighs on both alike), and prints both totals and
# their ratio; goal: the A/B test adds no more than 10% (ratio <= 1.10).
# DB=h2 runs it on an in-memory H2 instead. PostgreSQL: 127.0.0.1:5432 db test user postgres unless
# LUX_TEST_POSTGRES_URL/_USER/_PASSWORD say otherwise. Record the RESULT lines in docs/benchmarks.md ("A/B tests").
set -euo pipefail
cd "$(dirname "$0")/.."
N="${N:-100000}"
HEAP="${HEAP:--Xmx512m}"
WORK=core/target/bench
mkdir -p "$WORK"
./mvnw -B -q -o -pl core test-compile
./mvnw -B -q -o -pl core dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$PWD/$WORK/classpath.txt" >/dev/null
CP="core/target/test-classes:core/target/classes:$(cat "$WORK/classpath.txt")"
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, $(. /etc/os-release && echo "$PRETTY_NAME"), $(java -version 2>&1 | head -1), load $(cut -d' ' -f1-3 /proc/loadavg)"
# shellcheck disable=SC2086 # JAVA_OPTS is a list of options
java "$HEAP" ${JAVA_OPTS:-} -Dlux.test.db="${DB:-postgres}" -cp "$CP" lux.abtests.AbSendBenchmark "$N"
