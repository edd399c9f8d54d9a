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
load=${LOAD:-target/release/load}
valgrind --tool=callgrind --callgrind-out-file="$work/out" \
    "$load" --base-url "http://127.0.0.1:$port/" \
    --public-key pk --private-key sk --concurrency 1 --seconds "$seconds" >/dev/null 2>&1
callgrind_annotate --inclusive=yes "$work/out" >"$work/inclusive" 2>/dev/null
callgrind_annotate "$work/out" >"$work/self" 2>/dev/null
python3 - "$work" <<'PY'
import re, sys
sys.path.insert(0, 'bench')
from callgrind import calls_to, rows
work = sys.argv[1]
# One signature per call: the calls are the signer's.
calls = calls_to(f"{work}/out", lambda name: name.startswith('api_core::sign::Signer::finish_into'))
inclusive, own = (rows(open(f"{work}/{kind}").read()) for kind in ("inclusive", "self"))
def find(found, name):
    return next((v for v, n in found if re.search(name, n)), 0)
run = find(inclusive, r'current_thread::Context::run_task$')
park = find(inclusive, r'current_thread::Context::park$')
print(f"calls: {calls}")
print(f"per call: {run // calls} instructions in the calls, {park // calls} waiting for the network")
for v, n in own[1:]:
    if v // calls < 100:
        break
    name = re.sub(r'^\?\?\?:|^\./[^:]*:', '', n)
    print(f"{v // calls:8}  {name[:100]}")
PY
