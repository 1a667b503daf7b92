#!/usr/bin/env bash
# Runs the JMH benchmarks: bench/run.sh [JMH options], e.g. bench/run.sh CallBenchmark -f 1.
# Figures are reported by JMH; compare a benchmark with its baseline from the same run.
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
cd "$here"
mvn -B -q -DskipTests package -pl bench -am
cd "$here/runtime" # the fixture applications are found from here
exec java -cp "$here/bench/target/classes:$(cat "$here/bench/target/classpath.txt")" org.openjdk.jmh.Main "$@"
