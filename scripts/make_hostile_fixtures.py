#!/usr/bin/env python3
"""Writes fixtures/hostile/: small files that ask a parser for far more than they hold.

Each is a few KB and, read naively, needs gigabytes or aborts the process (issue 12).
Run from the repository root: python3 scripts/make_hostile_fixtures.py
"""
import io
import os
import struct
import zipfile
import zlib

OUT = "fixtures/hostile"


def patched_xls(name, patch):
    """fixtures/ledgers/payments.xls with one BIFF record changed in place."""
    data = bytearray(open("fixtures/ledgers/payments.xls", "rb").read())
    patch(data)
    open(os.path.join(OUT, name), "wb").write(bytes(data))


def huge_dimensions(data):
    # DIMENSIONS (0x0200, 14 bytes): rwMic u32, rwMac u32, colMic u16, colMac u16.
    at = data.find(b"\x00\x02\x0e\x00")
    data[at + 8:at + 12] = struct.pack("<I", 0xFFFFFFFF)


def corner_cell(data):
    # The first NUMBER (0x0203) or LABELSST (0x00FD) cell moved to row 0xFFFF, column 0xFF.
    for record in (b"\x03\x02", b"\xfd\x00"):
        at = data.find(record)
        if at >= 0:
            data[at + 4:at + 8] = struct.pack("<HH", 0xFFFF, 0xFF)
            return


def xlsx(name, sheet_xml, shared_xml):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", """<?xml version="1.0" encoding="UTF-8"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>
<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>
<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>
</Types>""")
        z.writestr("_rels/.rels", """<?xml version="1.0" encoding="UTF-8"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>
</Relationships>""")
        z.writestr("xl/workbook.xml", """<?xml version="1.0" encoding="UTF-8"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">
<sheets><sheet name="拨付" sheetId="1" r:id="rId1"/></sheets></workbook>""")
        z.writestr("xl/_rels/workbook.xml.rels", """<?xml version="1.0" encoding="UTF-8"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>
<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>
</Relationships>""")
        z.writestr("xl/worksheets/sheet1.xml", sheet_xml)
        z.writestr("xl/sharedStrings.xml", shared_xml)
    open(os.path.join(OUT, name), "wb").write(buffer.getvalue())


SHEET_HEAD = '<?xml version="1.0" encoding="UTF-8"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
HEADER_ROW = '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row>'
STRINGS = ['项目名称', '拨付金额']


def sst(strings, unique=None):
    items = "".join(f"<si><t>{s}</t></si>" for s in strings)
    unique = len(strings) if unique is None else unique
    return ('<?xml version="1.0" encoding="UTF-8"?>\n<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
            f'count="{len(strings)}" uniqueCount="{unique}">{items}</sst>')


def column(n):
    name = ""
    while n:
        n, r = divmod(n - 1, 26)
        name = chr(65 + r) + name
    return name


def main():
    os.makedirs(OUT, exist_ok=True)
    patched_xls("拨付台账-dimensions.xls", huge_dimensions)
    patched_xls("拨付台账-corner.xls", corner_cell)
    xlsx("拨付台账-sst.xlsx", SHEET_HEAD + HEADER_ROW + "</sheetData></worksheet>",
         sst(STRINGS, unique=1_000_000_000_000))
    # Every row padded with a cell in the last column Excel has (XFD).
    rows = "".join(f'<row r="{r}"><c r="A{r}"><v>{r}</v></c><c r="XFD{r}"><v>1</v></c></row>'
                   for r in range(2, 3002))
    xlsx("拨付台账-padded.xlsx", SHEET_HEAD + HEADER_ROW + rows + "</sheetData></worksheet>", sst(STRINGS))
    # One long shared string referenced from every cell of 400 x 100 cells.
    long_text = "拨" * 30_000
    cells = "".join(
        f'<row r="{r}">' + "".join(f'<c r="{column(c)}{r}" t="s"><v>2</v></c>' for c in range(1, 101)) + "</row>"
        for r in range(2, 402))
    xlsx("拨付台账-shared.xlsx", SHEET_HEAD + HEADER_ROW + cells + "</sheetData></worksheet>",
         sst(STRINGS + [long_text]))
    # ODS: a cell repeated across every column, in a row repeated a million times.
    content = ('<?xml version="1.0" encoding="UTF-8"?>\n'
               '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
               'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
               'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">'
               '<office:body><office:spreadsheet><table:table table:name="拨付">'
               '<table:table-row><table:table-cell office:value-type="string"><text:p>项目名称</text:p></table:table-cell></table:table-row>'
               '<table:table-row table:number-rows-repeated="1048575">'
               '<table:table-cell table:number-columns-repeated="16384" office:value-type="float" office:value="1"><text:p>1</text:p></table:table-cell>'
               '</table:table-row></table:table></office:spreadsheet></office:body></office:document-content>')
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.spreadsheet")
        z.writestr("META-INF/manifest.xml", """<?xml version="1.0" encoding="UTF-8"?>
<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">
<manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>
<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>
</manifest:manifest>""")
        z.writestr("content.xml", content)
    open(os.path.join(OUT, "拨付台账-repeated.ods"), "wb").write(buffer.getvalue())
    # PDF: an object stream whose one object is an array of 60 million zeros (120 MB
    # inflated, about 120 KB on disk), with a cross-reference stream.
    array = b"[" + b"0 " * 60_000_000 + b"]"
    header = b"3 0 "
    objstm = zlib.compress(header + array, 9)
    parts = [b"%PDF-1.5\n%\xe2\xe3\xcf\xd3\n"]
    offsets = {}
    def obj(number, body):
        offsets[number] = sum(len(p) for p in parts)
        parts.append(f"{number} 0 obj\n".encode() + body + b"\nendobj\n")
    obj(1, b"<< /Type /Catalog /Pages 2 0 R >>")
    obj(2, b"<< /Type /Pages /Kids [] /Count 0 >>")
    obj(4, f"<< /Type /ObjStm /N 1 /First {len(header)} /Filter /FlateDecode /Length {len(objstm)} >>\nstream\n".encode()
        + objstm + b"\nendstream")
    xref_at = sum(len(p) for p in parts)
    rows = [(0, 0, 65535), (1, offsets[1], 0), (1, offsets[2], 0), (2, 4, 0), (1, offsets[4], 0), (1, xref_at, 0)]
    table = b"".join(struct.pack(">BIH", *r) for r in rows)
    obj(5, f"<< /Type /XRef /Size 6 /W [1 4 2] /Root 1 0 R /Length {len(table)} >>\nstream\n".encode()
        + table + b"\nendstream")
    parts.append(f"startxref\n{xref_at}\n%%EOF\n".encode())
    open(os.path.join(OUT, "可行性研究报告-objstm.pdf"), "wb").write(b"".join(parts))


if __name__ == "__main__":
    main()
