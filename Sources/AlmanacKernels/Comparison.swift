import AlmanacCore
import Foundation

/// `= != < <= > >=`.
public enum ComparisonOperator: Sendable {
    case equal, notEqual, less, lessOrEqual, greater, greaterOrEqual

    /// The operator with its operands swapped (`a < b` ⇔ `b > a`).
    public var flipped: ComparisonOperator {
        switch self {
        case .equal, .notEqual: return self
        case .less: return .greater
        case .lessOrEqual: return .greaterOrEqual
        case .greater: return .less
        case .greaterOrEqual: return .lessOrEqual
        }
    }

    @inline(__always)
    package func holds<T: Comparable>(_ a: T, _ b: T) -> Bool {
        switch self {
        case .equal: return a == b
        case .notEqual: return a != b
        case .less: return a < b
        case .lessOrEqual: return a <= b
        case .greater: return a > b
        case .greaterOrEqual: return a >= b
        }
    }
}

/// Elementwise comparisons producing a boolean column; a row is null when either side is null.
///
/// - Numbers: int with int exactly, otherwise as Double.
/// - Periods: ordinals when the frequencies agree; with different frequencies the finer side is first
///   converted to the coarser (so `month_col >= 2020-Q3` and `month_col = 2021` read naturally). An integer
///   scalar against a period column is a year (`period >= 2020`).
/// - Text: against a literal, one dictionary lookup (any Unicode normalisation; absent → `=` is false (null rows stay null)
///   everywhere) or, for ordering, one collation comparison per distinct value; text against text across two
///   dictionaries maps codes once. Ordering is Vietnamese collation.
/// - Booleans: false < true.
public enum Comparison {
    /// `a op b` over `count` rows.
    /// - Throws: `KernelError.typeMismatch` for incomparable types (text vs number, a period literal finer
    ///   than the column, …); `.lengthMismatch`.
    public static func compare(_ op: ComparisonOperator, _ a: Operand, _ b: Operand, count: Int) throws -> Masked<Bool> {
        if a.isNullScalar || b.isNullScalar {
            return Masked(values: [Bool](repeating: false, count: count), validity: .allNull(count))
        }
        switch (a, b) {
        case (.scalar, .scalar):
            // Constant: evaluate on one row, then repeat.
            let one = try compare(op, .column(a.materialized(1)), b, count: 1)
            let v = one[0]
            return Masked(values: [Bool](repeating: v ?? false, count: count), validity: v == nil ? .allNull(count) : .allValid(count))
        case (.scalar, .column):
            return try compare(op.flipped, b, a, count: count)
        case (.column(let c), _):
            try checkLength(c, count)
            if case .column(let d) = b { try checkLength(d, count) }
            switch c.storage {
            case .int, .float: return try numeric(op, a, b, count)
            case .period: return try periods(op, c, b, count)
            case .text: return try text(op, c, b, count)
            case .bool(let v):
                let (w, sw, valid) = try boolSide(b, count)
                let validity = c.validity.intersection(valid)
                let x = v.map { $0 ? 1 as UInt8 : 0 }
                return Masked(values: loop(op, x, 1, w, sw, count), validity: validity)
            }
        }
    }

    /// Compares a period column with a year given as an integer (`period >= 2020`): the column is read
    /// at year frequency.
    public static func comparePeriod(_ op: ComparisonOperator, _ period: Column, year: Int64) throws -> Masked<Bool> {
        guard let y = Int32(exactly: year) else { throw KernelError.invalidArgument(.yearOutOfRange(year)) }
        return try periods(op, period, .scalar(.period(.year(y))), period.count)
    }

    /// Compares a period column with a period literal of the same or a coarser frequency.
    public static func comparePeriod(_ op: ComparisonOperator, _ period: Column, _ literal: Period) throws -> Masked<Bool> {
        try periods(op, period, .scalar(.period(literal)), period.count)
    }

    // MARK: Numbers

    package static func numeric(_ op: ComparisonOperator, _ a: Operand, _ b: Operand, _ count: Int) throws -> Masked<Bool> {
        let l = try NumericSide(a, count, "left operand")
        let r = try NumericSide(b, count, "right operand")
        let validity = l.validity(count).intersection(r.validity(count))
        if case .ints(let x, let sx, _) = l, case .ints(let y, let sy, _) = r {
            return Masked(values: loop(op, x, sx, y, sy, count), validity: validity)
        }
        let (x, sx) = l.doubles, (y, sy) = r.doubles
        return Masked(values: loop(op, x, sx, y, sy, count), validity: validity)
    }

