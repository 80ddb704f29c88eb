#!/usr/bin/env python3
"""Generate the ledger (台账) fixtures in fixtures/ledgers/ with real spreadsheet writers.

guicang (Rust) can read .xls / .ods / GBK and BOM CSV ledgers but cannot write them,
so these fixtures are produced here by independent, real writers and committed:

  payments.xls          xlwt   (BIFF8 .xls)   资金拨付台账 for MGT-2023-001
  projects.xls          xlwt   (BIFF8 .xls)   项目台账
  contracts.ods         odfpy  (ODF 1.2 .ods) 合同台账
  allocations-gbk.csv   Python csv, GBK, CRLF 资金下达 (as a Chinese-Windows Excel "CSV" export)
  invoices-bom.csv      Python csv, UTF-8 with BOM, CRLF 发票台账 (as Excel "CSV UTF-8")
  payments-title-gbk.csv  Python csv, GBK, CRLF      资金拨付台账 with title, unit and note lines
  payments-title-bom.csv  Python csv, UTF-8 with BOM 资金拨付台账 as Excel saves a merged title

How to run (from the repository root; needs network access to PyPI once):

    python3 -m venv /tmp/ledgervenv
    /tmp/ledgervenv/bin/pip install xlwt==1.3.0 odfpy==1.4.1 xlrd==2.0.2
    /tmp/ledgervenv/bin/python scripts/make_ledger_fixtures.py          # write fixtures/ledgers/*
    /tmp/ledgervenv/bin/python scripts/make_ledger_fixtures.py --check  # read them back and print

The committed files were made with Python 3.11.7, xlwt 1.3.0, odfpy 1.4.1
(and checked with xlrd 2.0.2, zipfile + xml.etree for the .ods, and csv).

Output is deterministic: xlwt writes no timestamps, and the zip entry times odfpy
would take from the clock are pinned to FIXED_ZIP_TIME below. Re-running the script
must produce byte-identical files (`--check` also prints SHA-256 sums to compare).

The data are fixed in this file; the deliberate quirks (the wrong 累计拨付 row,
GBK, BOM, the capital amount, real date cells, ...) are listed in
fixtures/ledgers/README.md. Change both together.
"""

import argparse
import csv
import datetime as dt
import hashlib
import io
import os
import sys
import types
import zipfile
import xml.etree.ElementTree as ET

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_OUT = os.path.normpath(os.path.join(HERE, "..", "fixtures", "ledgers"))

FIXED_ZIP_TIME = (2024, 1, 1, 0, 0, 0)

PROJECT = "MGT-2023-001"
CONTRACT = "HT-2023-015"
PAYEE = "新疆某建筑公司"

# --------------------------------------------------------------------------- data

# payments.xls: (拨付日期, 拨付金额(元), 凭证号, 款项性质, 发票号 or "")
PAYMENTS = [
    (dt.date(2023, 6, 15), 1200000.00, "记-0032", "预付款", "04512345"),
    (dt.date(2023, 8, 1), 2400000, "记-0041", "进度款", "04512346"),
    (dt.date(2023, 10, 20), 1800000.5, "记-0077", "进度款", "04512347"),
    (dt.date(2024, 1, 10), 360000, "记-0102", "结算款", ""),
]
# Index (0-based, among the 4 payments) of the 累计拨付 value that is deliberately wrong.
WRONG_CUMULATIVE_INDEX = 2
WRONG_CUMULATIVE_DELTA = 10000.00  # written value = true running sum + this

PAYMENT_HEADERS = ["序号", "项目编号", "合同编号", "拨付日期", "拨付金额(元)", "凭证号",
                   "收款单位", "款项性质", "发票号", "累计拨付"]

PROJECT_HEADERS = ["项目编号", "项目名称", "项目类别", "项目状态", "建设性质",
                   "总投资(万元)", "援疆资金\n（万元）"]
PROJECTS = [
    ("MGT-2023-001", "麦盖提县第三小学教学楼建设项目", "固投类", "在建", "新建", 1200.00, 600.00),
    ("MGT-2023-002", "麦盖提县人民医院医疗设备购置项目", "设备类", "已完工", "购置", 650.5, 600),
    ("MGT-2023-003", "麦盖提县农村实用技术培训项目", "非固投类", "未开工", "其他", 600, 600),
]

CONTRACT_HEADERS = ["项目编号", "合同编号", "合同名称", "合同类型", "签订日期",
                    "合同金额（万元）", "乙方", "采购方式"]
