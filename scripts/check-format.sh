#!/usr/bin/env bash
# Checks that the C++ lines a change touches follow .clang-format: `clang-format --dry-run
# -Werror` on every C++ file changed since BASE (default HEAD~1), limited to the changed lines
# (--lines), so it holds before the one commit that formats the whole tree and after it.
# --whole-files checks the changed files entirely. Exit 0 when clean, 1 on a formatting
# difference (clang-format prints each one), 2 when clang-format is missing.
#
#   scripts/check-format.sh [--whole-files] [BASE]
#
# Skipped (exit 0, with a note) when there is no git history to compare with: not a git
# checkout, or BASE not in a shallow clone.
set -euo pipefail
cd "$(dirname "$0")/.."

whole=0
base=HEAD~1
while [ $# -gt 0 ]; do
  case "$1" in
    --whole-files) whole=1; shift ;;
    -h|--help) sed -n '2,12p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) base=$1; shift ;;
  esac
done

if ! command -v clang-format >/dev/null; then
  echo "check-format: needs clang-format (apt-get install -y clang-format)" >&2
  exit 2
fi
if ! git rev-parse --is-inside-work-tree >/dev/null 2>&1 ||
   ! git rev-parse --verify -q "$base^{commit}" >/dev/null; then
  echo "check-format: skipped, no git history to compare with ($base)" >&2
  exit 0
fi

mapfile -t files < <(git diff --name-only --diff-filter=ACMR "$base" -- \
  '*.cpp' '*.cc' '*.h' '*.hpp' | LC_ALL=C sort)
if [ ${#files[@]} -eq 0 ]; then
  echo "check-format: no C++ file changed since $base" >&2
  exit 0
fi

status=0
for f in "${files[@]}"; do
  [ -f "$f" ] || continue
  args=()
  if [ $whole -eq 0 ]; then
    # New-side line ranges of the hunks: "@@ -a,b +c,d @@" -> --lines=c:c+d-1 (d = 0: deletion).
    mapfile -t args < <(git diff -U0 --no-color "$base" -- "$f" |
      sed -n 's/^@@ -[0-9,]* +\([0-9]*\)\(,\([0-9]*\)\)\{0,1\} @@.*/\1 \3/p' |
      awk '{ n = ($2 == "") ? 1 : $2; if (n > 0) printf "--lines=%d:%d\n", $1, $1 + n - 1 }')
    [ ${#args[@]} -gt 0 ] || continue
  fi
  clang-format --dry-run -Werror "${args[@]}" "$f" || status=1
done
if [ $status -ne 0 ]; then
  echo "check-format: formatting differs from .clang-format (fix with: git clang-format $base)" >&2
else
  echo "check-format: ${#files[@]} changed C++ file(s) since $base follow .clang-format" >&2
fi
exit $status
