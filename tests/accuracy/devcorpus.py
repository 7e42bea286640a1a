#!/usr/bin/env python3
"""Accuracy of Indicheck on the development corpus (tests/devcorpus), against its labels.

For every report of tests/devcorpus/manifest.csv in the chosen part(s), runs the real CLI
(`indicheck evaluate --framework gangyao-2021 --format json` and `indicheck parse --json`) and
compares with the adjudicated label tests/devcorpus/labels/<name>.yaml:
  - sections: a section is evidenced by the engine when an item under it is met or partial
    (found in a credit role); precision and recall over all 32 sections of every report;
  - unit (same name, 人民政府 inside a name ignored), level and year reported on;
  - part starts: the engine's first shortcomings / plans sentence is within one sentence of the
    labelled start (or both say the part is absent).
Prints one line per report and the totals per part. With --check, exits 1 when a figure on the
test part is below the floors given (defaults: the floors in force, see docs/accuracy.md).

Usage: tests/accuracy/devcorpus.py --bin build/cli/indicheck [--part dev|test|all] [--check]
"""
import argparse
import csv
import json
import pathlib
import subprocess
import sys
import tempfile
import unicodedata

import yaml

ROOT = pathlib.Path(__file__).resolve().parent.parent.parent
CORPUS = ROOT / "tests" / "devcorpus"
SECTIONS = ["2.1", "2.2", "2.3", "3.1", "3.2", "3.3", "4.1", "4.2", "4.3", "5.1", "5.2", "5.3",
            "5.4", "6.1", "6.2", "6.3", "7.1", "7.2", "7.3", "7.4", "8.1", "8.2", "8.3", "8.4",
            "8.5", "9.1", "9.2", "9.3", "10.1", "10.2", "10.3", "10.4"]


def same_unit(engine, label):
    def norm(u):
        return u.replace("人民政府", "") if len(u) > 6 else u
    return bool(engine) and norm(engine) == norm(label)


def section_of(item_id):
    parts = item_id.split(".")
    return ".".join(parts[:2]) if len(parts) >= 2 else None


def labelled_start(sentences, label_part):
    """Index of the labelled first sentence of a part in the engine's sentences of the labelled
    text: the first sentence that starts at or after the quote's line and contains (or follows)
    it; headings and their first sentence may differ by one."""
    line = label_part["line"]
    # Sentences are shown normalized (NFKC: full-width punctuation as ASCII).
    quote = unicodedata.normalize("NFKC", label_part.get("quote", "")).replace(" ", "")
    for i, s in enumerate(sentences):
        if s["line"] > line or (s["line"] == line and quote and quote[:20] in s["text"].replace(" ", "")):
            return i
        if s["line"] == line and not quote:
            return i
    return None


def part_start_ok(sentences, label_part, role, reference=None):
    """Engine's first sentence of `role` within one sentence of the labelled start.

    reference: the engine's sentences of the labelled text, when `sentences` come from another
    file of the same report (its saved web page): the labelled start is found there by line,
    then in `sentences` by its text."""
    engine_idx = next((i for i, s in enumerate(sentences) if s["role"] == role), None)
    if not label_part.get("present"):
        return engine_idx is None, engine_idx, None
    if engine_idx is None:
        return False, None, None
    label_idx = labelled_start(reference if reference is not None else sentences, label_part)
    if reference is not None and label_idx is not None:
        # One file may glue a heading to the sentence after it: either text may start the other.
        key = reference[label_idx]["text"].replace(" ", "")[:16]
        label_idx = next((i for i, s in enumerate(sentences)
                          if (t := s["text"].replace(" ", "")[:16]) and len(t) >= 4
                          and (key.startswith(t) or t.startswith(key))), None)
    if label_idx is None:
        return False, engine_idx, None
    return abs(engine_idx - label_idx) <= 1, engine_idx, label_idx


def run(bin_path, files, gate=None):
    with tempfile.TemporaryDirectory() as tmp:
        extra = ["--gate", gate] if gate else []
        subprocess.run([bin_path, "evaluate", *files, "--framework", "gangyao-2021", "--format",
                        "json", "--out", tmp, "--quiet", "--date", "2026-01-01", *extra],
                       check=False, stdout=subprocess.DEVNULL)
        results = json.load(open(pathlib.Path(tmp) / "results.json", encoding="utf-8"))
    parsed = json.loads(subprocess.run([bin_path, "parse", "--json", *files], check=True,
                                       capture_output=True, text=True).stdout)
    return ({pathlib.Path(r["path"]).name: r for r in results["reports"]},
            {pathlib.Path(p["path"]).name: p for p in parsed})


