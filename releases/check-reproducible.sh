#!/usr/bin/env bash
# Proves that the build is reproducible: two clean builds give byte-identical release archives,
# application jars and CLI jar. Run from anywhere: releases/check-reproducible.sh [extra mvn options, e.g. -o]
set -euo pipefail
cd "$(dirname "$0")/.."
sums() {
  sha256sum releases/target/*.tar.gz releases/apps/*/target/lib/*/*.jar release-tools/target/hotrel-cli.jar \
    releases/demo-client/target/hotrel-demo-client.jar
}
build() {
  mvn -B -q "$@" clean package -DskipTests -pl releases -am >/dev/null
}
build "$@"
first="$(sums)"
build "$@"
second="$(sums)"
if [ "$first" != "$second" ]; then
  echo "check-reproducible: two clean builds differ:" >&2
  diff <(echo "$first") <(echo "$second") >&2 || true
  exit 1
fi
echo "check-reproducible: two clean builds gave identical bytes:"
echo "$first"
