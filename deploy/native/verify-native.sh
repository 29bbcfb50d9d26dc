#!/usr/bin/env bash
# Native executables built and tested: ./deploy/native/verify-native.sh [service ...]
# Builds each service (default: all three, one at a time — each build peaks at 5-9 GB) as a native executable and
# runs its *IT suite against the binary. Without GRAALVM_HOME it uses ../shared/native-toolchain (the Substrate VM
# builder from Maven Central on Temurin 25; see its README). Unit tests are the JVM suite's: ./mvnw verify.
set -euo pipefail
cd "$(dirname "$0")/../.."
standin=""
if [ -z "${GRAALVM_HOME:-}" ]; then
  GRAALVM_HOME=$(../shared/native-toolchain/setup.sh | tail -1 | cut -d= -f2)
  export GRAALVM_HOME
  standin="$(dirname "$GRAALVM_HOME")/jdk25/lib"
fi
services=("$@")
[ ${#services[@]} -gt 0 ] || services=(ingest-service qaqc-service mrv-service)
# the *IT suites of qaqc and mrv start the packaged upstream services (jars) as real processes
./mvnw -B -ntp -q install -DskipTests
for s in "${services[@]}"; do
  start=$(date +%s)
  # NATIVE_BUILD_RETRIES (CI: 1) builds again after a failed or hung build: the stand-in builder's analysis has hung
  # once in class initialisation (its README); the *IT suites below are never retried
  for attempt in $(seq 0 "${NATIVE_BUILD_RETRIES:-0}"); do
    if timeout 30m ./mvnw -B -ntp -Pnative package -pl "$s" -Dquarkus.native.native-image-xmx=8g \
      -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false; then
      break
    fi
    [ "$attempt" -lt "${NATIVE_BUILD_RETRIES:-0}" ] || exit 1
    echo "$s: native build failed (attempt $((attempt + 1))); building again"
  done
  # Mandrel links the JDK's AWT libraries (PDF rendering) into the image; the stand-in builder has them only as
  # shared libraries, which the executable looks for beside itself
  if [ -n "$standin" ]; then
    for lib in libawt libawt_headless libfontmanager liblcms libjavajpeg libmlib_image; do
      cp "$standin/$lib.so" "$s/target/"
    done
  fi
  ./mvnw -B -ntp -Pnative failsafe:integration-test failsafe:verify -pl "$s"
  echo "$s: native build and *IT in $(( $(date +%s) - start )) s"
done
