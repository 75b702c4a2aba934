#!/usr/bin/env bash
# Start-up benchmark (not a test), one command: bench/startup-benchmark.sh
# Builds LUX's jar and a plain Spring Boot app of the same version (bench/startup-baseline: web, actuator,
# data-jpa, H2, one entity), then starts each RUNS times (default 5), taking turns, each on a fresh, empty H2 file
# database, and measures the time from launching the JVM to the first 200 from /actuator/health:
#   baseline  java -jar baseline.jar
#   bare      java -jar app/target/lux.jar
#   run.sh    README's way: ./run.sh (its class-data archive made once, before the timed runs; build skipped)
# It prints every run, the medians and the ratios against the baseline's median in this run.
# Goals (issue 21): run.sh <= 1.0x the baseline, bare <= 1.5x. JAVA_HOME picks the JDK for all three; JDKS, a list of
# JDK homes, measures each in turn (the baseline on the same JDK), e.g. to see JDK 25's AOT cache beside JDK 17's AppCDS:
#   JDKS="/usr/lib/jvm/java-17-openjdk-amd64 /usr/lib/jvm/temurin-25-jdk-amd64" bench/startup-benchmark.sh
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS="${RUNS:-5}"
JDKS="${JDKS:-${JAVA_HOME:-}}"
WORK="$PWD/app/target/startup-bench"
H2=";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH"
mkdir -p "$WORK"

./mvnw -B -q -DskipTests package
./mvnw -B -q -f bench/startup-baseline/pom.xml -DskipTests package
ROOT="$PWD"
BASELINE="$ROOT/bench/startup-baseline/target/baseline.jar"

port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

# start KIND: launches one start on a fresh database, prints milliseconds to the first healthy answer
start() {
  local kind=$1 p db pid t0 ms=""
  p=$(port)
  db="$WORK/db-$kind-$RANDOM$RANDOM"
  rm -rf "$db"; mkdir -p "$db"
  t0=$(date +%s%N)
  # one subshell that becomes the JVM (exec), so its pid is the JVM's and kill stops it
  (
    cd "$db"
    case $kind in
      baseline) exec "$JAVA" -jar "$BASELINE" --server.port="$p" --spring.datasource.url="jdbc:h2:file:$db/base" ;;
      bare) exec "$JAVA" -jar "$ROOT/app/target/lux.jar" --server.port="$p" --spring.datasource.url="jdbc:h2:file:$db/lux$H2" ;;
      run.sh) LUX_SKIP_BUILD=1 exec "$ROOT/run.sh" --server.port="$p" --spring.datasource.url="jdbc:h2:file:$db/lux$H2" ;;
    esac
  ) > "$db/out.log" 2>&1 &
  pid=$!
  for _ in $(seq 1 3000); do
    if curl -sf -o /dev/null "http://127.0.0.1:$p/actuator/health"; then
      ms=$(( ($(date +%s%N) - t0) / 1000000 ))
      break
    fi
    if ! kill -0 "$pid" 2>/dev/null; then break; fi
    sleep 0.1
  done
  pkill -P "$pid" 2>/dev/null || true # a training run still under run.sh
  kill "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  if [ -z "$ms" ]; then echo "$kind did not start; see $db/out.log" >&2; exit 1; fi
  rm -rf "$db"
  echo "$ms"
}

. bench/median.sh

# measure: the three kinds, RUNS times, taking turns, on the JDK in $JAVA (run.sh gets it through JAVA_HOME)
measure() {
  echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, $(. /etc/os-release && echo "$PRETTY_NAME"), $("$JAVA" -version 2>&1 | head -1), load $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "untimed first starts (run.sh makes its class-data archive here; the page cache warms for all three)..."
  for kind in baseline bare run.sh; do start "$kind" > /dev/null; done

  declare -A all
  for run in $(seq 1 "$RUNS"); do
    line="run $run:"
    for kind in baseline bare run.sh; do
      ms=$(start "$kind")
      all[$kind]="${all[$kind]:-} $ms"
      line="$line $kind ${ms} ms,"
    done
    echo "${line%,}  (load $(cut -d' ' -f1 /proc/loadavg))"
  done
  base=$(echo "${all[baseline]}" | median)
  echo "--- medians of $RUNS runs, time to first healthy /actuator/health on an empty H2 database"
  for kind in baseline bare run.sh; do
    m=$(echo "${all[$kind]}" | median)
    awk -v k="$kind" -v m="$m" -v b="$base" 'BEGIN { printf "%-9s %6d ms = %.2fx the baseline\n", k, m, m / b }'
  done
  echo "goals: run.sh <= 1.00x, bare <= 1.50x"
}

for jdk in ${JDKS:-default}; do
  if [ "$jdk" = default ]; then
    unset JAVA_HOME
    JAVA=java
  else
    export JAVA_HOME="$jdk"
    JAVA="$jdk/bin/java"
  fi
  measure
done
