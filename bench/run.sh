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
#   - `indicheck evaluate` end to end (csv; json+csv; and all outputs with HTML) on 1 job and
#     on all cores: wall and CPU time, MB/s and peak RSS (/usr/bin/time);
#   - `rg -F -c -f terms.txt` over the same files, 1 thread and all cores, `rg -F
#     --count-matches` (every match), and the Python peer bench/peer/py_count.py (read, NFKC,
#     str.count of every term); then the ratios of Indicheck end to end (issue 16's goal: at
#     least the throughput of rg --count-matches, and 50x the Python peer) and of its
#     Vectorscan pass to them.
#
# Environment: SEED (default 1), INDICHECK_BENCH_BUILD (build dir, default build-bench),
# BUILD_TYPE (CMake build type, default Release), BUILD_JOBS (compile parallelism, default 2),
# SKIP_PEER=1 to skip the Python peer (it takes ~0.5 s per MB), EVAL_FORMATS (the --format
# values timed, default "csv json,csv"), SKIP_HTML=1 to skip the all-outputs run, MEM_LIMIT_GB
# (address-space cap per timed run, default 12), TIMEOUT_S (per timed run, default 900).
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
# Every run compiles its rules, as the figures before the compiled-database cache did (the
# cache saves ~0.1 s a run: docs/performance.md).
export INDICHECK_CACHE=off

log() { echo "run.sh: $*" >&2; }

# ---- build ---------------------------------------------------------------------------------
log "building Release in $BUILD"
cmake -S "$ROOT" -B "$BUILD" -G Ninja -DCMAKE_BUILD_TYPE="${BUILD_TYPE:-Release}" >/dev/null
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

FILES=$(find "$CORPUS/" -type f -not -name '.*' | wc -l)
BYTES=$(find "$CORPUS/" -type f -not -name '.*' -printf '%s\n' | awk '{s+=$1} END {print s}')
MB=$(awk -v b="$BYTES" 'BEGIN {printf "%.1f", b/1e6}')
# Warm the page cache so every tool reads from memory (the figures are CPU figures).
find "$CORPUS/" -type f -not -name '.*' -print0 | xargs -0 cat >/dev/null

# Runs a command under /usr/bin/time with a memory cap and a time limit (the machine is shared:
# a run that would take all its memory or an hour is reported as such, not waited for). Sets
# WALL (s), CPU (user + sys s), RSS (MB) and RC (exit code; 124 = timed out, 3 = e.g. out of
# memory under the cap).
timed() {
  local t
  # Dirty pages left by the previous run's gigabytes of output would throttle this run's
  # writes to the disk's speed (balance_dirty_pages): start each timed run with none.
  sync
  t=$(mktemp)
  RC=0
  (
    ulimit -v $((${MEM_LIMIT_GB:-12} * 1024 * 1024))
    exec /usr/bin/time -f '%e %M %U %S' -o "$t" timeout "${TIMEOUT_S:-900}" "$@" >/dev/null 2>"$t.err"
  ) || RC=$?
  if [[ $RC -gt 1 ]]; then log "exit $RC: $*"; tail -3 "$t.err" >&2; fi
  read -r WALL RSS_KB USER_S SYS_S < <(grep -E '^[0-9.]+ [0-9]+ ' "$t" || echo "0 0 0 0")
  RSS=$(awk -v k="$RSS_KB" 'BEGIN {printf "%.0f", k/1024}')
  CPU=$(awk -v u="$USER_S" -v s="$SYS_S" 'BEGIN {printf "%.2f", u+s}')
  # Phases printed by `indicheck evaluate --stats` (empty for other commands).
  SCAN_S=$(awk '/^  read \+ match/ {print $4}' "$t.err")
  WRITE_S=$(awk '/^  write / {print $2}' "$t.err")
  rm -f "$t" "$t.err"
}
status() { case $RC in 0|1) echo ok ;; 124) echo "timed out (${TIMEOUT_S:-900} s)" ;; *) echo "exit $RC" ;; esac; }
rate() { awk -v b="$BYTES" -v s="$1" 'BEGIN {printf "%.1f", (s > 0 ? b/1e6/s : 0)}'; }

