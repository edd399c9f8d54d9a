#!/usr/bin/env bash
# Instructions per encode+sign of the seed request (CreateCustomImage),
# counted by valgrind's callgrind in the encode benchmark's binary: a
# figure that, unlike time, does not move with the machine's load.
#
#   bench/encode_instructions.sh
#
# Prints the instructions per call in total, in SHA-1 compression (under
# valgrind the `sha1` crate runs its portable code, not SHA-NI, so this
# part is larger than on the machine itself), and everything else, then
# the functions above 10 instructions per call. Not part of the test
# command; needs valgrind.
set -euo pipefail
cd "$(dirname "$0")/.."

cargo bench --bench encode --no-run -q 2>/dev/null
# The benchmark's own executable: the package's binaries are built too.
bin=$(cargo bench --bench encode --no-run --message-format=json -q 2>/dev/null |
    grep '"kind":\["bench"\]' | grep '"name":"encode"' |
    sed -n 's/.*"executable":"\([^"]*\)".*/\1/p' | tail -n1)
[ -n "$bin" ] || { echo "the encode benchmark's executable was not found" >&2; exit 1; }
out=$(mktemp)
trap 'rm -f "$out"' EXIT
# The benchmark, then its ratio printout: 1,000 + 402,000 seed encodes.
valgrind --tool=callgrind --callgrind-out-file="$out" \
    --toggle-collect='*Client::encode*' \
    "$bin" --bench create_custom_image --sample-count 10 --sample-size 100 >/dev/null 2>&1
python3 - "$out" <<'PY'
import subprocess, sys
sys.path.insert(0, 'bench')
from callgrind import calls_to, rows
path = sys.argv[1]
calls = max(calls_to(path, lambda name: name.endswith('Client::encode')), 1)
report = subprocess.run(['callgrind_annotate', path], capture_output=True, text=True).stdout
per_call = [(n // calls, f) for n, f in rows(report) if 'PROGRAM' not in f]
total = sum(n for n, _ in per_call)
sha = sum(n for n, f in per_call if 'sha1::compress' in f)
print(f'calls: {calls}  instructions per call: {total}  SHA-1 compression: {sha}  the rest: {total - sha}')
for n, f in per_call:
    if n >= 10:
        print(f'{n:7d}  {f.split(":", 1)[-1]}')
PY
