#!/usr/bin/env bash
# The main job: install, build, and evaluate the bundled corpus/ against rules/ into out/.
# Extra arguments go to `indicheck evaluate` (e.g. --profile FILE, --format html,json).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/build.sh
build/cli/indicheck evaluate "$@"
