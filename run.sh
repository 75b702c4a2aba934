#!/usr/bin/env sh
# Builds LUX and starts it on http://localhost:3978 with no account needed (H2 under ./data, outbox mail,
# local bot mode, command mode). Extra arguments go to Spring Boot, e.g. ./run.sh --server.port=8080
#
# Faster starts: the first start after a build extracts the jar and makes a class-data archive with a training
# run that stops once it has answered its own health check (lux.training-run, in-memory H2): the AOT cache on
# JDK 25+, AppCDS on JDK 17-24. It is kept under app/target/cds for that jar and JDK and reused by every later
# start (docs/deployment.md, "Faster start"), with the JIT's compile thresholds raised (at the end). LUX_CDS=off
# starts the plain jar; LUX_SKIP_BUILD=1 skips the build (bench/startup-benchmark.sh); JAVA_HOME picks the JDK.
set -e
cd "$(dirname "$0")"
[ "${LUX_SKIP_BUILD:-0}" = 1 ] || ./mvnw -B -q -DskipTests package
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"
JAR=app/target/lux.jar
if [ "${LUX_CDS:-on}" = off ]; then
  exec "$JAVA" ${JAVA_OPTS:-} -jar "$JAR" "$@"
fi
# The JDK's feature version from its release file: asking `java -XshowSettings` costs a JVM start on every start.
home=$(dirname "$(dirname "$(readlink -f "$(command -v "$JAVA")")")")
version=$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$home/release" 2>/dev/null || true)
[ -n "$version" ] || version=$("$JAVA" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = //p')
# The jar's checksum names its archive. Reading the whole jar (over 100 MB) costs time on every start, so the
# checksum is kept beside the archives with the jar's size and time and only computed again when they change.
stamp=$(stat -c '%s-%.9Y' "$JAR")
build=$(sed -n "s/^$stamp //p" app/target/cds/jar-checksum 2>/dev/null || true)
if [ -z "$build" ]; then
  build=$(cksum < "$JAR" | cut -d' ' -f1)
  mkdir -p app/target/cds && echo "$stamp $build" > app/target/cds/jar-checksum
fi
dir="$PWD/app/target/cds/$build-java$version"
if [ "${version%%.*}" -ge 25 ] 2>/dev/null; then
  make="-XX:AOTCacheOutput=$dir/lux.aot" use="-XX:AOTCache=$dir/lux.aot"
else
  make="-XX:ArchiveClassesAtExit=$dir/lux.jsa" use="-XX:SharedArchiveFile=$dir/lux.jsa"
fi
if [ ! -f "$dir/ready" ]; then
  echo "Preparing faster starts for this build (once, about as long as one start)..." >&2
  # archives of earlier builds go; another JDK's archive of this build stays (bench/startup-benchmark.sh JDKS)
  mkdir -p app/target/cds && find app/target/cds -mindepth 1 -maxdepth 1 ! -name "$build-*" ! -name jar-checksum -exec rm -rf {} +
  rm -rf "$dir" && mkdir -p "$dir"
  if "$JAVA" -Djarmode=tools -jar "$JAR" extract --destination "$dir/app" > "$dir/training.log" 2>&1 \
      && "$JAVA" $make -jar "$dir/app/lux.jar" --lux.training-run=true --server.port=0 \
           --spring.datasource.url="jdbc:h2:mem:lux-training;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH" \
           >> "$dir/training.log" 2>&1; then
    touch "$dir/ready"
  else
    echo "Starting without a class-data archive (the training run failed: $dir/training.log)" >&2
  fi
fi
# JDK 17-24: the JIT compiles a method after 5x the usual calls: half of a start's CPU is compiling code that runs
# a few times during start-up only. Hot code still reaches C2 within seconds; after warm-up the throughput is the
# same (docs/benchmarks.md "Start-up"). Not measured with JDK 25's AOT cache (it brings method profiles), so not
# used there. JAVA_OPTS come last and win, e.g. JAVA_OPTS=-XX:CompileThresholdScaling=1.
jit="-XX:CompileThresholdScaling=5"
if [ "${version%%.*}" -ge 25 ] 2>/dev/null; then jit=""; fi
if [ -f "$dir/ready" ]; then
  exec "$JAVA" $use $jit ${JAVA_OPTS:-} -jar "$dir/app/lux.jar" "$@"
fi
exec "$JAVA" $jit ${JAVA_OPTS:-} -jar "$JAR" "$@"
