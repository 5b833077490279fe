import AlmanacCore

/// Time functions over a measure, aligned by period through a `SeriesGrid` (never by row position):
/// the value "n periods back" is the value of the row of the same series whose ordinal is n smaller,
/// and when that period is missing the result is null.
///
/// Measures are integer or float columns (integers are read as Double). Results are Double with
/// validity; division by zero, growth on a zero or null base, and non-finite results are null.
public enum TimeFunctions {
    /// `lag(x, n)`: `x` at the period `n` steps back in the same series (negative `n`: ahead).
    /// Keeps `x`'s type (any column type).
    public static func lag(_ x: Column, _ n: Int, grid: SeriesGrid) throws -> Column {
        try checkLength(x, grid.rowCount)
        return Gather.column(x, rows: grid.rowsShifted(by: n))
    }

    /// `diff(x)`: `x − x(previous period)`.
    public static func diff(_ x: Column, grid: SeriesGrid) throws -> Masked<Double> {
        try pairwise(x, grid.rowsShifted(by: 1), grid, .difference)
    }

    /// `pop(x)`: period-on-period growth `x / x(previous period) − 1`.
    public static func pop(_ x: Column, grid: SeriesGrid) throws -> Masked<Double> {
        try pairwise(x, grid.rowsShifted(by: 1), grid, .growth)
    }

    /// `yoy(x)`: year-on-year growth `x / x(one year earlier) − 1`. One year earlier is 12 months,
    /// 4 quarters, 1 year, or for days the same calendar day (29 February gives null).
    public static func yoy(_ x: Column, grid: SeriesGrid) throws -> Masked<Double> {
        try pairwise(x, grid.rowsOneYearEarlier(), grid, .growth)
    }

    /// `index(x, base)`: `x / x(at period base) × 100` in the same series; `base` is an ordinal of the
    /// grid's frequency. Null where the series has no non-null, non-zero value at `base` (or the ratio overflows).
    public static func index(_ x: Column, base: Int32, grid: SeriesGrid) throws -> Masked<Double> {
        try checkLength(x, grid.rowCount)
        var baseRows = [Int32](repeating: -1, count: grid.seriesCount)
        for s in 0..<grid.seriesCount { baseRows[s] = grid.row(series: s, ordinal: Int64(base)) }
        let sid = grid.series.groupIDs
        let rows = [Int32](unsafeUninitializedCapacity: grid.rowCount) { out, m in
            for i in 0..<grid.rowCount { out[i] = grid.hasPeriod(i) ? baseRows[Int(sid[i])] : -1 }
            m = grid.rowCount
        }
        return try pairwise(x, rows, grid, .index)
    }

    package enum PairOp { case difference, growth, index }

    /// `op(x[i], x[other[i]])` for each row; null where either is null or `other[i] < 0`.
    package static func pairwise(_ x: Column, _ other: [Int32], _ grid: SeriesGrid, _ op: PairOp) throws -> Masked<Double> {
        try checkLength(x, grid.rowCount)
        let (v, validity) = try measure(x)
        let n = v.count
        var out = [Double](repeating: 0, count: n)
        var valid = zeroWords(n)
        let vw = validWords(validity)
        // Chunks split on word boundaries so the two threads never write one validity word.
        let wordsN = wordCount(n)
        v.withUnsafeBufferPointer { val in
            other.withUnsafeBufferPointer { oth in
                out.withUnsafeMutableBufferPointer { o in
                    valid.withUnsafeMutableBufferPointer { w in
                        vw.withUnsafeBufferPointerIfPresent { sw in
                            forEachChunk(wordsN, threshold: parallelThreshold / 64) { wr in
                                let lo = wr.lowerBound * 64, hi = Swift.min(n, wr.upperBound * 64)
                                for i in lo..<hi {
                                    let j = Int(oth[i])
                                    if j < 0 || !(validBit(sw, i) && validBit(sw, j)) { continue }
                                    let a = val[i], b = val[j]
                                    let r: Double
                                    switch op {
                                    case .difference: r = a - b
                                    case .growth: r = a / b - 1
                                    // Divide first: 100 × 1e308 would overflow where 1e308 / 1e308 × 100 does not.
                                    case .index: r = a / b * 100
                                    }
                                    if r.isFinite { o[i] = r; setBit(w, i) }
                                }
                            }
                        }
                    }
                }
            }
        }
        return Masked(values: out, validity: Validity(words: valid, count: n))
    }
}
