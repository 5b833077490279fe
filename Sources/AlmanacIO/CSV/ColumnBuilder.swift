import AlmanacCore

/// What the column loops need to know about the file and the options.
struct ParseContext {
    let style: NumberStyle
    /// Null markers as bytes (the empty field is always null).
    let markers: [[UInt8]]
    let maxMarkerLength: Int
    /// The first byte of the file, to turn pointers into offsets.
    let fileBase: UnsafePointer<UInt8>

    init(style: NumberStyle, markers: [String], fileBase: UnsafePointer<UInt8>) {
        self.style = style
        self.markers = markers.map { Array($0.utf8) }
        maxMarkerLength = self.markers.map(\.count).max() ?? 0
        self.fileBase = fileBase
    }

    @inline(__always)
    func isMarker(_ p: UnsafePointer<UInt8>, _ n: Int) -> Bool {
        if n == 0 { return true }
        if n > maxMarkerLength { return false }
        for m in markers where m.count == n {
            var same = true
            for k in 0..<n where m[k] != p[k] { same = false; break }
            if same { return true }
        }
        return false
    }
}

/// A value that is an error for its column (strict periods, declared types, invalid UTF-8), by block row.
struct ValueError {
    var row: Int
    var message: String
}

/// Accumulates one column of one chunk straight into typed buffers, a block of records at a time:
/// one tight loop per column kind, no per-field dispatch.
struct ColumnBuilder {
    var kind: ColumnPlan.Kind
    let declared: Bool
    var ints: [Int64] = []
    var floats: [Double] = []
    var bools: [Bool] = []
    var codes: [Int32] = []
    var ordinals: [Int32] = []
    var interner: ByteInterner
    var validity = ValidityBuilder()
    var count = 0
    /// Null markers (`NA`, `-`, …) read as null.
    var markerNulls = 0
    /// The first reason to re-read the column with another plan, and the file offset of its value.
    var change: (PlanChange, offset: Int)?
    private var scratch: [UInt8] = []

    init(kind: ColumnPlan.Kind, declared: Bool, capacity: Int) {
        self.kind = kind
        self.declared = declared
        interner = ByteInterner(capacity: kind == .text ? 1024 : 1)
        switch kind {
        case .int: ints.reserveCapacity(capacity)
        case .float: floats.reserveCapacity(capacity)
        case .bool: bools.reserveCapacity(capacity)
        case .text: codes.reserveCapacity(capacity)
        case .period: ordinals.reserveCapacity(capacity)
        case .skip: break
        }
    }

    /// Appends column `c` of every record in the block; value errors are returned by block row.
    mutating func append(_ block: FieldBlock, column c: Int, ctx: ParseContext, errors: inout [ValueError]) {
        let rows = block.count
        let cols = block.columns
        let base = ctx.fileBase
        block.starts.withUnsafeBufferPointer { starts in
            block.ends.withUnsafeBufferPointer { ends in
                var k = c
                for r in 0..<rows {
                    let s = starts[k]
                    let e = ends[k]
                    k += cols
                    if e & FieldBlock.escapedFlag != 0 {
                        unescape(base + s, (e & ~FieldBlock.escapedFlag) - s)
                        let copy = scratch
                        copy.withUnsafeBufferPointer { b in
                            if let m = appendOne(b.baseAddress!, b.count, offset: s, ctx: ctx) { errors.append(ValueError(row: r, message: m)) }
                        }
                    } else if let m = appendOne(base + s, e - s, offset: s, ctx: ctx) {
                        errors.append(ValueError(row: r, message: m))
                    }
                }
            }
        }
    }

    private mutating func unescape(_ p: UnsafePointer<UInt8>, _ n: Int) {
        scratch.removeAll(keepingCapacity: true)
        var i = 0
        while i < n { scratch.append(p[i]); i += p[i] == UInt8(ascii: "\"") ? 2 : 1 }
    }

    @inline(__always)
    mutating func appendNull() {
        switch kind {
        case .int: ints.append(0)
        case .float: floats.append(0)
        case .bool: bools.append(false)
        case .text: codes.append(0)
        case .period: ordinals.append(0)
        case .skip: return
        }
        validity.append(false)
        count += 1
    }

