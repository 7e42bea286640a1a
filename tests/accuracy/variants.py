#!/usr/bin/env python3
"""Structure that survives web pages: each labelled dev report of tests/devcorpus is also read in
the other shapes users feed the tool, and the engine's unit, year and evidenced sections are
compared with the original's:

- the two shapes crawled pages take: the body joined into one line, and the body hard-wrapped
  at a fixed width (28 characters, breaking inside sentences);
- the text copied from the page instead of crawled: the plain title line, then the body
  (no 标题:/发布时间: header);
- the page's footer and tool bar kept below the text (上一篇/下一篇, 主办单位, 版权所有, ICP,
  翻译/搜索/复制);
- the page selected and copied in a browser (breadcrumb, title, an info bar 信息来源/发布日期/
  点击数, share line, body, footer);
- a statistics table attached after the signature (附件：…统计表);
- the page saved as HTML (menus, breadcrumb, info bar, footer; also as an older site serves it,
  GB2312 declared in an http-equiv meta tag, or laid out in nested tables with <br> lines), and
  the text a PDF of the
  report yields (35-character lines, page numbers between pages, inside sentences and dates),
  also with Word's running heads (the title, or the unit and document number, atop every page)
  and "第 N 页 共 M 页" feet; a table of contents (目录, chapters with dot leaders and pages)
  between the title and the text; the 政府信息公开 catalogue table (索引号, 发布机构, 生成日期 …)
  above the title; the title inside book-title marks (《…报告》); a related-articles list
  (相关阅读, other reports' titles and dates) below the text; chapters numbered 1、2、3、 or 1. 2. 3.; HTML's
  character references left undecoded (&nbsp; indentation, &ldquo; &rdquo;, &#12289;);
  invisible marks inserted against copying (zero-width space and joiner, soft hyphen);
- spaces between Han characters (stray ones, and one after every character as PDF text often
  has), lines indented with ideographic spaces;
- half-width punctuation (,;:() for ，；：（）), full-width digits, Traditional characters (ICU's
  Hans-Hant transform, `uconv` of icu-devtools), CRLF lines after a byte order mark, GB18030 and
  UTF-16LE bytes, the Traditional text in Big5 bytes;
- dates and the title's year in Chinese numerals (二〇二三年十二月二十日), as formal documents
  sign them; chapters numbered 第一部分 or 一. instead of 一、, or not numbered at all (主要工作 /
  存在的问题 / 下一步工作打算 over their (一)(二) sections);
- the report copied from a WeChat article (follow prompt, byline 发表于, credits, buttons), or
  converted to Markdown (# title, ## chapters, **bold** headings);
- the title without its year (the year comes from the body), and without its unit (the unit
  may then be lost or shortened, 市审计局 for 莆田市审计局, never replaced by another);
- the body alone (no title, no header): the unit may be lost where only the title named it, but
  never replaced by another, and the year stays.
- the title with its date in parentheses below it, or the sending unit and date below it; an
  attachment note (附件：1.… 2.…) between the body and the signature; a related-links block
  (相关链接, 中国政府网 …) below the text;
- the signed document as its Word or PDF version shows it: the red header (…文件), the document
  number, the title broken over two lines and the addressee line, also with the title's unit
  removed (关于2023年…: the red header names the unit); and a Word file (.docx, runs split every
  seven characters as Word writes them); with --typeset-pdf also a PDF file printed by Chromium
  (title centred, indented paragraphs; not in ctest: Chromium is optional and slow).

Usage: python3 tests/accuracy/variants.py --bin build/cli/indicheck [--check] [--max-calls N]
                                         [--shape LABEL]... [--typeset-pdf]
With --check, exits 1 when a variant changes any unit or year (the body alone: a different unit
or year), or more than N section calls over the dev part (the byte-level shapes: any call). The
test part is not read.
"""
import argparse
import csv
import html
import json
import pathlib
import re
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


def plain_title(text):
    """The page as a user copies it: the title line, then the body."""
    head, body = split_header(text)
    title = next((l.split(":", 1)[1].strip() for l in head if l.startswith("标题:")), "")
    return "\n".join([title] + body)


