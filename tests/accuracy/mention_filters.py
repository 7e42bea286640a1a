#!/usr/bin/env python3
"""What the "mentioned, not done" filters of issue 11 §3 would change, measured on the dev part.

Runs the engine on the development part only (never the test part), takes every section it
evidences, and asks of each filter: would every credited quote of that section be dropped?
A section whose quotes all fall is a section the filter would un-evidence: a gain when the
label says "not evidenced" (a false positive removed), a loss when it says "evidenced".

Filters (each as the issue states it):
  title     a term counts inside 《…》 only after an issuing verb in its clause
            (印发/出台/制定/修订/编制/发布/起草 …);
  actor     another actor: a court or procuratorate, the unit as respondent (作为被申请人/被告),
            the unit as the one inspected (迎接…督查);
  enum      an item of an enumeration (…等N类, N个方面, N项);
  training  the topic of a training or study (every term after 培训/讲座/学习 in its clause);
  intent    an intention, not an act: the sentence opens with 拟, 计划于, 准备, 力争, 将于,
            要进一步, 下一步 … (after an item marker or 我局/我县);
  purpose   every term sits in a purpose clause after the first (…，不断提升…水平, 为…保驾护航);
  slogan    the adjudication's slogan rule (C4) by shape alone: no number besides a year, no
            date, no titled document 《…》 in the sentence.

This is a simulation on the quotes the engine writes (results.json), not on the rules: a
condition that needs two selections may fail where one term falls, which this does not see,
so the losses are a lower bound. Usage:

  python3 tests/accuracy/mention_filters.py --bin build/cli/indicheck
"""
import argparse
import csv
import json
import pathlib
import re
import subprocess
import sys
import tempfile

import yaml

from devcorpus import SECTIONS  # the 32 sections of the rubric, in order

ROOT = pathlib.Path(__file__).resolve().parents[2]
CORPUS = ROOT / "tests/devcorpus"
VERBS = ("印发", "出台", "制定", "修订", "编制", "发布", "起草", "修改", "审议通过", "下发")
CLAUSE_END = "，,；;。"
ACTOR = re.compile(r"(法院|检察院|作为被申请人|作为被告|作为被复议|迎接[^，。；]{0,20}(督查|检查|督察|考核))")
ENUM = re.compile(r"等\s*\d+\s*(类|个方面|项|大类)|等[一二三四五六七八九十]+(类|个方面|项|大类)")
STUDY = re.compile(r"(培训|讲座|学习)")


def clause_start(text, at):
    while at > 0 and text[at - 1] not in CLAUSE_END:
        at -= 1
    return at


def term_counts_as_title_rule_says(text, term):
    """True when some occurrence of term is outside 《》, or inside a title issued in its clause."""
    titles = [(m.start(), m.end()) for m in re.finditer(r"《[^》]*》", text)]
    for m in re.finditer(re.escape(term), text):
        enclosing = [t for t in titles if t[0] <= m.start() and m.end() <= t[1]]
        if not enclosing:
            return True
        opening = enclosing[0][0]
        if any(v in text[clause_start(text, opening):opening] for v in VERBS):
            return True
    return False


def title_drops(text, terms):
    if any(t.startswith("/") for t in terms):
        return False  # regexes are left alone
    return not any(term_counts_as_title_rule_says(text, t) for t in terms)


def every_occurrence(text, terms, dropped):
    """True when each term occurs and every occurrence is dropped(text, start); regexes never."""
    for term in terms:
        if term.startswith("/"):
            return False
        found = False
        for m in re.finditer(re.escape(term), text):
            if not dropped(text, m.start()):
                return False
            found = True
        if not found:
            return False
    return True


def training_drops(text, terms):
    return every_occurrence(
        text, terms, lambda t, at: bool(STUDY.search(t[clause_start(t, at):at])))


INTENT = re.compile(
    r"^(?:[一二三四五六七八九十]+是|[（(][一二三四五六七八九十\d]+[）)]|\d+[.、])?"
    r"(?:我[局县区市委办]|本[局级]|全[县区市局])?"
    r"(?:拟|计划于|计划在|计划对|计划将|准备|力争|打算|将于|将在|将对|将要|要进一步|要继续|要持续|"
    r"下一步|明年|下阶段|今后)")
PURPOSE = re.compile(
    r"^(以|从而|进而|切实|不断|有效|全面|进一步|着力|努力|全力|持续)?(提升|提高|增强|营造|确保|"
    r"保障|促进|助推|助力|维护|防范|筑牢|夯实|为[^，。；]{0,20}(保驾护航|提供)|形成|实现|"
    r"推动[^，。；]{0,12}(向|更加)|让|使)")


def purpose_drops(text, terms):
    def in_purpose_clause(t, at):
        start = clause_start(t, at)
        return start > 0 and bool(PURPOSE.match(t[start:]))
    return every_occurrence(text, terms, in_purpose_clause)


NUMBER = re.compile(r"(?<![\d])\d+(?!\d*\s*年(?:度|以来|[，,上下全初底]|$))|[一二两三四五六七八九十百千万]+\s*(?:次|件|场|个|项|人|份|家|批|期|起|条|名|篇|部|户|宗|轮|余|多)|\d+\s*月|[一二三四五六七八九十]+月|百分之")
DOCUMENT = re.compile(r"《[^》]{2,}》")


def slogan(text, terms):
    """No number (besides a year), no date, no titled document: C4's slogan rule, by shape."""
    return not NUMBER.search(text) and not DOCUMENT.search(text)


