#!/usr/bin/env bash
# Installs dependencies (Debian packages) and builds Indicheck into build/ (or $INDICHECK_BUILD_DIR).
# Extra arguments are passed to CMake's configure step, e.g. -DINDICHECK_SANITIZE=ON.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
build_dir=${INDICHECK_BUILD_DIR:-build}
cmake -S . -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo "$@" >/dev/null
cmake --build "$build_dir" --parallel "$(nproc)"
