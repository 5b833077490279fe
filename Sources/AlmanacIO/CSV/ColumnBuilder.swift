import AlmanacCore

/// Accumulates one column of one chunk straight into typed buffers.
struct ColumnBuilder {
    var kind: ColumnPlan.Kind
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
    /// The first reason to re-read the column with another plan, and the byte offset of its value.
    var change: (PlanChange, offset: Int)?

    init(kind: ColumnPlan.Kind, capacity: Int) {
        self.kind = kind
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

    /// Appends one field. `isMarker` says the field is empty or a null marker. Returns a message when the
    /// value is an error for this column (strict periods, declared types); re-read reasons go to `change`.
    @inline(__always)
    mutating func append(_ p: UnsafePointer<UInt8>, _ n: Int, isMarker: Bool, offset: Int, style: NumberStyle, declared: Bool) -> String? {
        switch kind {
        case .skip:
            return nil
        case .text:
            if n == 0 { appendNull(); return nil }
            codes.append(interner.intern(p, n))
            validity.append(true)
            count += 1
            return nil
        case .int, .float:
            if isMarker { if n > 0 { markerNulls += 1 }; appendNull(); return nil }
            switch NumberParsing.parse(p, n, style: style) {
            case .int(let v):
                if kind == .int { ints.append(v) } else { floats.append(Double(v)) }
            case .float(let d):
                if kind == .int { widenToFloat() }
                floats.append(d)
            case .keepText(let s):
                if declared {
                    if kind == .float, case .float(let d) = NumberParsing.slowParse(p, from: 0, to: n, negative: false, style: style) { floats.append(d); break }
                    appendNull(); return "'\(s)' is not a number this column can hold exactly"
                }
                noteChange(.toText(reason: s.hasPrefix("0") || s.hasPrefix("-0") ? "leading zero in '\(s)'" : "more than 15 significant digits in '\(s)'"), offset)
                appendNull(); return nil
            case .notANumber:
                let s = String(decoding: UnsafeBufferPointer(start: p, count: n), as: UTF8.self)
                if declared { appendNull(); return "'\(s)' is not a number" }
                noteChange(.toText(reason: "'\(s)' is not a number"), offset)
                appendNull(); return nil
            }
            validity.append(true)
            count += 1
            return nil
        case .bool:
            if isMarker { appendNull(); return nil }
            let s = String(decoding: UnsafeBufferPointer(start: p, count: n), as: UTF8.self).lowercased()
            if s == "true" { bools.append(true) } else if s == "false" { bools.append(false) } else {
                if declared { appendNull(); return "'\(s)' is not true or false" }
                noteChange(.toText(reason: "'\(s)' is not true or false"), offset)
                appendNull(); return nil
            }
            validity.append(true)
            count += 1
            return nil
        case .period(let freq, let order, let strict):
            if isMarker { if n > 0 { markerNulls += 1 }; appendNull(); return nil }
            let r = PeriodParser.parse(UnsafeBufferPointer(start: p, count: n), dayOrder: order, allowBareYear: strict)
            let text = { String(decoding: UnsafeBufferPointer(start: p, count: n), as: UTF8.self) }
            switch r {
            case .period(let per) where per.frequency == freq:
                ordinals.append(per.ordinal)
                validity.append(true)
                count += 1
                return nil
            case .period(let per):
                appendNull()
                if strict { return "'\(text())' is a \(per.frequency), but this column holds \(freq)s" }
                noteChange(.toText(reason: "'\(text())' is a \(per.frequency) among \(freq)s"), offset)
                return nil
            case .invalid(let why):
                if freq == .day, case .period = PeriodParser.parse(UnsafeBufferPointer(start: p, count: n), dayOrder: order == .dayFirst ? .monthFirst : .dayFirst) {
                    noteChange(.toDayOrder(order == .dayFirst ? .monthFirst : .dayFirst), offset)
                    appendNull(); return nil
                }
                appendNull()
                if strict { return "\(why) in '\(text())'" }
                noteChange(.toText(reason: "'\(text())': \(why)"), offset)
                return nil
            case .notAPeriod:
                appendNull()
                if strict { return "'\(text())' is not a \(freq)" + (freq == .day ? " (dates look like 2024-10-15 or 15/10/2024)" : "") }
                noteChange(.toText(reason: "'\(text())' is not a period"), offset)
                return nil
            }
        }
    }

    private mutating func noteChange(_ c: PlanChange, _ offset: Int) {
        if change == nil { change = (c, offset) }
    }

    mutating func widenToFloat() {
        floats = ints.map { Double($0) }
        ints = []
        kind = .float
    }

    /// Drops the values after the first `n` (a rejected row).
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
}