SLOGAN_VERB = re.compile(
    r"^(?:[一二三四五六七八九十]+是|[（(][一二三四五六七八九十\d]+[）)]|\d+[.、])?"
    r"(?:我[局县区市委办]|本[局级]|全[县区市局])?"
    r"(?:依法依规做好|严厉打击|深入推进|积极推进|全面推进|全面落实|严格落实|严格执行|认真落实|"
    r"扎实推进|认真做好|积极开展|进一步|加强|强化|坚持|持续|不断|切实|着力|大力|努力|始终|注重|深化|"
    r"落实|做好|确保|营造)")


def slogan_clauses(text, terms):
    """Every clause opens with a standing verb (加强, 坚持, 严格落实…) and the sentence has no
    number, date or titled document: the slogan rule with the verbs of the rubric's examples."""
    if re.search(r"\d", text) or not slogan(text, terms) or "了" in text:
        return False
    clauses = [c for c in re.split(r"[，,；;。：:]", text) if c.strip()]
    return bool(clauses) and all(SLOGAN_VERB.match(c.strip()) for c in clauses)


HEADING = re.compile(r"^\s*(?:[（(][一二三四五六七八九十\d]+[）)]|[一二三四五六七八九十]+、|\d+[.、．]|[一二三四五六七八九十]+是)")


def heading(text, terms):
    """A numbered heading line alone (short, no full stop inside): the rubric's 'headings alone
    are not evidence'."""
    flat = text.replace("\n", "")
    return bool(HEADING.match(flat)) and len(flat) <= 30 and "。" not in flat[:-1]


FILTERS = {
    "heading": heading,
    "slogan": slogan,
    "slogan-verbs": slogan_clauses,
    "title": title_drops,
    "actor": lambda text, terms: bool(ACTOR.search(text)),
    "enum": lambda text, terms: bool(ENUM.search(text)),
    "training": training_drops,
    "intent": lambda text, terms: bool(INTENT.match(text.replace("\n", ""))),
    "purpose": purpose_drops,
}


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--bin", required=True)
    ap.add_argument("--probe", default="", metavar="DIR",
                    help="measure on the dev half of the openings' section labels "
                    "(tests/devcorpus/probe/sections.tsv; openings saved as DIR/<id>.txt) instead "
                    "of the development corpus; calls the two labellers dispute are left out")
    args = ap.parse_args()
    if args.probe:
        labels = {}
        for r in csv.DictReader(open(CORPUS / "probe/sections.tsv", encoding="utf-8"),
                                delimiter="\t"):
            if r["part"] == "dev":
                calls = labels.setdefault(r["id"], {})
                if r["section"] != "-":
                    calls[r["section"]] = (r["x"] != "-", r["y"] != "-")
        rows = [{"name": i} for i in sorted(labels) if (pathlib.Path(args.probe) / f"{i}.txt").exists()]
        files = [str(pathlib.Path(args.probe) / f"{r['name']}.txt") for r in rows]
    else:
        rows = [r for r in csv.DictReader(open(CORPUS / "manifest.csv", encoding="utf-8"))
                if r["part"] == "dev"]
        files = [str(CORPUS / "reports" / f"{r['name']}.txt") for r in rows]
    with tempfile.TemporaryDirectory() as out:
        subprocess.run([args.bin, "evaluate", *files, "--framework", "gangyao-2021", "--format",
                        "json", "--out", out, "--quiet", "--date", "2026-01-01"],
                       stdout=subprocess.DEVNULL, check=False)
        results = json.load(open(pathlib.Path(out) / "results.json", encoding="utf-8"))
    by_name = {pathlib.Path(r["path"]).stem: r for r in results["reports"]}
    # (report, section) -> (labelled evidenced?, [(quote text, terms)])
    calls = {}
    for r in rows:
        if args.probe:  # agreed calls only: both labellers evidenced it, or neither did
            label = {"sections": {s: {"evidenced": labels[r["name"]].get(s, (False, False))[0]}
                                  for s in SECTIONS
                                  if len(set(labels[r["name"]].get(s, (False, False)))) == 1}}
        else:
            label = yaml.safe_load(open(CORPUS / "labels" / f"{r['name']}.yaml", encoding="utf-8"))
        for fw in by_name[r["name"]]["results"]:
            for item in fw["items"]:
                if item["state"] not in ("met", "partial"):
                    continue
                section = ".".join(item["id"].split(".")[:2])
                if section not in label["sections"]:
                    continue
                entry = calls.setdefault((r["name"], section),
                                         (label["sections"][section]["evidenced"], []))
                entry[1].extend((q["text"], q["terms"]) for q in item["quotes"] if q.get("credit"))
    tp = sum(1 for want, _ in calls.values() if want)
    fp = len(calls) - tp
    print(f"dev: {len(calls)} evidenced sections, {tp} right, {fp} wrong "
          f"(precision {tp / max(1, len(calls)):.3f})")
    print("| filter | false positives removed | true positives lost | precision after |")
    print("|---|---:|---:|---:|")
    for name, drops in FILTERS.items():
        gained = lost = 0
        for (report, section), (want, quotes) in sorted(calls.items()):
            if quotes and all(drops(text, terms) for text, terms in quotes):
                if want:
                    lost += 1
                else:
                    gained += 1
                print(f"  {name}: {report} {section} ({'lost' if want else 'removed'}): "
                      f"{quotes[0][0][:60]}", file=sys.stderr)
        left = len(calls) - gained - lost
        print(f"| {name} | {gained} | {lost} | {(tp - lost) / max(1, left):.3f} |")


if __name__ == "__main__":
    main()
