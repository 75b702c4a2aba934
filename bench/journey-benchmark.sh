#!/usr/bin/env bash
# Journey benchmark (not a test), one command: bench/journey-benchmark.sh
# N contacts (default 1,000,000) enrolled set-based in a 3-step journey (send, wait 1 minute, send) on PostgreSQL
# (schema lux_bench_journey, dropped and made again), mail through the outbox, Exchange limits lifted, heap HEAP
# (default -Xmx512m). In one run:
#   1. setup: contacts, templates, the journey; every contact tagged in one statement and enrolled set-based,
#   2. the step engine in its own JVM, killed with kill -9 when KILL_AT (default 40%) of the first send step is done,
#      then started again to the end (the lease, lux.journeys.lease, is 20 s here so the restart does not wait 15 min),
#   3. the delivery engine's own rate: a plain campaign to the same N contacts,
#   4. the check: every contact went through each step exactly once (lost=0), no mail twice (repeated=0); sends whose
#      outcome was unknown at the kill are counted (UNKNOWN), never sent again.
# Heap samples ("heap seconds=.. used_mb=..") are printed every 5 s by each JVM. Record the RESULT lines in
# docs/benchmarks.md ("Journeys"). PostgreSQL: LUX_TEST_POSTGRES_URL/_USER/_PASSWORD (default 127.0.0.1:5432 test,
# postgres) and PGHOST/PGPORT/PGUSER/PGDATABASE for psql (same defaults).
set -euo pipefail
cd "$(dirname "$0")/.."
N="${N:-1000000}"
HEAP="${HEAP:--Xmx512m}"
KILL_AT="${KILL_AT:-40}"
WORK=core/target/bench
export PGHOST="${PGHOST:-127.0.0.1}" PGPORT="${PGPORT:-5432}" PGUSER="${PGUSER:-postgres}" PGDATABASE="${PGDATABASE:-test}"
mkdir -p "$WORK"
./mvnw -B -q -o -pl core -am test-compile
./mvnw -B -q -o -pl core dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$PWD/$WORK/classpath.txt" >/dev/null
CP="core/target/test-classes:core/target/classes:$(cat "$WORK/classpath.txt")"
RESULTS="$WORK/journey-results.txt"
: > "$RESULTS"
bench() { java "$HEAP" ${JAVA_OPTS:-} -cp "$CP" lux.journeys.JourneyBenchmark "$@" "$N"; }
runs() { psql -X -qtA -c "SELECT COUNT(*) FROM lux_bench_journey.journey_step_run r JOIN lux_bench_journey.journey_step s ON s.id = r.step_id WHERE s.position = 0" 2>/dev/null || echo 0; }

echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, $(. /etc/os-release && echo "$PRETTY_NAME"), $(java -version 2>&1 | head -1), load $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$RESULTS"
bench setup | tee -a "$RESULTS"

# the step engine, killed hard part-way through the first send step
# java itself in the background (not a shell function around it), so kill -9 hits the JVM
# shellcheck disable=SC2086 # JAVA_OPTS is a list of options
java "$HEAP" ${JAVA_OPTS:-} -cp "$CP" lux.journeys.JourneyBenchmark run "$N" > "$WORK/journey-run-1.log" 2>&1 &
ENGINE=$!
target=$(( N * KILL_AT / 100 ))
while kill -0 "$ENGINE" 2>/dev/null && [ "$(runs)" -lt "$target" ]; do sleep 2; done # counting is work for the database too
if kill -0 "$ENGINE" 2>/dev/null; then
  kill -9 "$ENGINE"; wait "$ENGINE" 2>/dev/null || true
  echo "killed the step engine (kill -9) after $(runs) of $N first sends" | tee -a "$RESULTS"
else
  echo "the step engine finished before the kill point (N too small)" | tee -a "$RESULTS"
fi
grep -E '^heap' "$WORK/journey-run-1.log" | tee -a "$RESULTS" || true
bench run | tee -a "$RESULTS"
bench campaign | tee -a "$RESULTS"
bench check | tee -a "$RESULTS"

echo "--- the step engine against the delivery engine in this run"
journey=$(grep -o 'sends_per_busy_second=[0-9]*' "$RESULTS" | tail -1 | cut -d= -f2)
campaign=$(grep -o 'RESULT campaign.*sends_per_second=[0-9]*' "$RESULTS" | grep -o 'sends_per_second=[0-9]*' | cut -d= -f2)
awk -v j="$journey" -v c="$campaign" 'BEGIN { printf "journey sends %d/s (after the restart), plain campaign %d/s: %.2fx\n", j, c, (c > 0 ? j / c : 0) }'
grep 'RESULT check' "$RESULTS"
