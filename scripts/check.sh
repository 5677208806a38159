#!/usr/bin/env bash
# Everything CI checks and more, before a commit: formatting, lints, tests, and that the
# benches still build.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo fmt --check
cargo clippy --locked --all-targets -- -D warnings
cargo test --locked
