#!/usr/bin/env bash
# Client CPU per call, this SDK beside the floor (bench/floor.c), measured
# in turn against one release emulator on 127.0.0.1:
#
#   bench/cpu_per_call.sh [IN_FLIGHT] [RUNS] [SECONDS]
#
# Each run prints the load tool's last line and the floor's; the end
# prints the medians of CPU per call and their ratio, and the medians of
# its user part (the rest is the kernel's work on the sockets, about the
# same for both). The emulator runs with
# `--time-scale 0` and `RUST_LOG=warn`. `LOAD=path` measures another
# build of the load tool (an older commit's, say; its signed request is
# still dumped by this tree's). Needs a C compiler (`cc`). Not part of
# the test command.
set -euo pipefail
cd "$(dirname "$0")/.."
in_flight=${1:-16}
runs=${2:-5}
seconds=${3:-5}
source bench/emulator.sh
cc -O2 -o "$work/floor" bench/floor.c
target/release/load --public-key pk --private-key sk --dump-body "$work/body"
load=${LOAD:-target/release/load}
sdk=() floor=() sdk_user=() floor_user=()
for run in $(seq "$runs"); do
    line=$("$load" --base-url "http://127.0.0.1:$port/" \
        --public-key pk --private-key sk --concurrency "$in_flight" \
        --seconds "$seconds" 2>/dev/null | tail -n1)
    echo "run $run sdk:   $line"
    sdk+=("$(sed -n 's/.*cpu_us_per_call: \([0-9.]*\).*/\1/p' <<<"$line")")
    sdk_user+=("$(sed -n 's/.*user_us_per_call: \([0-9.]*\).*/\1/p' <<<"$line")")
    line=$("$work/floor" "$port" "$in_flight" "$seconds" "$work/body")
    echo "run $run floor: $line"
    floor+=("$(sed -n 's/.*cpu_us_per_call: \([0-9.]*\).*/\1/p' <<<"$line")")
    floor_user+=("$(sed -n 's/.*user_us_per_call: \([0-9.]*\).*/\1/p' <<<"$line")")
done
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
s=$(median "${sdk[@]}") f=$(median "${floor[@]}")
echo "median cpu_us_per_call at $in_flight in flight: sdk $s floor $f ratio $(awk -v s="$s" -v f="$f" 'BEGIN {printf "%.2f", s/f}')"
echo "median user_us_per_call at $in_flight in flight: sdk $(median "${sdk_user[@]}") floor $(median "${floor_user[@]}")"