    /// `op(x[i*sx], y[i*sy])` for every row; the switch is outside the loops.
    package static func loop<T: Comparable>(_ op: ComparisonOperator, _ x: [T], _ sx: Int, _ y: [T], _ sy: Int, _ count: Int) -> [Bool] {
        x.withUnsafeBufferPointer { x in
            y.withUnsafeBufferPointer { y in
                [Bool](unsafeUninitializedCapacity: count) { o, m in
                    switch op {
                    case .equal: for i in 0..<count { o[i] = x[i &* sx] == y[i &* sy] }
                    case .notEqual: for i in 0..<count { o[i] = x[i &* sx] != y[i &* sy] }
                    case .less: for i in 0..<count { o[i] = x[i &* sx] < y[i &* sy] }
                    case .lessOrEqual: for i in 0..<count { o[i] = x[i &* sx] <= y[i &* sy] }
                    case .greater: for i in 0..<count { o[i] = x[i &* sx] > y[i &* sy] }
                    case .greaterOrEqual: for i in 0..<count { o[i] = x[i &* sx] >= y[i &* sy] }
                    }
                    m = count
                }
            }
        }
    }

    // MARK: Booleans

    package static func boolSide(_ b: Operand, _ count: Int) throws -> ([UInt8], Int, Validity) {
        switch b {
        case .column(let d):
            guard case .bool(let v) = d.storage else { throw KernelError.typeMismatch(.incomparable(.bool, d.dataType)) }
            return (v.map { $0 ? 1 : 0 }, 1, d.validity)
        case .scalar(.bool(let x)): return ([x ? 1 : 0], 0, .allValid(count))
        case .scalar(let v): throw KernelError.typeMismatch(.incomparableConstant(.bool, v))
        }
    }

    // MARK: Periods

    package static func periods(_ op: ComparisonOperator, _ c: Column, _ b: Operand, _ count: Int) throws -> Masked<Bool> {
        guard case .period(let ords, let f) = c.storage else { throw KernelError.typeMismatch(.expectedPeriodColumn(found: nil)) }
        switch b {
        case .scalar(let v):
            let lit: Period
            switch v {
            case .period(let p): lit = p
            case .int(let y):
                guard let y32 = Int32(exactly: y) else { throw KernelError.invalidArgument(.yearOutOfRange(y)) }
                lit = .year(y32)
            default: throw KernelError.typeMismatch(.incomparableConstant(.period(f), v))
            }
            guard lit.frequency <= f else {
                throw KernelError.typeMismatch(.finerPeriodConstant(column: f, constant: lit))
            }
            var validity = c.validity
            let x = try convertOrdinals(ords, from: f, to: lit.frequency, &validity)
            return Masked(values: loop(op, x, 1, [lit.ordinal], 0, count), validity: validity)
        case .column(let d):
            guard case .period(let ords2, let g) = d.storage else { throw KernelError.typeMismatch(.incomparable(.period(f), d.dataType)) }
            let target = Swift.min(f, g)
            var va = c.validity, vb = d.validity
            let x = try convertOrdinals(ords, from: f, to: target, &va)
            let y = try convertOrdinals(ords2, from: g, to: target, &vb)
            return Masked(values: loop(op, x, 1, y, 1, count), validity: va.intersection(vb))
        }
    }

    /// Ordinals at a coarser frequency (days the calendar cannot convert become null).
    package static func convertOrdinals(_ o: [Int32], from: Frequency, to: Frequency, _ validity: inout Validity) throws -> [Int32] {
        if from == to { return o }
        var valid = validity.words
        var out = [Int32](repeating: 0, count: o.count)
        for i in 0..<o.count {
            if let c = safeConvert(o[i], from: from, to: to) { out[i] = c } else { valid[i >> 6] &= ~(1 << UInt64(i & 63)) }
        }
        validity = Validity(words: valid, count: o.count)
        return out
    }

    // MARK: Text

