import AlmanacCore

/// Null tests, membership, ranges and choice between values.
public enum Conditional {
    /// `x is null` (never null itself).
    public static func isNull(_ x: Column) -> Masked<Bool> {
        var m = isNotNull(x)
        m.values.withUnsafeMutableBufferPointer { v in for i in 0..<v.count { v[i] = !v[i] } }
        return m
    }

    /// `x is not null` (never null itself).
    public static func isNotNull(_ x: Column) -> Masked<Bool> {
        let words = x.validity.words
        let out = [Bool](unsafeUninitializedCapacity: x.count) { o, m in
            words.withUnsafeBufferPointer { w in for i in 0..<x.count { o[i] = testBit(w, i) } }
            m = x.count
        }
        return Masked(values: out, validity: .allValid(x.count))
    }

    /// `x in (v1, v2, …)`: null where `x` is null; null literals in the list are ignored. Text literals are
    /// looked up once each in the dictionary (any normalisation); integer literals match integer columns
    /// exactly; period literals may be of a coarser frequency (`month in (2020, 2021)` reads years).
    public static func isIn(_ x: Column, _ list: [Value]) throws -> Masked<Bool> {
        let n = x.count
        let literals = list.filter { !$0.isNull }
        if case .text(let codes, let dict) = x.storage {
            var table = [Bool](repeating: false, count: dict.count)
            for v in literals {
                guard case .text(let s) = v else { throw KernelError.typeMismatch(.lookForInText(v)) }
                if let k = dict.code(of: s) { table[Int(k)] = true }
            }
            return Comparison.mapCodes(codes, table, x.validity)
        }
        if case .int(let v) = x.storage, literals.allSatisfy({ if case .int = $0 { return true } else { return false } }) {
            var set = Set<Int64>()
            for case .int(let k) in literals { set.insert(k) }
            let out = v.withUnsafeBufferPointer { p in
                [Bool](unsafeUninitializedCapacity: n) { o, m in
                    for i in 0..<n { o[i] = set.contains(p[i]) }
                    m = n
                }
            }
            return Masked(values: out, validity: x.validity)
        }
        // General case: one equality pass per literal (lists are short).
        var result = Masked(values: [Bool](repeating: false, count: n), validity: x.validity)
        for v in literals {
            let eq = try Comparison.compare(.equal, .column(x), .scalar(v), count: n)
            for i in 0..<n where eq.values[i] { result.values[i] = true }
        }
        return result
    }

    /// `x between lo and hi` (inclusive): `x >= lo and x <= hi` with three-valued logic.
    public static func between(_ x: Operand, _ lo: Operand, _ hi: Operand, count: Int) throws -> Masked<Bool> {
        let a = try Comparison.compare(.greaterOrEqual, x, lo, count: count)
        let b = try Comparison.compare(.lessOrEqual, x, hi, count: count)
        return try Logic.and(Logic.operand(a), Logic.operand(b), count: count)
    }

    /// `coalesce(a, b, …)`: per row, the first non-null operand. All operands numeric (integers if all
    /// are, else floats), or all text (dictionaries merged), or all boolean, or all periods of one frequency.
    public static func coalesce(_ operands: [Operand], count: Int) throws -> Column {
        let cols = try unify(operands, count)
        guard var result = cols.first else { return Column(name: "", storage: .int([Int64](repeating: 0, count: count)), validity: .allNull(count)) }
        for next in cols.dropFirst() {
            if !result.validity.hasNulls { break }
            let take = (0..<count).map { !result.validity.isValid($0) && next.validity.isValid($0) }
            result = choose(take, next, result)
        }
        return result
    }

    /// `if(c, a, b)`: `a` where `c` is true, else `b` (a null condition counts as false, like SQL's CASE).
    /// `a` and `b` are unified as in `coalesce`.
    public static func ifThenElse(_ c: Operand, _ a: Operand, _ b: Operand, count: Int) throws -> Column {
        let (v, s, valid) = try Logic.side(c, count)
        let cols = try unify([a, b], count)
        let take = (0..<count).map { v[$0 &* s] && valid.isValid($0) }
        return choose(take, cols[0], cols[1])
    }

    /// Rows of `yes` where `take`, else of `no` (same storage kind and dictionary).
    package static func choose(_ take: [Bool], _ yes: Column, _ no: Column) -> Column {
        let n = take.count
        var flags = [Bool](repeating: false, count: n)
        for i in 0..<n { flags[i] = take[i] ? yes.validity.isValid(i) : no.validity.isValid(i) }
        func pick<T>(_ a: [T], _ b: [T]) -> [T] { (0..<n).map { take[$0] ? a[$0] : b[$0] } }
        let storage: ColumnStorage
        switch (yes.storage, no.storage) {
        case (.int(let a), .int(let b)): storage = .int(pick(a, b))
        case (.float(let a), .float(let b)): storage = .float(pick(a, b))
        case (.bool(let a), .bool(let b)): storage = .bool(pick(a, b))
        case (.text(let a, let d), .text(let b, _)): storage = .text(pick(a, b), d)
        case (.period(let a, let f), .period(let b, _)): storage = .period(pick(a, b), f)
        default: storage = no.storage  // unify guarantees matching kinds
        }
        return Column(name: "", storage: storage, validity: Validity(flags: flags))
    }

    /// Operands materialised as columns of one kind: ints→floats when mixed, text on one dictionary.
    package static func unify(_ operands: [Operand], _ count: Int) throws -> [Column] {
        let types = operands.compactMap(\.dataType)
        var cols = try operands.map { try $0.materialized(count) }
        guard let first = types.first else { return cols }
        if types.allSatisfy(\.isNumeric) {
            let toFloat = types.contains(.float)
            return cols.map { c in
                if toFloat, case .int(let v) = c.storage {
                    return Column(name: "", storage: .float(v.map(Double.init)), validity: c.validity)
                }
                return c
            }
        }
        guard types.allSatisfy({ $0 == first }) else {
            throw KernelError.typeMismatch(.cannotCombine(types))
        }
        // Null scalars take the common type.
        for (k, op) in operands.enumerated() where op.isNullScalar {
            switch first {
            case .bool: cols[k] = Column(name: "", storage: .bool([Bool](repeating: false, count: count)), validity: .allNull(count))
            case .period(let f): cols[k] = Column(name: "", storage: .period([Int32](repeating: 0, count: count), f), validity: .allNull(count))
            case .text: cols[k] = Column(name: "", storage: .text([Int32](repeating: 0, count: count), TextDictionary(uniqueNFC: [])), validity: .allNull(count))
            default: break
            }
        }
        if first == .text {
            // One dictionary for all.
            guard case .text(_, var dict) = cols[0].storage else { return cols }
            for c in cols.dropFirst() { if case .text(_, let d) = c.storage { dict = unionDictionary(dict, d).0 } }
            cols = cols.map { c in
                guard case .text(let codes, let d) = c.storage else { return c }
                let map = unionDictionary(dict, d).1
                return Column(name: "", storage: .text(remap(codes, map), dict), validity: c.validity)
            }
        }
        return cols
    }
}