def body_only(text):
    return "\n".join(split_header(text)[1])


FOOTER = ("上一篇：莆田市人民政府关于公布第一批市级非物质文化遗产的通知\n"
          "下一篇：关于开展2023年度全市统计执法检查的通知\n【打印本页】【关闭窗口】\n"
          "主办单位：莆田市人民政府办公室  承办单位：莆田市大数据集团有限公司\n"
          "版权所有：莆田市人民政府  闽ICP备05007397号  闽公网安备35030202000108号\n"
          "网站标识码：3503000006\n翻译\n搜索\n复制\n")


def footer(text):
    return text.rstrip("\n") + "\n" + FOOTER


def browser_copy(text):
    """The page selected and copied in a browser: breadcrumb, title, info bar, share line,
    body, footer."""
    head, body = split_header(text)
    top = ["当前位置：首页 > 政务公开 > 其他公开信息", header_field(head, "标题"),
           f"信息来源：本网  发布日期：{header_field(head, '发布时间')[:10]}  点击数：88", "分享到："]
    return "\n".join(top + body).rstrip("\n") + "\n" + FOOTER


def one_line_browser_copy(text):
    """The browser copy as a crawler flattens it: breadcrumb, title, info bar, body and footer in
    one line, separated by single spaces."""
    return " ".join(l.strip() for l in browser_copy(text).split("\n") if l.strip()) + "\n"


def body_mapped(table):
    def shape(text):
        head, body = split_header(text)
        return "\n".join(head + [line.translate(table) for line in body])
    return shape


ATTACHMENT = ("附件：2023年度行政执法数据统计表\n序号\t项目\t数量\n1\t行政处罚案件\t120件\n"
              "2\t行政检查\t300次\n3\t行政复议案件\t5件\n")


def attachment(text):
    """A statistics table attached after the signature."""
    return text.rstrip("\n") + "\n" + ATTACHMENT


def header_field(head, name):
    return next((l.split(":", 1)[1].strip() for l in head if l.startswith(name + ":")), "")


def html_page(text):
    """The page as a browser saves it: menus, breadcrumb, h1 title, info bar, one <p> per line
    of the body, tool bar and footer (read as HTML by content: the file keeps its .txt name)."""
    head, body = split_header(text)
    title = html.escape(header_field(head, "标题"))
    paragraphs = "\n".join(f'<p style="text-indent:2em">{html.escape(l)}</p>' for l in body if l.strip())
    return (f'<!DOCTYPE html><html><head><meta charset="utf-8"><title>{title}_人民政府</title>'
            '<script>var nav = 1;</script><style>p{margin:0}</style></head><body>\n'
            '<div class="top"><a href="/">首页</a> <a href="/zwgk">政务公开</a> '
            '<a href="/hd">互动交流</a></div>\n'
            '<div class="crumb">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk">政务公开</a>'
            ' &gt; 其他公开信息</div>\n'
            f'<div class="article"><h1>{title}</h1>\n'
            f'<div class="info">发布时间：{header_field(head, "发布时间")} 来源：本网 浏览次数：123 '
            '【字体：大 中 小】</div>\n'
            f'<div class="TRS_Editor">{paragraphs}</div>\n'
            '<div class="tools">【打印本页】【关闭窗口】</div></div>\n'
            '<div class="footer">主办单位：某某市人民政府办公室 版权所有 闽ICP备05007397号</div>'
            '</body></html>')


def html_page_gb2312(text):
    """The same page as an older site serves it: GB2312 declared in an http-equiv meta tag (the
    bytes are GB18030, which GB2312 pages are read as)."""
    return html_page(text).replace(
        '<meta charset="utf-8">',
        '<meta http-equiv="Content-Type" content="text/html; charset=gb2312">')


