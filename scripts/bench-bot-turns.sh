#!/usr/bin/env bash
# Bot turn benchmark (command mode, no LLM) against a loopback fake Bot Connector (keep-alive, TCP_NODELAY); see
# docs/benchmarks.md "Bot turns". One command: scripts/bench-bot-turns.sh runs it on PostgreSQL (127.0.0.1:5432,
# db test, a throw-away schema; LUX_TEST_POSTGRES_URL/_USER/_PASSWORD override) and then on in-memory H2.
# DATABASES="postgres" picks one; extra arguments are JVM options: [-Dturns=2000] [-Dthreads=8] [-Dwarmup=1500]
# Prints sequential p50/p95/p99 and, at 8 concurrent conversations, turns/s and p50/p95/p99. Goal: p50 < 20 ms.
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -B -q -pl bot -am test-compile dependency:build-classpath -DskipTests \
  -Dmdep.includeScope=test -Dmdep.outputFile=target/bench.classpath
for db in ${DATABASES:-postgres h2}; do
  java -Xmx1g -Dlux.test.db="$db" "$@" -cp "bot/target/test-classes:bot/target/classes:$(cat bot/target/bench.classpath)" lux.teams.BotTurnBenchmark
done
