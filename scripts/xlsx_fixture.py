#!/usr/bin/env python3
"""Writes the workbooks the XLSX reader's tests read (openpyxl), each cell type and number format a planner's file
holds: python3 scripts/xlsx_fixture.py OUTDIR. Writes typed.xlsx (two sheets, formulas, errors, merged header),
epoch1904.xlsx (the 1904 date system) and quirk1900.xlsx (dates around Excel's 1900-02-29)."""
import datetime, sys, os
import openpyxl
from openpyxl.cell.rich_text import CellRichText, TextBlock
from openpyxl.cell.text import InlineFont

out = sys.argv[1]
os.makedirs(out, exist_ok=True)

wb = openpyxl.Workbook()
ws = wb.active
ws.title = "Dữ liệu"
ws.append(["period", "province", "code", "value", "ok", "day", "when", "clock", "total"])
provinces = ["Hà Giang", "Cao Bằng", "Lào Cai", "Điện Biên"]
for i in range(24):
    r = i + 2
    ws.cell(r, 1, datetime.date(2023 + i // 12, i % 12 + 1, 1)).number_format = "mm/yyyy"
    ws.cell(r, 2, provinces[i % 4])
    ws.cell(r, 3, "%04d" % (900 + i))
    ws.cell(r, 4, round(i * 1.25 + 0.1, 2))
    ws.cell(r, 5, i % 3 == 0)
    ws.cell(r, 6, datetime.date(2024, 2, 1) + datetime.timedelta(days=i * 3)).number_format = "mm-dd-yy"
    ws.cell(r, 7, datetime.datetime(2024, 3, 1, 8, 30) + datetime.timedelta(hours=i * 5)).number_format = "m/d/yy h:mm"
    ws.cell(r, 8, datetime.time(7 + i % 10, 15)).number_format = "h:mm"
    ws.cell(r, 9, "=D%d*2" % r)
# A marker, an error cell, a blank and a rich-text string.
ws["D5"] = "-"
ws["D7"] = "#DIV/0!"
ws["D7"].data_type = "e"
ws["D9"] = None
ws["B11"] = CellRichText([TextBlock(InlineFont(b=True), "Hà "), "Giang"])

du = wb.create_sheet("Du lịch")
du.append(["Tỉnh", "Năm 2023", None, None])
du.merge_cells("B1:D1")
du.append(["Hà Giang", 100, 200, 300])
du.append(["Cao Bằng", 150, None, 350])
wb.save(os.path.join(out, "typed.xlsx"))

mac = openpyxl.Workbook()
mac.epoch = openpyxl.utils.datetime.CALENDAR_MAC_1904
ms = mac.active
ms.append(["day", "value"])
for k, d in enumerate([datetime.date(1904, 1, 2), datetime.date(2000, 2, 29), datetime.date(2024, 12, 31)]):
    ms.append([d, k])
    ms.cell(k + 2, 1).number_format = "dd/mm/yyyy"
mac.save(os.path.join(out, "epoch1904.xlsx"))

q = openpyxl.Workbook()
qs = q.active
qs.append(["day", "value"])
for k, d in enumerate([datetime.date(1900, 1, 15), datetime.date(1900, 2, 28), datetime.date(1900, 3, 1), datetime.date(1999, 12, 31)]):
    qs.append([d, k])
    qs.cell(k + 2, 1).number_format = "yyyy-mm-dd"
q.save(os.path.join(out, "quirk1900.xlsx"))

# A sheet laid out for printing: title lines, a unit line, a header on two rows (a merged year over months), a blank
# row among the data, source and note lines below.
pr = openpyxl.Workbook()
ps = pr.active
ps.title = "XK"
ps["A1"] = "BỘ CÔNG THƯƠNG"
ps["A2"] = "Kim ngạch xuất khẩu theo tháng năm 2023"
ps.merge_cells("A2:M2")
ps["A3"] = "Đơn vị tính: triệu USD"
ps["A5"] = "Tỉnh"
ps.merge_cells("A5:A6")
ps["B5"] = "Năm 2023"
ps.merge_cells("B5:M5")
for m in range(12):
    ps.cell(6, 2 + m, "Tháng %d" % (m + 1))
for i, p in enumerate(["Hà Giang", "Cao Bằng", "Lào Cai"]):
    ps.cell(7 + i, 1, p)
    for m in range(12):
        ps.cell(7 + i, 2 + m, 10 * (i + 1) + m + 0.5)
ps["A11"] = "Lạng Sơn"
for m in range(12):
    ps.cell(11, 2 + m, 50 + m)
ps["A13"] = "Nguồn: Cục Hải quan, 2024"
ps["A14"] = "Ghi chú: số liệu sơ bộ"
# The same table with a title, and a last row that is not data and says no footer word (skip_footer = 1).
ts = pr.create_sheet("Tổng")
ts["A1"] = "Tổng hợp"
ts.append([])
ts.append(["Tỉnh", "Kim ngạch"])
ts.append(["Hà Giang", 1.5])
ts.append(["Cao Bằng", 2.5])
ts.append(["Hà Nội, ngày 10 tháng 1 năm 2024"])
pr.save(os.path.join(out, "print.xlsx"))
