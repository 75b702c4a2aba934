#!/usr/bin/env bash
# Contact import benchmark (not a test): generates a CSV of ROWS contacts (default 1,000,000) under
# core/target/bench and imports it with -Xmx256m into a fresh PostgreSQL schema, then into a fresh H2 file.
# PostgreSQL: 127.0.0.1:5432 db test user postgres unless LUX_TEST_POSTGRES_URL/_USER/_PASSWORD say otherwise.
# Record the printed lines in docs/benchmarks.md ("Contact import").
set -euo pipefail
cd "$(dirname "$0")/.."
ROWS="${ROWS:-1000000}"
HEAP="${HEAP:--Xmx256m}"
WORK=core/target/bench
mkdir -p "$WORK"

./mvnw -B -q -pl core test-compile
./mvnw -B -q -pl core dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$PWD/$WORK/classpath.txt" >/dev/null
CP="core/target/test-classes:core/target/classes:$(cat "$WORK/classpath.txt")"

echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, $(. /etc/os-release && echo "$PRETTY_NAME"), $(java -version 2>&1 | head -1)"
for db in ${DATABASES:-postgres h2}; do
  java "$HEAP" -cp "$CP" lux.imports.ImportBenchmark "$db" "$ROWS" "$WORK/contacts-$ROWS.csv" "$WORK"
done
