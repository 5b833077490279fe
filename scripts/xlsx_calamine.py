#!/usr/bin/env python3
"""An independent reader for the XLSX tests: python3 scripts/xlsx_calamine.py BOOK.xlsx [SHEET] prints the sheet's
cells as JSON rows through python-calamine (Rust's calamine): dates as YYYY-MM-DD, date-times as
YYYY-MM-DD HH:MM:SS, times as HH:MM:SS, empty and error cells as null."""
import datetime, json, sys
from python_calamine import CalamineWorkbook

wb = CalamineWorkbook.from_path(sys.argv[1])
sheet = wb.get_sheet_by_name(sys.argv[2]) if len(sys.argv) > 2 else wb.get_sheet_by_index(0)

def plain(v):
    if isinstance(v, datetime.datetime):
        return v.strftime("%Y-%m-%d") if v.time() == datetime.time(0) else v.strftime("%Y-%m-%d %H:%M:%S")
    if isinstance(v, datetime.date):
        return v.strftime("%Y-%m-%d")
    if isinstance(v, datetime.time):
        return v.strftime("%H:%M:%S")
    if isinstance(v, datetime.timedelta):
        s = int(round(v.total_seconds()))
        return "%02d:%02d:%02d" % (s // 3600, s // 60 % 60, s % 60)
    if isinstance(v, str) and v == "":
        return None
    if isinstance(v, (bool, int, float, str)) or v is None:
        return v
    return None  # error cells

print(json.dumps([[plain(v) for v in row] for row in sheet.to_python(skip_empty_area=False)], ensure_ascii=False))
