#!/usr/bin/env bash
# Starts the emulator once (release build, its own process, 127.0.0.1) and
# drives DescribeUHostInstance with this SDK's load tool and then with the
# official Python SDK, printing requests/s side by side. With
# `GO_LOAD=path` (a build of bench/go_load.go), the official Go SDK is
# run too, as it comes and with a pooled transport.
#
#   bench/compare.sh [SECONDS] [CONCURRENCY...]
#
# Not part of the test command. Needs PyPI for the virtualenv it makes.
set -euo pipefail
cd "$(dirname "$0")/.."

seconds=${1:-10}
shift || true
if [ $# -gt 0 ]; then concurrency=("$@"); else concurrency=(1 16 64); fi
pk=bench-public-key
sk=bench-private-key
venv=${VENV:-target/bench-venv}

cargo build --release -q -p api-emulator
cargo build --release -q --bin load
if [ ! -x "$venv/bin/python" ]; then
    python3 -m venv "$venv"
    "$venv/bin/pip" install -q ucloud-sdk-python3
fi

out=$(mktemp)
RUST_LOG=warn target/release/api-emulator --listen 127.0.0.1:0 --public-key "$pk" --private-key "$sk" --time-scale 0 >"$out" 2>/dev/null &
emulator=$!
trap 'kill $emulator 2>/dev/null; rm -f "$out"' EXIT
for _ in $(seq 50); do
    grep -q '^listening on ' "$out" && break
    sleep 0.1
done
url=$(sed -n 's/^listening on //p' "$out" | head -n1)
echo "emulator at $url (pid $emulator)"

# One instance to describe.
"$venv/bin/python" - "$url" "$pk" "$sk" <<'PY'
import logging, sys
from ucloud.client import Client
logging.getLogger("ucloud").setLevel(logging.ERROR)
c = Client({"region": "cn-bj2", "public_key": sys.argv[2], "private_key": sys.argv[3], "base_url": sys.argv[1], "log_level": 40})
img = c.uhost().describe_image({"ImageType": "Base", "OsType": "Linux", "Limit": 1})["ImageSet"][0]["ImageId"]
c.uhost().create_uhost_instance({"Zone": "cn-bj2-02", "ImageId": img, "LoginMode": "Password", "Password": "Bench-Passw0rd!", "CPU": 1, "Memory": 1024})
PY

printf '%-12s %-8s %s\n' client in-flight result
for n in "${concurrency[@]}"; do
    rust=$(target/release/load --base-url "$url" --public-key "$pk" --private-key "$sk" \
        --action DescribeUHostInstance --concurrency "$n" --seconds "$seconds" | tail -n1)
    printf '%-12s %-8s %s\n' rust "$n" "$rust"
    py=$("$venv/bin/python" bench/python_load.py "$url" "$pk" "$sk" "$n" "$seconds" | tail -n1)
    printf '%-12s %-8s %s\n' python "$n" "$py"
    if [ -n "${GO_LOAD:-}" ]; then
        # The Go SDK as it comes, then with a pooled transport.
        for transport in "" pooled; do
            go=$("$GO_LOAD" "$url" "$pk" "$sk" "$n" "$seconds" $transport | tail -n1)
            printf '%-12s %-8s %s\n' "go${transport:+-$transport}" "$n" "$go"
        done
    fi
done
