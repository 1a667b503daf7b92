#!/usr/bin/env bash
# The Erlang/OTP side of the Hotrel benchmark.
#   bench/otp/run-otp.sh [--quick]
# Builds the counter application (1.0.0, 1.1.0), both releases, the relup and
# an OTP target system into bench/otp/target/ (rebuilt on every run), unpacks
# release 1.1.0 with release_handler, then runs the measuring driver in fresh
# nodes of that target system. Prints one JSON object per line on stdout:
#   {"figure": NAME, "value": NUMBER, "unit": UNIT}
# Progress goes to stderr. --quick: a few-second smoke run (fewer installs,
# shorter loops, no 100000-process window).
# Exit 3 (and nothing on stdout) when Erlang/OTP is missing and cannot be installed.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
mode=full
case "${1:-}" in
    --quick) mode=quick ;;
    "") ;;
    *) echo "usage: $0 [--quick]" >&2; exit 64 ;;
esac

say() { echo "[run-otp] $*" >&2; }

# --- Erlang/OTP ------------------------------------------------------------
have_otp() {
    command -v erl >/dev/null 2>&1 && command -v erlc >/dev/null 2>&1 &&
        erl -noshell -eval 'case code:lib_dir(sasl) of {error, _} -> halt(1); _ -> halt(0) end' >/dev/null 2>&1
}
if ! have_otp; then
    say "Erlang/OTP not found: installing erlang-nox erlang-dev erlang-src with apt-get"
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
        export DEBIAN_FRONTEND=noninteractive
        { apt-get install -y erlang-nox erlang-dev erlang-src ||
            { apt-get update && apt-get install -y erlang-nox erlang-dev erlang-src; }; } >&2 || true
    fi
    if ! have_otp; then
        say "Erlang/OTP is not available and could not be installed (needs root and apt-get);" \
            "the OTP figures are skipped"
        exit 3
    fi
fi

# --- Build -----------------------------------------------------------------
target="$here/target"
root="$target/root"
results="$target/results.jsonl"
start=$(date +%s)
rm -rf "$target"
mkdir -p "$target/tools"
say "OTP $(erl -noshell -eval 'io:format("~s (erts ~s)", [erlang:system_info(otp_release), erlang:system_info(version)]), halt().'); mode $mode"
say "building the target system in $target"
erlc -Werror -o "$target/tools" "$here/src/tools/otp_build.erl" "$here/src/tools/otp_bench.erl" >&2
# cwd is the target folder: systools looks there (too) for a relup and sys.config.
(cd "$target" && erl -noshell -pa "$target/tools" -run otp_build main "$here/src" "$target") >&2
: > "$results"

# A node of the target system, booted from release 1.0.0 (the permanent one),
# running one section of the driver. Its own stdout goes to stderr: only the
# results file reaches our stdout.
node() {
    local section=$1 out=$2
    (cd "$root" && "$root/bin/erl" -boot "$root/releases/1.0.0/start" -noshell -noinput \
        -pa "$target/tools" -run otp_bench main "$section" "$out" "$mode") >&2
}

say "unpacking release 1.1.0 (release_handler:unpack_release, not timed)"
node setup "$target/setup.jsonl"

say "section calls: call rates, heap per idle server, low-level windows"
node calls "$results"
cat "$results"; : > "$results"

cold_nodes=5; [ "$mode" = quick ] && cold_nodes=2
say "section cold: first install_release(\"1.1.0\") in $cold_nodes fresh nodes"
for _ in $(seq "$cold_nodes"); do
    node cold "$target/cold.jsonl"
done
# Median of the samples (mean of the two middle ones for an even count).
sed -n 's/.*"value": \([0-9.e+-]*\).*/\1/p' "$target/cold.jsonl" | sort -g | awk '
    { v[NR] = $1 }
    END {
        if (NR == 0) exit 1
        m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
        printf "{\"figure\": \"install_cold_ms\", \"value\": %.3f, \"unit\": \"ms\"}\n", m
        printf "{\"figure\": \"install_cold_ms_max\", \"value\": %.3f, \"unit\": \"ms\"}\n", v[NR]
    }'

say "section warm: installs idle, then under 4 clients"
node warm "$results"
cat "$results"

say "done in $(( $(date +%s) - start )) s; load average now: $(cut -d' ' -f1-3 /proc/loadavg)"
