#!/usr/bin/env python3
"""OCR character accuracy of `indicheck parse --text --ocr` on scans made from known texts.

For every text PDF given (default: tests/formats/pdf/*.pdf made by LibreOffice), each page is
rendered to a bilevel image at DPI (pdftoppm -mono), wrapped back into an image-only PDF
(scan-to-pdf.py), read with --ocr, and compared with the text layer of the same page
(pdftotext). Characters compared: everything but whitespace, NFKC-normalized on both sides (as
the matcher sees them). Accuracy = 1 - Levenshtein distance / reference length, in code points;
also given for Chinese characters alone. Needs poppler-utils. Offline; not run by ctest (the
ctest `formats_tests` checks one committed page against a floor).

  tests/formats/ocr-accuracy.py [--indicheck build/cli/indicheck] [--dpi 200] [PDF...]
"""
import argparse
import glob
import os
import subprocess
import sys
import tempfile
import time
import unicodedata

HERE = os.path.dirname(os.path.abspath(__file__))


def chars(text):
    return [c for c in unicodedata.normalize("NFKC", text) if not c.isspace()]


def distance(a, b):
    prev = list(range(len(b) + 1))
    for i, x in enumerate(a, 1):
        cur = [i] + [0] * len(b)
        for j, y in enumerate(b, 1):
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (x != y))
        prev = cur
    return prev[-1]


def han(cs):
    return [c for c in cs if "\u4e00" <= c <= "\u9fff"]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--indicheck", default=os.path.join(HERE, "../../build/cli/indicheck"))
    ap.add_argument("--dpi", type=int, default=200)
    ap.add_argument("pdfs", nargs="*")
    args = ap.parse_args()
    pdfs = args.pdfs or sorted(p for p in glob.glob(os.path.join(HERE, "pdf/*.pdf")) if "chromium" not in p)
    tot = {"ref": 0, "err": 0, "href": 0, "herr": 0, "pages": 0, "secs": 0.0}
    with tempfile.TemporaryDirectory() as work:
        for pdf in pdfs:
            n = int(next(l.split()[1] for l in subprocess.run(["pdfinfo", pdf], capture_output=True, text=True).stdout.splitlines() if l.startswith("Pages:")))
            for page in range(1, n + 1):
                ref = subprocess.run(["pdftotext", "-f", str(page), "-l", str(page), pdf, "-"], capture_output=True, text=True).stdout
                stem = os.path.join(work, "p")
                subprocess.run(["pdftoppm", "-r", str(args.dpi), "-mono", "-f", str(page), "-l", str(page), pdf, stem], check=True)
                pbm = sorted(glob.glob(stem + "*.pbm"))[-1]
                scan = os.path.join(work, "scan.pdf")
                subprocess.run([sys.executable, os.path.join(HERE, "scan-to-pdf.py"), scan, pbm], check=True)
                os.remove(pbm)
                t0 = time.monotonic()
                out = subprocess.run([args.indicheck, "parse", "--text", "--ocr", scan], capture_output=True, text=True).stdout
                secs = time.monotonic() - t0
                r, o = chars(ref), chars(out)
                if not r:
                    continue
                d, hd = distance(r, o), distance(han(r), han(o))
                print(f"{os.path.basename(pdf)} p{page}: {len(r)} chars, accuracy {1 - d / len(r):.4f}, "
                      f"Chinese {1 - hd / max(1, len(han(r))):.4f}, {secs:.1f} s")
                tot["ref"] += len(r); tot["err"] += d; tot["href"] += len(han(r)); tot["herr"] += hd
                tot["pages"] += 1; tot["secs"] += secs
    if tot["ref"]:
        print(f"all {tot['pages']} pages at {args.dpi} dpi: {tot['ref']} chars, accuracy {1 - tot['err'] / tot['ref']:.4f}, "
              f"Chinese {1 - tot['herr'] / tot['href']:.4f}, {tot['pages'] / tot['secs']:.2f} pages/s "
              f"(one process per page, includes loading chi_sim)")


if __name__ == "__main__":
    main()