def html_table_page(text):
    """A page of an older site: the layout in nested tables, the title and the info bar in cells
    of their own, the body one cell of lines separated by <br>, indented with &nbsp;."""
    head, body = split_header(text)
    title = html.escape(header_field(head, "标题"))
    cell = "<br>\n".join("&nbsp;&nbsp;&nbsp;&nbsp;" + html.escape(l) for l in body if l.strip())
    return (f'<html><head><meta charset="utf-8"><title>{title}</title></head><body>'
            '<table width="100%"><tr><td><a href="/">首页</a> | <a href="/zwgk">政务公开</a></td></tr>'
            '<tr><td><table width="960" align="center">'
            f'<tr><td class="title" align="center"><b>{title}</b></td></tr>'
            f'<tr><td align="center">发布日期：{header_field(head, "发布时间")[:10]}　　来源：本网　'
            '　【打印】【关闭】</td></tr>'
            f'<tr><td class="content">{cell}</td></tr>'
            '</table></td></tr><tr><td align="center">版权所有：某某市人民政府 '
            '闽ICP备05007397号</td></tr></table></body></html>')


def pdf_text(text):
    """The text a PDF of the report yields: the title line, lines of 35 characters, and a page
    number ("— 3 —") after every 30 lines, inside sentences and dates."""
    head, body = split_header(text)
    out, page = [header_field(head, "标题")], 1
    for line in body:
        for i in range(0, max(len(line), 1), 35):
            out.append(line[i:i + 35])
            if len(out) % 30 == 0:
                out.append(f"— {page} —")
                page += 1
    return "\n".join(out)


def pdf_running_heads(text):
    """The text of a PDF printed from Word with page headers and footers: every page (30 lines
    of 35 characters) starts with the running header (the unit's name and the document number,
    or the title) and ends with "第 N 页 共 M 页", inside sentences and dates."""
    head, body = split_header(text)
    title = header_field(head, "标题")
    lines = [title]
    for line in body:
        lines += [line[i:i + 35] for i in range(0, max(len(line), 1), 35)]
    pages = [lines[i:i + 30] for i in range(0, len(lines), 30)]
    running = title if len(pages) % 2 else "莆田市人民政府办公室 莆政办〔2024〕12号"
    out = []
    for n, page in enumerate(pages, 1):
        if n > 1:
            out.append(running)
        out += page
        out.append(f"第 {n} 页 共 {len(pages)} 页")
    return "\n".join(out)


def disclosure_table(text):
    """The page copied from a 政府信息公开 site: the disclosure catalogue's table above the
    text (索引号, 发布机构, 生成日期, 名称, 文号, 主题分类; each key and value on its own line, as
    a table's cells copy), then the title and the body."""
    head, body = split_header(text)
    title = header_field(head, "标题")
    date = header_field(head, "发布时间")[:10]
    table = ["索引号：", "350300-0123-2024-00012", "发布机构：", header_field(head, "发布机构") or
             "本机关", "生成日期：", date, "名　　称：", title, "文　　号：",
             header_field(head, "文号"), "主题分类：", "综合政务\\其他"]
    return "\n".join(table + [title] + body)


def title_in_marks(text):
    """The title written inside book-title marks, as some sites list it: 《…报告》."""
    head, body = split_header(text)
    title = header_field(head, "标题")
    if not title:
        return text
    marked = f"《{title}》"
    head = [("标题: " + marked) if l.startswith("标题:") else l for l in head]
    return "\n".join(head + [marked] + [l for l in body if l.strip() != title])


def html_entities(text):
    """The text a careless extraction leaves: HTML's character references undecoded (&nbsp; for
    the indentation, &ldquo; &rdquo; around quotations, &#12289; for 、)."""
    head, body = split_header(text)
    refs = {"“": "&ldquo;", "”": "&rdquo;", "\u3000": "&nbsp;", "、": "&#12289;"}
    out = []
    for line in body:
        for ch, ref in refs.items():
            line = line.replace(ch, ref)
        out.append("&nbsp;" * 4 + line if line.strip() else line)
    return "\n".join(head + out)


