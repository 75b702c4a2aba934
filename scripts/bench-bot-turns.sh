#!/usr/bin/env bash
# Bot turn benchmark (command mode, no LLM) against a loopback fake Bot Connector; see docs/benchmarks.md "Bot turns".
# Usage: scripts/bench-bot-turns.sh [-Dturns=2000] [-Dthreads=8] [-Dwarmup=1500]
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -B -q -pl bot -am test-compile dependency:build-classpath -DskipTests \
  -Dmdep.includeScope=test -Dmdep.outputFile=target/bench.classpath
exec java -Xmx1g "$@" -cp "bot/target/test-classes:bot/target/classes:$(cat bot/target/bench.classpath)" lux.teams.BotTurnBenchmark
