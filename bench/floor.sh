#!/usr/bin/env bash
# The floor of client CPU per call on this machine (see bench/floor.c),
# against a server already listening on 127.0.0.1:PORT with the account
# pk/sk, e.g.
#
#   RUST_LOG=warn target/release/api-emulator --listen 127.0.0.1:PORT \
#       --public-key pk --private-key sk --time-scale 0 &
#   bench/floor.sh PORT 16 5
#
# Needs a C compiler (`cc`). Not part of the test command.
set -euo pipefail
cd "$(dirname "$0")/.."
port=${1:?usage: bench/floor.sh PORT [IN_FLIGHT] [SECONDS]}
in_flight=${2:-16}
seconds=${3:-5}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cc -O2 -o "$work/floor" bench/floor.c
cargo run --release -q --bin load -- --public-key pk --private-key sk \
    --dump-body "$work/body"
"$work/floor" "$port" "$in_flight" "$seconds" "$work/body"
