#!/usr/bin/env bash
# Install, build, and run every test suite (unit, differential, end-to-end).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/build.sh
ctest --test-dir build --output-on-failure --parallel "$(nproc)"
