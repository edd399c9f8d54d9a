# Sourced by the bench scripts: builds the release emulator and the load
# tool, starts the emulator on 127.0.0.1 (account pk/sk, `--time-scale 0`,
# `RUST_LOG=warn`) and sets `port` and `work` (a temporary directory);
# both go away when the script exits.
cargo build --release -q -p api-emulator
cargo build --release -q --bin load
work=$(mktemp -d)
RUST_LOG=warn target/release/api-emulator --listen 127.0.0.1:0 --public-key pk \
    --private-key sk --time-scale 0 >"$work/emulator.log" 2>&1 &
emulator=$!
trap 'kill $emulator 2>/dev/null; rm -rf "$work"' EXIT
port=
for _ in $(seq 50); do
    port=$(sed -n 's/.*127\.0\.0\.1:\([0-9][0-9]*\).*/\1/p' "$work/emulator.log" | head -n1)
    [ -n "$port" ] && break
    sleep 0.1
done
[ -n "$port" ] || { echo "the emulator did not start" >&2; exit 1; }
