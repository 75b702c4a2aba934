#!/usr/bin/env bash
# Contact import benchmark (not a test), one command: bench/import-benchmark.sh
# Generates a CSV of ROWS contacts (default 1,000,000) under core/target/bench, then in the same run measures
#   1. the baseline: a plain `psql \copy` of that CSV into a table of six text columns (no index),
#   2. LUX's parser alone (sniffing, CSV parsing, validation; no database),
#   3. the whole road: LUX downloads the file from a loopback HTTP server the way it downloads a Teams attachment
#      (SafeFileFetcher, local mode) and imports it into a fresh PostgreSQL schema (COPY into a staging table,
#      set-based merge, one tag on every row), with the heap limited by HEAP (default -Xmx256m),
# and prints each as rows/s and as a ratio against the baseline. DATABASES="postgres h2" adds an H2 file database;
# JAVA_OPTS="-Dbench.copier.log=DEBUG" logs where each PostgreSQL batch spends its time; JAVA_OPTS="-Dlux.imports.writers=1"
# writes on one connection instead of PostgreSQL's default two (an A/B of the two writers). RUNS (default 3) repeats
# the baseline and the whole road in turns and reports medians with every run: on a shared 2-core machine one import
# of a million rows varied from 41,000 to 62,000 rows/s within five minutes (docs/benchmarks.md "Seventh sitting").
# Each import line gives the JVM's CPU and the whole machine's during the import (Linux): the difference is mostly
# PostgreSQL's, so a run shows which side it waited for.
# PostgreSQL: PGHOST/PGPORT/PGUSER/PGDATABASE (default 127.0.0.1, 5432, postgres, test; the JDBC side reads
# LUX_TEST_POSTGRES_URL/_USER/_PASSWORD, default the same server). Record the lines in docs/benchmarks.md.
set -euo pipefail
cd "$(dirname "$0")/.."
ROWS="${ROWS:-1000000}"
RUNS="${RUNS:-3}"
HEAP="${HEAP:--Xmx256m}"
WORK=core/target/bench
CSV="$WORK/contacts-$ROWS.csv"
export PGHOST="${PGHOST:-127.0.0.1}" PGPORT="${PGPORT:-5432}" PGUSER="${PGUSER:-postgres}" PGDATABASE="${PGDATABASE:-test}"
mkdir -p "$WORK"

./mvnw -B -q -pl core -am test-compile
./mvnw -B -q -pl core dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$PWD/$WORK/classpath.txt" >/dev/null
CP="core/target/test-classes:core/target/classes:$(cat "$WORK/classpath.txt")"
RESULTS="$WORK/import-results.txt"
bench() { java "$HEAP" ${JAVA_OPTS:-} -cp "$CP" lux.imports.ImportBenchmark "$@" "$ROWS" "$CSV" "$WORK" ${URL:-} | tee -a "$RESULTS"; }
rate() { grep -o 'rows_per_second=[0-9]*' "$RESULTS" | tail -1 | cut -d= -f2; }

echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, $(. /etc/os-release && echo "$PRETTY_NAME"), $(java -version 2>&1 | head -1), load $(cut -d' ' -f1-3 /proc/loadavg)"
: > "$RESULTS"
bench parse # also writes the CSV on the first run
parse=$(rate)

# the psql baseline: one \copy of the same CSV into a table without an index, rows/s
copy_baseline() {
  psql -X -q -v ON_ERROR_STOP=1 -c "DROP TABLE IF EXISTS lux_bench_copy" \
    -c "CREATE TABLE lux_bench_copy (email text, first_name text, last_name text, company text, city text, plan text)"
  local start end copied
  start=$(date +%s.%N)
  psql -X -q -v ON_ERROR_STOP=1 -c "\\copy lux_bench_copy FROM '$CSV' WITH (FORMAT csv, HEADER true)"
  end=$(date +%s.%N)
  copied=$(psql -X -qtA -c "SELECT count(*) FROM lux_bench_copy")
  psql -X -q -c "DROP TABLE lux_bench_copy"
  echo "baseline=psql_copy rows=$copied seconds=$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.1f", b - a }')" \
    "rows_per_second=$(awk -v r="$copied" -v a="$start" -v b="$end" 'BEGIN { printf "%.0f", r / (b - a) }')" | tee -a "$RESULTS"
}
. bench/median.sh

PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
python3 -m http.server "$PORT" --bind 127.0.0.1 --directory "$WORK" >/dev/null 2>&1 &
SERVER=$!
trap 'kill "$SERVER" 2>/dev/null || true' EXIT
sleep 1
URL="http://127.0.0.1:$PORT/$(basename "$CSV")"
# RUNS rounds, each the baseline then every database's whole road, so a drift of a shared machine weighs on both
declare -A whole
baselines=""
for ((run = 1; run <= RUNS; run++)); do
  echo "--- run $run of $RUNS (load $(cut -d' ' -f1 /proc/loadavg))"
  copy_baseline
  baselines="$baselines $(rate)"
  for db in ${DATABASES:-postgres}; do
    bench "$db"
    whole[$db]="${whole[$db]:-} $(rate)"
  done
done
unset URL
baseline=$(echo "$baselines" | median)

echo "--- medians of $RUNS run(s); ratios against the median psql \\copy of the same file in this run (${baseline} rows/s; runs:$baselines)"
echo "goal: PostgreSQL import >= 50,000 rows/s"
awk -v p="$parse" -v b="$baseline" 'BEGIN { printf "parser alone:        %8d rows/s = %.2fx the baseline\n", p, p / b }'
for db in "${!whole[@]}"; do
  m=$(echo "${whole[$db]}" | median)
  awk -v d="$db" -v p="$m" -v b="$baseline" -v r="${whole[$db]}" \
    'BEGIN { printf "import (%s, download included): %8d rows/s = %.2fx the baseline (runs:%s)\n", d, p, p / b, r }'
done
