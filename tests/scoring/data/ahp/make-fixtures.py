#!/usr/bin/env python3
"""Writes the AHP spreadsheet fixtures of tests/scoring/weights_sheet_test.cpp (committed; run
again only to change them): CSV in UTF-8 and GBK, and .xlsx files built with zipfile by hand so
that the reader is tested on a workbook our own writer did not make (numbers as numeric cells,
labels as shared strings, fractions as inline strings, a rich-text label, no r= on some cells).
"""
import os
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))

# Saaty (1990) house example, the houses compared on size: priorities .754 .181 .065.
HOUSE = ("mini", ["1 行政执法", "2 政务公开", "3 行政复议"],
         [["1", "6", "8"], ["1/6", "1", "4"], ["1/8", "1/4", "1"]])
# The "choosing a leader" example: priorities .547 .127 .270 .056, CR .044. Lower triangle left
# empty: the reader takes the reciprocals.
LEADER = ("leader", ["经验", "学历", "魅力", "年龄"],
          [["1", "4", "3", "7"], ["", "1", "1/3", "3"], ["", "", "1", "5"], ["", "", "", "1"]])
# Not reciprocal: row 3 column 2 says 1/2 where 1/4 is due (a_23 = 4).
BROKEN = ("mini", ["行政执法", "政务公开", "行政复议"],
          [["1", "3", "5"], ["1/3", "1", "4"], ["1/5", "1/2", "1"]])


def rows_of(example):
    fw, labels, matrix = example
    return [[fw] + labels] + [[labels[i]] + matrix[i] for i in range(len(labels))]


def write_csv(name, example, encoding, bom=False):
    text = "\r\n".join(",".join(r) for r in rows_of(example)) + "\r\n"
    data = text.encode(encoding)
    if bom:
        data = b"\xef\xbb\xbf" + data
    with open(os.path.join(HERE, name), "wb") as f:
        f.write(data)


def col(c):
    s = ""
    c += 1
    while c:
        c, r = divmod(c - 1, 26)
        s = chr(65 + r) + s
    return s


def write_xlsx(name, example):
    rows = rows_of(example)
    shared = []
    cells_xml = []
    for r, row in enumerate(rows):
        cells = []
        for c, v in enumerate(row):
            if v == "":
                continue
            # Some cells without r= (then a cell follows the previous one): only in full rows.
            ref = ' r="%s%d"' % (col(c), r + 1) if (r + c) % 3 or "" in row else ""
            if r == 0 or c == 0:
                shared.append(v)
                cells.append('<c%s t="s"><v>%d</v></c>' % (ref, len(shared) - 1))
            elif "/" in v:
                cells.append('<c%s t="inlineStr"><is><t>%s</t></is></c>' % (ref, v))
            else:
                cells.append('<c%s><v>%s</v></c>' % (ref, v))
        cells_xml.append('<row r="%d">%s</row>' % (r + 1, "".join(cells)))
    sheet = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
             '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
             '<sheetData>%s</sheetData></worksheet>' % "".join(cells_xml))
    sst = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
           '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">%s</sst>'
           % "".join(rich(s) for s in shared))
    workbook = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
                'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
                '<sheets><sheet name="判断矩阵" sheetId="1" r:id="rId1"/></sheets></workbook>')
    rels = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
            'relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>')
    with zipfile.ZipFile(os.path.join(HERE, name), "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("xl/workbook.xml", workbook)
        z.writestr("xl/_rels/workbook.xml.rels", rels)
        z.writestr("xl/sharedStrings.xml", sst)
        z.writestr("xl/worksheets/sheet1.xml", sheet)


def rich(s):
    # A label split into two rich-text runs, as Excel writes a partly formatted cell.
    if len(s) > 3 and " " in s:
        a, b = s.split(" ", 1)
        return '<si><r><rPr><b/></rPr><t>%s </t></r><r><t>%s</t></r></si>' % (a, b)
    return "<si><t>%s</t></si>" % s


write_csv("house-size.csv", HOUSE, "utf-8", bom=True)
write_csv("house-size-gbk.csv", HOUSE, "gbk")
write_csv("leader.csv", LEADER, "utf-8")
write_csv("leader-gbk.csv", LEADER, "gbk")
write_csv("not-reciprocal.csv", BROKEN, "utf-8")
write_xlsx("house-size.xlsx", HOUSE)
write_xlsx("leader.xlsx", LEADER)
write_xlsx("not-reciprocal.xlsx", BROKEN)
