#!/usr/bin/env bash
# mrv-service benchmark: ./bench/run-mrv-bench.sh   (10 plants x 5 years; -Dclients=32 -Dseconds=20 via MAVEN_OPTS)
set -euo pipefail
cd "$(dirname "$0")/.."
[ -f mrv-service/target/quarkus-app/quarkus-run.jar ] || ./mvnw -q -DskipTests install
./mvnw -q -DskipTests -pl bench -am install
exec ./mvnw -q -pl bench exec:java -Dexec.mainClass=org.carbonmrv.bench.MrvBench -Dexec.args="$PWD"
