#!/usr/bin/env bash
# Checks that a change leaves every output byte-identical: builds BASE (a git revision, default
# origin/main or HEAD~1) in a temporary worktree, runs `indicheck evaluate` of both builds on the
# bundled corpus and on a generated corpus (default 20MB, seed 1) with --jobs 1 and 2 and every
# format, and compares the output trees file by file. Exit 0 when all are identical.
#
#   scripts/compare-outputs.sh [BASE] [SIZE]
#
# Uses build/ for the current tree (built if needed) and $TMPDIR/indicheck-base-<sha> for BASE.
set -euo pipefail
cd "$(dirname "$0")/.."
base=${1:-$(git rev-parse --verify -q origin/main || git rev-parse HEAD~1)}
size=${2:-20MB}
sha=$(git rev-parse --short=12 "$base")
tmp=${TMPDIR:-/tmp}
cur_build=${INDICHECK_BUILD_DIR:-build}
work="$tmp/indicheck-compare-$sha-$(basename "$cur_build")"
wt="$tmp/indicheck-base-$sha"
mkdir -p "$work"
scripts/build.sh >/dev/null
if [ ! -x "$wt/build/cli/indicheck" ]; then
  rm -rf "$wt"; git worktree prune
  git worktree add --detach "$wt" "$sha" >/dev/null
  cmake -S "$wt" -B "$wt/build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DINDICHECK_BUILD_TESTS=OFF >/dev/null
  cmake --build "$wt/build" --parallel "$(nproc)" --target indicheck >/dev/null
fi

gen="$work/gen-$size"
if [ ! -f "$gen/.complete" ]; then
  rm -rf "$gen"
  "$cur_build/bench/gen/indicheck-gen" --size "$size" --seed 1 --out "$gen" >/dev/null
  touch "$gen/.complete"
fi

status=0
# Each binary runs from its own tree with the relative paths corpus/ and rules/, so the paths
# written into the outputs are the same on both sides.
for input in corpus "$gen"; do
  name=$(basename "$input")
  for jobs in 1 2; do
    for side in base cur; do
      if [ $side = base ]; then tree="$wt"; bin="$wt/build/cli/indicheck"; else
        tree=$PWD; bin="$PWD/$cur_build/cli/indicheck"; fi
      out="$work/$side-$name-j$jobs"
      rm -rf "$out"
      # Exit 1 means findings, not failure; anything above is a broken run.
      rc=0
      (cd "$tree" && "$bin" evaluate "$input" --rules rules --out "$out" --format all \
        --jobs "$jobs" --date 2026-01-01 --quiet) 2>"$out.stderr" || rc=$?
      echo "$rc" >"$out.rc"
      [ "$rc" -le 1 ] || { echo "compare-outputs: $side $name -j$jobs exited $rc" >&2; status=1; }
    done
    if diff -r -q "$work/base-$name-j$jobs" "$work/cur-$name-j$jobs" >"$work/diff-$name-j$jobs" &&
       cmp -s "$work/base-$name-j$jobs.rc" "$work/cur-$name-j$jobs.rc"; then
      echo "identical: $name --jobs $jobs ($(find "$work/cur-$name-j$jobs" -type f | wc -l) files)"
    else
      echo "DIFFERENT: $name --jobs $jobs (see $work/diff-$name-j$jobs)"; status=1
    fi
  done
done
exit $status