{
  echo "# Indicheck bench: $SIZE corpus (seed $SEED)"
  echo
  echo "- date: $(date -u '+%Y-%m-%d %H:%M UTC')"
  echo "- machine: $CORES cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(awk '/MemTotal/ {printf "%.1f GB", $2/1e6}' /proc/meminfo) RAM"
  echo "- build: ${BUILD_TYPE:-Release}, $(c++ --version | head -1), commit $(git -C "$ROOT" rev-parse --short HEAD)"
  echo "- corpus: $FILES files, $MB MB in $CORPUS (\`indicheck-gen --size $SIZE --seed $SEED\`), warm page cache"
  echo "- command: \`bench/run.sh $SIZE\`"
  echo "- load average at start: $(cut -d' ' -f1-3 /proc/loadavg) (CPU-second rates are the robust figures on a shared machine)"
  echo

  # ---- per-stage bench ---------------------------------------------------------------------
  log "per-stage bench on $SIZE"
  STAGES=$(mktemp)
  "$BENCH" --jobs "$CORES" --render-subset 1000 --dump-terms "$DATA/terms.txt" "$CORPUS" |
    sed 's/^## /### /' | tee "$STAGES"
  # CPU seconds of the Vectorscan pass alone, for the ripgrep ratio below.
  PASS_CPU=$(awk -F'|' '/of which Hyperscan pass/ {gsub(/ /, "", $3); print $3; exit}' "$STAGES")
  rm -f "$STAGES"
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
  echo "Phases from \`--stats\`: *read + match* is the parallel phase (all workers, each report's"
  echo "evidence written to a temporary file as it is scanned), *write* renders every output from"
  echo "that file (results.json and evidence.csv on --jobs threads) and writes it."
  echo
  echo "| outputs | jobs | wall s | MB/s (wall) | CPU s | MB per CPU-second | read + match s | write s | peak RSS MB | status |"
  echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|---|"
  for formats in ${EVAL_FORMATS:-csv json,csv}; do
    for jobs in 1 "$CORES"; do
      rm -rf "$OUT"
      log "evaluate --jobs $jobs --format $formats"
      timed "$INDICHECK" evaluate "$CORPUS" --quiet --stats --jobs "$jobs" --format "$formats" --out "$OUT"
      echo "| $formats | $jobs | $WALL | $(rate "$WALL") | $CPU | $(rate "$CPU") | $SCAN_S | $WRITE_S | $RSS | $(status) |"
      if [[ $formats == csv && $jobs == 1 ]]; then E2E_CPU=$CPU; fi
    done
  done
  if [[ ${SKIP_HTML:-0} != 1 ]]; then
    rm -rf "$OUT"
    log "evaluate --jobs $CORES (all outputs)"
    timed "$INDICHECK" evaluate "$CORPUS" --quiet --stats --jobs "$CORES" --out "$OUT"
    echo "| all (html, md, json, csv) | $CORES | $WALL | $(rate "$WALL") | $CPU | $(rate "$CPU") | $SCAN_S | $WRITE_S | $RSS | $(status) |"
  fi
  rm -rf "$OUT"
  echo

  # ---- ripgrep reference ----------------------------------------------------------------------
  echo "### Reference: rg -F -c -f terms.txt ($(wc -l <"$DATA/terms.txt") literals)"
  echo
  echo "| threads | wall s | MB/s (wall) | CPU s | MB per CPU-second |"
  echo "|---:|---:|---:|---:|---:|"
  timed rg -j1 -F -c -f "$DATA/terms.txt" "$CORPUS"  # once untimed: page cache after evaluate
  for j in 1 "$CORES"; do
    log "rg -j$j"
    timed rg -j"$j" -F -c -f "$DATA/terms.txt" "$CORPUS"
    echo "| $j | $WALL | $(rate "$WALL") | $CPU | $(rate "$CPU") |"
    if [[ $j == 1 ]]; then RG1_CPU=$CPU; fi
  done
  # Every match, not just matching lines: closer to what the Vectorscan pass reports.
  log "rg -j1 --count-matches"
  timed rg -j1 -F --count-matches -f "$DATA/terms.txt" "$CORPUS"
  echo "| 1 (--count-matches) | $WALL | $(rate "$WALL") | $CPU | $(rate "$CPU") |"
  RG_ALL_CPU=$CPU
  PEER_CPU=0
  if [[ ${SKIP_PEER:-0} != 1 ]]; then
    log "python peer (bench/peer/py_count.py)"
    timed python3 "$ROOT/bench/peer/py_count.py" "$DATA/terms.txt" "$CORPUS"
    echo "| 1 (Python peer: NFKC + str.count per term) | $WALL | $(rate "$WALL") | $CPU | $(rate "$CPU") |"
    PEER_CPU=$CPU
  fi
  echo
  ratio() { awk -v a="$1" -v b="$2" 'BEGIN {printf (a > 0 && b > 0 ? "%.2fx" : "n/a"), a / b}'; }
  echo "Throughput ratios, CPU seconds on 1 thread (issue 16's goal: end to end >= 1.00x of"
  echo "\`rg --count-matches\` and >= 50x the Python peer; higher is faster for Indicheck):"
  echo
  echo "- \`indicheck evaluate --format csv --jobs 1\` vs \`rg -F --count-matches\`: $(ratio "$RG_ALL_CPU" "${E2E_CPU:-0}")"
  echo "- \`indicheck evaluate --format csv --jobs 1\` vs the Python peer: $(ratio "$PEER_CPU" "${E2E_CPU:-0}")"
  echo "- \`indicheck evaluate --format csv --jobs 1\` vs \`rg -F -c\`: $(ratio "$RG1_CPU" "${E2E_CPU:-0}")"
  echo "- Vectorscan pass alone vs \`rg -F --count-matches\`: $(ratio "$RG_ALL_CPU" "${PASS_CPU:-0}")"
  echo
} | tee "$REPORT"
log "written $REPORT"
