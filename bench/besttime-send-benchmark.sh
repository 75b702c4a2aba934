#!/usr/bin/env bash
# Best-time send benchmark (not a test), one command: bench/besttime-send-benchmark.sh
# The same N-recipient campaign (default 100,000) through the outbox, sent plainly and at each contact's best time
# (plain, best, best, plain, so a drift over the run weighs on both alike),
# on PostgreSQL (fresh schema; DB=h2 for H2 in memory) with HEAP (default -Xmx512m), after an unmeasured warm-up send.
# Half the contacts have three human opens in an earlier campaign, so the best hours are really worked out; the window is
# zero (lux.best-time.window=PT0S), so every due time is the start and only the overhead is measured. Goal: the best-time
# send takes at most 1.10x the plain one. PostgreSQL: 127.0.0.1:5432 db test user postgres unless
# LUX_TEST_POSTGRES_URL/_USER/_PASSWORD say otherwise. MVN_FLAGS=-o builds offline. Record the RESULT line in docs/benchmarks.md.
set -euo pipefail
cd "$(dirname "$0")/.."
N="${N:-100000}"
HEAP="${HEAP:--Xmx512m}"
WORK=core/target/bench
mkdir -p "$WORK"
./mvnw -B -q ${MVN_FLAGS:-} -pl core -am test-compile
./mvnw -B -q ${MVN_FLAGS:-} -pl core dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$PWD/$WORK/classpath.txt" >/dev/null
CP="core/target/test-classes:core/target/classes:$(cat "$WORK/classpath.txt")"
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, $(. /etc/os-release && echo "$PRETTY_NAME"), $(java -version 2>&1 | head -1), load $(cut -d' ' -f1-3 /proc/loadavg)"
# shellcheck disable=SC2086 # JAVA_OPTS is a list of options
java "$HEAP" ${JAVA_OPTS:-} -Dlux.test.db="${DB:-postgres}" -cp "$CP" lux.besttime.BestTimeSendBenchmark "$N"
