#!/usr/bin/env python3
"""Independent check of Almanac's period handling on files shaped as planners receive them.

Usage: period_fixtures.py FIXTURE_CSV SPEC RESULT_CSV

FIXTURE_CSV is the raw file. SPEC says how to read its period, independently of Almanac's inference:
  "col=NAME;format=FMT;freq=M|Q|A|D;series=a,b;value=v[;text=a,b]"   (FMT is a strptime format, or "vn-month"
  for 'Tháng 10/2024' / 'T10/2024', or "parts" with col=YEAR,PART for a year column plus a quarter column;
  text= names columns, such as codes with leading zeros and long identifiers, whose values must come back exactly
  as written: the raw file's values, read as text, and the result's must be the same multiset of strings)
RESULT_CSV is Almanac's output of `derive yoy = yoy(v), pop = pop(v), ytd = ytd(v)` with columns
  period (canonical text: 2024, 2024-Q3, 2024-10, 2024-10-15), the series columns, yoy, pop, ytd.

pandas computes the same, aligned by period: yoy against the same period one year earlier (for days, the same
calendar day; 29 February has none), pop against the previous period, ytd as the sum of the present values of the
same calendar year up to the period. Exit 0 when every value agrees (relative tolerance 1e-9, nulls equal only to
nulls), 1 with the differences otherwise, 2 when pandas is missing.
"""
import math
import re
import sys
import unicodedata

try:
    import pandas as pd
except ImportError:
    sys.stderr.write("period_fixtures: pandas is not installed (pip install -r scripts/requirements.txt)\n")
    sys.exit(2)


def parse_spec(text):
    out = {}
    for part in text.split(";"):
        k, v = part.split("=", 1)
        out[k] = v
    return out


def vn_month(s):
    s = unicodedata.normalize("NFC", s).strip().lower()
    m = re.fullmatch(r"(?:tháng\s*|t)(\d{1,2})\s*/\s*(\d{4})", s)
    if not m:
        raise ValueError("not a Vietnamese month: %r" % s)
    return pd.Period(year=int(m.group(2)), month=int(m.group(1)), freq="M")


def canonical(p):
    if p.freqstr.startswith("Q"):
        return "%d-Q%d" % (p.year, p.quarter)
    if p.freqstr.startswith("M"):
        return "%d-%02d" % (p.year, p.month)
    if p.freqstr.startswith("D"):
        return "%d-%02d-%02d" % (p.year, p.month, p.day)
    return "%d" % p.year


def year_earlier(p):
    if p.freqstr.startswith("D"):
        if p.month == 2 and p.day == 29:
            return None
        return pd.Period(year=p.year - 1, month=p.month, day=p.day, freq="D")
    steps = {"Q": 4, "M": 12, "A": 1, "Y": 1}[p.freqstr[0]]
    return p - steps


def main(fixture, spec_text, result):
    spec = parse_spec(spec_text)
    raw = pd.read_csv(fixture, dtype=str, keep_default_na=False)
    freq = spec["freq"]
    series = [c for c in spec.get("series", "").split(",") if c]
    value = spec["value"]
    if spec["format"] == "vn-month":
        periods = raw[spec["col"]].map(vn_month)
    elif spec["format"] == "parts":
        ycol, pcol = spec["col"].split(",")
        periods = [pd.Period(year=int(float(y)), quarter=int(float(q)), freq="Q") for y, q in zip(raw[ycol], raw[pcol])]
    else:
        dates = pd.to_datetime(raw[spec["col"]], format=spec["format"])
        periods = dates.dt.to_period({"A": "Y"}.get(freq, freq))
    df = pd.DataFrame({"period": list(periods), "v": pd.to_numeric(raw[value])})
    for s in series:
        df[s] = raw[s].map(lambda x: unicodedata.normalize("NFC", x))
    lookup = {}
    for _, r in df.iterrows():
        key = tuple(r[s] for s in series) + (r["period"],)
        lookup[key] = r["v"]
    expected = {}
    for _, r in df.iterrows():
        skey = tuple(r[s] for s in series)
        p = r["period"]
        v = r["v"]
        prev_year = year_earlier(p)
        base = lookup.get(skey + (prev_year,)) if prev_year is not None else None
        yoy = v / base - 1 if base not in (None, 0) and not pd.isna(base) else None
        prev = lookup.get(skey + (p - 1,))
        pop = v / prev - 1 if prev not in (None, 0) and not pd.isna(prev) else None
        ytd = sum(x for (k, x) in lookup.items() if k[:-1] == skey and k[-1].year == p.year and k[-1] <= p)
        expected[skey + (canonical(p),)] = (yoy, pop, ytd)
    got = pd.read_csv(result, dtype=str, keep_default_na=False)
    problems = []
    seen = set()
    for _, r in got.iterrows():
        key = tuple(unicodedata.normalize("NFC", r[s]) for s in series) + (r["period"],)
        seen.add(key)
        if key not in expected:
            problems.append("unexpected row %r" % (key,))
            continue
        for name, want in zip(("yoy", "pop", "ytd"), expected[key]):
            text = r[name]
            if want is None:
                if text != "":
                    problems.append("%r %s: want null, got %s" % (key, name, text))
            elif text == "" or not math.isclose(float(text), want, rel_tol=1e-9, abs_tol=1e-12):
                problems.append("%r %s: want %r, got %r" % (key, name, want, text))
    for key in expected:
        if key not in seen:
            problems.append("missing row %r" % (key,))
    for col in [c for c in spec.get("text", "").split(",") if c]:
        want, have = sorted(raw[col]), sorted(got[col])
        if want != have:
            diff = sorted(set(want) ^ set(have))[:5]
            problems.append("column %s: text not kept exactly (differs in %r)" % (col, diff))
    if problems:
        print("\n".join(problems[:30]))
        print("%d differences" % len(problems))
        return 1
    print("ok: %d rows agree" % len(expected))
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:4]))