CONTRACTS = [
    ("MGT-2023-001", "HT-2023-015", "教学楼施工合同", "施工", dt.date(2023, 5, 20), 580.5,
     "新疆某建筑公司", "公开招标"),
    ("MGT-2023-001", "HT-2023-016", "监理服务合同", "监理", dt.date(2023, 5, 25), 18,
     "某监理公司", "询价"),
]

# allocations-gbk.csv: exactly the text cells an Excel export would contain.
ALLOCATION_HEADERS = ["项目编号", "下达文号", "下达日期", "下达金额"]
ALLOCATIONS = [
    # general-format number cell -> exported bare
    ("MGT-2023-001", "麦发改投资〔2023〕12号", "2023/3/1", "6000000.00"),
    # number cell formatted #,##0.00 -> exported with separators, so Excel quotes it
    ("MGT-2023-002", "麦发改投资〔2023〕35号", "2023年6月1日", "6,000,000.00"),
    # text cell in Chinese capitals
    ("MGT-2023-003", "麦发改投资〔2023〕58号", "2023.9.1", "陆佰万元整"),
]

# invoices-bom.csv
INVOICE_HEADERS = ["项目编号", "合同编号", "发票号码", "开票日期", "价税合计"]
INVOICES = [
    (PROJECT, CONTRACT, "04512345", "20230614", "¥1,200,000.00"),   # U+00A5, separators (quoted)
    (PROJECT, CONTRACT, "04512346", "20230728", "¥2400000.00"),     # U+00A5, no separators
    (PROJECT, CONTRACT, "04512347", "20231018", "￥1,800,000.50"),  # U+FFE5 full-width yen
]


# payments-title-*.csv: the payments of payments.xls (cumulative column right) as Excel saves
# a sheet with a merged title row and a unit row: text as displayed ("1,200,000.00",
# "2023/6/15"), a 备注 cell with a line break inside (quoted), trailing empty cells of a
# row left out (a ragged row), and a total and a note below.
PAYMENT_CSV_HEADERS = ["序号", "项目编号", "合同编号", "拨付日期", "拨付金额(元)", "凭证号",
                       "收款单位", "款项性质", "发票号", "累计拨付", "备注"]
PAYMENT_CSV_TITLE = "麦盖提县援疆项目资金拨付台账"
PAYMENT_CSV_NOTES = ["", "第二期进度款\n（监理已审核）", "", ""]


def payment_csv_rows():
    rows, running = [], 0.0
    for i, (day, amount, voucher, kind, invoice) in enumerate(PAYMENTS):
        running += amount
        row = [str(i + 1), PROJECT, CONTRACT, f"{day.year}/{day.month}/{day.day}",
               f"{amount:,.2f}", voucher, PAYEE, kind, invoice, f"{running:,.2f}",
               PAYMENT_CSV_NOTES[i]]
        while row and row[-1] == "":
            row.pop()                               # Excel leaves trailing empty cells out
        rows.append(row)
    rows.append(["合计", "", "", "", f"{running:,.2f}"])
    return rows


