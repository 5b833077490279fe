import AlmanacCore
import Foundation

/// Cross-sectional functions: each row against the other rows of the same period (all series).
/// With no period column the whole table is one cross-section. Rows whose period is null get null.
public enum PeriodShare {
    /// `share(x)`: `x / Σx` over the rows of the same period (nulls skipped in the total).
    /// Null where `x` is null, the total is zero, or the result is not finite.
    public static func share(_ x: Column, period: Column?) throws -> Masked<Double> {
        let (v, validity) = try measure(x, "share")
        let n = v.count
        let (g, pv) = try sections(period, n)
        let valid = validity.intersection(pv)
        let totals = Aggregates.doubleSums(v, valid, g).sums
        var out = [Double](repeating: 0, count: n)
        var words = zeroWords(n)
        let vw = valid.words
        for i in 0..<n where vw[i >> 6] & (1 << UInt64(i & 63)) != 0 {
            let k = Int(g.groupIDs[i])
            out[i] = v[i] / totals.values[k]
            words[i >> 6] |= 1 << UInt64(i & 63)
        }
        let result = finishDoubles(&out, valid: &words)
        return Masked(values: out, validity: result)
    }

    /// `rank(x)`: 1 for the largest value of the period, ties share the smallest rank (1, 2, 2, 4), nulls
    /// get null and are not counted.
    public static func rank(_ x: Column, period: Column?) throws -> Masked<Int64> {
        guard x.dataType.isNumeric else { throw KernelError.typeMismatch(.functionNeedsNumber(function: "rank", found: x.dataType)) }
        let n = x.count
        let (g, pv) = try sections(period, n)
        let valid = x.validity.intersection(pv)
        var (codes, _) = Sorting.orderCodes(x)
        for i in 0..<n { codes[i] = ~codes[i] }  // largest first
        let identity = [Int32](unsafeUninitializedCapacity: n) { p, c in
            for i in 0..<n { p[i] = Int32(truncatingIfNeeded: i) }
            c = n
        }
        var perm = Sorting.stablePass(identity, codes, validWords(valid))
        perm = Array(perm[0..<(n - valid.nullCount)])
        perm = Sorting.stablePass(perm, g.groupIDs.map { UInt64(UInt32(bitPattern: $0)) }, nil)
        var out = [Int64](repeating: 0, count: n)
        var prevGroup: Int32 = -1
        var position: Int64 = 0
        var prevCode: UInt64 = 0
        var prevRank: Int64 = 0
        for r in perm {
            let i = Int(r)
            let k = g.groupIDs[i]
            if k != prevGroup { prevGroup = k; position = 0 }
            position += 1
            let rank = (position > 1 && codes[i] == prevCode) ? prevRank : position
            out[i] = rank
            prevCode = codes[i]; prevRank = rank
        }
        return Masked(values: out, validity: valid)
    }

    /// Groups rows by period (one group without a period column) and the rows that have one.
    package static func sections(_ period: Column?, _ n: Int) throws -> (Grouping, Validity) {
        guard let p = period else { return (try Grouping.build(keys: [], rowCount: n), .allValid(n)) }
        try checkLength(p, n)
        guard p.dataType.isPeriod else { throw KernelError.typeMismatch(.expectedPeriodColumn(found: p.dataType)) }
        return (try Grouping.build(keys: [p], rowCount: n), p.validity)
    }
}

/// Plan targets: how far a value is from a target and the growth needed to reach it.
public enum Targets {
    /// `progress(x, target)`: `x / target` per row (null on a zero or null target).
    public static func progress(_ x: Operand, _ target: Operand, count: Int) throws -> Masked<Double> {
        let c = try Arithmetic.apply(.divide, x, target, count: count)
        guard case .float(let v) = c.storage else { throw KernelError.typeMismatch(.progressNeedsNumbers) }
        return Masked(values: v, validity: c.validity)
    }

    /// `required_growth(x, target, targetYear)`: the yearly growth `(target / x)^(1 / years) − 1` that takes
    /// `x` to `target` by `targetYear`, where `years = targetYear − the row's calendar year` (from `period`).
    /// Null when `years ≤ 0`, `x ≤ 0`, either is null, or the result is not finite (e.g. a negative target).
    public static func requiredGrowth(_ x: Column, target: Operand, targetYear: Int, period: Column) throws -> Masked<Double> {
        let n = x.count
        try checkLength(period, n)
        guard case .period(let ords, let f) = period.storage else {
            throw KernelError.typeMismatch(.periodColumnNeeded(by: .requiredGrowth, found: period.dataType))
        }
        let (v, xv) = try measure(x, "required_growth value")
        let t = try NumericSide(target, n, "target")
        let (tv, ts) = t.doubles
        let valid = xv.intersection(t.validity(n)).intersection(period.validity)
        var words = valid.words
        var out = [Double](repeating: 0, count: n)
        for i in 0..<n where words[i >> 6] & (1 << UInt64(i & 63)) != 0 {
            guard let y = safeYear(ords[i], f) else { words[i >> 6] &= ~(1 << UInt64(i & 63)); continue }
            let years = Double(targetYear) - Double(y)  // in Double: an absurd target year cannot overflow
            if years <= 0 || !(v[i] > 0) { words[i >> 6] &= ~(1 << UInt64(i & 63)); continue }
            out[i] = Foundation.pow(tv[i &* ts] / v[i], 1 / years) - 1
        }
        let result = finishDoubles(&out, valid: &words)
        return Masked(values: out, validity: result)
    }

    /// The rows where `x` has a value and `target` has none (or is zero, with `zeroCounts`, as `progress` divides by
    /// it): where `progress`/`required_growth` are null for want of a target; `zeros` counts those whose target is 0.
    public static func rowsMissingTarget(_ x: Column, _ target: Operand, zeroCounts: Bool) throws -> (rows: [Int32], zeros: Int) {
        let n = x.count
        let t = try NumericSide(target, n, "target")
        let tv = t.validity(n)
        var rows: [Int32] = []
        var zeros = 0
        func visit(_ i: Int, isZero: Bool) {
            guard x.validity.isValid(i) else { return }
            if !tv.isValid(i) { rows.append(Int32(i)) } else if zeroCounts && isZero { rows.append(Int32(i)); zeros += 1 }
        }
        switch t {
        case .ints(let v, let stride, _): for i in 0..<n { visit(i, isZero: v[i &* stride] == 0) }
        case .floats(let v, let stride, _): for i in 0..<n { visit(i, isZero: v[i &* stride] == 0) }
        }
        return (rows, zeros)
    }
}
