#!/usr/bin/env bash
# Lists every production function longer than LIMIT lines (default 150) and every production
# source file longer than FILE_LIMIT lines (default 800), and exits 1 when there is any; 0 when
# there is none, 2 when it cannot measure. The issue 15 rule: a function that does not fit on
# two screens is doing several jobs; a file over 800 lines holds several stages' worth.
#
#   scripts/function-lengths.sh [--limit N] [--file-limit N] [--allow FILE] [DIR...]
#
# Known exceptions are listed in scripts/function-lengths.allow (or --allow FILE), one per line:
#   path:function  reason
# (path:(file) for a file). A listed one is printed as "allowed" and does not fail the check; an
# entry that no longer matches anything is reported so the list shrinks as the code is fixed.
#
# DIRs default to the production directories engine/ scoring/ reports/ run/ cli/ (tests/ and
# bench/ are not production code). Function lengths come from Universal Ctags' end lines
# (`ctags --fields=+ne --kinds-c++=f`): from the line of the name to the closing brace, so a
# lambda is measured too (named __anon…, inside its function). Output, longest first:
#   path:line name length
# and for files:
#   path:1 (file) length
set -euo pipefail
cd "$(dirname "$0")/.."

limit=150
file_limit=800
allow_file=scripts/function-lengths.allow
dirs=()
while [ $# -gt 0 ]; do
  case "$1" in
    --limit) limit=$2; shift 2 ;;
    --file-limit) file_limit=$2; shift 2 ;;
    --allow) allow_file=$2; shift 2 ;;
    -h|--help) sed -n '2,21p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) dirs+=("$1"); shift ;;
  esac
done
if [ ${#dirs[@]} -eq 0 ]; then
  for d in engine scoring review run history reports cli; do [ -d "$d" ] && dirs+=("$d"); done
fi

if ! ctags --version 2>/dev/null | grep -q 'Universal Ctags'; then
  echo "function-lengths: needs Universal Ctags (apt-get install -y universal-ctags)" >&2
  exit 2
fi

mapfile -t files < <(find "${dirs[@]}" -type f \
  \( -name '*.cpp' -o -name '*.cc' -o -name '*.h' -o -name '*.hpp' \) | LC_ALL=C sort)
if [ ${#files[@]} -eq 0 ]; then
  echo "function-lengths: no source files under ${dirs[*]}" >&2
  exit 2
fi

found=$(
  {
    # Functions: one tag per line, tab-separated: name, path, pattern, then key:value fields.
    ctags --fields=+ne -o - --kinds-c++=f --language-force=C++ "${files[@]}" |
      awk -F'\t' -v limit="$limit" '{
        line = ""; end = ""
        for (i = 4; i <= NF; i++) {
          if ($i ~ /^line:/) line = substr($i, 6)
          else if ($i ~ /^end:/) end = substr($i, 5)
        }
        if (line == "" || end == "") next
        n = end - line + 1
        if (n > limit) printf "%d\t%s:%d %s %d\n", n, $2, line, $1, n
      }'
    # Files.
    for f in "${files[@]}"; do
      n=$(wc -l <"$f")
      [ "$n" -gt "$file_limit" ] && printf '%d\t%s:1 (file) %d\n' "$n" "$f" "$n"
    done
    true
  } | sort -t$'\t' -k1,1nr -k2,2 | cut -f2-
)

# Known exceptions: "path:function reason" lines (# comments and blank lines ignored).
allowed=()
used=()
if [ -f "$allow_file" ]; then
  while read -r key _; do
    [ -z "$key" ] || [ "${key:0:1}" = "#" ] || allowed+=("$key")
  done <"$allow_file"
fi
if [ ${#allowed[@]} -gt 0 ]; then
  kept=""
  while IFS= read -r row; do
    [ -n "$row" ] || continue
    # row: "path:line name length" -> key "path:name"
    read -r loc name _ <<<"$row"
    key="${loc%:*}:$name"
    hit=""
    for a in "${allowed[@]}"; do [ "$a" = "$key" ] && hit=$a; done
    if [ -n "$hit" ]; then
      echo "allowed: $row ($allow_file)"
      used+=("$hit")
    else
      kept+="$row"$'\n'
    fi
  done <<<"$found"
  for a in "${allowed[@]}"; do
    case " ${used[*]-} " in *" $a "*) ;; *)
      echo "function-lengths: $allow_file lists $a, which is no longer over the limit; remove it" >&2 ;;
    esac
  done
  found=${kept%$'\n'}
fi

if [ -n "$found" ]; then
  echo "$found"
  echo "function-lengths: $(echo "$found" | grep -vc ' (file) ') function(s) over $limit lines," \
    "$(echo "$found" | grep -c ' (file) ' || true) file(s) over $file_limit lines" >&2
  exit 1
fi
n_allowed=${#used[@]}
echo "function-lengths: no function over $limit lines, no file over $file_limit lines in" \
  "${dirs[*]}${used:+ but the $n_allowed allowed in $allow_file}" >&2
