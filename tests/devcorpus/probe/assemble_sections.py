#!/usr/bin/env python3
"""Build sections.tsv from two labellers' files and report their agreement.

Each labeller wrote LABELS/labels-<batch>-<x|y>.tsv (id, section, line, quote, sure|borderline;
or id, `-`) for the ids of LABELS/batch-<batch>.txt. Batches named in --dev form the dev half,
the others the test half. Quotes are checked against the openings (TEXTS/<id>.txt) but not
copied: the openings are third-party text.

Usage: assemble_sections.py --labels DIR --texts DIR --dev A,B > sections.tsv
"""
import argparse
import collections
import pathlib
import sys
import unicodedata

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[2] / "accuracy"))
from devcorpus import SECTIONS  # noqa: E402  (the 32 sections of the rubric, in order)


def read(path, ids, texts, problems):
    """{id: {section: sure|borderline}} of one labeller's file."""
    calls = {}
    for n, raw in enumerate(open(path, encoding="utf-8"), 1):
        f = raw.rstrip("\n").split("\t")
        if not f[0].strip():
            continue
        i = f[0].strip()
        if i not in ids:
            problems.append(f"{path.name}:{n}: id {i} not in the batch")
            continue
        got = calls.setdefault(i, {})
        if len(f) < 2 or f[1].strip() == "-":
            continue
        sec = f[1].strip()
        if sec not in SECTIONS or len(f) < 5:
            problems.append(f"{path.name}:{n}: bad row")
            continue
        lines = open(texts / f"{i}.txt", encoding="utf-8", errors="replace").read().split("\n")
        line, quote = int(f[2]), f[3]
        norm = lambda s: unicodedata.normalize("NFKC", s).replace(" ", "")
        if not (1 <= line <= len(lines) and norm(quote) in norm(lines[line - 1])):
            problems.append(f"{path.name}:{n}: quote not on line {line}")
        mark = f[4].strip() if f[4].strip() in ("sure", "borderline") else "sure"
        if got.get(sec) != "sure":  # several quotes for one section: the surest call
            got[sec] = mark
    for i in ids - calls.keys():
        problems.append(f"{path.name}: id {i} missing")
    return calls


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--labels", required=True)
    ap.add_argument("--texts", required=True)
    ap.add_argument("--dev", default="A,B", help="batches of the dev half")
    args = ap.parse_args()
    folder, texts = pathlib.Path(args.labels), pathlib.Path(args.texts)
    dev = set(args.dev.split(","))
    problems, rows = [], []
    agree = collections.Counter()
    for batch_file in sorted(folder.glob("batch-*.txt")):
        batch = batch_file.stem.split("-")[1]
        ids = set(batch_file.read_text(encoding="utf-8").split())
        x = read(folder / f"labels-{batch}-x.tsv", ids, texts, problems)
        y = read(folder / f"labels-{batch}-y.tsv", ids, texts, problems)
        part = "dev" if batch in dev else "test"
        for i in sorted(ids):
            cx, cy = x.get(i, {}), y.get(i, {})
            secs = [s for s in SECTIONS if s in cx or s in cy]
            for s in SECTIONS:
                a, b = s in cx, s in cy
                agree["both" if a and b else "one" if a or b else "none"] += 1
            for s in secs:
                rows.append(f"{i}\t{part}\t{s}\t{cx.get(s, '-')}\t{cy.get(s, '-')}")
            if not secs:
                rows.append(f"{i}\t{part}\t-\t-\t-")
    print("id\tpart\tsection\tx\ty")
    print("\n".join(rows))
    total = sum(agree.values())
    po = (agree["both"] + agree["none"]) / total
    # Scott's pi over all (opening, section) calls, each labeller's base rate from the pair.
    pos = (2 * agree["both"] + agree["one"]) / (2 * total)
    pe = pos * pos + (1 - pos) * (1 - pos)
    print(f"calls {total}: both {agree['both']}, one {agree['one']}, none {agree['none']};"
          f" agreement {po:.3f}, positive agreement "
          f"{2 * agree['both'] / (2 * agree['both'] + agree['one']):.3f}, Scott's pi {(po - pe) / (1 - pe):.3f}",
          file=sys.stderr)
    for p in problems:
        print(p, file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
