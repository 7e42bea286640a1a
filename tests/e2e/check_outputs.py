#!/usr/bin/env python3
"""Reads a corpus run's outputs back with independent readers and checks them (outputs_e2e_test).

  check_outputs.py OUT_DIR

- results.xlsx through openpyxl: the expected sheets, Chinese headers, a frozen header row and an
  autofilter, one ranking row per unit, as many evidence rows as evidence.csv;
- every .docx through python-docx: the unit's title, the three sections, a paragraph per item;
- every HTML, Markdown, XLSX and DOCX output: none of the matcher's English vocabulary.
Prints each failure and exits 1 when there is any.
"""
import csv
import pathlib
import re
import sys
import zipfile

failures = []


def check(cond, what):
    if not cond:
        failures.append(what)


# Phrases of the matcher's old English verdicts and role names as they appeared in reports.
VOCABULARY = [
    "condition `", "met in sentence", "met in paragraph", "met in section", "no term of any",
    "selection found", "met only", "credit roles", "exclude this unit", "evidence gate",
    "does not meet", "not stated", "below threshold", "terms found but", "(achievements)",
    "(shortcomings)", "(plans)", "(leadership)", "(preamble)", "plans part", "shortcomings part",
    "leaf has no check",
]


def vocabulary_hits(name, text):
    for phrase in VOCABULARY:
        if phrase in text:
            at = text.index(phrase)
            failures.append(f"{name}: English matcher vocabulary {phrase!r}: "
                            f"...{text[max(0, at - 60):at + 60]}...")


def xlsx_text(path):
    with zipfile.ZipFile(path) as z:
        return "\n".join(z.read(n).decode("utf-8") for n in z.namelist() if n.endswith(".xml"))


def check_xlsx(out):
    import openpyxl
    wb = openpyxl.load_workbook(out / "results.xlsx")
    names = wb.sheetnames
    for sheet in ["运行信息", "排名-全部-gangyao-2021", "排名-2021年-区", "排名-2023年-开发区_园区",
                  "排名-2024年-县级市", "排名-全部-gangyao-2015", "热力图-gangyao-2021", "缺项清单",
                  "证据", "权重-gangyao-2021"]:
        check(sheet in names, f"results.xlsx: no sheet {sheet} in {names}")
    ranking_head = ["排名", "单位", "年度", "层级", "得分", "必选达标", "必选总数", "全部排名", "文件"]
    ws = wb["排名-全部-gangyao-2021"]
    check([c.value for c in ws[1]] == ranking_head, f"排名 header {[c.value for c in ws[1]]}")
    check(ws.freeze_panes == "A2", f"排名 frozen at {ws.freeze_panes}")
    check(ws.auto_filter.ref == "A1:I5", f"排名 autofilter {ws.auto_filter.ref}")
    rows = [[c.value for c in r] for r in ws.iter_rows(min_row=2)]
    check(len(rows) == 4, f"排名: {len(rows)} rows, expected the 4 reports of 2021-2025")
    check([r[0] for r in rows] == sorted(r[0] for r in rows), "排名 not in rank order")
    check({r[1] for r in rows} == {"苏州市相城区", "苏州工业园区", "太仓市", "南湖区"},
          f"排名 units {[r[1] for r in rows]}")
    check(all(isinstance(r[4], float) and 0 <= r[4] <= 100 for r in rows), "排名 scores")
    ws = wb["排名-2021年-区"]
    check([r[1].value for r in ws.iter_rows(min_row=2)] == ["苏州市相城区", "南湖区"],
          "排名-2021年-区 is not 相城区 then 南湖区")
    heat = wb["热力图-gangyao-2021"]
    check([c.value for c in heat[1]][:3] == ["单位", "年度", "得分"], "热力图 header")
    check(heat.max_column == 3 + 9, f"热力图 has {heat.max_column} columns, expected 9 areas")
    check(len(heat.conditional_formatting) >= 1, "热力图 has no colour scale")
    miss = wb["缺项清单"]
    check([c.value for c in miss[1]] == ["单位", "年度", "纲要", "项目编号", "纲要要求", "状态",
                                        "分值", "文件"], "缺项清单 header")
    check(miss.max_row > 1, "缺项清单 is empty")
    evidence = wb["证据"]
    with open(out / "evidence.csv", encoding="utf-8-sig", newline="") as f:
        csv_rows = list(csv.reader(f))
    check(evidence.max_row - 1 == len(csv_rows) - 1,
          f"证据 has {evidence.max_row - 1} rows, evidence.csv {len(csv_rows) - 1}")
    info = {r[0].value: r[1].value for r in wb["运行信息"].iter_rows(min_row=2)}
    check(info.get("运行日期") == "2026-01-02", f"运行信息 {info}")


def check_docx(path):
    import docx
    d = docx.Document(str(path))
    texts = [p.text for p in d.paragraphs]
    joined = "\n".join(texts)
    check("（单位版）" in texts[0], f"{path.name}: title {texts[0]!r}")
    for head in ["一、未达到的必选项", "二、失分最多的", "三、仅列入计划或自认不足的事项"]:
        check(head in joined, f"{path.name}: no section {head}")
    check(sum(1 for t in texts if t.startswith("为何未计分：")) >= 1, f"{path.name}: no reasons")
    check(re.search(r"得分：\d+\.\d / 100", joined) is not None, f"{path.name}: no score line")
    vocabulary_hits(path.name, joined)


def check_index(out):
    """index.html: the two ranking tabs, every link of 输出文件 to a file that exists (and every
    file of the run linked), the optional 5th report content never shown as a failure."""
    text = (out / "index.html").read_text(encoding="utf-8")
    for tab in ["tab-peers-gangyao-2021", "tab-all-gangyao-2021"]:
        check(f'id="{tab}"' in text, f"index.html: no tab {tab}")
    files = text[text.find('<h2 id="files">'):text.find('<h2 id="facts">')]
    links = set(re.findall(r'href="([^"#]+)"', files))
    for link in sorted(links):
        check((out / link).is_file(), f"index.html 输出文件 links {link}, which is not there")
    written = {str(f.relative_to(out)) for f in out.rglob("*") if f.is_file()}
    for name in sorted(written - links - {"index.html"}):
        check(False, f"index.html 输出文件 does not link {name}")
    structure = text[text.find('id="structure-report-structure"'):]
    row = structure[:structure.find("</table>")]
    check("其他需要报告的情况（非必备）" in row, "the 5th report content is not marked 非必备")
    check("未单列（非必备）" in row, "an absent 5th content is not shown as 未单列（非必备）")


def main():
    out = pathlib.Path(sys.argv[1])
    check_xlsx(out)
    check_index(out)
    for f in sorted(out.rglob("*")):
        if f.suffix in (".html", ".md"):
            vocabulary_hits(str(f.relative_to(out)), f.read_text(encoding="utf-8"))
        elif f.suffix == ".xlsx":
            vocabulary_hits(f.name, xlsx_text(f))
        elif f.suffix == ".docx":
            check_docx(f)
            vocabulary_hits(f.name, xlsx_text(f))
    for f in failures:
        print("FAIL:", f)
    print(f"check_outputs: {len(failures)} failure(s)")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
