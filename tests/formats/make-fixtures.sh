#!/usr/bin/env bash
# Makes the .docx and PDF fixtures of tests/formats from real report texts of the development
# corpus (dev part only, tests/devcorpus/manifest.csv) with real tools, and the bad inputs.
# The generated files are committed; run this again only to remake them (needs the packages of
# scripts/install-deps.sh --fixtures: LibreOffice, pandoc, qpdf, poppler-utils, chromium, fonts-noto-cjk).
#
#   docx/<name>.docx   LibreOffice: report text (crawler header replaced by its title line) → .docx
#   pdf/<name>.pdf     LibreOffice: that .docx → PDF (A4, Noto CJK)
#   pdf/<name>-chromium.pdf  headless Chromium --print-to-pdf of the text as a page: running
#                      header (date, title) and footer (file URL, page "1/3") on every page
#   pdf/<name>-typeset.pdf  headless Chromium --print-to-pdf of the report typeset for print
#                      (title centred over two lines, every paragraph indented; the crawl's
#                      one-line fragments as paragraphs): tests/accuracy/variants.py print_page
#   bad/               encrypted PDF (qpdf, user password), image-only PDF (pdftoppm → an <img>
#                      printed by Chromium), zip bomb .docx, .docx without word/document.xml,
#                      script-only and malformed HTML, a GBK page declaring UTF-8, a .doc
#   doc/<name>.doc     LibreOffice: the .docx → Word 97 .doc (read through antiword); one copy
#                      named .wps (WPS Office saves .wps in this format too)
#   ocr/<name>-scan.pdf  page 1 of pdf/<name>.pdf rendered to a 1-bit image at 200 dpi
#                      (pdftoppm -mono) and wrapped back into an image-only PDF (scan-to-pdf.py);
#                      ocr/<name>-scan.txt is that page's text layer (pdftotext), the reference
#                      for the OCR accuracy test (ocr-accuracy.py measures every page)
set -euo pipefail
cd "$(dirname "$0")"
reports=../devcorpus/reports
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p docx pdf bad

docx_names=(putian-1791882 putian-2207202 pingtan-78020 putian-1555512)
pdf_names=(putian-1791882 pingtan-78020)
chromium_names=(putian-1694272)
typeset_names=(putian-2205141)

# The report as an auditor's Word file has it: the title first, no crawler header.
body_of() {
  local f=$reports/$1.txt
  sed -n 's/^标题: //p' "$f" | head -1
  awk 'found {print} /^=+ 正文 =+$/ || /^正文: *$/ {found=1}' "$f"
}

for n in "${docx_names[@]}" "${pdf_names[@]}" "${chromium_names[@]}"; do body_of "$n" > "$work/$n.txt"; done

soffice_convert() {  # format input outdir [infilter]
  soffice --headless -env:UserInstallation=file://$work/lo ${4:+--infilter="$4"} \
    --convert-to "$1" --outdir "$3" "$2" >/dev/null 2>&1
}
for n in "${docx_names[@]}"; do
  soffice_convert docx "$work/$n.txt" docx "Text (encoded):UTF8"
done
for n in "${pdf_names[@]}"; do
  soffice_convert docx "$work/$n.txt" "$work" "Text (encoded):UTF8"
  soffice_convert pdf "$work/$n.docx" pdf
done
for n in "${chromium_names[@]}"; do
  { echo '<!DOCTYPE html><html><head><meta charset="utf-8"><title>'"$n"'</title></head><body>'
    sed 's/&/\&amp;/g; s/</\&lt;/g; s/^.*$/<p>&<\/p>/' "$work/$n.txt"
    echo '</body></html>'; } > "$work/$n.html"
  chromium --headless --no-sandbox --disable-gpu --print-to-pdf="pdf/$n-chromium.pdf" "$work/$n.html" >/dev/null 2>&1
done
for n in "${typeset_names[@]}"; do
  python3 -c 'import sys; sys.path.insert(0, "../accuracy"); import variants
print(variants.print_page(open(sys.argv[1], encoding="utf-8").read()))' "$reports/$n.txt" > "$work/$n-typeset.html"
  chromium --headless --no-sandbox --disable-gpu --no-pdf-header-footer \
    --print-to-pdf="pdf/$n-typeset.pdf" "$work/$n-typeset.html" >/dev/null 2>&1
done

# Old binary Word files.
mkdir -p doc ocr
for n in putian-1791882 pingtan-78020; do soffice_convert doc "docx/$n.docx" doc; done
cp doc/pingtan-78020.doc doc/pingtan-78020-wps.wps
# A scanned page from a known text.
pdftoppm -r 200 -mono -f 1 -l 1 pdf/putian-1791882.pdf "$work/ocr"
python3 scan-to-pdf.py ocr/putian-1791882-scan.pdf "$work"/ocr-1.pbm
pdftotext -f 1 -l 1 pdf/putian-1791882.pdf ocr/putian-1791882-scan.txt

# Bad inputs.
echo "莆田市审计局关于2022年法治政府建设工作情况的报告" > "$work/short.txt"
soffice_convert pdf "$work/short.txt" "$work" "Text (encoded):UTF8"
qpdf --encrypt secret secret 256 -- "$work/short.pdf" bad/encrypted.pdf
pdftoppm -r 60 -png -f 1 -l 1 pdf/putian-1791882.pdf "$work/scan"
echo "<html><body style='margin:0'><img src='scan-1.png' style='width:100%'></body></html>" > "$work/scan.html"
chromium --headless --no-sandbox --disable-gpu --no-pdf-header-footer --print-to-pdf=bad/scanned.pdf \
  "$work/scan.html" >/dev/null 2>&1
# Zip bomb: a document.xml of 100 MB of zeros (above limits::kMaxDocxPartBytes) inside a valid .docx skeleton (a few hundred KB).
mkdir -p "$work/bomb"
(cd "$work/bomb" && unzip -q "$OLDPWD/docx/putian-1791882.docx" &&
 head -c 100000000 /dev/zero > word/document.xml && zip -q -9 -r ../bomb.docx .)
cp "$work/bomb.docx" bad/zip-bomb.docx
# A .docx without word/document.xml.
mkdir -p "$work/nodoc"
(cd "$work/nodoc" && unzip -q "$OLDPWD/docx/putian-1791882.docx" && rm word/document.xml && zip -q -r ../nodoc.docx .)
cp "$work/nodoc.docx" bad/no-document.docx
# A binary .doc written by LibreOffice (for the antiword/catdoc check and error[legacy-word]).
soffice_convert doc docx/putian-1791882.docx bad
mv bad/putian-1791882.doc bad/legacy.doc
# A GBK page that declares UTF-8 (a template copied between sites).
{ echo '<html><head><meta charset="utf-8"><title>t</title></head><body><div>'
  sed 's/^.*$/<p>&<\/p>/' "$work/putian-1791882.txt"; echo '</div></body></html>'; } |
  iconv -f UTF-8 -t GB18030 > bad/gbk-declared-utf8.html
printf '<html><head><script>var a = "法治政府建设报告";</script><style>p{}</style></head><body><script>document.write("报告")</script></body></html>\n' > bad/script-only.html
{ echo '<html><body><div><p>'; sed -n '1,8p' "$work/putian-1791882.txt" | sed 's/^.*$/&<p><b><i>/'; echo '</table></span>'; } > bad/malformed.html
ls -l docx pdf doc ocr bad
