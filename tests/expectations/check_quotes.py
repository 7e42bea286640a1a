#!/usr/bin/env python3
"""Consistency check for the hand-made expectation files in tests/expectations/.

Checks, for every <name>.yaml here: the schema in README.md (all 32 gangyao-2021 section ids,
t1..t8 for gangyao_2015 when present, the five report-structure contents, metadata keys and
types), and that every `quote` is an exact substring of line `line` (1-based) of the corpus
file, with `line` inside the evidence part (achievements range) for evidenced sections.

It never runs the engine: it only compares the expectation files with the report texts.
Usage: python3 tests/expectations/check_quotes.py   (exit status 1 on any problem)
"""
import pathlib
import sys

import yaml

HERE = pathlib.Path(__file__).resolve().parent
ROOT = HERE.parent.parent

SECTIONS_2021 = [
    "2.1", "2.2", "2.3",
    "3.1", "3.2", "3.3",
    "4.1", "4.2", "4.3",
    "5.1", "5.2", "5.3", "5.4",
    "6.1", "6.2", "6.3",
    "7.1", "7.2", "7.3", "7.4",
    "8.1", "8.2", "8.3", "8.4", "8.5",
    "9.1", "9.2", "9.3",
    "10.1", "10.2", "10.3", "10.4",
]
TASKS_2015 = [f"t{i}" for i in range(1, 9)]
MANDATORY = ["achievements", "shortcomings", "leadership", "plans", "other"]
OPTIONAL_PARTS = ["title", "preamble", "signature", "boilerplate"]
LEVELS = {"district", "county", "county-city", "city", "province", "department", "zone"}
ENTRY_KEYS = {"evidenced", "quote", "line", "other_lines", "borderline", "note"}
PART_KEYS = {"present", "quote", "line", "lines", "note"}

problems = []


def bad(where, msg):
    problems.append(f"{where}: {msg}")


def check_quote(where, entry, lines):
    quote, line = entry.get("quote"), entry.get("line")
    if not isinstance(quote, str) or not quote:
        bad(where, "missing quote")
        return
    if not isinstance(line, int) or isinstance(line, bool):
        bad(where, "missing or non-integer line")
        return
    if not 1 <= line <= len(lines):
        bad(where, f"line {line} out of range 1..{len(lines)}")
        return
    if quote not in lines[line - 1]:
        where_else = [i + 1 for i, text in enumerate(lines) if quote in text]
        bad(where, f"quote not on line {line} (found on {where_else or 'no line'}): {quote}")


def check_table(where, table, ids, lines, evidence_range):
    if not isinstance(table, dict):
        bad(where, "not a mapping")
        return
    if sorted(table, key=str) != sorted(ids, key=str) or list(table) != ids:
        missing = [i for i in ids if i not in table]
        extra = [k for k in table if k not in ids]
        if missing or extra:
            bad(where, f"ids missing {missing} extra {extra}")
        else:
            bad(where, "ids out of order")
    for sid in ids:
        entry = table.get(sid)
        w = f"{where}.{sid}"
        if not isinstance(entry, dict):
            bad(w, "missing entry")
            continue
        unknown = set(entry) - ENTRY_KEYS
        if unknown:
            bad(w, f"unknown keys {sorted(unknown)}")
        ev = entry.get("evidenced")
        if not isinstance(ev, bool):
            bad(w, "evidenced must be true or false")
            continue
        if "borderline" in entry and not isinstance(entry["borderline"], bool):
            bad(w, "borderline must be a boolean")
        if entry.get("borderline") and not entry.get("note"):
            bad(w, "borderline call without a note")
        if ev:
            check_quote(w, entry, lines)
            lo, hi = evidence_range
            ln = entry.get("line")
            if isinstance(ln, int) and not lo <= ln <= hi:
                bad(w, f"evidence line {ln} outside achievements lines {lo}..{hi}")
            for other in entry.get("other_lines", []) or []:
                if not isinstance(other, int) or not lo <= other <= hi:
                    bad(w, f"other_lines entry {other} outside achievements lines {lo}..{hi}")
        else:
            if "quote" in entry or "line" in entry or "other_lines" in entry:
                bad(w, "quote/line/other_lines given for a section that is not evidenced")


def check_file(path):
    where = path.name
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    corpus = ROOT / data["file"]
    if corpus.stem != path.stem:
        bad(where, f"file {data['file']} does not match expectation name")
    lines = corpus.read_text(encoding="utf-8").split("\n")

    meta = data.get("metadata", {})
    for key in ("unit", "level", "province", "year"):
        if key not in meta:
            bad(where, f"metadata.{key} missing")
    if meta.get("level") not in LEVELS:
        bad(where, f"metadata.level {meta.get('level')!r} not one of {sorted(LEVELS)}")
    if not isinstance(meta.get("year"), int):
        bad(where, "metadata.year must be an integer")
    for key in ("unit_in_text", "doc_number"):
        value, line_key = meta.get(key), key.replace("_in_text", "") + "_line"
        if value:
            ln = meta.get(line_key)
            if not isinstance(ln, int) or value not in lines[ln - 1]:
                bad(where, f"metadata.{key} {value!r} not on line {ln}")

    parts = data.get("report_structure", {})
    for part in MANDATORY + [p for p in OPTIONAL_PARTS if p in parts]:
        entry = parts.get(part)
        w = f"{where}:report_structure.{part}"
        if not isinstance(entry, dict) or not isinstance(entry.get("present"), bool):
            bad(w, "missing or without present: true|false")
            continue
        unknown = set(entry) - PART_KEYS
        if unknown:
            bad(w, f"unknown keys {sorted(unknown)}")
        if entry["present"]:
            check_quote(w, entry, lines)
            rng = entry.get("lines")
            if not (isinstance(rng, list) and len(rng) == 2 and rng[0] <= entry.get("line", 0) <= rng[1]):
                bad(w, f"lines {rng} missing or not containing line {entry.get('line')}")
    ach = parts.get("achievements", {}).get("lines", [0, 0])

    check_table(f"{where}:sections", data.get("sections"), SECTIONS_2021, lines, ach)
    if "gangyao_2015" in data:
        check_table(f"{where}:gangyao_2015", data["gangyao_2015"], TASKS_2015, lines, ach)
    return data


def main():
    files = sorted(p for p in HERE.glob("*.yaml"))
    if not files:
        print("no expectation files found", file=sys.stderr)
        return 1
    for path in files:
        data = check_file(path)
        secs = data.get("sections", {})
        ev = sum(1 for e in secs.values() if isinstance(e, dict) and e.get("evidenced"))
        bl = sum(1 for e in secs.values() if isinstance(e, dict) and e.get("borderline"))
        extra = ""
        if "gangyao_2015" in data:
            t = data["gangyao_2015"]
            extra = f"; gangyao_2015 {sum(1 for e in t.values() if e.get('evidenced'))}/8 evidenced"
        print(f"{path.name}: {ev}/32 sections evidenced ({bl} borderline){extra}")
    for p in problems:
        print("PROBLEM", p)
    print("OK" if not problems else f"{len(problems)} problem(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