class Totals:
    def __init__(self):
        self.tp = self.fp = self.fn = 0
        self.clear = [0, 0, 0]  # tp, fp, fn over the sections not labelled borderline
        self.n = self.unit = self.year = self.level = 0
        self.short = self.plans = 0

    def line(self, name):
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0
        return (f"{name}: {self.n} reports  sections precision {p:.3f} ({self.tp}/{self.tp + self.fp})"
                f"  recall {r:.3f} ({self.tp}/{self.tp + self.fn})  unit {self.unit}/{self.n}"
                f"  level {self.level}/{self.n}  year {self.year}/{self.n}"
                f"  shortcomings start {self.short}/{self.n}  plans start {self.plans}/{self.n}"), p, r

    def clear_line(self, name):
        tp, fp, fn = self.clear
        p = tp / (tp + fp) if tp + fp else 1.0
        r = tp / (tp + fn) if tp + fn else 1.0
        return (f"{name} without borderline calls: sections precision {p:.3f} ({tp}/{tp + fp})"
                f"  recall {r:.3f} ({tp}/{tp + fn})")


def evaluate(args, rows, labels, folder, ext, quiet=False):
    """Run the engine on each row's file in `folder` and score it against its label; print a
    line per report unless quiet. Returns the totals per part and each report's verdict (its
    section errors and the metadata and part-start checks)."""
    files = [str(folder / f"{r['name']}{ext}") for r in rows]
    results, parsed = run(args.bin, files, args.gate)
    reference = {}
    if args.html:  # the labelled texts' sentences, to place the part starts
        texts = [str(CORPUS / "reports" / f"{r['name']}.txt") for r in rows]
        reference = {pathlib.Path(p["path"]).stem: p["sentences"] for p in json.loads(
            subprocess.run([args.bin, "parse", "--json", *texts], check=True,
                           capture_output=True, text=True).stdout)}

    totals = {"dev": Totals(), "test": Totals()}
    verdicts = {}
    for r in rows:
        name, lab = r["name"], labels[r["name"]]
        res, doc = results[name + ext], parsed[name + ext]
        t = totals[r["part"]]
        t.n += 1
        engine = {s: False for s in SECTIONS}
        for fw in res.get("results", []):
            if fw["framework"] != "gangyao-2021":
                continue
            for item in fw["items"]:
                sec = section_of(item["id"])
                if sec in engine and item["state"] in ("met", "partial"):
                    engine[sec] = True
        errors = []
        for s in SECTIONS:
            want, got = lab["sections"][s]["evidenced"], engine[s]
            clear = not lab["sections"][s].get("borderline")
            if want and got:
                t.tp += 1
                t.clear[0] += clear
            elif got:
                t.fp += 1
                t.clear[1] += clear
                errors.append(f"+{s}")
            elif want:
                t.fn += 1
                t.clear[2] += clear
                errors.append(f"-{s}")
        meta = res["meta"]
        unit_ok = same_unit(meta["unit"]["value"], lab["metadata"]["unit"])
        year_ok = meta["year"] == lab["metadata"]["year"]
        level_ok = meta["level"]["value"] == lab["metadata"]["level"]
        t.unit += unit_ok
        t.year += year_ok
        t.level += level_ok
        sentences = doc["sentences"]
        s_ok, s_eng, s_lab = part_start_ok(sentences, lab["report_structure"]["shortcomings"], "shortcomings",
                                            reference.get(name))
        p_ok, p_eng, p_lab = part_start_ok(sentences, lab["report_structure"]["plans"], "plans",
                                            reference.get(name))
        t.short += s_ok
        t.plans += p_ok
        flags = []
        if not unit_ok:
            flags.append(f"unit {meta['unit']['value'] or '-'} != {lab['metadata']['unit']}")
        if not level_ok:
            flags.append(f"level {meta['level']['value'] or '-'} != {lab['metadata']['level']}")
        if not year_ok:
            flags.append(f"year {meta['year']} != {lab['metadata']['year']}")
        if not s_ok:
            flags.append(f"shortcomings at sentence {s_eng} != {s_lab}")
        if not p_ok:
            flags.append(f"plans at sentence {p_eng} != {p_lab}")
        verdicts[name] = (tuple(errors), unit_ok, level_ok, year_ok, s_ok, p_ok)
        if not quiet:
            print(f"{r['part']:4} {name:16} sections {' '.join(errors) if args.details else len(errors)}"
                  f"  {'; '.join(flags)}")
    return totals, verdicts


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", default=str(ROOT / "build" / "cli" / "indicheck"))
    ap.add_argument("--part", default="all", choices=["dev", "test", "all"])
    ap.add_argument("--check", action="store_true")
    ap.add_argument("--min-precision", type=float, default=0.0)
    ap.add_argument("--min-recall", type=float, default=0.0)
    ap.add_argument("--min-unit", type=float, default=0.0, help="share of reports")
    ap.add_argument("--min-year", type=float, default=0.0, help="share of reports")
    ap.add_argument("--min-parts", type=float, default=0.0, help="share of reports, each part")
    ap.add_argument("--details", action="store_true", help="list every section error")
    ap.add_argument("--gate", default=None, help="evidence gate model file, or off "
                    "(default: the engine's default, rules/evidence-gate.json)")
    ap.add_argument("--only", default="", help="comma-separated report names (cross-validation)")
    ap.add_argument("--html", default="", metavar="DIR",
                    help="read each report from DIR/<name>.html (the page as saved from the "
                    "site) instead of its text; reports without one are left out")
    ap.add_argument("--same-as-text", action="store_true",
                    help="with --html: fail unless every web page gets the text's section calls and "
                    "passes every check its text passes")
    ap.add_argument("--allow-differ", default="", metavar="NAMES",
                    help="with --same-as-text: comma-separated reports whose page may differ "
                    "from its text (a known difference, tests/formats/twins_test.cpp)")
    ap.add_argument("--labeller", default="", help="a or b: one labeller's files instead of the "
                    "adjudicated ones (while adjudication is pending)")
    args = ap.parse_args()

    rows = [r for r in csv.DictReader(open(CORPUS / "manifest.csv", encoding="utf-8"))
            if r["part"] in (("dev", "test") if args.part == "all" else (args.part,))]
    labels = {}
    for r in rows:
        suffix = f".{args.labeller}.yaml" if args.labeller else ".yaml"
        path = CORPUS / "labels" / f"{r['name']}{suffix}"
        if path.exists():
            labels[r["name"]] = yaml.safe_load(open(path, encoding="utf-8"))
    rows = [r for r in rows if r["name"] in labels]
    if args.only:
        only = set(args.only.split(","))
        rows = [r for r in rows if r["name"] in only]
    if not rows:
        print("no labelled report in this part")
        return 1
    ext = ".html" if args.html else ".txt"
    folder = pathlib.Path(args.html) if args.html else CORPUS / "reports"
    rows = [r for r in rows if (folder / f"{r['name']}{ext}").exists()]
    if not rows:
        print(f"no report of this part in {folder}")
        return 1
    totals, verdicts = evaluate(args, rows, labels, folder, ext)
    status = 0
    if args.same_as_text:
        _, text_verdicts = evaluate(args, rows, labels, CORPUS / "reports", ".txt", quiet=True)
        # The same section calls, and every check the text passes passed by the page too.
        allowed = set(filter(None, args.allow_differ.split(",")))
        differ = [n for n, (errors, *checks) in verdicts.items() if n not in allowed and (
                  errors != text_verdicts[n][0]
                  or any(t and not w for w, t in zip(checks, text_verdicts[n][1:])))]
        for n in differ:
            print(f"{n}: web page {verdicts[n]}  text {text_verdicts[n]}")
        print(f"web pages read as well as their text: {len(verdicts) - len(differ)}/{len(verdicts)}")
        status = 1 if differ else 0
    for part, t in totals.items():
        if t.n == 0:
            continue
        text, p, rec = t.line(part)
        print(text)
        print(t.clear_line(part))
        if args.check and part == "test":
            failed = [what for what, ok in [
                ("precision", p >= args.min_precision), ("recall", rec >= args.min_recall),
                ("unit", t.unit >= args.min_unit * t.n), ("year", t.year >= args.min_year * t.n),
                ("shortcomings start", t.short >= args.min_parts * t.n),
                ("plans start", t.plans >= args.min_parts * t.n)] if not ok]
            if failed:
                print(f"below the floor on the test part: {', '.join(failed)}")
                status = 1
    return status


if __name__ == "__main__":
    sys.exit(main())
