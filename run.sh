#!/usr/bin/env bash
# One command, embedded default: builds what is missing or stale, starts an embedded PostgreSQL (data kept in
# .local/pgdata) and the three services, uploads the sample corpus over HTTP, prints a summary and the URLs,
# and runs until Ctrl-C. Needs only a JDK 17+ (Maven comes through ./mvnw).
set -euo pipefail
cd "$(dirname "$0")"

stale=0
for svc in ingest-service qaqc-service mrv-service; do
  jar="$svc/target/quarkus-app/quarkus-run.jar"
  if [ ! -f "$jar" ] || [ -n "$(find "$svc/src/main" devstack/src/main common/src/main pom.xml "$svc/pom.xml" -newer "$jar" -print -quit)" ]; then
    stale=1
  fi
done
if [ "$stale" = 1 ]; then
  echo "-> Building (./mvnw -DskipTests install)…"
  ./mvnw -q -DskipTests install
fi
exec ./mvnw -q -pl devstack exec:java -Dexec.mainClass=org.carbonmrv.devstack.LocalStack -Dexec.args="$PWD"