def write_payments_title_csv(path, encoding, pad_title):
    # pad_title: Excel writes a merged title as its first cell and empty cells to the
    # sheet's width ("title,,,,"); other writers give a record of one field ("title").
    width = len(PAYMENT_CSV_HEADERS)
    pad = (lambda cells: cells + [""] * (width - len(cells))) if pad_title else (lambda c: c)
    buf = io.StringIO(newline="")
    w = csv.writer(buf, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    w.writerow(pad([PAYMENT_CSV_TITLE]))
    w.writerow(pad(["单位：元"]))
    w.writerow(PAYMENT_CSV_HEADERS)
    for r in payment_csv_rows():
        w.writerow(r)
    w.writerow(pad(["注：本表依据财务凭证整理。"]))
    with open(path, "wb") as f:
        f.write(buf.getvalue().encode(encoding))


def cumulative_column():
    out, running = [], 0.0
    for i, p in enumerate(PAYMENTS):
        running += p[1]
        out.append(running + (WRONG_CUMULATIVE_DELTA if i == WRONG_CUMULATIVE_INDEX else 0.0))
    return out


# --------------------------------------------------------------------------- writers

def write_payments_xls(path):
    import xlwt

    wb = xlwt.Workbook(encoding="utf-8")
    ws = wb.add_sheet("资金拨付台账")
    font = "font: name 宋体, height 220;"
    border = "borders: left thin, right thin, top thin, bottom thin;"
    title = xlwt.easyxf("font: name 宋体, height 360, bold on; align: horiz center, vert center;")
    plain = xlwt.easyxf(font)
    head = xlwt.easyxf(font + " font: bold on; align: horiz center, vert center, wrap on;" + border)
    text = xlwt.easyxf(font + border)
    integer = xlwt.easyxf(font + border, num_format_str="0")
    date = xlwt.easyxf(font + border + " align: horiz center;", num_format_str="yyyy-mm-dd")
    money = xlwt.easyxf(font + border, num_format_str="#,##0.00")

    ncol = len(PAYMENT_HEADERS)
    ws.write_merge(0, 0, 0, ncol - 1, "麦盖提县第三小学教学楼建设项目资金拨付台账", title)
    ws.row(0).height_mismatch = True
    ws.row(0).height = 600
    ws.write(1, 0, "单位：元", plain)
    for c, h in enumerate(PAYMENT_HEADERS):
        ws.write(2, c, h, head)

    cum = cumulative_column()
    for i, (day, amount, voucher, kind, invoice) in enumerate(PAYMENTS):
        r = 3 + i
        ws.write(r, 0, i + 1, integer)
        ws.write(r, 1, PROJECT, text)
        ws.write(r, 2, CONTRACT, text)
        ws.write(r, 3, day, date)               # real date: serial number + date format
        ws.write(r, 4, amount, money)
        ws.write(r, 5, voucher, text)
        ws.write(r, 6, PAYEE, text)
        ws.write(r, 7, kind, text)
        ws.write(r, 8, invoice, text)           # "" -> formatted BLANK cell
        ws.write(r, 9, cum[i], money)

    total_row = 3 + len(PAYMENTS) + 1           # one blank row in between
    ws.write(total_row, 0, "合计", head)
    ws.write(total_row, 4, sum(p[1] for p in PAYMENTS), money)
    ws.write(total_row + 1, 0, "注：本表依据财务凭证整理。", plain)

    widths = [6, 14, 14, 12, 16, 10, 18, 10, 12, 16]
    for c, w in enumerate(widths):
        ws.col(c).width = 256 * w
    wb.save(path)


def write_projects_xls(path):
    import xlwt

    wb = xlwt.Workbook(encoding="utf-8")
    ws = wb.add_sheet("项目台账")
    font = "font: name 宋体, height 220;"
    border = "borders: left thin, right thin, top thin, bottom thin;"
    title = xlwt.easyxf("font: name 宋体, height 360, bold on; align: horiz center, vert center;")
    plain = xlwt.easyxf(font)
    head = xlwt.easyxf(font + " font: bold on; align: horiz center, vert center, wrap on;" + border)
    text = xlwt.easyxf(font + border)
    money = xlwt.easyxf(font + border, num_format_str="0.00")

    ncol = len(PROJECT_HEADERS)
    ws.write_merge(0, 0, 0, ncol - 1, "麦盖提县2023年援疆项目台账", title)
    ws.write(1, 0, "单位：万元", plain)
    for c, h in enumerate(PROJECT_HEADERS):
        ws.write(2, c, h, head)                 # "援疆资金\n（万元）" keeps its line break
    ws.row(2).height_mismatch = True
    ws.row(2).height = 600

    for i, row in enumerate(PROJECTS):
        r = 3 + i
        for c, v in enumerate(row):
            ws.write(r, c, v, money if isinstance(v, (int, float)) else text)

    total_row = 3 + len(PROJECTS)
    ws.write(total_row, 0, "合计", head)
    for c in range(1, 5):
        ws.write(total_row, c, "", text)
    ws.write(total_row, 5, sum(p[5] for p in PROJECTS), money)
    ws.write(total_row, 6, sum(p[6] for p in PROJECTS), money)

    for c, w in enumerate([14, 34, 10, 10, 10, 14, 12]):
        ws.col(c).width = 256 * w
    wb.save(path)


def write_contracts_ods(path):
    import odf.opendocument
    from odf.opendocument import OpenDocumentSpreadsheet
    from odf.style import Style, TableColumnProperties, TableCellProperties, TextProperties, \
        ParagraphProperties
    from odf.number import DateStyle, Year, Month, Day, Text as NText
    from odf.table import Table, TableColumn, TableRow, TableCell, CoveredTableCell
    from odf.text import P

    doc = OpenDocumentSpreadsheet()

    ymd = DateStyle(name="N_ymd")
    ymd.addElement(Year(style="long"))
    ymd.addElement(NText(text="-"))
    ymd.addElement(Month(style="long"))
    ymd.addElement(NText(text="-"))
    ymd.addElement(Day(style="long"))
    doc.automaticstyles.addElement(ymd)

    date_cell = Style(name="ce_date", family="table-cell",
                      datastylename="N_ymd")
    doc.automaticstyles.addElement(date_cell)
    title_cell = Style(name="ce_title", family="table-cell")
    title_cell.addElement(TableCellProperties(verticalalign="middle"))
    title_cell.addElement(ParagraphProperties(textalign="center"))
    title_cell.addElement(TextProperties(fontsize="16pt", fontweight="bold"))
    doc.automaticstyles.addElement(title_cell)
    col_style = Style(name="co1", family="table-column")
    col_style.addElement(TableColumnProperties(columnwidth="3.2cm"))
    doc.automaticstyles.addElement(col_style)

    def text_cell(s, **kw):
        c = TableCell(valuetype="string", **kw)
        c.addElement(P(text=s))
        return c

    def float_cell(v):
        c = TableCell(valuetype="float", value=repr(float(v)) if v != int(v) else str(int(v)))
        c.addElement(P(text=("%g" % v)))
        return c

    def date_value_cell(d):
        c = TableCell(valuetype="date", datevalue=d.isoformat(), stylename=date_cell)
        c.addElement(P(text=d.isoformat()))
        return c

    ncol = len(CONTRACT_HEADERS)
    table = Table(name="合同台账")
    table.addElement(TableColumn(numbercolumnsrepeated=ncol, stylename=col_style))

    tr = TableRow()
    tr.addElement(text_cell("麦盖提县2023年援疆项目合同台账", numbercolumnsspanned=ncol,
                            numberrowsspanned=1, stylename=title_cell))
    for _ in range(ncol - 1):
        tr.addElement(CoveredTableCell())
    table.addElement(tr)

    tr = TableRow()
    for h in CONTRACT_HEADERS:
        tr.addElement(text_cell(h))
    table.addElement(tr)

    for row in CONTRACTS:
        tr = TableRow()
        for v in row:
            if isinstance(v, dt.date):
                tr.addElement(date_value_cell(v))
            elif isinstance(v, (int, float)):
                tr.addElement(float_cell(v))
            else:
                tr.addElement(text_cell(v))
        table.addElement(tr)

    doc.spreadsheet.addElement(table)

    # Pin the zip entry times odfpy reads from the clock, so the output is reproducible.
    real_time = odf.opendocument.time
    odf.opendocument.time = types.SimpleNamespace(localtime=lambda: FIXED_ZIP_TIME + (0, 0, 0))
    try:
        doc.save(path)
    finally:
        odf.opendocument.time = real_time


def write_csv(path, headers, rows, encoding):
    # Excel writes CRLF line ends, quotes only fields that need it, ends with CRLF.
    buf = io.StringIO(newline="")
    w = csv.writer(buf, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    w.writerow(headers)
    for r in rows:
        w.writerow(r)
    with open(path, "wb") as f:
        f.write(buf.getvalue().encode(encoding))


def generate(out):
    os.makedirs(out, exist_ok=True)
    write_payments_xls(os.path.join(out, "payments.xls"))
    write_projects_xls(os.path.join(out, "projects.xls"))
    write_contracts_ods(os.path.join(out, "contracts.ods"))
    write_csv(os.path.join(out, "allocations-gbk.csv"), ALLOCATION_HEADERS, ALLOCATIONS, "gbk")
    write_csv(os.path.join(out, "invoices-bom.csv"), INVOICE_HEADERS, INVOICES, "utf-8-sig")
    write_payments_title_csv(os.path.join(out, "payments-title-gbk.csv"), "gbk", pad_title=False)
    write_payments_title_csv(os.path.join(out, "payments-title-bom.csv"), "utf-8-sig", pad_title=True)


# --------------------------------------------------------------------------- check

def check_xls(path):
    import xlrd

    book = xlrd.open_workbook(path, formatting_info=True)
    kinds = {xlrd.XL_CELL_EMPTY: "empty", xlrd.XL_CELL_TEXT: "text", xlrd.XL_CELL_NUMBER: "number",
             xlrd.XL_CELL_DATE: "date", xlrd.XL_CELL_BLANK: "blank"}
    for sh in book.sheets():
        print(f"  sheet {sh.name!r}: {sh.nrows} rows x {sh.ncols} cols, merged {sh.merged_cells}")
        for r in range(sh.nrows):
            cells = []
            for c in range(sh.ncols):
                cell = sh.cell(r, c)
                if cell.ctype in (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK):
                    continue
                v = cell.value
                if cell.ctype == xlrd.XL_CELL_DATE:
                    v = f"{v!r}={xlrd.xldate_as_datetime(v, book.datemode).date()}"
                else:
                    v = repr(v)
                cells.append(f"{xlrd.colname(c)}{r + 1}[{kinds[cell.ctype]}]={v}")
            print("   ", "  ".join(cells) if cells else "(blank row)")


def check_ods(path):
    ns = {"table": "urn:oasis:names:tc:opendocument:xmlns:table:1.0",
          "office": "urn:oasis:names:tc:opendocument:xmlns:office:1.0",
          "text": "urn:oasis:names:tc:opendocument:xmlns:text:1.0"}
    with zipfile.ZipFile(path) as z:
        first = z.infolist()[0]
        print(f"  zip: first entry {first.filename!r} stored={first.compress_type == zipfile.ZIP_STORED}"
              f" content={z.read('mimetype').decode()!r}")
        root = ET.fromstring(z.read("content.xml"))
    q = lambda p, n: "{%s}%s" % (ns[p], n)
    for table in root.iter(q("table", "table")):
        print(f"  table {table.get(q('table', 'name'))!r}")
        for r, row in enumerate(table.findall(q("table", "table-row"))):
            cells, c = [], 0
            for cell in row:
                span = cell.get(q("table", "number-columns-spanned"))
                if cell.tag == q("table", "table-cell"):
                    vt = cell.get(q("office", "value-type"))
                    txt = "".join("".join(p.itertext()) for p in cell.findall(q("text", "p")))
                    extra = ""
                    if vt == "float":
                        extra = f" value={cell.get(q('office', 'value'))}"
                    elif vt == "date":
                        extra = f" date-value={cell.get(q('office', 'date-value'))}"
                    if span:
                        extra += f" spanned={span}"
                    cells.append(f"{chr(65 + c)}{r + 1}[{vt}]={txt!r}{extra}")
                c += int(cell.get(q("table", "number-columns-repeated")) or 1)
            print("   ", "  ".join(cells))


def check_csv(path, encoding):
    raw = open(path, "rb").read()
    bom = raw.startswith(b"\xef\xbb\xbf")
    crlf = raw.count(b"\r\n")
    bare_lf = raw.count(b"\n") - crlf
    print(f"  bytes: BOM={bom} CRLF={crlf} bare LF={bare_lf} valid UTF-8={_is_utf8(raw)}")
    with open(path, newline="", encoding=encoding) as f:
        for i, row in enumerate(csv.reader(f)):
            print(f"    line {i + 1}: {row}")


def _is_utf8(raw):
    try:
        raw.decode("utf-8")
        return True
    except UnicodeDecodeError:
        return False


def check(out):
    import xlrd
    print(f"reading back with xlrd {xlrd.__VERSION__}, zipfile+ElementTree, csv")
    for name, fn in [("payments.xls", check_xls), ("projects.xls", check_xls),
                     ("contracts.ods", check_ods),
                     ("allocations-gbk.csv", lambda p: check_csv(p, "gbk")),
                     ("invoices-bom.csv", lambda p: check_csv(p, "utf-8-sig")),
                     ("payments-title-gbk.csv", lambda p: check_csv(p, "gbk")),
                     ("payments-title-bom.csv", lambda p: check_csv(p, "utf-8-sig"))]:
        p = os.path.join(out, name)
        data = open(p, "rb").read()
        print(f"{name}: {len(data)} bytes sha256 {hashlib.sha256(data).hexdigest()}")
        fn(p)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", default=DEFAULT_OUT, help="output directory (default: fixtures/ledgers)")
    ap.add_argument("--check", action="store_true", help="only read the files back and print them")
    args = ap.parse_args()
    if not args.check:
        generate(args.out)
        import xlwt
        import odf.namespaces
        print(f"wrote {args.out} with xlwt {xlwt.__VERSION__}, odfpy {odf.namespaces.__version__},"
              f" Python {sys.version.split()[0]}")
    check(args.out)


if __name__ == "__main__":
    main()
