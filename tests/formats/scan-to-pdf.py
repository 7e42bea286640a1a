#!/usr/bin/env python3
"""Builds an image-only PDF (a "scan") from bilevel PBM pages: pdftoppm -mono renders a text PDF,
this wraps each page as one 1-bit Flate image filling an A4 page, with no text layer at all.
Used by make-fixtures.sh for the OCR fixtures. Standard library only.

  scan-to-pdf.py OUT.pdf PAGE-1.pbm [PAGE-2.pbm ...]
"""
import sys
import zlib


def read_pbm(path):
    data = open(path, "rb").read()
    fields, pos = [], 0
    while len(fields) < 3:  # magic, width, height (comments are not written by pdftoppm)
        while data[pos:pos + 1].isspace():
            pos += 1
        start = pos
        while not data[pos:pos + 1].isspace():
            pos += 1
        fields.append(data[start:pos])
    assert fields[0] == b"P4", "expected a raw PBM (pdftoppm -mono)"
    return int(fields[1]), int(fields[2]), data[pos + 1:]


def main(out, pages):
    objects = []  # bodies, object i+1
    page_ids = []
    for path in pages:
        w, h, bits = read_pbm(path)
        image = zlib.compress(bits, 9)
        # PBM: 1 = black; /Decode [1 0] makes 1 black in DeviceGray.
        objects.append(b"<< /Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceGray "
                       b"/BitsPerComponent 1 /Decode [1 0] /Filter /FlateDecode /Length %d >>\nstream\n"
                       % (w, h, len(image)) + image + b"\nendstream")
        img = len(objects)
        content = b"q 595 0 0 842 0 0 cm /Im0 Do Q"
        objects.append(b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream")
        cont = len(objects)
        objects.append(b"<< /Type /Page /Parent PAGES /MediaBox [0 0 595 842] /Contents %d 0 R "
                       b"/Resources << /XObject << /Im0 %d 0 R >> >> >>" % (cont, img))
        page_ids.append(len(objects))
    objects.append(b"<< /Type /Pages /Kids [%s] /Count %d >>"
                   % (b" ".join(b"%d 0 R" % p for p in page_ids), len(page_ids)))
    pages_id = len(objects)
    objects = [o.replace(b"PAGES", b"%d 0 R" % pages_id) for o in objects]
    objects.append(b"<< /Type /Catalog /Pages %d 0 R >>" % pages_id)
    pdf = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for i, body in enumerate(objects, 1):
        offsets.append(len(pdf))
        pdf += b"%d 0 obj\n" % i + body + b"\nendobj\n"
    xref = len(pdf)
    pdf += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for o in offsets:
        pdf += b"%010d 00000 n \n" % o
    pdf += b"trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, len(objects), xref)
    open(out, "wb").write(pdf)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2:])
