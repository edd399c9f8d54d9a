#!/usr/bin/env bash
# User-space instructions per call of the load tool, counted by valgrind's
# callgrind at one call in flight against a release emulator on
# 127.0.0.1: a figure that, unlike CPU time, does not move with the
# machine's load.
#
#   bench/call_instructions.sh [SECONDS]
#
# Prints the instructions per call spent in the runtime's task polling
# (the calls themselves) and in its waiting for the network, then the
# functions above 100 instructions per call. Under valgrind the `sha1`
# crate runs its portable code, not SHA-NI, so signing counts for more
# than on the machine itself. `LOAD=path` measures another build of the
# load tool (an older commit's, say) against the same emulator. Needs
# valgrind. Not part of the test command.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-5}
source bench/emulator.sh
load=${LOAD:-target/release/examples/load}
valgrind --tool=callgrind --callgrind-out-file="$work/out" \
    "$load" --base-url "http://127.0.0.1:$port/" \
    --public-key pk --private-key sk --concurrency 1 --seconds "$seconds" >/dev/null 2>&1
callgrind_annotate --inclusive=yes "$work/out" >"$work/inclusive" 2>/dev/null
callgrind_annotate "$work/out" >"$work/self" 2>/dev/null
python3 - "$work" <<'PY'
import re, sys
work = sys.argv[1]
text = open(f"{work}/out").read()
names = {}
for m in re.finditer(r'^(?:fn|cfn)=\((\d+)\)(?: (.*))?$', text, re.M):
    if m.group(2):
        names[m.group(1)] = m.group(2)
# One signature per call: the calls are the signer's.
signer = {k for k, v in names.items() if v.startswith('api_core::sign::Signer::finish_into')}
lines = text.split('\n')
calls = 0
for i, line in enumerate(lines):
    m = re.match(r'^cfn=\((\d+)\)', line)
    if m and m.group(1) in signer:
        c = re.match(r'calls=(\d+)', lines[i + 1])
        if c:
            calls += int(c.group(1))
def table(path):
    rows = []
    for line in open(path):
        m = re.match(r'\s*([\d,]+)\s+\(\s*[\d.]+%\)\s+(.*)', line)
        if m:
            rows.append((int(m.group(1).replace(',', '')), m.group(2)))
    return rows
inclusive, own = table(f"{work}/inclusive"), table(f"{work}/self")
def find(rows, name):
    return next((v for v, n in rows if re.search(name, n)), 0)
run = find(inclusive, r'current_thread::Context::run_task \[')
park = find(inclusive, r'current_thread::Context::park \[')
print(f"calls: {calls}")
print(f"per call: {run // calls} instructions in the calls, {park // calls} waiting for the network")
for v, n in own[1:]:
    if v // calls < 100:
        break
    name = re.sub(r'^\?\?\?:|^\./[^:]*:', '', n).split(' [')[0]
    print(f"{v // calls:8}  {name[:100]}")
PY
