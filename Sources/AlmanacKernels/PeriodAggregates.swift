import AlmanacCore
import Foundation

package extension Aggregates {
    /// `first(x)` by period: per group, `x` at the smallest period ordinal among rows where both `x`
    /// and the period are non-null. When several rows of the group share that period, numbers are summed (as
    /// `cagr` does, so `first`, `last` and `cagr` by province over partner rows speak of the same totals);
    /// other types take the earliest row in table order.
    public static func first(_ x: Column, period: Column, _ g: Grouping) throws -> Column {
        let rows = try periodExtremeRows(x, period, g, latest: false)
        return x.dataType.isNumeric ? try sumsAtPeriod(x, period, g, rows) : Gather.column(x, rows: rows)
    }

    /// `last(x)` by period: as `first`, at the largest ordinal.
    public static func last(_ x: Column, period: Column, _ g: Grouping) throws -> Column {
        let rows = try periodExtremeRows(x, period, g, latest: true)
        return x.dataType.isNumeric ? try sumsAtPeriod(x, period, g, rows) : Gather.column(x, rows: rows)
    }

    /// Per group, the sum of `x` over the rows whose period equals the period of `rows[group]` (null where −1).
    package static func sumsAtPeriod(_ x: Column, _ period: Column, _ g: Grouping, _ rows: [Int32]) throws -> Column {
        guard case .period(let ords, _) = period.storage else { throw KernelError.typeMismatch(.periodColumnNeeded(by: .firstLast, found: nil)) }
        let both = x.validity.intersection(period.validity)
        var valid = [Bool](repeating: false, count: g.groupCount)
        switch x.storage {
        case .int(let v):
            var sums = [Int64](repeating: 0, count: g.groupCount)
            var overflow = [Bool](repeating: false, count: g.groupCount)
            for i in 0..<x.count where both.isValid(i) {
                let k = Int(g.groupIDs[i]), r = rows[k]
                if r >= 0 && ords[i] == ords[Int(r)] {
                    let (s, o) = sums[k].addingReportingOverflow(v[i])
                    sums[k] = s
                    overflow[k] = overflow[k] || o
                    valid[k] = true
                }
            }
            // A sum beyond Int64 is no figure: null, never a wrapped value.
            for k in valid.indices where overflow[k] { valid[k] = false }
            return Column(name: x.name, storage: .int(sums), validity: Validity(flags: valid), meta: x.meta)
        case .float(let v):
            var sums = [Double](repeating: 0, count: g.groupCount)
            for i in 0..<x.count where both.isValid(i) {
                let k = Int(g.groupIDs[i]), r = rows[k]
                if r >= 0 && ords[i] == ords[Int(r)] { sums[k] += v[i]; valid[k] = true }
            }
            // A sum that overflows to ±inf is null: no inf or NaN ever leaves a kernel.
            for k in valid.indices where !sums[k].isFinite { valid[k] = false; sums[k] = 0 }
            return Column(name: x.name, storage: .float(sums), validity: Validity(flags: valid), meta: x.meta)
        default:
            return Gather.column(x, rows: rows)
        }
    }

    /// Per group, the row with the smallest (largest) ordinal where `x` and the period are non-null; −1 if none.
    package static func periodExtremeRows(_ x: Column, _ period: Column, _ g: Grouping, latest: Bool) throws -> [Int32] {
        try checkLength(x, g.rowCount)
        try checkLength(period, g.rowCount)
        guard case .period(let ords, _) = period.storage else {
            throw KernelError.typeMismatch(.periodColumnNeeded(by: .firstLast, found: period.dataType))
        }
        let both = x.validity.intersection(period.validity)
        return argExtreme(ords, validWords(both), g, latest)
    }

    /// `cagr(x, period)`: compound annual growth `(last / first)^(1 / years) − 1` between the first and
    /// the last period of the group that have a non-null `x`.
    ///
    /// - `years = (lastOrdinal − firstOrdinal) × PeriodMath.yearsPerStep(frequency)`: fractional for months
    ///   and quarters (2017-01 → 2022-01 is 5 years), 1/365.2425 per day.
    /// - When several rows of the group share the first (or last) period, their values are summed, so
    ///   `cagr(value, period)` by province over partner rows compares province totals.
    /// - Null when the group has no such rows, `first ≤ 0`, `last < 0`, `years == 0`, or the result is not finite.
    public static func cagr(_ x: Column, period: Column, _ g: Grouping) throws -> Masked<Double> {
        cagr(try cagrEndpoints(x, period: period, g))
    }

    /// `cagr` from its endpoints (see `cagr(_:period:_:)`).
    package static func cagr(_ e: CagrEndpoints) -> Masked<Double> {
        let groups = e.has.count
        let step = PeriodMath.yearsPerStep(e.frequency)
        var out = [Double](repeating: 0, count: groups)
        var valid = zeroWords(groups)
        valid.withUnsafeMutableBufferPointer { w in
            for k in 0..<groups where e.has[k] {
                let years = Double(Int64(e.last[k]) - Int64(e.first[k])) * step
                let f = e.firstSum[k], l = e.lastSum[k]
                if years == 0 || !(f > 0) || !(l >= 0) { continue }
                out[k] = Foundation.pow(l / f, 1 / years) - 1
                setBit(w, k)
            }
        }
        let validity = finishDoubles(&out, valid: &valid)
        return Masked(values: out, validity: validity)
    }

    /// Per group, the first and last period ordinals where `x` and the period are non-null, and the sums of `x` there:
    /// what `cagr` compares, and what it says when those are not the table's first and last.
    package static func cagrEndpoints(_ x: Column, period: Column, _ g: Grouping) throws -> CagrEndpoints {
        try checkLength(x, g.rowCount)
        try checkLength(period, g.rowCount)
        guard case .period(let ords, let freq) = period.storage else {
            throw KernelError.typeMismatch(.periodColumnNeeded(by: .cagr, found: period.dataType))
        }
        let (v, xValidity) = try measure(x, "cagr")
        let both = validWords(xValidity.intersection(period.validity))
        let groups = g.groupCount
        var lo = [Int32](repeating: Int32.max, count: groups)
        var hi = [Int32](repeating: Int32.min, count: groups)
        var has = [Bool](repeating: false, count: groups)
        var firstSum = [Double](repeating: 0, count: groups)
        var lastSum = [Double](repeating: 0, count: groups)
        g.groupIDs.withUnsafeBufferPointer { ids in
            ords.withUnsafeBufferPointer { o in
                both.withUnsafeBufferPointerIfPresent { w in
                    lo.withUnsafeMutableBufferPointer { lo in
                        hi.withUnsafeMutableBufferPointer { hi in
                            has.withUnsafeMutableBufferPointer { has in
                                forEachValid(0..<ids.count, w) { i in
                                    let k = Int(ids[i]), ord = o[i]
                                    has[k] = true
                                    if ord < lo[k] { lo[k] = ord }
                                    if ord > hi[k] { hi[k] = ord }
                                }
                            }
                            v.withUnsafeBufferPointer { val in
                                firstSum.withUnsafeMutableBufferPointer { fs in
                                    lastSum.withUnsafeMutableBufferPointer { ls in
                                        forEachValid(0..<ids.count, w) { i in
                                            let k = Int(ids[i]), ord = o[i]
                                            if ord == lo[k] { fs[k] += val[i] }
                                            if ord == hi[k] { ls[k] += val[i] }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        return CagrEndpoints(frequency: freq, has: has, first: lo, last: hi, firstSum: firstSum, lastSum: lastSum)
    }
}

/// What `cagr` compares in each group: whether the group has a value, its first and last period ordinals with one,
/// and the sums of the values there (meaningful only where `has`).
package struct CagrEndpoints: Sendable {
    package let frequency: Frequency
    package let has: [Bool]
    package let first: [Int32]
    package let last: [Int32]
    package let firstSum: [Double]
    package let lastSum: [Double]
}