def invisible_marks(text):
    """Characters a site inserts against copying, or an editor leaves: a zero-width space after
    every third character of the body, a zero-width joiner or a soft hyphen now and then."""
    head, body = split_header(text)
    marks = ["\u200b", "\u200b", "\u200d", "\u00ad", "\ufeff"]
    out = []
    for line in body:
        out.append("".join(ch + (marks[k % len(marks)] if k % 3 == 2 else "")
                           for k, ch in enumerate(line)))
    return "\n".join(head + out)


def table_of_contents(text):
    """A long report as Word lays it out: a table of contents (目录, each chapter heading with a
    dot leader and its page) between the title and the text."""
    head, body = split_header(text)
    chapters = [l.strip() for l in body
                if re.match(r"^\s*[一二三四五六七八九十]{1,2}、\S{3,}", l) and len(l.strip()) < 60]
    if not chapters:
        return text
    entries = [f"{c}{'…' * 12}{1 + 3 * k}" for k, c in enumerate(chapters)]
    return "\n".join(head + ["目  录"] + entries + body)


def retitled(pattern):
    """The crawler's title and the title line with `pattern` removed."""
    def shape(text):
        head, body = split_header(text)
        title = header_field(head, "标题")
        new = re.sub(pattern, "", title, count=1)
        head = [("标题: " + new) if l.startswith("标题:") else l for l in head]
        return "\n".join(head + [l.replace(title, new) if title and title in l else l for l in body])
    return shape


def same_unit_or_less(original, variant):
    """The variant's unit is the original's, or none, or a shorter name of it (市审计局 for
    莆田市审计局, 市海渔局 for 莆田市海洋与渔业局: its characters in order, the same last one)."""
    if not variant or variant == original:
        return True
    k = 0
    for c in original:
        if k < len(variant) and c == variant[k]:
            k += 1
    return k == len(variant) and original[-1:] == variant[-1:]


def han_spaced(every):
    """A space between Han characters: after every `every`-th one (stray spaces of an export),
    or after each (every == 1: "法 治 政 府", as PDF text often comes)."""
    def shape(text):
        head, body = split_header(text)
        out = []
        for line in body:
            chars, seen = [], 0
            for i, c in enumerate(line):
                chars.append(c)
                if "\u4e00" <= c <= "\u9fff" and i + 1 < len(line) and "\u4e00" <= line[i + 1] <= "\u9fff":
                    seen += 1
                    if seen % every == 0:
                        chars.append(" ")
            out.append("".join(chars))
        return "\n".join(head + out)
    return shape


def indented(text):
    """Each body line indented with two ideographic spaces, as Word and many pages do."""
    head, body = split_header(text)
    return "\n".join(head + [("\u3000\u3000" + l) if l.strip() else l for l in body])


CHINESE_DIGITS = "〇一二三四五六七八九"


def chinese_number(n):
    if n < 10:
        return CHINESE_DIGITS[n]
    tens, units = divmod(n, 10)
    return ("" if tens == 1 else CHINESE_DIGITS[tens]) + "十" + (CHINESE_DIGITS[units] if units else "")


def chinese_year(y):
    return "".join(CHINESE_DIGITS[int(c)] for c in y)


def chinese_dates(text):
    """Dates in Chinese numerals, as formal documents sign them: 二〇二三年十二月二十日, and the
    title's year: 二〇二三年度."""
    head, body = split_header(text)
    date = re.compile(r"(\d{4})年(\d{1,2})月(\d{1,2})日")
    body = [date.sub(lambda m: chinese_year(m.group(1)) + "年" + chinese_number(int(m.group(2))) +
                     "月" + chinese_number(int(m.group(3))) + "日", l) for l in body]
    title = header_field(head, "标题")
    new = re.sub(r"(\d{4})年", lambda m: chinese_year(m.group(1)) + "年", title, count=1)
    head = [("标题: " + new) if l.startswith("标题:") else l for l in head]
    return "\n".join(head + [l.replace(title, new) if title and title in l else l for l in body])


