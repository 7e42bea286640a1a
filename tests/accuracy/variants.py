#!/usr/bin/env python3
"""Structure that survives web pages: each labelled dev report of tests/devcorpus is also read
as the two shapes crawled pages take — its body joined into one line, and its body hard-wrapped
at a fixed width (28 characters, breaking inside sentences) — and in GB18030 bytes, and the
engine's unit, year and evidenced sections are compared with the original's.

Usage: python3 tests/accuracy/variants.py --bin build/cli/indicheck [--check] [--max-calls N]
With --check, exits 1 when a variant changes any unit or year, or more than N section calls
(default 10) over the dev part (GB18030: any call). The test part is not read.
"""
import argparse
import csv
import json
import pathlib
import subprocess
import sys
import tempfile

ROOT = pathlib.Path(__file__).resolve().parent.parent.parent
CORPUS = ROOT / "tests" / "devcorpus"
WIDTH = 28


def split_header(text):
    lines = text.split("\n")
    k = next((i for i, l in enumerate(lines) if l.startswith("====") or l.startswith("正文")), -1)
    return lines[:k + 1], lines[k + 1:]


def one_line(text):
    head, body = split_header(text)
    return "\n".join(head + ["".join(body)])


def wrapped(text):
    head, body = split_header(text)
    out = list(head)
    for line in body:
        out += [line] if len(line) <= WIDTH else [line[i:i + WIDTH] for i in range(0, len(line), WIDTH)]
    return "\n".join(out)


def evaluate(binary, files):
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run([binary, "evaluate", *files, "--framework", "gangyao-2021", "--format",
                        "json", "--out", tmp, "--quiet", "--date", "2026-01-01"],
                       check=False, stdout=subprocess.DEVNULL)
        res = json.load(open(pathlib.Path(tmp) / "results.json", encoding="utf-8"))
    out = {}
    for rep in res["reports"]:
        items = rep["results"][0]["items"] if rep.get("results") else []
        secs = {".".join(i["id"].split(".")[:2]) for i in items if i["state"] in ("met", "partial")}
        unit = (rep["meta"].get("unit") or {}).get("value")
        out[pathlib.Path(rep["path"]).stem] = (secs, unit, rep["meta"].get("year"))
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", default=str(ROOT / "build" / "cli" / "indicheck"))
    ap.add_argument("--check", action="store_true")
    ap.add_argument("--max-calls", type=int, default=10)
    args = ap.parse_args()
    names = [r["name"] for r in csv.DictReader(open(CORPUS / "manifest.csv", encoding="utf-8"))
             if r["part"] == "dev" and (CORPUS / "labels" / f"{r['name']}.yaml").exists()]
    original = evaluate(args.bin, [str(CORPUS / "reports" / f"{n}.txt") for n in names])
    failed = False
    with tempfile.TemporaryDirectory() as tmp:
        shapes = (("one line", one_line, "utf-8", args.max_calls),
                  ("hard-wrapped", wrapped, "utf-8", args.max_calls),
                  ("GB18030", lambda t: t, "gb18030", 0))  # the bytes a GBK page holds
        for label, shape, encoding, max_calls in shapes:
            folder = pathlib.Path(tmp) / label.replace(" ", "-")
            folder.mkdir()
            for n in names:
                text = (CORPUS / "reports" / f"{n}.txt").read_text(encoding="utf-8")
                (folder / f"{n}.txt").write_bytes(shape(text).encode(encoding))
            variant = evaluate(args.bin, [str(folder / f"{n}.txt") for n in names])
            calls = meta = 0
            for n in names:
                a, b = original[n], variant[n]
                diff = sorted(a[0] ^ b[0])
                calls += len(diff)
                if a[1:] != b[1:]:
                    meta += 1
                if diff or a[1:] != b[1:]:
                    print(f"{label:12s} {n:24s} sections lost {sorted(a[0] - b[0])} gained "
                          f"{sorted(b[0] - a[0])}" + (f"  unit/year {a[1:]} -> {b[1:]}" if a[1:] != b[1:] else ""))
            print(f"{label}: {len(names)} dev reports, {calls} section calls differ, "
                  f"{meta} unit/year differ")
            if meta or calls > max_calls:
                failed = True
    return 1 if args.check and failed else 0


if __name__ == "__main__":
    sys.exit(main())