    /// Appends one value; returns a message when the value is an error for this column.
    @inline(__always)
    mutating func appendOne(_ p: UnsafePointer<UInt8>, _ n: Int, offset: Int, ctx: ParseContext) -> String? {
        switch kind {
        case .skip:
            return nil
        case .text:
            if n == 0 { appendNull(); return nil }
            var isNew = false
            let code = interner.intern(p, n, isNew: &isNew)
            if isNew, let bad = UTF8Validation.firstInvalid(UnsafeBufferPointer(start: p, count: n), from: 0, to: n) {
                appendNull()
                return "invalid UTF-8 at byte offset \(offset + bad) (byte 0x\(String(p[bad], radix: 16, uppercase: true))); save the file as UTF-8"
            }
            codes.append(code)
            validity.append(true)
            count += 1
            return nil
        case .int, .float:
            if ctx.isMarker(p, n) { if n > 0 { markerNulls += 1 }; appendNull(); return nil }
            switch NumberParsing.parse(p, n, style: ctx.style) {
            case .int(let v):
                if kind == .int { ints.append(v) } else { floats.append(Double(v)) }
            case .float(let d):
                if kind == .int { widenToFloat() }
                floats.append(d)
            case .keepText(let s):
                if declared {
                    if kind == .float, case .float(let d) = NumberParsing.slowParse(p, from: 0, to: n, negative: false, style: ctx.style) { floats.append(d); break }
                    appendNull(); return "'\(s)' is not a number this column can hold exactly"
                }
                noteChange(.toText(reason: s.hasPrefix("0") || s.hasPrefix("-0") ? "leading zero in '\(s)'" : "more than 15 significant digits in '\(s)'"), offset)
                appendNull(); return nil
            case .notANumber:
                let s = text(p, n)
                if declared { appendNull(); return "'\(s)' is not a number" }
                noteChange(.toText(reason: "'\(s)' is not a number"), offset)
                appendNull(); return nil
            }
            validity.append(true)
            count += 1
            return nil
        case .bool:
            if ctx.isMarker(p, n) { appendNull(); return nil }
            let s = text(p, n).lowercased()
            if s == "true" { bools.append(true) } else if s == "false" { bools.append(false) } else {
                if declared { appendNull(); return "'\(s)' is not true or false" }
                noteChange(.toText(reason: "'\(s)' is not true or false"), offset)
                appendNull(); return nil
            }
            validity.append(true)
            count += 1
            return nil
        case .period(let freq, let order, let strict):
            if ctx.isMarker(p, n) { if n > 0 { markerNulls += 1 }; appendNull(); return nil }
            let r = PeriodParser.parse(UnsafeBufferPointer(start: p, count: n), dayOrder: order, allowBareYear: strict)
            if case .period(let per) = r, per.frequency == freq {
                ordinals.append(per.ordinal)
                validity.append(true)
                count += 1
                return nil
            }
            appendNull()
            return periodProblem(r, p, n, offset: offset, freq: freq, order: order, strict: strict)
        }
    }

    /// The message (strict columns) or the re-read reason (inferred columns) for a value that is not a period of the column's frequency.
    private mutating func periodProblem(_ r: PeriodParse, _ p: UnsafePointer<UInt8>, _ n: Int, offset: Int, freq: Frequency, order: DayOrder, strict: Bool) -> String? {
        let t = text(p, n)
        switch r {
        case .period(let per):
            if strict { return "'\(t)' is a \(per.frequency), but this column holds \(freq)s" }
            noteChange(.toText(reason: "'\(t)' is a \(per.frequency) among \(freq)s"), offset)
        case .invalid(let why):
            let other: DayOrder = order == .dayFirst ? .monthFirst : .dayFirst
            if freq == .day, case .period = PeriodParser.parse(UnsafeBufferPointer(start: p, count: n), dayOrder: other) {
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

    private func text(_ p: UnsafePointer<UInt8>, _ n: Int) -> String {
        String(decoding: UnsafeBufferPointer(start: p, count: n), as: UTF8.self)
    }

    private mutating func noteChange(_ c: PlanChange, _ offset: Int) {
        if change == nil { change = (c, offset) }
    }

    mutating func widenToFloat() {
        floats = ints.map { Double($0) }
        ints = []
        kind = .float
    }

    /// Drops the values after the first `n`.
    mutating func truncate(to n: Int) {
        guard count > n else { return }
        switch kind {
        case .int: ints.removeLast(count - n)
        case .float: floats.removeLast(count - n)
        case .bool: bools.removeLast(count - n)
        case .text: codes.removeLast(count - n)
        case .period: ordinals.removeLast(count - n)
        case .skip: return
        }
        validity.truncate(to: n)
        count = n
    }

    /// Removes the values at the given positions (sorted, all ≥ `from`): rows a lenient load rejected.
    mutating func remove(rows: [Int]) {
        guard !rows.isEmpty, kind != .skip else { return }
        let drop = Set(rows)
        func keep<T>(_ a: inout [T]) { var i = 0; a.removeAll { _ in defer { i += 1 }; return drop.contains(i) } }
        switch kind {
        case .int: keep(&ints)
        case .float: keep(&floats)
        case .bool: keep(&bools)
        case .text: keep(&codes)
        case .period: keep(&ordinals)
        case .skip: return
        }
        let old = validity.finish()
        var v = ValidityBuilder()
        for r in 0..<count where !drop.contains(r) { v.append(old.isValid(r)) }
        validity = v
        count -= drop.count
    }
}
