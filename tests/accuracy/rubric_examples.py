#!/usr/bin/env python3
"""The rubric's own evidence, written as sentences, against the shipped gangyao-2021 rules.

`rubric-2021.tsv` holds sentences written from `shared/domain/SECTIONS-2021.md` (the rubric the
development corpus is labelled with), not taken from any report: for every section, each kind
of "typical evidence" the rubric lists, stated as a concrete act of the reporting year
(`match`), and the rubric's placement and concreteness decisions as sentences that must not earn
the section (`no_match`). Each sentence is put alone into the achievements part of a small
county report (`match-city`: a city's, 嘉兴市, for 3.1, which counties do not have) and run through the
real CLI. A sentence "earns" a section when an item of it is met or partial with that sentence
as a credited quote.

`rubric-2021-departments.tsv` does the same for departments' reports (a fourth column names the
unit, which also signs): each section's evidence as a bureau of each kind would write it (公安,
市场监管, 生态环境, 交通运输, 卫健, 教育, 住建, 农业农村, 林业, 水利, 自然资源, 文旅, 人社, 民政,
应急, 税务, 统计, 审计, 财政, 医保, 城管, 司法, 发改), and `none` rows: a bureau's own business
(植树造林1.2万亩, 新增学位6000个), which must earn no section at all.

`rubric-2021-departments-2.tsv` holds 576 more, written for 32 kinds of bureau by three readers
who saw only the rubric and the adjudication's conventions (8 own-business `none`, 6 `match`,
2 placement and 2 slogan `no_match` rows per bureau).

`known-gap` rows are decisions of the rubric the rules do not follow yet (the sentence earns
the section although it should not); they are printed, and the check fails when one of them
stops earning it, so that the row is moved to `no_match`.

  python3 tests/accuracy/rubric_examples.py --bin build/cli/indicheck [--check]
"""
import argparse
import json
import pathlib
import subprocess
import sys
import tempfile

HERE = pathlib.Path(__file__).resolve().parent
BODY_LINE = 4  # the sentence's line in the report below


def signature(unit):
    """A department signs with its own name, a government as 人民政府."""
    return unit if unit.endswith(("局", "委员会", "办公室")) else f"{unit}人民政府"


def report(unit, sentence):
    return "\n".join([
        f"{unit}2023年法治政府建设情况报告", "",
        "一、2023年推进法治政府建设的主要举措和成效", sentence, "",
        "二、存在的不足", "一是工作仍有差距。", "三、下一步工作计划", "2024年将继续推进。", "",
        signature(unit), "2024年1月10日", ""])


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--bin", required=True)
    ap.add_argument("--check", action="store_true", help="exit 1 when an expectation fails")
    ap.add_argument("--departments", nargs="*", metavar="TSV",
                    help="department files to run (default: every rubric-2021-departments*.tsv "
                    "here); with files named, the government file is left out")
    args = ap.parse_args()
    rows = []  # (section, expect, unit, sentence)
    if not args.departments:
        for line in open(HERE / "rubric-2021.tsv", encoding="utf-8"):
            if line.strip() and not line.startswith("#"):
                section, expect, sentence = line.rstrip("\n").split("\t")
                rows.append((section, expect, "嘉兴市" if expect == "match-city" else "示例县",
                             sentence))
    for tsv in args.departments or sorted(HERE.glob("rubric-2021-departments*.tsv")):
        for line in open(tsv, encoding="utf-8"):
            if line.strip() and not line.startswith("#"):
                rows.append(tuple(line.rstrip("\n").split("\t")))
    with tempfile.TemporaryDirectory() as tmp:
        files = []
        for i, (section, expect, unit, sentence) in enumerate(rows):
            path = pathlib.Path(tmp) / f"r{i:03d}.txt"
            path.write_text(report(unit, sentence), encoding="utf-8")
            files.append(str(path))
        subprocess.run([args.bin, "evaluate", *files, "--framework", "gangyao-2021", "--format",
                        "json", "--out", f"{tmp}/out", "--quiet", "--date", "2026-01-01"],
                       stdout=subprocess.DEVNULL, check=True)
        results = json.load(open(f"{tmp}/out/results.json", encoding="utf-8"))
    by_name = {pathlib.Path(r["path"]).stem: r for r in results["reports"]}
    failed = 0
    counts = {}
    for i, (section, expect, unit, sentence) in enumerate(rows):
        earned = set()
        for fw in by_name[f"r{i:03d}"]["results"]:
            if fw.get("framework") != "gangyao-2021":
                continue
            for item in fw["items"]:
                if item["state"] in ("met", "partial") and any(
                        q.get("credit") and q["line"] == BODY_LINE for q in item["quotes"]):
                    earned.add(".".join(item["id"].split(".")[:2]))
        kind = "match" if expect.startswith("match") else expect
        if kind == "none":
            ok = not earned
        else:
            ok = (section in earned) == (kind in ("match", "known-gap"))
        counts.setdefault(kind, [0, 0])[0 if ok else 1] += 1
        if kind == "known-gap" and ok:
            print(f"known gap   {section}: {sentence}  (earns {', '.join(sorted(earned))})")
        if not ok:
            failed += 1
            what = {"match": f"does not earn {section}; earns {', '.join(sorted(earned)) or 'nothing'}",
                    "no_match": f"earns {section}",
                    "none": f"earns {', '.join(sorted(earned))}",
                    "known-gap": f"no longer earns {section} (move the row to no_match)"}[kind]
            print(f"FAIL {kind:9} {section}: {unit}: {sentence}  {what}")
    for kind, (ok, bad) in sorted(counts.items()):
        print(f"{kind}: {ok}/{ok + bad} as expected")
    if args.check and failed:
        sys.exit(1)


if __name__ == "__main__":
    main()
