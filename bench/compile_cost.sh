#!/usr/bin/env bash
# Debug-build cost per declared action.
#
# Generates a crate of N actions of a typical shape (four scalars, an
# array, a nested request object, an answer with a count and a list of
# models) that depends on api-core by path, builds it once so that every
# dependency is built, then times clean debug builds of that crate alone
# (user+sys CPU and wall, best of REPEAT), for N and for an empty crate
# (N = 0), and prints the difference divided by N.
#
#   bench/compile_cost.sh [N] [REPEAT]      (defaults: 200 and 3)
#
# Not part of the test command. Works offline: the crate reuses the
# workspace's Cargo.lock and a target directory of its own under
# ${CARGO_TARGET_DIR:-target}/compile-cost.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD

n=${1:-200}
repeat=${2:-3}
target=${CARGO_TARGET_DIR:-$root/target}/compile-cost
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# make_crate DIR COUNT: a crate `gen` with COUNT actions.
make_crate() {
    local dir=$1 count=$2
    mkdir -p "$dir/src"
    cat >"$dir/Cargo.toml" <<EOF
[package]
name = "gen"
version = "0.0.0"
edition = "2024"
publish = false

[dependencies]
api-core = { path = "$root/api-core" }

[workspace]
EOF
    cp "$root/Cargo.lock" "$dir/Cargo.lock"
    {
        echo '//! Generated actions.'
        if ((count > 0)); then
            echo 'use api_core::{api_action, api_model, api_object};'
        fi
        for ((i = 0; i < count; i++)); do
            cat <<EOF

/// Placement of thing $i.
#[api_object]
pub struct Thing${i}Spec {
    /// Size in GB.
    pub size: i64,
    /// Kind of the thing.
    pub kind: Option<String>,
    /// Whether it is enabled.
    pub enabled: Option<bool>,
}

/// Thing $i as the API describes it.
#[api_model]
pub struct Thing${i}Info {
    /// Id of the thing.
    pub thing_id: String,
    /// Name of the thing.
    pub name: String,
    /// Size in GB.
    pub size: i64,
    /// Creation time.
    pub create_time: i64,
    /// Tags of the thing.
    pub tags: Vec<String>,
}

/// Lists things of kind $i.
#[api_action("DescribeThing$i")]
#[response(
    /// How many there are.
    total_count: i64,
    /// The things.
    thing_set: Vec<Thing${i}Info>,
)]
pub struct DescribeThing$i {
    /// Id of the thing.
    pub thing_id: String,
    /// Name filter.
    pub name: Option<String>,
    /// Offset of the first.
    pub offset: Option<i64>,
    /// How many at most.
    pub limit: Option<i64>,
    /// Ids to list.
    pub ids: Vec<String>,
    /// Placement.
    pub spec: Option<Thing${i}Spec>,
}
EOF
        done
    } >"$dir/src/lib.rs"
}

# best_build DIR: "cpu wall" seconds of the best of $repeat clean builds.
best_build() {
    local dir=$1 best_cpu='' best_wall='' cpu wall
    CARGO_TARGET_DIR=$target cargo build -q --offline --manifest-path "$dir/Cargo.toml"
    for ((r = 0; r < repeat; r++)); do
        CARGO_TARGET_DIR=$target cargo clean -q --offline -p gen --manifest-path "$dir/Cargo.toml"
        read -r wall cpu < <(
            /usr/bin/time -f '%e %U %S' \
                env CARGO_TARGET_DIR="$target" cargo build -q --offline --manifest-path "$dir/Cargo.toml" \
                2>&1 >/dev/null | tail -1 | awk '{print $1, $2 + $3}'
        )
        if [ -z "$best_cpu" ] || awk "BEGIN{exit !($cpu < $best_cpu)}"; then
            best_cpu=$cpu
            best_wall=$wall
        fi
    done
    echo "$best_cpu $best_wall"
}

make_crate "$work/empty" 0
make_crate "$work/full" "$n"
read -r cpu0 wall0 < <(best_build "$work/empty")
read -r cpun walln < <(best_build "$work/full")
awk -v n="$n" -v c0="$cpu0" -v w0="$wall0" -v cn="$cpun" -v wn="$walln" 'BEGIN {
    printf "N = 0:   %.2f s CPU, %.2f s wall\n", c0, w0
    printf "N = %d: %.2f s CPU, %.2f s wall\n", n, cn, wn
    printf "per action: %.1f ms CPU, %.1f ms wall\n", (cn - c0) * 1000 / n, (wn - w0) * 1000 / n
}'
