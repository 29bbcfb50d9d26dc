#!/usr/bin/env bash
# Ingest benchmark: ./bench/run-ingest-bench.sh [rows]   (default 1,000,000)
# Builds the ingest-service jar when missing, then runs bench/ IngestBench (COPY baseline vs upload).
set -euo pipefail
cd "$(dirname "$0")/.."
[ -f ingest-service/target/quarkus-app/quarkus-run.jar ] || ./mvnw -q -DskipTests install
./mvnw -q -DskipTests -pl bench -am install
exec ./mvnw -q -pl bench exec:java -Dexec.mainClass=org.carbonmrv.bench.IngestBench -Dexec.args="${1:-1000000} $PWD"
