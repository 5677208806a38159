#!/usr/bin/env bash
# Before a commit: exactly what CI checks (formatting, lints, tests; see .ci/run).
set -euo pipefail
exec "$(dirname "$0")/../.ci/run"
