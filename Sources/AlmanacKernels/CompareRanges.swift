import AlmanacCore

/// Base-versus-current comparison of one measure per series.
public struct RangeComparison: Sendable {
    /// Σx over the base range; null when the series has no row (or only null values) in it.
    public var base: Masked<Double>
    /// Σx over the current range; null likewise.
    public var current: Masked<Double>
    /// `current − base` (null if either is null).
    public var change: Masked<Double>
    /// `current / base − 1` (null on a null or zero base).
    public var growth: Masked<Double>
}

/// The result of `CompareRanges.compare`: one row per series.
public struct RangeComparisonResult: Sendable {
    /// The series grouping (ids per input row, first rows); output row `k` is series `k`.
    public var series: Grouping
    /// The series key columns, one row per series.
    public var keys: [Column]
    /// One comparison per measure, in input order.
    public var measures: [RangeComparison]
    /// Series with no row at all in the base range, and in the current range (series ids, ascending).
    public var seriesWithoutBaseRows: [Int32]
    public var seriesWithoutCurrentRows: [Int32]
}

/// `compare <A> to <B>`: per series, sums over two inclusive period ranges and their change and growth.
public enum CompareRanges {
    /// Compares `base` (e.g. 2023-01…2023-06) with `current` (2024-01…2024-06), ranges inclusive, as
    /// ordinals of `period`'s frequency. Rows with a null period are ignored. A series without rows in a
    /// range gets null there (not zero) and is listed in `seriesWithout…Rows`. Integer measures are summed
    /// as Double.
    public static func compare(seriesKeys: [Column], period: Column, measures: [Column],
                               base: ClosedRange<Int32>, current: ClosedRange<Int32>) throws -> RangeComparisonResult {
        let n = period.count
        guard case .period(let ords, _) = period.storage else {
            throw KernelError.typeMismatch(.periodColumnNeeded(by: .compare, found: period.dataType))
        }
        for m in measures { try checkLength(m, n) }
        let g = try Grouping.build(keys: seriesKeys, rowCount: n)
        let s = g.groupCount
        var inBase = [Bool](repeating: false, count: s), inCurrent = [Bool](repeating: false, count: s)
        for i in 0..<n where period.validity.isValid(i) {
            let k = Int(g.groupIDs[i])
            if base.contains(ords[i]) { inBase[k] = true }
            if current.contains(ords[i]) { inCurrent[k] = true }
        }
        var results: [RangeComparison] = []
        for m in measures {
            let (v, validity) = try measure(m, "compared measure")
            let vw = validity.intersection(period.validity).words
            var b = [Double](repeating: 0, count: s), c = [Double](repeating: 0, count: s)
            var hasB = [Bool](repeating: false, count: s), hasC = [Bool](repeating: false, count: s)
            for i in 0..<n where vw[i >> 6] & (1 << UInt64(i & 63)) != 0 {
                let k = Int(g.groupIDs[i])
                if base.contains(ords[i]) { b[k] += v[i]; hasB[k] = true }
                if current.contains(ords[i]) { c[k] += v[i]; hasC[k] = true }
            }
            var change = [Double](repeating: 0, count: s), growth = [Double](repeating: 0, count: s)
            var hasChange = [Bool](repeating: false, count: s), hasGrowth = [Bool](repeating: false, count: s)
            for k in 0..<s where hasB[k] && hasC[k] {
                change[k] = c[k] - b[k]
                hasChange[k] = change[k].isFinite
                let gr = c[k] / b[k] - 1
                if b[k] != 0 && gr.isFinite { growth[k] = gr; hasGrowth[k] = true }
            }
            func masked(_ v: [Double], _ f: [Bool]) -> Masked<Double> {
                var words = zeroWords(s)
                for k in 0..<s where f[k] { words[k >> 6] |= 1 << UInt64(k & 63) }
                var values = v
                let validity = finishDoubles(&values, valid: &words)
                return Masked(values: values, validity: validity)
            }
            results.append(RangeComparison(base: masked(b, hasB), current: masked(c, hasC),
                                           change: masked(change, hasChange), growth: masked(growth, hasGrowth)))
        }
        return RangeComparisonResult(
            series: g, keys: g.keyColumns(seriesKeys), measures: results,
            seriesWithoutBaseRows: (0..<s).filter { !inBase[$0] }.map { Int32($0) },
            seriesWithoutCurrentRows: (0..<s).filter { !inCurrent[$0] }.map { Int32($0) })
    }
}
