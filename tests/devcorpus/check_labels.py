#!/usr/bin/env python3
"""Checks label files of the development corpus (format: LABELS.md) against the report texts.

Usage: python3 tests/devcorpus/check_labels.py [LABEL.yaml ...]   (default: every labels/*.yaml)
Exit status 1 on any problem. It never runs the engine.
"""
import pathlib
import sys

import yaml

HERE = pathlib.Path(__file__).resolve().parent
ROOT = HERE.parent.parent
SECTIONS = ["2.1", "2.2", "2.3", "3.1", "3.2", "3.3", "4.1", "4.2", "4.3", "5.1", "5.2", "5.3",
            "5.4", "6.1", "6.2", "6.3", "7.1", "7.2", "7.3", "7.4", "8.1", "8.2", "8.3", "8.4",
            "8.5", "9.1", "9.2", "9.3", "10.1", "10.2", "10.3", "10.4"]
LEVELS = {"district", "county", "county-city", "city", "province", "department", "zone"}
PARTS = ["achievements", "shortcomings", "plans", "leadership"]


def check(path, problems):
    def bad(msg):
        problems.append(f"{path}: {msg}")
    try:
        data = yaml.safe_load(open(path, encoding="utf-8"))
    except Exception as e:  # noqa: BLE001 - report any YAML error as a problem
        bad(f"YAML: {e}")
        return
    if not isinstance(data, dict):
        bad("not a mapping")
        return
    report = ROOT / str(data.get("file", ""))
    if not report.is_file():
        bad(f"file {data.get('file')!r} not found")
        return
    lines = report.read_text(encoding="utf-8").split("\n")

    def quote_ok(where, entry):
        q, ln = entry.get("quote"), entry.get("line")
        if not isinstance(q, str) or not q:
            bad(f"{where}: missing quote")
        elif not isinstance(ln, int) or isinstance(ln, bool) or not 1 <= ln <= len(lines):
            bad(f"{where}: bad line {ln!r}")
        elif q not in lines[ln - 1]:
            found = [i + 1 for i, t in enumerate(lines) if q in t]
            bad(f"{where}: quote not on line {ln} (found on {found or 'no line'}): {q}")

    meta = data.get("metadata") or {}
    if not meta.get("unit"):
        bad("metadata.unit missing")
    if meta.get("level") not in LEVELS:
        bad(f"metadata.level {meta.get('level')!r}")
    if not isinstance(meta.get("year"), int):
        bad("metadata.year not an int")
    parts = data.get("report_structure") or {}
    for p in PARTS:
        e = parts.get(p)
        if not isinstance(e, dict) or not isinstance(e.get("present"), bool):
            bad(f"report_structure.{p} missing or no present")
        elif e["present"] and p != "leadership":
            quote_ok(f"report_structure.{p}", e)
    secs = data.get("sections") or {}
    for s in SECTIONS:
        e = secs.get(s)
        if not isinstance(e, dict) or not isinstance(e.get("evidenced"), bool):
            bad(f"sections.{s} missing or no evidenced")
        elif e["evidenced"]:
            quote_ok(f"sections.{s}", e)
    extra = set(secs) - set(SECTIONS)
    if extra:
        bad(f"unknown section ids {sorted(extra)}")


def main():
    paths = [pathlib.Path(p) for p in sys.argv[1:]] or sorted((HERE / "labels").glob("*.yaml"))
    problems = []
    for p in paths:
        check(p, problems)
    for p in problems:
        print(p)
    print(f"{len(paths)} files, {len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
