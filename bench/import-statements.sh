#!/usr/bin/env bash
# Per-statement cost of an import batch in PostgreSQL, two schema versions side by side (not a test):
#   bench/import-statements.sh            # BEFORE=132 (contact_tag foreign keys, B-tree ledger index) vs AFTER=latest
# Makes two throw-away schemas (lux_stmt_before, lux_stmt_after) in the test database, fills each with PRELOAD
# contacts (default 400,000) through the import's own statement, then runs ROUNDS (default 2) rounds of 100,000
# rows each in batches of 20,000 (COPY-sized staging table, then the import's insert-with-tags-and-ledger CTE,
# synchronous_commit off), alternating the two schemas so both see the same load, and prints the wall time and
# the PostgreSQL backend's CPU time (from /proc, so psql must run on the database host) per round.
# Needs core compiled (./mvnw -pl core -am test-compile) and its classpath in core/target/bench/classpath.txt
# (bench/import-benchmark.sh writes it).
set -euo pipefail
cd "$(dirname "$0")/.."
export PGHOST="${PGHOST:-127.0.0.1}" PGPORT="${PGPORT:-5432}" PGUSER="${PGUSER:-postgres}" PGDATABASE="${PGDATABASE:-test}"
export PGOPTIONS="${PGOPTIONS:--c client_min_messages=warning}"
BEFORE="${BEFORE:-132}" AFTER="${AFTER:-latest}" PRELOAD="${PRELOAD:-400000}" ROUNDS="${ROUNDS:-2}" BATCH=20000
CP="core/target/classes:$(cat core/target/bench/classpath.txt)"
TOTAL=$((PRELOAD + ROUNDS * 100000))
psql -X -q -v ON_ERROR_STOP=1 -c "DROP SCHEMA IF EXISTS lux_stmt_before CASCADE" -c "DROP SCHEMA IF EXISTS lux_stmt_after CASCADE" \
  -c "DROP TABLE IF EXISTS public.lux_stmt_rows" \
  -c "CREATE UNLOGGED TABLE public.lux_stmt_rows AS SELECT g AS line, 'u' || md5(g::text) || '@example' || (g % 1000) || '.com' AS email,
      'First' || g AS first_name, 'Last' || g AS last_name, 'Company, ' || (g % 5000) AS company,
      '{\"city\":\"C' || (g % 300) || '\",\"plan\":\"p' || (g % 3) || '\"}' AS attributes FROM generate_series(1, $TOTAL) g" \
  -c "CREATE INDEX ON public.lux_stmt_rows (line)" 2>&1 | grep -v NOTICE || true
java -cp "$CP" bench/ImportStatementsMigrate.java lux_stmt_before "$BEFORE" 2>&1 | grep -i "error" || true
java -cp "$CP" bench/ImportStatementsMigrate.java lux_stmt_after "$AFTER" 2>&1 | grep -i "error" || true
for s in lux_stmt_before lux_stmt_after; do
  psql -X -q -c "INSERT INTO $s.tag (name, created_at) VALUES ('bench', now())"
done

# batches SCHEMA FROM COUNT: COUNT batches of BATCH rows from line FROM; prints rows, wall and backend CPU seconds
batches() {
  local s=$1 from=$2 n=$3 f; f=$(mktemp)
  {
    echo "SET search_path = $s;"
    echo "SELECT pg_backend_pid() AS pid \\gset"
    echo "\\setenv BPID :pid"
    echo "\\! awk '{print \"cpu0\", \$14+\$15}' /proc/\$BPID/stat"
    for ((i = 0; i < n; i++)); do
      local lo=$((from + i * BATCH)) hi=$((from + (i + 1) * BATCH - 1))
      cat <<SQL
BEGIN;
SET LOCAL synchronous_commit = off;
CREATE TEMP TABLE lux_import_stage (line BIGINT NOT NULL, email TEXT NOT NULL, first_name TEXT, last_name TEXT,
  company TEXT, attributes TEXT NOT NULL) ON COMMIT DROP;
INSERT INTO lux_import_stage SELECT * FROM public.lux_stmt_rows WHERE line BETWEEN $lo AND $hi;
WITH ins AS (INSERT INTO contact (email, first_name, last_name, company, attributes, status, consent_source, consent_at,
  created_at, updated_at, last_import_id) SELECT email, first_name, last_name, company, attributes, 'ACTIVE', 'bench',
  now(), now(), now(), 1 FROM lux_import_stage ORDER BY line ON CONFLICT DO NOTHING RETURNING id, email),
tagged AS (INSERT INTO contact_tag (contact_id, tag_id) SELECT ins.id, t.id FROM ins CROSS JOIN (SELECT id FROM tag) t),
ledger AS (INSERT INTO consent_event (occurred_at, email_hash, contact_id, kind, channel, source, text_hash, actor)
  SELECT now(), encode(sha256(convert_to(ins.email, 'UTF8')), 'hex'), ins.id, 'IMPORT', 'import', 'bench', NULL,
  'import #1' FROM ins)
SELECT count(*) FROM ins;
COMMIT;
SQL
    done
    echo "\\! awk '{print \"cpu1\", \$14+\$15}' /proc/\$BPID/stat"
  } > "$f"
  local t0 t1 out; t0=$(date +%s.%N)
  out=$(psql -X -q -t -v ON_ERROR_STOP=1 -f "$f")
  t1=$(date +%s.%N)
  rm -f "$f"
  awk -v s="$s" -v n=$((n * BATCH)) -v a="$t0" -v b="$t1" -v l="$(cut -d' ' -f1-3 /proc/loadavg)" \
    -v created="$(echo "$out" | awk '/^ *[0-9]+$/ {c += $1} END {print c}')" \
    -v c0="$(echo "$out" | awk '/cpu0/ {print $2}')" -v c1="$(echo "$out" | awk '/cpu1/ {print $2}')" \
    'BEGIN { printf "%-16s rows=%d created=%d wall=%.2fs backend_cpu=%.2fs load=%s\n", s, n, created, b - a, (c1 - c0) / 100, l }'
}

echo "preloading $PRELOAD contacts into each schema ($(date -u +%H:%M) UTC)"
batches lux_stmt_before 1 $((PRELOAD / BATCH)) >/dev/null
batches lux_stmt_after 1 $((PRELOAD / BATCH)) >/dev/null
psql -X -q -c "VACUUM ANALYZE lux_stmt_before.contact, lux_stmt_before.contact_tag, lux_stmt_before.consent_event" \
  -c "VACUUM ANALYZE lux_stmt_after.contact, lux_stmt_after.contact_tag, lux_stmt_after.consent_event"
echo "measuring, $(date -u +%H:%M) UTC, BEFORE=$BEFORE AFTER=$AFTER"
for ((r = 0; r < ROUNDS; r++)); do
  from=$((PRELOAD + r * 100000 + 1))
  batches lux_stmt_before "$from" 5
  batches lux_stmt_after "$from" 5
done
psql -X -q -c "DROP SCHEMA lux_stmt_before CASCADE" -c "DROP SCHEMA lux_stmt_after CASCADE" -c "DROP TABLE public.lux_stmt_rows"
