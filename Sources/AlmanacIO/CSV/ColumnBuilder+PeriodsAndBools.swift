import AlmanacCore

/// The period and boolean column loops (each returns how many rows it left null, listed in `nulls`).
extension ColumnBuilder {
    mutating func appendPeriods(_ rows: Int, _ bounds: UnsafePointer<Int>, _ nulls: UnsafeMutablePointer<Int32>,
                                        freq: Frequency, order: DayOrder, strict: Bool, ctx: ParseContext, errors: inout [ValueError]) -> Int {
        let out = ordinals.reserve(rows, after: count)
        let base = ctx.fileBase, scratch = self.scratch
        var markers = 0
        defer { markerNulls += markers }
        var nullCount = 0
        for r in 0..<rows {
            let s = bounds[2 &* r], e = bounds[2 &* r &+ 1]
            let (p, n) = ColumnBuilder.field(s, e, base, scratch)
            if ctx.isMarker(p, n) {
                if n > 0 { markers += 1 }
                out[r] = 0; nulls[nullCount] = Int32(r); nullCount &+= 1
                continue
            }
            if let ordinal = PeriodFastPath.ordinal(p, n, freq) { out[r] = ordinal; continue }
            if freq == .day, let ordinal = PeriodFastPath.slashedDay(p, n, order) { out[r] = ordinal; continue }
            var memoCode = -1
            if periodMemo.count < ColumnBuilder.memoLimit {
                var isNew = false
                memoCode = Int(interner.intern(p, n, isNew: &isNew))
                if !isNew, memoCode < periodMemo.count, periodMemo[memoCode] != ColumnBuilder.memoUncached {
                    out[r] = periodMemo[memoCode]
                    if periodMemoCoarse[memoCode] { coarsened += 1 }
                    continue
                }
                if isNew { periodMemo.append(ColumnBuilder.memoUncached); periodMemoCoarse.append(false) }
            }
            let parsed = PeriodParser.parse(UnsafeBufferPointer(start: p, count: n), dayOrder: order, allowBareYear: strict)
            if case .period(let per) = parsed {
                if per.frequency == freq {
                    out[r] = per.ordinal
                    if memoCode >= 0 && memoCode < periodMemo.count { periodMemo[memoCode] = per.ordinal }
                    continue
                }
                if declared, per.frequency > freq, let o = PeriodMath.convert(per.ordinal, from: per.frequency, to: freq) {
                    out[r] = o
                    coarsened += 1
                    if firstCoarsened == nil { firstCoarsened = (text(p, n), PeriodFormat.string(o, freq), per.frequency) }
                    if memoCode >= 0 && memoCode < periodMemo.count { periodMemo[memoCode] = o; periodMemoCoarse[memoCode] = true }
                    continue
                }
            }
            out[r] = 0; nulls[nullCount] = Int32(r); nullCount &+= 1
            if let m = periodProblem(parsed, p, n, offset: s, freq: freq, order: order, strict: strict) { errors.append(ValueError(row: r, message: m)) }
        }
        return nullCount
    }

    mutating func appendBools(_ rows: Int, _ bounds: UnsafePointer<Int>, _ nulls: UnsafeMutablePointer<Int32>,
                                      ctx: ParseContext, errors: inout [ValueError]) -> Int {
        let out = bools.reserve(rows, after: count)
        let base = ctx.fileBase, scratch = self.scratch
        var nullCount = 0
        for r in 0..<rows {
            let s = bounds[2 &* r], e = bounds[2 &* r &+ 1]
            let (p, n) = ColumnBuilder.field(s, e, base, scratch)
            if !ctx.isMarker(p, n) {
                // `true`/`false` in any case, compared as bytes (no String per cell).
                if let b = ColumnBuilder.boolValue(p, n) { out[r] = b; continue }
                let t = text(p, n).lowercased()
                if let m = ColumnBuilder.invalidUTF8(p, n, offset: s) { errors.append(ValueError(row: r, message: m)) }
                else if declared { errors.append(ValueError(row: r, message: "'\(t)' is not true or false")) }
                else { noteChange(.toText(reason: "'\(t)' is not true or false"), s) }
            }
            out[r] = false; nulls[nullCount] = Int32(r); nullCount &+= 1
        }
        return nullCount
    }

    /// `true` or `false` in any mix of case (ASCII), else nil.
    @inline(__always)
    static func boolValue(_ p: UnsafePointer<UInt8>, _ n: Int) -> Bool? {
        @inline(__always) func lower(_ i: Int) -> UInt8 { p[i] | 0x20 }
        if n == 4 && lower(0) == 0x74 && lower(1) == 0x72 && lower(2) == 0x75 && lower(3) == 0x65 { return true }
        if n == 5 && lower(0) == 0x66 && lower(1) == 0x61 && lower(2) == 0x6C && lower(3) == 0x73 && lower(4) == 0x65 { return false }
        return nil
    }

    /// The message (strict columns) or the re-read reason (inferred columns) for a value that is not a period of the column's frequency.
    mutating func periodProblem(_ r: PeriodParse, _ p: UnsafePointer<UInt8>, _ n: Int, offset: Int, freq: Frequency, order: DayOrder, strict: Bool) -> String? {
        if let m = ColumnBuilder.invalidUTF8(p, n, offset: offset) { return m }
        let t = text(p, n)
        switch r {
        case .period(let per):
            if strict { return "'\(t)' is a \(per.frequency), but this column holds \(freq)s" }
            noteChange(.toText(reason: "'\(t)' is a \(per.frequency) among \(freq)s"), offset)
        case .invalid(let why):
            let other: DayOrder = order == .dayFirst ? .monthFirst : .dayFirst
            // A declared column keeps its order: a date that reads only the other way is an error, never a null.
            if freq == .day, !declared, case .period = PeriodParser.parse(UnsafeBufferPointer(start: p, count: n), dayOrder: other) {
                noteChange(.toDayOrder(other), offset)
                return nil
            }
            if strict { return "\(why) in '\(t)'" }
            noteChange(.toText(reason: "'\(t)': \(why)"), offset)
        case .notAPeriod:
            if strict { return "'\(t)' is not a \(freq)" + (freq == .day ? " (dates look like 2024-10-15 or 15/10/2024)" : "") }
            noteChange(.toText(reason: "'\(t)' is not a period"), offset)
        }
        return nil
    }

    /// The error for a value that is not valid UTF-8 (`offset`: the field's offset in the file), or nil.
    static func invalidUTF8(_ p: UnsafePointer<UInt8>, _ n: Int, offset: Int) -> String? {
        guard let bad = UTF8Validation.firstInvalid(UnsafeBufferPointer(start: p, count: n), from: 0, to: n) else { return nil }
        return "invalid UTF-8 at byte offset \(offset + bad) (byte 0x\(String(p[bad], radix: 16, uppercase: true))); save the file as UTF-8"
    }

    func text(_ p: UnsafePointer<UInt8>, _ n: Int) -> String {
        String(decoding: UnsafeBufferPointer(start: p, count: n), as: UTF8.self)
    }

    mutating func noteChange(_ c: PlanChange, _ offset: Int) {
        if change == nil { change = (c, offset) }
    }
}