def chapters_unnumbered(text):
    """Chapter headings without their numbers (主要工作 / 存在的问题 / 下一步工作打算 on their own
    lines), the sections under them still (一)(二)."""
    head, body = split_header(text)
    return "\n".join(head + [re.sub(r"^(\s*)[一二三四五六七八九十]、\s*", r"\1", l) for l in body])


def chapters_dot(text):
    """Chapters numbered 一. (一． in the source) instead of 一、."""
    head, body = split_header(text)
    return "\n".join(head + [re.sub(r"^(\s*)([一二三四五六七八九十])、", r"\1\2．", l) for l in body])


def chapters_arabic(text):
    """Chapters numbered with Arabic digits (1、 or 1. at the line's start: 1、主要工作 /
    2、存在的问题 / 3、下一步打算), the sections under them still (一)(二)."""
    head, body = split_header(text)
    digits = {c: str(i) for i, c in enumerate("一二三四五六七八九十", 1)}
    return "\n".join(head + [re.sub(r"^(\s*)([一二三四五六七八九十])、",
                                     lambda m: m.group(1) + digits[m.group(2)] + "、", l)
                              for l in body])


def chapters_arabic_dot(text):
    """Chapters numbered 1. 2. 3. (a period after the digit)."""
    head, body = split_header(text)
    digits = {c: str(i) for i, c in enumerate("一二三四五六七八九十", 1)}
    return "\n".join(head + [re.sub(r"^(\s*)([一二三四五六七八九十])、",
                                     lambda m: m.group(1) + digits[m.group(2)] + ".", l)
                              for l in body])


def markdown(text):
    """The report converted to Markdown (pandoc, an online editor): "# " before the title, "## "
    before each chapter, (一) headings in **bold**; the lines kept as they are."""
    title, body = title_and_body(text)
    out = ["# " + title]
    for line in body:
        if re.match(r"^\s*[一二三四五六七八九十]、", line):
            line = "## " + line.strip()
        elif re.match(r"^\s*（[一二三四五六七八九十]）", line):
            line = "**" + line.strip() + "**"
        out.append(line)
    return "\n".join(out)


def wechat_article(text):
    """The report as a WeChat article copied: a follow prompt, the title, the byline, the body,
    the credits and the button row."""
    head, body = split_header(text)
    return "\n".join(["点击上方蓝字关注我们", header_field(head, "标题"),
                      "莆田司法 2024-01-05 10:00 发表于福建"] + body +
                     ["编辑：张三", "审核：李四", "阅读原文", "分享 收藏 点赞 在看"])


def chapters_as_parts(text):
    """Chapters numbered 第一部分 instead of 一、."""
    head, body = split_header(text)
    return "\n".join(head + [re.sub(r"^(\s*)([一二三四五六七八九十])、\s*",
                                     lambda m: m.group(1) + "第" + m.group(2) + "部分 ", l)
                              for l in body])


TITLE_UNIT = r"^(?:关于)?[\u4e00-\u9fff]+?(?=(?:关于)?\d{4})"


def official_document(text, unit, short_title=False):
    """The report as the signed document shows it (Word, PDF): the issuing unit's red header
    (…文件), the document number, the title broken over two lines (`short_title`: without the
    unit, 关于2023年度…报告, as many titles under a red header are), and the addressee line."""
    head, body = split_header(text)
    title, number = header_field(head, "标题"), header_field(head, "文号")
    if short_title:
        body = [l for l in body if l.strip() != title]
        title = re.sub(TITLE_UNIT, "关于", title, count=1)
    while body and (not body[0].strip() or body[0].strip() == title):
        body = body[1:]
    cut = len(title) * 3 // 5
    top = [unit + "文件", "", number if "〔" in number else "", "", title[:cut], title[cut:], "",
           "中共莆田市委全面依法治市委员会办公室："]
    return "\n".join(top + body)


def title_and_body(text):
    head, body = split_header(text)
    title = header_field(head, "标题")
    while body and (not body[0].strip() or body[0].strip() == title):
        body = body[1:]
    return title, body


