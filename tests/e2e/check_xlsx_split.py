#!/usr/bin/env python3
"""The 证据 sheets of results.xlsx split at a given number of rows (evaluate --xlsx-max-rows N),
read back by openpyxl: sheets 证据, 证据-2, 证据-3 … each with its header and at most N rows, every
sheet but the last exactly N, and together the rows of evidence.csv in the same order (file, item,
quote). Usage: check_xlsx_split.py OUT N. Exit 1 with the failures listed."""
import csv
import sys
from pathlib import Path

import openpyxl


def main():
    out, limit = Path(sys.argv[1]), int(sys.argv[2])
    failures = []
    wb = openpyxl.load_workbook(out / "results.xlsx", read_only=True)
    names = [n for n in wb.sheetnames if n == "证据" or n.startswith("证据-")]
    expected = ["证据"] + [f"证据-{i}" for i in range(2, len(names) + 1)]
    if names != expected:
        failures.append(f"evidence sheets {names}, expected {expected}")
    rows = []
    for i, name in enumerate(names):
        sheet = list(wb[name].iter_rows(values_only=True))
        if not sheet or sheet[0][0] != "文件" or sheet[0][-1] != "原文":
            failures.append(f"{name}: header {sheet[:1]}")
        data = sheet[1:]
        if len(data) > limit:
            failures.append(f"{name}: {len(data)} rows, more than {limit}")
        if i + 1 < len(names) and len(data) != limit:
            failures.append(f"{name}: {len(data)} rows before the next sheet, expected {limit}")
        rows += [(r[0], r[4], r[-1]) for r in data]
    with open(out / "evidence.csv", encoding="utf-8-sig", newline="") as f:
        records = list(csv.reader(f))
    head = records[0]
    want = [(r[head.index("文件")], r[head.index("项目编号")], r[head.index("原文")])
            for r in records[1:]]
    if len(names) < 2:
        failures.append(f"{len(want)} evidence rows at {limit} a sheet made {len(names)} sheet(s)")
    if rows != want:
        failures.append(f"evidence sheets hold {len(rows)} rows, evidence.csv {len(want)}; "
                        f"first difference at {next((i for i, (a, b) in enumerate(zip(rows, want)) if a != b), min(len(rows), len(want)))}")
    for f in failures:
        print(f)
    print(f"{len(names)} evidence sheets, {len(rows)} rows" if not failures else "FAILED")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