    package static func text(_ op: ComparisonOperator, _ c: Column, _ b: Operand, _ count: Int) throws -> Masked<Bool> {
        guard case .text(let codes, let dict) = c.storage else { throw KernelError.typeMismatch(.expectedTextColumn) }
        switch b {
        case .scalar(.text(let s)):
            // One answer per distinct value, then map codes.
            var table = [Bool](repeating: false, count: dict.count)
            switch op {
            case .equal, .notEqual:
                if let k = dict.code(of: s) { table[Int(k)] = true }
                if op == .notEqual { for i in table.indices { table[i].toggle() } }
            default:
                let lit = s.nfc
                for (k, v) in dict.values.enumerated() {
                    let r = VietnameseCollation.compare(v, lit)
                    let sign = r == .orderedAscending ? -1 : (r == .orderedSame ? 0 : 1)
                    table[k] = op.holds(sign, 0)
                }
            }
            return mapCodes(codes, table, c.validity)
        case .scalar(let v):
            throw KernelError.typeMismatch(.incomparableConstant(.text, v))
        case .column(let d):
            guard case .text(let codes2, let dict2) = d.storage else { throw KernelError.typeMismatch(.incomparable(.text, d.dataType)) }
            var valid = c.validity.intersection(d.validity).words
            let x: [Int32], y: [Int32]
            if dict === dict2 {
                if op == .equal || op == .notEqual { x = codes; y = codes2 } else {
                    x = textRanks(codes, dict.collationRanks, &valid)
                    y = textRanks(codes2, dict.collationRanks, &valid)
                }
            } else {
                let (union, mapB) = unionDictionary(dict, dict2)
                let mappedB = remap(codes2, mapB)
                if op == .equal || op == .notEqual {
                    x = textRanks(codes, Array(0..<Int32(dict.count)), &valid)
                    y = textRanks(mappedB, Array(0..<Int32(union.count)), &valid)
                } else {
                    let ranks = union.collationRanks
                    x = textRanks(codes, ranks, &valid)
                    y = textRanks(mappedB, ranks, &valid)
                }
            }
            return Masked(values: loop(op, x, 1, y, 1, count), validity: Validity(words: valid, count: count))
        }
    }

    /// `table[code]` per row; codes outside the table are null.
    package static func mapCodes(_ codes: [Int32], _ table: [Bool], _ validity: Validity) -> Masked<Bool> {
        let n = codes.count
        var valid = validity.words
        let out = codes.withUnsafeBufferPointer { c in
            table.withUnsafeBufferPointer { t in
                valid.withUnsafeMutableBufferPointer { w in
                    [Bool](unsafeUninitializedCapacity: n) { o, m in
                        let tc = t.count
                        for i in 0..<n {
                            let k = Int(c[i])
                            if k >= 0 && k < tc { o[i] = t[k] } else { o[i] = false; w[i &>> 6] &= ~(1 &<< UInt64(i & 63)) }
                        }
                        m = n
                    }
                }
            }
        }
        return Masked(values: out, validity: Validity(words: valid, count: n))
    }
}

/// A dictionary holding `a`'s values (same codes) followed by `b`'s values not in `a`, and for each code
/// of `b` its code in the union.
package func unionDictionary(_ a: TextDictionary, _ b: TextDictionary) -> (TextDictionary, [Int32]) {
    if a === b { return (a, Array(0..<Int32(b.count))) }
    var values = a.values
    var extra: [String: Int32] = [:]
    var map = [Int32](repeating: 0, count: b.count)
    for (k, v) in b.values.enumerated() {
        if let c = a.code(of: v) { map[k] = c; continue }
        if let c = extra[v] { map[k] = c; continue }
        let c = Int32(values.count)
        values.append(v.nfc)
        extra[v] = c
        map[k] = c
    }
    return (values.count == a.count ? a : TextDictionary(uniqueNFC: values), map)
}

/// Codes mapped through `map`; codes outside it become −1 (read as null downstream).
package func remap(_ codes: [Int32], _ map: [Int32]) -> [Int32] {
    codes.withUnsafeBufferPointer { c in
        map.withUnsafeBufferPointer { m in
            [Int32](unsafeUninitializedCapacity: c.count) { o, n in
                let mc = m.count
                for i in 0..<c.count { let k = Int(c[i]); o[i] = (k >= 0 && k < mc) ? m[k] : -1 }
                n = c.count
            }
        }
    }
}
