#!/usr/bin/env bash
# Runs the benchmarks against registries started on loopback and writes bench/results.md with a chart per comparison.
# Usage: bench/run.sh [--quick] [SUITE...]   (no suite: all of them)
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
./mvnw -B -q -ntp -DskipTests -pl bench,cli -am clean package
exec java -Xmx1g -cp "bench/target/classes:$(cat bench/target/classpath.txt)" \
  io.jenkins.plugins.imagestreams.bench.BenchMain --out bench "$@"
