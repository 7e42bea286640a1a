#!/usr/bin/env bash
# Builds the libFuzzer targets (tests/fuzz/) with clang, ASan+UBSan and coverage instrumentation
# into their own build folder, then runs each target for SECONDS and prints, per target, the
# executions, the coverage reached (edges, features), the inputs slower than 10 s, and the
# findings (crash, sanitizer report, leak, timeout, out-of-memory: each saved as a file). Exit
# status 1 when anything was found.
#
#   scripts/fuzz.sh SECONDS [TARGET...]     (targets: document html docx pdf xlsx rules profile
#                                            matcher; default all, one after the other)
#
# SECONDS 0 builds and runs each target once over its corpus and seeds (-runs=0), no fuzzing.
#
# The corpus each run grows is kept in $INDICHECK_FUZZ_BUILD_DIR/corpus/<target>/ (default
# build-fuzz/) and seeds the next run, together with the target's seed folders (the project's
# reports, rule packs and fixture files, see tests/fuzz/CMakeLists.txt) and
# tests/fuzz/regressions/<target>/. A finding is written to build-fuzz/findings/<target>/: reproduce
# it with `build-fuzz/tests/fuzz/<target>_fuzzer FILE`, fix it, and add the file to
# tests/fuzz/regressions/<target>/ so that ctest replays it on every build (docs/reliability.md).
# Runs under `nice`; INDICHECK_FUZZ_JOBS (default 2) sets the build's parallelism.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ $# -lt 1 ] || ! [[ $1 =~ ^[0-9]+$ ]]; then
  echo "usage: scripts/fuzz.sh SECONDS [TARGET...]" >&2
  exit 2
fi
seconds=$1
shift
all_targets=(document html docx pdf xlsx rules profile matcher)
targets=("$@")
[ ${#targets[@]} -eq 0 ] && targets=("${all_targets[@]}")

build_dir=${INDICHECK_FUZZ_BUILD_DIR:-build-fuzz}
launcher=()
if command -v ccache >/dev/null; then
  launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache -DCMAKE_C_COMPILER_LAUNCHER=ccache)
fi
cmake -S . -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DCMAKE_CXX_COMPILER=clang++ -DCMAKE_C_COMPILER=clang -DINDICHECK_FUZZ=ON \
  -DINDICHECK_BUILD_TESTS=OFF -DINDICHECK_BUILD_BENCH=OFF "${launcher[@]}" >/dev/null
build_targets=()
for t in "${targets[@]}"; do build_targets+=("${t}_fuzzer"); done
nice cmake --build "$build_dir" --parallel "${INDICHECK_FUZZ_JOBS:-2}" --target "${build_targets[@]}"

dict_for() {
  case $1 in
    document | matcher | html) echo tests/fuzz/dict/report.dict ;;
    docx | xlsx) echo tests/fuzz/dict/ooxml.dict ;;
    pdf) echo tests/fuzz/dict/pdf.dict ;;
    rules | profile) echo tests/fuzz/dict/yaml.dict ;;
  esac
}

# Longest input libFuzzer makes: by default the size of the largest seed. The document target
# is about text (decoding, outline, metadata): 64 KiB instead of its 430 KB PDF seeds (3
# executions a second in a 600 s run); the format readers keep their largest seed's size.
max_len_for() {
  case $1 in
    document) echo -max_len=65536 ;;
  esac
}

# An input taking longer than this is a hang. The rules target loads, compiles and runs the
# examples of a whole shipped pack per input: 0.8 s uninstrumented, 10-25 s under ASan and
# coverage on a loaded machine, so its limit is 120 s. Inputs over 10 s are kept as slow-unit-*
# files and counted in the "slow" column, not as findings.
timeout_for() {
  case $1 in
    rules) echo -timeout=120 ;;
    *) echo -timeout=30 ;;
  esac
}

# A leak is a finding; detect_leaks is on by default in libFuzzer builds.
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:allocator_may_return_null=0}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}

summary=()
found_any=0
for t in "${targets[@]}"; do
  corpus=$build_dir/corpus/$t
  findings=$build_dir/findings/$t
  log=$build_dir/logs/$t.log
  mkdir -p "$corpus" "$findings" "$(dirname "$log")"
  mapfile -t seeds <"$build_dir/tests/fuzz/${t}_fuzzer.seeds"
  count_findings() {
    find "$findings" -type f \( -name 'crash-*' -o -name 'leak-*' -o -name 'timeout-*' \
      -o -name 'oom-*' \) | wc -l
  }
  before=$(count_findings)
  slow_before=$(find "$findings" -type f -name 'slow-unit-*' | wc -l)
  echo "fuzz: $t for ${seconds}s (log $log)"
  status=0
  # -timeout: one input taking over 30 s (rules: 120 s, see timeout_for) is a hang;
  # -rss_limit_mb: over 2 GB is a finding.
  limit=(-max_total_time="$seconds")
  [ "$seconds" -eq 0 ] && limit=(-runs=0)
  nice "$build_dir/tests/fuzz/${t}_fuzzer" "${limit[@]}" \
    -rss_limit_mb=2048 $(max_len_for "$t") -dict="$(dict_for "$t")" -artifact_prefix="$findings/" \
    -print_final_stats=1 "$(timeout_for "$t")" "$corpus" tests/fuzz/regressions/"$t" "${seeds[@]}" >"$log" 2>&1 ||
    status=$?
  after=$(count_findings)
  new=$((after - before))
  slow=$(($(find "$findings" -type f -name 'slow-unit-*' | wc -l) - slow_before))
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -1)
  rss=$(sed -n 's/^stat::peak_rss_mb: *//p' "$log" | tail -1)
  last=$(grep -E '^#[0-9]+' "$log" | tail -1 || true)
  cov=$(sed -n 's/.* cov: \([0-9]*\).*/\1/p' <<<"$last")
  ft=$(sed -n 's/.* ft: \([0-9]*\).*/\1/p' <<<"$last")
  corp=$(sed -n 's/.* corp: \([0-9]*\)\/.*/\1/p' <<<"$last")
  if [ "$status" -ne 0 ] || [ "$new" -gt 0 ]; then
    found_any=1
    grep -E 'ERROR: (AddressSanitizer|LeakSanitizer|libFuzzer)|runtime error|fuzz finding' "$log" |
      head -3 | sed 's/^/    /' || true
  fi
  summary+=("$(printf '%-9s %12s %8s %7s %7s %7s %7s %5s %9s %4s' "$t" "${execs:-?}" "${rate:-?}" \
    "${cov:-?}" "${ft:-?}" "${corp:-?}" "${rss:-?}" "$slow" "$new" "$status")")
done

echo
printf '%-9s %12s %8s %7s %7s %7s %7s %5s %9s %4s\n' target executions exec/s cov ft corpus rss_mb slow findings exit
printf '%s\n' "${summary[@]}"
exit "$found_any"