def dated_title(text, unit):
    """The title, then its date in parentheses on the next line, as speeches and reports set it."""
    title, body = title_and_body(text)
    return "\n".join([title, "（2023年12月20日）", ""] + body)


def sender_under_title(text, unit):
    """The title, then the sending unit and the date on two lines, before the body."""
    title, body = title_and_body(text)
    return "\n".join([title, unit, "2023年12月20日", ""] + body)


def attachment_note(text, unit):
    """An attachment note (附件说明) between the body's last sentence and the signature."""
    title, body = title_and_body(text)
    last = max((i for i, l in enumerate(body) if "。" in l), default=len(body) - 1)
    note = ["附件：1.2023年度行政复议应诉情况统计表", "2.2023年度规范性文件目录", ""]
    return "\n".join([title] + body[:last + 1] + note + body[last + 1:])


def link_list(text, unit):
    """The page's related-links block below the text (相关链接, then the portals' names)."""
    title, body = title_and_body(text)
    return "\n".join([title] + body + ["", "相关链接", "中国政府网 福建省人民政府 莆田市人民政府"])


def related_reading(text, unit):
    """The page's related-articles block below the text: other units' reports of other years,
    each title with its date (相关阅读 / 推荐阅读 lists on government sites)."""
    title, body = title_and_body(text)
    return "\n".join([title] + body + [
        "", "相关阅读",
        "某某市司法局关于2019年度法治政府建设情况的报告 2020-01-15",
        "某某区人民政府2018年法治政府建设工作总结 2019-02-01",
        "关于印发《某某市2020年法治政府建设工作要点》的通知 2020-03-09"])


def docx_bytes(text):
    """A Word file of the report: the title, then one paragraph per body line, each split into
    runs every seven characters with spell-check marks between them and the first line
    indented by the paragraph's properties, as Word writes it."""
    import io
    import zipfile
    from xml.sax.saxutils import escape
    head, body = split_header(text)
    title = header_field(head, "标题")

    def paragraph(line, centred=False):
        props = ('<w:pPr><w:jc w:val="center"/></w:pPr>' if centred else
                 '<w:pPr><w:ind w:firstLineChars="200" w:firstLine="640"/></w:pPr>')
        runs = "".join(f'<w:r><w:rPr><w:rFonts w:hint="eastAsia"/></w:rPr>'
                       f'<w:t xml:space="preserve">{escape(line[i:i + 7])}</w:t></w:r>'
                       f'<w:proofErr w:type="spellStart"/><w:proofErr w:type="spellEnd"/>'
                       for i in range(0, len(line), 7))
        return f"<w:p>{props}{runs}</w:p>"
    ns = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    document = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document {ns}>'
                f'<w:body>{paragraph(title, True) if title else ""}'
                + "".join(paragraph(l) for l in body if l.strip()) +
                '<w:sectPr/></w:body></w:document>')
    types = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.'
             'openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType='
             '"application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" '
             'ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType='
             '"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
             '</Types>')
    rels = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://'
            'schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="'
            'http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
            'Target="word/document.xml"/></Relationships>')
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", types)
        z.writestr("_rels/.rels", rels)
        z.writestr("word/document.xml", document)
    return out.getvalue()


def print_page(text):
    """The report typeset for printing (a title centred above indented paragraphs, one a line
    of the page), which --typeset-pdf prints to a PDF file with Chromium."""
    head, body = split_header(text)
    title = header_field(head, "标题")
    while body and (not body[0].strip() or body[0].strip() == title):
        body = body[1:]
    paragraphs = "".join(f"<p>{html.escape(l.strip())}</p>" for l in body if l.strip())
    return ('<!DOCTYPE html><html><head><meta charset="utf-8"><style>'
            'body{font-family:"Noto Serif CJK SC";font-size:16pt;margin:2.5cm 2cm;line-height:1.6}'
            'h1{text-align:center;font-size:22pt;font-weight:normal}p{text-indent:2em;margin:0}'
            f'</style></head><body><h1>{html.escape(title)}</h1>{paragraphs}</body></html>')


