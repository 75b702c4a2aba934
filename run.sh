#!/usr/bin/env sh
# Builds LUX and starts it on http://localhost:3978 with no account needed (H2 under ./data, outbox mail,
# local bot mode, command mode). Extra arguments go to Spring Boot, e.g. ./run.sh --server.port=8080
set -e
cd "$(dirname "$0")"
./mvnw -B -q -DskipTests package
exec java ${JAVA_OPTS:-} -jar app/target/lux.jar "$@"
