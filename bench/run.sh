#!/usr/bin/env bash
# bench/run.sh SIZE — the one command for issue 7's figures.
#
# Builds Release, generates a SIZE corpus (100MB, 1GB, ...) into bench/data/ once (reused when
# present), and reports for it, as Markdown on stdout and in bench/data/results-SIZE.md:
#   - the machine and the date;
#   - rule load + compile time for every shipped pack;
#   - MB/s per stage (read, decode, normalize, outline, match, score, render) on 1 thread, and
#     read+document+match on 1 thread and on all cores (indicheck-bench-pipeline);
#   - the same stages on a Simplified-only, a Traditional-only and a GB18030-only corpus;
#   - `indicheck evaluate` end to end (json+csv outputs; and with HTML) on 1 job and on all
#     cores: wall time, MB/s and peak RSS (/usr/bin/time);
#   - `rg -F -c -f terms.txt` over the same files, 1 thread and all cores, as a ratio.
#
# Environment: SEED (default 1), INDICHECK_BENCH_BUILD (build dir, default build-bench),
# BUILD_JOBS (compile parallelism, default 2), SKIP_HTML=1 to skip the HTML end-to-end run.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
SIZE=${1:-100MB}
SEED=${SEED:-1}
BUILD=${INDICHECK_BENCH_BUILD:-$ROOT/build-bench}
CORES=$(nproc)
DATA=$ROOT/bench/data
CORPUS=$DATA/corpus-$SIZE-seed$SEED
OUT=$DATA/out-$SIZE
REPORT=$DATA/results-$SIZE.md
mkdir -p "$DATA"

log() { echo "run.sh: $*" >&2; }

# ---- build ---------------------------------------------------------------------------------
log "building Release in $BUILD"
cmake -S "$ROOT" -B "$BUILD" -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build "$BUILD" --parallel "${BUILD_JOBS:-2}" \
  --target indicheck indicheck-gen indicheck-bench-pipeline >/dev/null
GEN=$BUILD/bench/gen/indicheck-gen
BENCH=$BUILD/bench/pipeline/indicheck-bench-pipeline
INDICHECK=$BUILD/cli/indicheck

# ---- corpora (generated once; a .complete marker says the directory is whole) --------------
generate() {  # DIR ARGS...
  local dir=$1; shift
  if [[ ! -f $dir/.complete ]]; then
    rm -rf "$dir"
    log "generating $dir"
    "$GEN" --out "$dir" --seed "$SEED" "$@" >&2
    touch "$dir/.complete"
  fi
}
generate "$CORPUS" --size "$SIZE"
# Script/encoding variants for the "no worse than 2x slower" goal: 20 MB each.
generate "$DATA/variant-simplified" --size 20MB --traditional 0 --gb18030 0 --web 0
generate "$DATA/variant-traditional" --size 20MB --traditional 1 --gb18030 0 --web 0
generate "$DATA/variant-gb18030" --size 20MB --traditional 0 --gb18030 1 --web 0

FILES=$(find "$CORPUS" -type f -not -name '.*' | wc -l)
BYTES=$(find "$CORPUS" -type f -not -name '.*' -printf '%s\n' | awk '{s+=$1} END {print s}')
MB=$(awk -v b="$BYTES" 'BEGIN {printf "%.1f", b/1e6}')
# Warm the page cache so every tool reads from memory (the figures are CPU figures).
find "$CORPUS" -type f -not -name '.*' -print0 | xargs -0 cat >/dev/null

# Runs a command under /usr/bin/time; sets WALL (s) and RSS (MB).
timed() {
  local t
  t=$(mktemp)
  /usr/bin/time -f '%e %M' -o "$t" "$@" >/dev/null 2>"$t.err" || {
    local rc=$?
    if [[ $rc -gt 1 ]]; then log "failed ($rc): $*"; tail -5 "$t.err" >&2; fi
  }
  read -r WALL RSS_KB <"$t"
  RSS=$(awk -v k="$RSS_KB" 'BEGIN {printf "%.0f", k/1024}')
  rm -f "$t" "$t.err"
}
rate() { awk -v b="$BYTES" -v s="$1" 'BEGIN {printf "%.1f", (s > 0 ? b/1e6/s : 0)}'; }

{
  echo "# Indicheck bench: $SIZE corpus (seed $SEED)"
  echo
  echo "- date: $(date -u '+%Y-%m-%d %H:%M UTC')"
  echo "- machine: $CORES cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(awk '/MemTotal/ {printf "%.1f GB", $2/1e6}' /proc/meminfo) RAM"
  echo "- build: Release, $(c++ --version | head -1), commit $(git -C "$ROOT" rev-parse --short HEAD)"
  echo "- corpus: $FILES files, $MB MB in $CORPUS (\`indicheck-gen --size $SIZE --seed $SEED\`), warm page cache"
  echo "- command: \`bench/run.sh $SIZE\`"
  echo

  # ---- per-stage bench ---------------------------------------------------------------------
  log "per-stage bench on $SIZE"
  "$BENCH" --jobs "$CORES" --dump-terms "$DATA/terms.txt" "$CORPUS" | sed 's/^## /### /'
  echo
  echo "### Script and encoding variants (20 MB each, stages on 1 thread)"
  echo
  for v in simplified traditional gb18030; do
    echo "#### $v"
    echo
    "$BENCH" --compile-repeat 1 --no-parallel --render-subset 200 "$DATA/variant-$v" |
      sed -n '/^| stage/,/^$/p'
  done

  # ---- end to end ----------------------------------------------------------------------------
  echo "### indicheck evaluate, end to end"
  echo
  echo "| outputs | jobs | wall s | MB/s | MB/s per core | peak RSS MB |"
  echo "|---|---:|---:|---:|---:|---:|"
  for jobs in 1 "$CORES"; do
    rm -rf "$OUT"
    log "evaluate --jobs $jobs (json,csv)"
    timed "$INDICHECK" evaluate "$CORPUS" --quiet --jobs "$jobs" --format json,csv --out "$OUT"
    r=$(rate "$WALL")
    echo "| json+csv | $jobs | $WALL | $r | $(awk -v r="$r" -v j="$jobs" 'BEGIN {printf "%.1f", r/j}') | $RSS |"
  done
  if [[ ${SKIP_HTML:-0} != 1 ]]; then
    rm -rf "$OUT"
    log "evaluate --jobs $CORES (all outputs)"
    timed "$INDICHECK" evaluate "$CORPUS" --quiet --jobs "$CORES" --out "$OUT"
    r=$(rate "$WALL")
    echo "| all (html, md, json, csv) | $CORES | $WALL | $r | $(awk -v r="$r" -v j="$CORES" 'BEGIN {printf "%.1f", r/j}') | $RSS |"
  fi
  rm -rf "$OUT"
  echo

  # ---- ripgrep reference ----------------------------------------------------------------------
  echo "### Reference: rg -F -c -f terms.txt ($(wc -l <"$DATA/terms.txt") literals)"
  echo
  echo "| threads | wall s | MB/s |"
  echo "|---:|---:|---:|"
  for j in 1 "$CORES"; do
    log "rg -j$j"
    timed rg -j"$j" -F -c -f "$DATA/terms.txt" "$CORPUS"
    echo "| $j | $WALL | $(rate "$WALL") |"
  done
  echo
} | tee "$REPORT"
log "written $REPORT"
