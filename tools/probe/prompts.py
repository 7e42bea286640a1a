#!/usr/bin/env python3
"""Write the helper prompts of a probe of report openings (docs/accuracy.md, tests/devcorpus).

The helpers (sessions that see only their prompt) collect openings from the look-ups' page
corpus, label them twice against the rubric, or fetch the openings of earlier probes again by
URL (their texts are third-party pages and are not stored). This script fills the templates
next to it for one probe folder:

    python3 tools/probe/prompts.py collect DIR --prefix bc --count 24 --kind "departments …"
    python3 tools/probe/prompts.py label DIR --batch E --ids bc-01..bc-24
    python3 tools/probe/prompts.py refetch DIR --prefix o

`collect` also writes DIR/seen-urls.txt (every URL of tests/devcorpus/probe/openings.tsv);
`label` copies the rubric (tests/devcorpus/RUBRIC.md) to DIR and writes the batch's id list and
the prompts of its two labellers (x and y); `refetch` writes DIR/list-PREFIX.tsv (the rows of
openings.tsv with that id prefix) and its prompt. Each prompt goes to DIR/prompt-*.md: give a
helper "Read DIR/prompt-….md and carry out the task it describes exactly."
"""
import argparse
import csv
import pathlib
import shutil

HERE = pathlib.Path(__file__).resolve().parent
ROOT = HERE.parents[1]
OPENINGS = ROOT / "tests/devcorpus/probe/openings.tsv"


def fill(template, out, **values):
    text = (HERE / template).read_text(encoding="utf-8")
    for key, value in values.items():
        text = text.replace(key, value)
    out.write_text(text, encoding="utf-8")
    print(out)


def ids_of(spec):
    """bc-01..bc-24 → [bc-01, …, bc-24]; a comma-separated list as it is."""
    if ".." not in spec:
        return spec.split(",")
    first, last = spec.split("..")
    prefix, a = first.rsplit("-", 1)
    b = last.rsplit("-", 1)[1]
    return [f"{prefix}-{n:0{len(a)}d}" for n in range(int(a), int(b) + 1)]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("task", choices=["collect", "label", "refetch"])
    ap.add_argument("dir")
    ap.add_argument("--prefix", help="row id prefix (collect, refetch): two letters for a new probe")
    ap.add_argument("--count", default="40", help="collect: openings to aim for")
    ap.add_argument("--kind", default="governments of every level and their departments",
                    help="collect: which units' reports")
    ap.add_argument("--batch", help="label: the batch's name (A, B, …)")
    ap.add_argument("--ids", help="label: bc-01..bc-24 or a comma-separated list")
    args = ap.parse_args()
    folder = pathlib.Path(args.dir).resolve()
    (folder / "texts").mkdir(parents=True, exist_ok=True)
    rows = list(csv.DictReader(open(OPENINGS, encoding="utf-8"), delimiter="\t"))
    if args.task == "collect":
        (folder / "seen-urls.txt").write_text("".join(r["url"] + "\n" for r in rows),
                                              encoding="utf-8")
        fill("collect.md", folder / f"prompt-collect-{args.prefix}.md", PROBE_DIR=str(folder),
             PREFIX_KIND=args.kind, COUNT=args.count, PREFIX=args.prefix)
    elif args.task == "label":
        (folder / "labels").mkdir(exist_ok=True)
        shutil.copy(ROOT / "tests/devcorpus/RUBRIC.md", folder / "RUBRIC.md")
        (folder / "labels" / f"batch-{args.batch}.txt").write_text(
            "".join(i + "\n" for i in ids_of(args.ids)), encoding="utf-8")
        for labeller in ("x", "y"):
            fill("label.md", folder / f"prompt-label-{args.batch}-{labeller}.md",
                 PROBE_DIR=str(folder), BATCH=args.batch, LABELLER=labeller)
    else:
        listed = folder / f"list-{args.prefix}.tsv"
        with open(listed, "w", encoding="utf-8") as out:
            out.write("\t".join(rows[0].keys()) + "\n")
            for r in rows:
                if r["id"].startswith(args.prefix + "-"):
                    out.write("\t".join(r.values()) + "\n")
        fill("refetch.md", folder / f"prompt-refetch-{args.prefix}.md", PROBE_DIR=str(folder),
             LIST=str(listed))


if __name__ == "__main__":
    main()
