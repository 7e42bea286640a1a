#!/usr/bin/env python3
"""Read the errors of the pooled dev openings, and simulate a filter before building it.

The dev halves of several probes (tests/devcorpus/probe/sections-probeN.tsv) are pooled into
one set of labels; the openings' texts are in one folder (DIR/<id>.txt, as the helpers saved
them: tools/probe/prompts.py). Only dev openings are read here; test halves and held-out
probes are measured with tests/accuracy/probe_sections.py, totals only.

    # every false section with the engine's quotes, and every missed one
    python3 tools/probe/pool.py errors --texts DIR --labels sections-probe15.tsv:dev \\
        --labels sections-probe14.tsv:all [--bin build/cli/indicheck] [--rules rules]
    # what dropping the quotes of leaves under 10.4.1 that hold 领导小组 would do
    python3 tools/probe/pool.py drop --texts DIR --labels … --leaf 10.4.1 --expr "'领导小组' in s"

`--labels FILE:PART` takes FILE's rows of that part (dev, test) or all of them (all); a bare
name is looked up in tests/devcorpus/probe/. Calls the two labellers disagree on are left out,
as in probe_sections.py. `drop` prints the true sections lost and the false ones gone when
every quote of the matching leaves for which the Python expression on `s` (the quote's text)
is true stops counting; a section stays while another item or quote still credits it.
"""
import argparse
import collections
import json
import pathlib
import subprocess
import sys
import tempfile

ROOT = pathlib.Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tests/accuracy"))
from devcorpus import SECTIONS  # noqa: E402  (the 32 sections of the rubric, in order)
import probe_sections  # noqa: E402  (its reader of sections-probeN.tsv)


def load_labels(specs):
    """{id: {section: (x, y)}} of the pooled openings."""
    labels = {}
    for spec in specs:
        path, _, part = spec.partition(":")
        part = part or "dev"
        path = pathlib.Path(path)
        if not path.exists():
            path = ROOT / "tests/devcorpus/probe" / path
        for i, (p, calls) in probe_sections.load_labels(path).items():
            if part in ("all", p):
                labels[i] = calls
    return labels


def engine_quotes(bin_path, rules, texts, ids):
    """{id: {section: [(item id, [quote texts])]}} for items met or partial."""
    with tempfile.TemporaryDirectory() as tmp:
        cmd = [bin_path, "evaluate", *[str(texts / f"{i}.txt") for i in ids], "--framework",
               "gangyao-2021", "--format", "json", "--out", tmp, "--quiet", "--date",
               "2026-01-01", "--max-quotes", "8"] + (["--rules", rules] if rules else [])
        subprocess.run(cmd, check=False, stdout=subprocess.DEVNULL)
        results = json.load(open(pathlib.Path(tmp) / "results.json", encoding="utf-8"))
    found = {}
    for r in results["reports"]:
        per = collections.defaultdict(list)
        for fw in r.get("results", []):
            for item in fw["items"]:
                if item["state"] not in ("met", "partial"):
                    continue
                sec = ".".join(item["id"].split(".")[:2])
                per[sec].append((item["id"], [q.get("text", "") for q in item.get("quotes", [])]))
        found[pathlib.Path(r["path"]).stem] = per
    return found


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("task", choices=["errors", "drop"])
    ap.add_argument("--texts", required=True)
    ap.add_argument("--labels", action="append", required=True, help="FILE[:dev|test|all]")
    ap.add_argument("--bin", default=str(ROOT / "build/cli/indicheck"))
    ap.add_argument("--rules", default=None)
    ap.add_argument("--leaf", default="", help="drop: leaves whose id starts with this")
    ap.add_argument("--expr", default="True", help="drop: Python expression on the quote `s`")
    args = ap.parse_args()
    texts = pathlib.Path(args.texts)
    labels = load_labels(args.labels)
    ids = sorted(i for i in labels if (texts / f"{i}.txt").exists())
    found = engine_quotes(args.bin, args.rules, texts, ids)
    counts = collections.Counter()
    for i in ids:
        per = found.get(i, {})
        for sec in SECTIONS:
            x, y = labels[i].get(sec, (False, False))
            if x != y:
                continue  # disputed
            credited = sec in per
            if args.task == "errors":
                if credited and not x:
                    counts["fp"] += 1
                    print(f"FP {i} {sec}")
                    for item, quotes in per[sec][:3]:
                        print(f"     {item}: {(quotes or ['(no quote)'])[0][:160]}")
                elif x and not credited:
                    counts["fn"] += 1
                    print(f"FN {i} {sec}")
                counts["tp"] += bool(x and credited)
                continue
            if not credited:
                continue
            counts["tp" if x else "fp"] += 1
            keeps = False
            dropped = []
            for item, quotes in per[sec]:
                if not item.startswith(args.leaf):
                    keeps = True
                    continue
                left = [s for s in quotes if not eval(args.expr, {}, {"s": s})]  # noqa: S307
                dropped += [s for s in quotes if s not in left]
                keeps = keeps or bool(left) or not quotes
            if not keeps:
                counts["tp lost" if x else "fp gone"] += 1
                print(f"{'LOST TP' if x else 'gone FP'} {i} {sec}: {' | '.join(q[:100] for q in dropped[:2])}")
    print(dict(counts), file=sys.stderr)


if __name__ == "__main__":
    main()
