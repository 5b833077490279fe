#!/usr/bin/env python3
"""Reads .xlsx files back with openpyxl (an independent reader) and prints JSON.

Usage: xlsx_readback.py [--max-rows N] FILE [FILE ...]

For each file: document properties and, per sheet, its name, size, frozen panes, autofilter range,
column widths, charts (type, title, axis titles, series ranges), conditional formats and every
non-empty cell: value (formula cells: the cached value), Python type, number format, formula text,
bold and wrap flags. Dates come out as ISO text with type "datetime". Strings are emitted with
ASCII escapes so the exact code points (NFC or not) survive. Exit status 2 when openpyxl is missing.
"""
import datetime
import json
import sys

try:
    import openpyxl
    from openpyxl.utils import get_column_letter
except ImportError:  # pragma: no cover - reported to the caller
    sys.stderr.write("xlsx_readback: openpyxl is not installed (pip install -r scripts/requirements.txt)\n")
    sys.exit(2)


def plain(value):
    if isinstance(value, datetime.datetime):
        return value.isoformat()
    if isinstance(value, (datetime.date, datetime.time)):
        return value.isoformat()
    if isinstance(value, float) and value != value:
        return None
    return value


def type_name(value):
    if value is None:
        return "empty"
    if isinstance(value, bool):
        return "bool"
    if isinstance(value, int):
        return "int"
    if isinstance(value, float):
        return "float"
    if isinstance(value, str):
        return "str"
    if isinstance(value, (datetime.datetime, datetime.date)):
        return "datetime"
    return type(value).__name__


def rich_text(title):
    """Plain text of a chart or axis title (rich text runs joined), or None."""
    if title is None:
        return None
    try:
        tx = title.tx
        if tx is not None and tx.rich is not None:
            parts = []
            for p in tx.rich.p:
                for r in (p.r or []):
                    parts.append(r.t)
            return "".join(parts)
        if tx is not None and tx.strRef is not None:
            return "=" + tx.strRef.f
    except AttributeError:
        pass
    return None


def ref(data):
    if data is None:
        return None
    for attr in ("numRef", "strRef"):
        r = getattr(data, attr, None)
        if r is not None and r.f is not None:
            return r.f
    return None


def chart_info(chart):
    kind = chart.tagname
    info = {"type": kind, "title": rich_text(chart.title)}
    if kind == "barChart":
        info["bar_direction"] = chart.barDir
        info["grouping"] = chart.grouping
    for axis_name in ("x_axis", "y_axis"):
        axis = getattr(chart, axis_name, None)
        info[axis_name + "_title"] = rich_text(axis.title) if axis is not None else None
    series = []
    for s in chart.series:
        name = None
        if s.tx is not None and s.tx.strRef is not None:
            name = s.tx.strRef.f
        elif s.tx is not None:
            name = s.tx.v
        series.append({"name": name, "values": ref(s.val), "categories": ref(s.cat)})
    info["series"] = series
    anchor = getattr(chart, "anchor", None)
    try:
        info["anchor"] = {"row": anchor._from.row, "col": anchor._from.col}
    except AttributeError:
        info["anchor"] = None
    return info


def conditional_formats(ws):
    out = []
    for cf in ws.conditional_formatting:
        for rule in cf.rules:
            color = None
            try:
                color = rule.dxf.font.color.rgb
            except AttributeError:
                pass
            fill = None
            try:
                fill = rule.dxf.fill.bgColor.rgb or rule.dxf.fill.fgColor.rgb
            except AttributeError:
                pass
            out.append({"range": str(cf.sqref), "type": rule.type, "operator": rule.operator,
                        "formula": list(rule.formula or []), "font_color": color, "fill_color": fill})
    return out


def read(path, max_rows):
    formulas = openpyxl.load_workbook(path, data_only=False)
    cached = openpyxl.load_workbook(path, data_only=True)
    props = formulas.properties
    result = {
        "file": path,
        "properties": {
            "title": props.title, "subject": props.subject, "creator": props.creator,
            "keywords": props.keywords, "description": props.description,
            "created": props.created.isoformat() if props.created else None,
        },
        "sheets": [],
    }
    for index, ws in enumerate(formulas.worksheets):
        wc = cached.worksheets[index]
        sheet = {
            "name": ws.title, "index": index, "max_row": ws.max_row, "max_column": ws.max_column,
            "freeze_panes": ws.freeze_panes, "auto_filter": ws.auto_filter.ref,
            "column_widths": {k: v.width for k, v in ws.column_dimensions.items() if v.width},
            "row_heights": {str(k): v.height for k, v in ws.row_dimensions.items() if v.height},
            "charts": [chart_info(c) for c in ws._charts],
            "conditional_formats": conditional_formats(ws),
            "merged": [str(r) for r in ws.merged_cells.ranges],
            "cells": {},
        }
        for row in ws.iter_rows(max_row=min(ws.max_row, max_rows) if max_rows else None):
            for cell in row:
                if cell.value is None and not cell.comment:
                    continue
                cached_value = wc[cell.coordinate].value
                is_formula = cell.data_type == "f"
                sheet["cells"][cell.coordinate] = {
                    "value": plain(cached_value),
                    "type": type_name(cached_value),
                    "number_format": cell.number_format,
                    "formula": cell.value if is_formula else None,
                    "bold": bool(cell.font and cell.font.b),
                    "wrap": bool(cell.alignment and cell.alignment.wrap_text),
                    "comment": cell.comment.text if cell.comment else None,
                }
        result["sheets"].append(sheet)
    return result


def main(argv):
    max_rows = None
    files = []
    i = 0
    while i < len(argv):
        if argv[i] == "--max-rows":
            max_rows = int(argv[i + 1])
            i += 2
            continue
        files.append(argv[i])
        i += 1
    if not files:
        sys.stderr.write(__doc__)
        return 64
    out = [read(f, max_rows) for f in files]
    json.dump(out if len(out) > 1 else out[0], sys.stdout, ensure_ascii=True, default=str)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
