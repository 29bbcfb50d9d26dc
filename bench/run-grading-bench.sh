#!/usr/bin/env bash
# Grading benchmark: ./bench/run-grading-bench.sh [rows]   (default 1,000,000)
set -euo pipefail
cd "$(dirname "$0")/.."
[ -f qaqc-service/target/quarkus-app/quarkus-run.jar ] || ./mvnw -q -DskipTests install
./mvnw -q -DskipTests -pl bench -am install
exec ./mvnw -q -pl bench exec:java -Dexec.mainClass=org.carbonmrv.bench.GradingBench -Dexec.args="${1:-1000000} $PWD"
