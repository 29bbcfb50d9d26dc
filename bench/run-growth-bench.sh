#!/usr/bin/env bash
# Growth benchmark: ./bench/run-growth-bench.sh [-Dbig=false: the empty database only]   (an empty database against ~52M preloaded readings and grades;
# the preloaded database is kept in bench/target/growth-db, ~5.4 GB, and reused)
set -euo pipefail
cd "$(dirname "$0")/.."
[ -f qaqc-service/target/quarkus-app/quarkus-run.jar ] || ./mvnw -q -DskipTests install
./mvnw -q -DskipTests -pl bench -am install
exec ./mvnw -q -pl bench exec:java -Dexec.mainClass=org.carbonmrv.bench.GrowthBench -Dexec.args="$PWD" "$@"
