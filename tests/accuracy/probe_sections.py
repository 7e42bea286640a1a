#!/usr/bin/env python3
"""Section precision and recall on the openings of report pages from other sites.

tests/devcorpus/probe/sections.tsv holds two independent labellers' section calls on 217 of
the openings of tests/devcorpus/probe/openings.tsv (those on 2021 or later). Each labeller saw
only the rubric (tests/devcorpus/RUBRIC.md) and the opening, never the engine or its output.
One row per opening and section that at least one labeller called evidenced:

    id  part  section  x  y        (x, y: sure | borderline | -)

and one row with section `-` for an opening neither labeller credited with anything. The
openings are split by a fixed random draw into a dev half, whose errors may be read and acted
on, and a test half, read as totals only.

The openings themselves are third-party text and are not stored (see probe_openings.py): save
each as DIR/<id>.txt to rerun

    python3 tests/accuracy/probe_sections.py --bin build/cli/indicheck --texts DIR [--part dev]

A section is the engine's when an item under it is met or partial (as in devcorpus.py). The
figures are computed over the calls the two labellers agree on (both evidenced, or neither);
a section only one of them called is disputed and is counted apart.
"""
import argparse
import collections
import csv
import json
import pathlib
import subprocess
import sys
import tempfile

from devcorpus import SECTIONS  # the 32 sections of the rubric, in order

ROOT = pathlib.Path(__file__).resolve().parents[2]


def load_labels(path):
    """{id: (part, {section: (x, y)})} from sections.tsv."""
    labels = {}
    for r in csv.DictReader(open(path, encoding="utf-8"), delimiter="\t"):
        part, calls = labels.setdefault(r["id"], (r["part"], {}))
        if r["section"] != "-":
            calls[r["section"]] = (r["x"] != "-", r["y"] != "-")
    return labels


def engine_sections(bin_path, files, gate=None, rules=None):
    with tempfile.TemporaryDirectory() as tmp:
        extra = (["--gate", gate] if gate else []) + (["--rules", rules] if rules else [])
        subprocess.run([bin_path, "evaluate", *files, "--framework", "gangyao-2021", "--format",
                        "json", "--out", tmp, "--quiet", "--date", "2026-01-01", *extra],
                       check=False, stdout=subprocess.DEVNULL)
        results = json.load(open(pathlib.Path(tmp) / "results.json", encoding="utf-8"))
    found = {}
    for r in results["reports"]:
        secs = set()
        for fw in r.get("results", []):
            if fw["framework"] != "gangyao-2021":
                continue
            for item in fw["items"]:
                sec = ".".join(item["id"].split(".")[:2])
                if sec in SECTIONS and item["state"] in ("met", "partial"):
                    secs.add(sec)
        found[pathlib.Path(r["path"]).stem] = secs
    return found


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", default=str(ROOT / "build" / "cli" / "indicheck"))
    ap.add_argument("--texts", required=True, help="folder holding <id>.txt for each opening")
    ap.add_argument("--labels", default=str(ROOT / "tests/devcorpus/probe/sections.tsv"))
    ap.add_argument("--part", default="all", choices=["dev", "test", "all"])
    ap.add_argument("--gate", default=None, help="evidence gate: default, off or a model file "
                    "(default: the engine's default, off)")
    ap.add_argument("--rules", default=None, help="rules folder (default: the engine's, rules/)")
    ap.add_argument("--details", action="store_true",
                    help="print each dev opening's errors (never the test half's)")
    args = ap.parse_args()
    labels = load_labels(args.labels)
    texts = pathlib.Path(args.texts)
    ids = sorted(i for i, (part, _) in labels.items()
                 if (args.part == "all" or part == args.part) and (texts / f"{i}.txt").exists())
    if not ids:
        print(f"no labelled opening saved in {texts}")
        return 1
    found = engine_sections(args.bin, [str(texts / f"{i}.txt") for i in ids], args.gate, args.rules)
    totals = collections.defaultdict(collections.Counter)
    per_section = collections.defaultdict(collections.Counter)
    for i in ids:
        part, calls = labels[i]
        t = totals[part]
        t["n"] += 1
        errors = []
        for s in SECTIONS:
            x, y = calls.get(s, (False, False))
            got = s in found.get(i, set())
            if x != y:
                t["disputed"] += 1
                t["disputed_credited"] += got
                continue
            key = ("tp" if got else "fn") if x else ("fp" if got else "tn")
            t[key] += 1
            if part == "dev":
                per_section[s][key] += 1
            if key in ("fp", "fn"):
                errors.append(("+" if got else "-") + s)
        if args.details and part == "dev" and errors:
            print(f"{i:6} {' '.join(errors)}")
    if args.details:
        for s in SECTIONS:
            c = per_section[s]
            if c["fp"] or c["fn"]:
                print(f"dev section {s:5} tp {c['tp']:3} fp {c['fp']:3} fn {c['fn']:3}")
    for part in ("dev", "test"):
        t = totals.get(part)
        if not t:
            continue
        p = t["tp"] / (t["tp"] + t["fp"]) if t["tp"] + t["fp"] else 1.0
        r = t["tp"] / (t["tp"] + t["fn"]) if t["tp"] + t["fn"] else 1.0
        print(f"{part}: {t['n']} openings  sections precision {p:.3f} ({t['tp']}/{t['tp'] + t['fp']})"
              f"  recall {r:.3f} ({t['tp']}/{t['tp'] + t['fn']})  disputed {t['disputed']}"
              f" (engine credits {t['disputed_credited']})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
