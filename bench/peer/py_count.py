#!/usr/bin/env python3
"""The Python peer of issue 16: what a researcher would write to count the same terms.

    python3 bench/peer/py_count.py TERMS.txt DIR...

Reads every file under DIR (skipping hidden files, as `indicheck evaluate` does), decodes it
(UTF-8, else GB18030), applies NFKC, and counts every occurrence of every term (one term a
line, as `indicheck-bench-pipeline --dump-terms` writes them) with str.count. Prints the number
of files, bytes and the total count, so a run can be checked against another. No rules, no
outline, no outputs: a lower bound on what a Python tool doing Indicheck's job would cost.
"""
import os
import sys
import unicodedata


def read_text(path):
    with open(path, "rb") as f:
        raw = f.read()
    try:
        return raw.decode("utf-8"), len(raw)
    except UnicodeDecodeError:
        return raw.decode("gb18030", errors="replace"), len(raw)


def files_under(root):
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in sorted(filenames):
            if not name.startswith("."):
                yield os.path.join(dirpath, name)


def main(argv):
    if len(argv) < 3:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    with open(argv[1], encoding="utf-8") as f:
        terms = [unicodedata.normalize("NFKC", t) for t in f.read().split("\n") if t]
    files = size = total = 0
    for root in argv[2:]:
        for path in files_under(root):
            text, n = read_text(path)
            text = unicodedata.normalize("NFKC", text)
            files += 1
            size += n
            total += sum(text.count(t) for t in terms)
    print(f"{files} files, {size} bytes, {total} term occurrences")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
