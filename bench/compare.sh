#!/usr/bin/env bash
# Hotrel and Erlang/OTP side by side on the same work (issue 11): bench/compare.sh [--quick] [--runs N]
# Interleaves N runs (default 3, at least 3 for figures worth keeping) of bench/hotrel.sh and
# bench/otp/run-otp.sh (which exits 3 when OTP cannot be installed: the OTP columns then say
# "skipped"), alternating which side goes first, keeps every run's figures and log under
# bench/target/compare/TIME/, and prints one Markdown table: figure, Hotrel median [min–max],
# OTP median [min–max], Hotrel / OTP, target (bench/targets.txt) and whether it is met.
# HOTREL_BENCH_NO_BUILD=1 skips the Maven build (the bench module must have been built).
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
runs=3
quick=()
while [ $# -gt 0 ]; do
  case "$1" in
    --quick) quick=(--quick) ;;
    --runs) runs="$2"; shift ;;
    *) echo "usage: bench/compare.sh [--quick] [--runs N]" >&2; exit 2 ;;
  esac
  shift
done
if [ "${#quick[@]}" -eq 0 ] && [ "$runs" -lt 3 ]; then
  echo "compare.sh: $runs run(s): medians of fewer than 3 runs are not worth a table; going on anyway" >&2
fi

out="$here/bench/target/compare/$(date +%Y%m%d-%H%M%S)"
mkdir -p "$out"
if [ "${HOTREL_BENCH_NO_BUILD:-0}" != 1 ]; then
  echo "compare.sh: building (mvn -pl bench -am package, waiting for /tmp/hotrel-build.lock)" >&2
  (cd "$here" && flock /tmp/hotrel-build.lock mvn -B -q -pl bench -am -DskipTests package >&2)
fi
# The table maker runs from the bench's classes; copy the class path now: a later build may change it.
cp="$here/bench/target/classes:$(cat "$here/bench/target/classpath.txt")"

otp_script="$here/bench/otp/run-otp.sh"
otp_skipped=""
[ -x "$otp_script" ] || otp_skipped="bench/otp/run-otp.sh is not there (or not executable)"

run_hotrel() {
  echo "compare.sh: Hotrel run $1 of $runs" >&2
  local rc=0
  HOTREL_BENCH_NO_BUILD=1 "$here/bench/hotrel.sh" "${quick[@]}" >"$out/hotrel-$1.jsonl" 2> >(tee "$out/hotrel-$1.log" >&2) || rc=$?
  [ "$rc" -eq 0 ] || echo "compare.sh: Hotrel run $1 exited with code $rc (its figures so far are kept; see $out/hotrel-$1.log)" >&2
}

run_otp() {
  [ -z "$otp_skipped" ] || return 0
  echo "compare.sh: OTP run $1 of $runs" >&2
  local rc=0
  "$otp_script" "${quick[@]}" >"$out/otp-$1.jsonl" 2> >(tee "$out/otp-$1.log" >&2) || rc=$?
  if [ "$rc" -eq 3 ]; then
    otp_skipped="OTP cannot be installed on this machine (bench/otp/run-otp.sh exited 3; see $out/otp-$1.log)"
    rm -f "$out/otp-$1.jsonl"
  elif [ "$rc" -ne 0 ]; then
    echo "compare.sh: OTP run $1 exited with code $rc (its figures so far are kept; see $out/otp-$1.log)" >&2
  fi
}

for i in $(seq 1 "$runs"); do
  if [ $((i % 2)) -eq 1 ]; then run_hotrel "$i"; run_otp "$i"; else run_otp "$i"; run_hotrel "$i"; fi
done

otp_version="none"
if command -v erl >/dev/null 2>&1; then
  otp_version="OTP $(erl -noshell -eval 'io:format("~s (erts ~s)", [erlang:system_info(otp_release), erlang:system_info(version)]), halt().' 2>/dev/null || echo '?')"
fi
java_version="$(java -version 2>&1 | head -1)"
args=(--targets "$here/bench/targets.txt" --hotrel "$out"/hotrel-*.jsonl)
if [ -n "$otp_skipped" ]; then
  args+=(--otp-skipped "$otp_skipped")
else
  args+=(--otp "$out"/otp-*.jsonl)
fi
{
  echo "Machine: $(nproc) CPUs ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)), $(free -g | awk '/Mem:/ {print $2}') GB;" \
    "$java_version; $otp_version. Mode: ${quick[*]:-full}, $runs run(s) each side; $(date -u +%Y-%m-%dT%H:%MZ)."
  echo
  java -cp "$cp" dev.hotrel.bench.compare.Table "${args[@]}"
} | tee "$out/table.md"
echo "compare.sh: figures, logs and the table are in $out" >&2
