import AlmanacCore

/// A cumulative result with, per row, how many periods of its window had no value.
public struct CumulativeResult: Sendable {
    /// The sums (null where the window holds no value at all, or the row has no period).
    public var values: Masked<Double>
    /// Per row: periods of the window (from its start through this row's period) that were missing
    /// from the series or null. 0 means the sum is complete; callers may warn otherwise.
    public var missingPeriods: [Int32]
}

package extension TimeFunctions {
    /// `ytd(x)`: year-to-date sum, from the first period of the row's calendar year
    /// (`PeriodMath.startOfYear`) through the row's period, in the same series.
    ///
    /// Missing periods and null values inside the window contribute nothing: the result is the sum of the
    /// values present (so a row whose own value is null still gets the sum of the earlier months). The
    /// result is null only when the window holds no value. `missingPeriods` tells how many periods of the
    /// window were absent or null, so the caller can warn that a year-to-date figure is incomplete.
    public static func ytd(_ x: Column, grid: SeriesGrid) throws -> CumulativeResult {
        try cumulative(x, grid, yearly: true)
    }

    /// `cumsum(x)`: running sum from the first period of the series through the row's period, with the
    /// same treatment of missing periods and nulls as `ytd` (and the same `missingPeriods` report,
    /// counted from the series' first period).
    public static func cumsum(_ x: Column, grid: SeriesGrid) throws -> CumulativeResult {
        try cumulative(x, grid, yearly: false)
    }

    package static func cumulative(_ x: Column, _ grid: SeriesGrid, yearly: Bool) throws -> CumulativeResult {
        try checkLength(x, grid.rowCount)
        let (v, validity) = try measure(x)
        let n = v.count
        let (rows, start) = grid.walkOrder()
        var out = [Double](repeating: 0, count: n)
        var missing = [Int32](repeating: 0, count: n)
        var valid = zeroWords(n)
        let vw = validWords(validity)
        let freq = grid.frequency
        rows.withUnsafeBufferPointer { walk in
            v.withUnsafeBufferPointer { val in
                grid.ordinals.withUnsafeBufferPointer { ord in
                    out.withUnsafeMutableBufferPointer { o in
                        missing.withUnsafeMutableBufferPointer { miss in
                            valid.withUnsafeMutableBufferPointer { w in
                                vw.withUnsafeBufferPointerIfPresent { sw in
                                    for s in 0..<grid.seriesCount {
                                        var windowStart = Int64.min
                                        var sum = 0.0
                                        var present: Int64 = 0
                                        for k in start[s]..<start[s + 1] {
                                            let i = Int(walk[k])
                                            let ordinal = ord[i]
                                            let ws: Int64
                                            if yearly {
                                                guard let sy = safeStartOfYear(ordinal, freq) else { continue }
                                                ws = Int64(sy)
                                            } else {
                                                ws = windowStart == Int64.min ? Int64(ordinal) : windowStart
                                            }
                                            if ws != windowStart { windowStart = ws; sum = 0; present = 0 }
                                            if validBit(sw, i) { sum += val[i]; present += 1 }
                                            let windowLength = Int64(ordinal) - windowStart + 1
                                            miss[i] = Int32(truncatingIfNeeded: Swift.max(0, windowLength - present))
                                            if present > 0 && sum.isFinite { o[i] = sum; setBit(w, i) }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        return CumulativeResult(values: Masked(values: out, validity: Validity(words: valid, count: n)), missingPeriods: missing)
    }

    /// `rolling(x, n)`: the sum over the row's period and the `n − 1` periods before it in the same
    /// series. Null unless all `n` periods are present with non-null values (a window across a gap is
    /// not a sum of `n` periods).
    /// - Throws: `KernelError.invalidArgument` when `n < 1`.
    public static func rolling(_ x: Column, _ n: Int, grid: SeriesGrid) throws -> Masked<Double> {
        try checkLength(x, grid.rowCount)
        guard n >= 1 else { throw KernelError.invalidArgument(.rollingWindow(n)) }
        let (v, validity) = try measure(x)
        let count = v.count
        let (rows, start) = grid.walkOrder()
        var out = [Double](repeating: 0, count: count)
        var valid = zeroWords(count)
        let vw = validWords(validity)
        rows.withUnsafeBufferPointer { walk in
            v.withUnsafeBufferPointer { val in
                grid.ordinals.withUnsafeBufferPointer { ord in
                    out.withUnsafeMutableBufferPointer { o in
                        valid.withUnsafeMutableBufferPointer { w in
                            vw.withUnsafeBufferPointerIfPresent { sw in
                                for s in 0..<grid.seriesCount {
                                    var run = 0              // consecutive periods with values ending here
                                    var prevOrdinal = Int64.min
                                    var sliding = 0.0        // sum over the run's last min(run, n) values
                                    for k in start[s]..<start[s + 1] {
                                        let i = Int(walk[k])
                                        let ordinal = Int64(ord[i])
                                        let has = validBit(sw, i)
                                        if !has { run = 0; sliding = 0; prevOrdinal = ordinal; continue }
                                        if run > 0 && ordinal == prevOrdinal + 1 { run += 1 } else { run = 1; sliding = 0 }
                                        prevOrdinal = ordinal
                                        if n <= 16 {
                                            if run >= n {
                                                var sum = 0.0
                                                for j in (k - n + 1)...k { sum += val[Int(walk[j])] }
                                                if sum.isFinite { o[i] = sum; setBit(w, i) }
                                            }
                                        } else {
                                            sliding += val[i]
                                            if run > n { sliding -= val[Int(walk[k - n])] }
                                            if run >= n && sliding.isFinite { o[i] = sliding; setBit(w, i) }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        return Masked(values: out, validity: Validity(words: valid, count: count))
    }
}
