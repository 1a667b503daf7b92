#!/usr/bin/env bash
# The Hotrel side of the side-by-side benchmark (issue 11): bench/hotrel.sh [--quick] [--only NAME,...]
# One JSON figure per line on stdout, {"figure": NAME, "value": NUMBER, "unit": UNIT}; progress on stderr.
# Names for --only: calls,lowlevel,cold,warm,servers,heap,cycles,unpack,restart (default: all).
# Builds what it needs first (Maven, under the shared build lock), unless HOTREL_BENCH_NO_BUILD=1.
# The driver is dev.hotrel.bench.install.Bench; bench/README.md says what each figure means.
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
if [ "${HOTREL_BENCH_NO_BUILD:-0}" != 1 ]; then
  echo "hotrel.sh: building (mvn -pl bench -am package, waiting for /tmp/hotrel-build.lock)" >&2
  (cd "$here" && flock /tmp/hotrel-build.lock mvn -B -q -pl bench -am -DskipTests package >&2)
fi
if [ ! -f "$here/bench/target/classpath.txt" ]; then
  echo "hotrel.sh: bench/target/classpath.txt is missing: build first (mvn -B -q -pl bench -am -DskipTests package)" >&2
  exit 2
fi
cd "$here/bench"
exec java --add-opens java.base/java.lang=ALL-UNNAMED --add-opens java.base/java.security=ALL-UNNAMED \
  ${HOTREL_BENCH_JAVA_OPTS:-} \
  -cp "$here/bench/target/classes:$(cat "$here/bench/target/classpath.txt")" \
  dev.hotrel.bench.install.Bench "$@"
