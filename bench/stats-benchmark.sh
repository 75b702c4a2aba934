#!/usr/bin/env bash
# Stats at scale (not a test): one campaign with EVENTS (default 10,000,000) opens and clicks fed through the real
# EventWriter on PostgreSQL (fresh schema, dropped afterwards), rollups checked against COUNTs over tracking_event,
# then StatsService.campaign/compare/contact timed over RUNS calls (p50/p95/max). Main class:
# lux.tracking.StatsAtScaleBenchmark (core test sources). Record the results in docs/benchmarks.md
# ("Stats at 10M events"). Needs about 4 GB free for PostgreSQL while it runs.
set -euo pipefail
cd "$(dirname "$0")/.."
EVENTS="${EVENTS:-10000000}"; RECIPIENTS="${RECIPIENTS:-200000}"; RUNS="${RUNS:-50}"
WORK="$PWD/core/target/bench"; mkdir -p "$WORK"
./mvnw -B -q -pl core -am test-compile dependency:build-classpath -Dmdep.includeScope=test -Dmdep.excludeGroupIds=lux \
  -Dmdep.outputFile="$WORK/classpath.txt" >/dev/null
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, $(. /etc/os-release && echo "$PRETTY_NAME"), $(java -version 2>&1 | head -1)"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
java -Xmx1g ${LUX_JAVA_OPTS:-} -Dlux.test.db=postgres -Devents="$EVENTS" -Drecipients="$RECIPIENTS" -Druns="$RUNS" \
  -cp "core/target/test-classes:core/target/classes:$(cat "$WORK/classpath.txt")" lux.tracking.StatsAtScaleBenchmark
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