def print_pdf(page_html, folder, name):
    source = folder / f"{name}.html"
    source.write_text(page_html, encoding="utf-8")
    subprocess.run(["chromium", "--headless", "--no-sandbox", "--disable-gpu",
                    "--no-pdf-header-footer", f"--print-to-pdf={folder / (name + '.pdf')}",
                    str(source)], capture_output=True, timeout=120, check=False)


def traditional(text):
    """Traditional characters, as ICU's Hans-Hant transform writes them (uconv, icu-devtools)."""
    return subprocess.run(["uconv", "-x", "Hans-Hant"], input=text.encode("utf-8"),
                          stdout=subprocess.PIPE, check=True).stdout.decode("utf-8")


def traditional_big5(text):
    """Traditional characters as Taiwan's standard writes the few that ICU's transform gives in
    another form (啓 → 啟, 醖 → 醞), so that Big5 can encode them."""
    return traditional(text).translate(str.maketrans({"啓": "啟", "醖": "醞"}))


HALF_WIDTH = str.maketrans({"，": ",", "；": ";", "：": ":", "（": "(", "）": ")", "！": "!", "？": "?"})
FULL_WIDTH_DIGITS = str.maketrans("0123456789", "０１２３４５６７８９")


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
    ap.add_argument("--typeset-pdf", action="store_true",
                    help="also print each report to a PDF file with Chromium (about 2 s each)")
    ap.add_argument("--shape", action="append", default=[],
                    help="run only this shape (its label, e.g. 'Word file'); repeatable")
    args = ap.parse_args()
    units = {r["name"]: r["unit"] for r in csv.DictReader(open(CORPUS / "manifest.csv", encoding="utf-8"))
             if r["part"] == "dev" and (CORPUS / "labels" / f"{r['name']}.yaml").exists()}
    names = list(units)
    original = evaluate(args.bin, [str(CORPUS / "reports" / f"{n}.txt") for n in names])
    failed = False
    with tempfile.TemporaryDirectory() as tmp:
        # (label, shape, encoding, section calls allowed, the unit may be lost)
        shapes = (("one line", one_line, "utf-8", args.max_calls, False),
                  ("hard-wrapped", wrapped, "utf-8", args.max_calls, False),
                  ("plain title", plain_title, "utf-8", args.max_calls, False),
                  ("footer", footer, "utf-8", args.max_calls, False),
                  ("browser copy", browser_copy, "utf-8", args.max_calls, False),
                  # may lose or shorten a unit: a signature date the page wrapped inside its year
                  # (201 / 8 年) reads 201 8 年 once flattened with spaces (putian-1421263).
                  ("one-line browser copy", one_line_browser_copy, "utf-8", args.max_calls, True),
                  ("attachment", attachment, "utf-8", args.max_calls, False),
                  ("HTML page", html_page, "utf-8", args.max_calls, False),
                  ("HTML page, GB2312", html_page_gb2312, "gb18030", args.max_calls, False),
                  ("HTML page, table layout", html_table_page, "utf-8", args.max_calls, False),
                  ("PDF text", pdf_text, "utf-8", args.max_calls, False),
                  ("PDF running heads", pdf_running_heads, "utf-8", args.max_calls, False),
                  ("table of contents", table_of_contents, "utf-8", args.max_calls, False),
                  ("disclosure table", disclosure_table, "utf-8", args.max_calls, False),
                  ("title in 《》", title_in_marks, "utf-8", args.max_calls, False),
                  ("HTML entities", html_entities, "utf-8", args.max_calls, False),
                  ("invisible marks", invisible_marks, "utf-8", 0, False),
                  ("body only", body_only, "utf-8", args.max_calls, True),
                  ("title without year", retitled(r"\d{4}\s*年度?"), "utf-8", 0, False),
                  ("title without unit", retitled(TITLE_UNIT),
                   "utf-8", 0, True),
                  ("stray spaces", han_spaced(13), "utf-8", 0, False),
                  ("spaced characters", han_spaced(1), "utf-8", 0, False),
                  ("indented", indented, "utf-8", 0, False),
                  ("Chinese-numeral dates", chinese_dates, "utf-8", 0, False),
                  ("chapters 第一部分", chapters_as_parts, "utf-8", 0, False),
                  ("chapters 一.", chapters_dot, "utf-8", 0, False),
                  ("chapters unnumbered", chapters_unnumbered, "utf-8", args.max_calls, False),
                  ("chapters 1、", chapters_arabic, "utf-8", args.max_calls, False),
                  ("chapters 1.", chapters_arabic_dot, "utf-8", args.max_calls, False),
                  ("WeChat article", wechat_article, "utf-8", args.max_calls, False),
                  ("Markdown", markdown, "utf-8", args.max_calls, False),
                  ("half-width", body_mapped(HALF_WIDTH), "utf-8", 0, False),
                  ("full-width digits", body_mapped(FULL_WIDTH_DIGITS), "utf-8", 0, False),
                  ("Traditional", traditional, "utf-8", 0, False),
                  ("CRLF+BOM", lambda t: "\ufeff" + t.replace("\n", "\r\n"), "utf-8", 0, False),
                  ("GB18030", lambda t: t, "gb18030", 0, False),  # the bytes a GBK page holds
                  ("Big5", traditional_big5, "big5", 0, False),  # a Traditional page's bytes
                  ("UTF-16LE", lambda t: "\ufeff" + t, "utf-16-le", 0, False),
                  ("dated title", dated_title, "unit", args.max_calls, False),
                  ("sender under the title", sender_under_title, "unit", args.max_calls, False),
                  ("attachment note", attachment_note, "unit", args.max_calls, False),
                  ("link list", link_list, "unit", args.max_calls, False),
                  ("related reading", related_reading, "unit", args.max_calls, False),
                  ("official document", official_document, "unit", args.max_calls, False),
                  ("red header, title without unit",
                   lambda t, u: official_document(t, u, short_title=True), "unit", args.max_calls, False),
                  ("Word file", docx_bytes, "docx", args.max_calls, False)) + (
                      (("PDF file", print_page, "pdf", args.max_calls, False),)
                      if args.typeset_pdf else ())
        for label, shape, encoding, max_calls, may_lose_unit in shapes:
            if args.shape and label not in args.shape:
                continue
            folder = pathlib.Path(tmp) / label.replace(" ", "-")
            folder.mkdir()
            suffix = {"docx": ".docx", "pdf": ".pdf"}.get(encoding, ".txt")
            for n in names:
                text = (CORPUS / "reports" / f"{n}.txt").read_text(encoding="utf-8")
                if encoding == "pdf":
                    print_pdf(shape(text), folder, n)
                    continue
                data = (shape(text) if encoding == "docx" else
                        shape(text, units[n]).encode("utf-8") if encoding == "unit" else
                        shape(text).encode(encoding))
                (folder / f"{n}{suffix}").write_bytes(data)
            variant = evaluate(args.bin, [str(folder / f"{n}{suffix}") for n in names])
            calls = meta = lost = 0
            for n in names:
                a, b = original[n], variant[n]
                diff = sorted(a[0] ^ b[0])
                calls += len(diff)
                if may_lose_unit and a[2] == b[2] and same_unit_or_less(a[1] or "", b[1] or ""):
                    lost += a[1] != b[1]
                elif a[1:] != b[1:]:
                    meta += 1
                if diff or a[1:] != b[1:]:
                    print(f"{label:12s} {n:24s} sections lost {sorted(a[0] - b[0])} gained "
                          f"{sorted(b[0] - a[0])}" + (f"  unit/year {a[1:]} -> {b[1:]}" if a[1:] != b[1:] else ""))
            print(f"{label}: {len(names)} dev reports, {calls} section calls differ, "
                  f"{meta} unit/year differ" +
                  (f", {lost} units not found or shorter" if may_lose_unit else ""))
            if meta or calls > max_calls:
                failed = True
    return 1 if args.check and failed else 0


if __name__ == "__main__":
    sys.exit(main())
