#!/usr/bin/env bash
# Start-up benchmark: ./bench/run-startup-bench.sh   (JVM jar against native executable: time to ready, idle RSS;
# build the executables first: ./deploy/native/verify-native.sh)
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -q -DskipTests -pl bench -am install
exec ./mvnw -q -pl bench exec:java -Dexec.mainClass=org.carbonmrv.bench.StartupBench -Dexec.args="$PWD" "$@"
