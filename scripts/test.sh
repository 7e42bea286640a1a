#!/usr/bin/env bash
# Install, build, and run every test suite (unit, differential, end-to-end), then the code
# checks CI holds every change to: no production function over 150 lines or file over 800
# (scripts/function-lengths.sh, known exceptions in scripts/function-lengths.allow) and
# .clang-format on the C++ lines changed since CHECK_FORMAT_BASE (default HEAD~1;
# scripts/check-format.sh, skipped without git history). Builds into build/ or
# $INDICHECK_BUILD_DIR.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/build.sh
build_dir=${INDICHECK_BUILD_DIR:-build}
# The tests' compiled-rule databases are cached in the build tree, not the user's ~/.cache.
cache_dir=$build_dir/rules-cache
[[ $cache_dir = /* ]] || cache_dir=$PWD/$cache_dir
export INDICHECK_CACHE_DIR=${INDICHECK_CACHE_DIR:-$cache_dir}
ctest --test-dir "$build_dir" --output-on-failure --parallel "$(nproc)"
scripts/function-lengths.sh
scripts/check-format.sh "${CHECK_FORMAT_BASE:-HEAD~1}"
