import AlmanacCore

/// The (series × period) layout that time functions look values up in.
///
/// A series is one tuple of the non-period key columns; the period column orders it. The grid maps
/// (series id, period ordinal) to the row holding it, so "the value one year earlier" is a lookup by
/// period, never a step back in row order: a missing period is simply absent (−1) and gives null.
///
/// Rows whose period is null take part in no series lookups (their time-function results are null).
/// Storage is a dense `[Int32]` of `seriesCount × span` cells when that is at most `maxDenseCells`,
/// else a hash map keyed by (series, ordinal offset).
public struct SeriesGrid: Sendable {
    /// Series id per row (over the non-period keys), with each series' first row.
    public let series: Grouping
    public let frequency: Frequency
    /// The period ordinal of each row (meaningless where the period is null).
    public let ordinals: [Int32]
    /// Rows with a non-null period (nil: all of them).
    package let periodValid: [UInt64]?
    /// Smallest and largest ordinal present (both 0 when no row has a period).
    public let minOrdinal: Int32
    public let maxOrdinal: Int32
    /// Whether any row has a non-null period.
    public let hasPeriods: Bool

    package enum Storage: Sendable {
        case dense([Int32])
        case hashed(U64Table)
    }
    package let storage: Storage

    /// Default largest dense grid, in cells (256 MB of `Int32`).
    public static let defaultMaxDenseCells = 64 << 20

    public var rowCount: Int { ordinals.count }
    public var seriesCount: Int { series.groupCount }
    /// Ordinals from `minOrdinal` to `maxOrdinal` inclusive.
    public var span: Int { hasPeriods ? Int(Int64(maxOrdinal) - Int64(minOrdinal) + 1) : 0 }
    /// Whether lookups use the dense array (false: the hash fallback).
    public var isDense: Bool { if case .dense = storage { return true } else { return false } }

    /// Builds the grid for rows keyed by `seriesKeys` (may be empty: one series) and ordered by `period`.
    /// - Throws: `KernelError.duplicatePeriod` naming the first (series, period) found on two rows, with
    ///   how many rows share it; `.typeMismatch` if `period` is not a period column; `.lengthMismatch`.
    public static func build(seriesKeys: [Column], period: Column, maxDenseCells: Int = defaultMaxDenseCells) throws -> SeriesGrid {
        let n = period.count
        guard case .period(let ords, let freq) = period.storage else {
            throw KernelError.typeMismatch(.periodColumnNeeded(by: .timeFunctions, found: period.dataType))
        }
        let series = try Grouping.build(keys: seriesKeys, rowCount: n)
        let pv = validWords(period.validity)
        let (lo, hi, any) = KeyEncoder.range32(ords, pv)
        let minO = any ? lo : 0, maxO = any ? hi : 0
        let span = any ? Int(Int64(hi) - Int64(lo) + 1) : 0
        let cells = series.groupCount.multipliedReportingOverflow(by: span)
        var dup: (cellOwner: Int, row: Int)? = nil
        let storage: Storage
        if !cells.overflow && cells.partialValue <= maxDenseCells {
            var grid = [Int32](repeating: -1, count: cells.partialValue)
            grid.withUnsafeMutableBufferPointer { g in
                series.groupIDs.withUnsafeBufferPointer { sid in
                    ords.withUnsafeBufferPointer { o in
                        forEachValid(0..<n, pv) { i in
                            let cell = Int(sid[i]) &* span &+ Int(Int64(o[i]) - Int64(minO))
                            let owner = g[cell]
                            if owner >= 0 {
                                if dup == nil { dup = (Int(owner), i) }
                            } else {
                                g[cell] = Int32(truncatingIfNeeded: i)
                            }
                        }
                    }
                }
            }
            storage = .dense(grid)
        } else {
            var table = U64Table()
            table.reserve(n)
            table.withSlots { t in
                series.groupIDs.withUnsafeBufferPointer { sid in
                    ords.withUnsafeBufferPointer { o in
                        forEachValid(0..<n, pv) { i in
                            let key = UInt64(UInt32(bitPattern: sid[i])) << 32 | UInt64(UInt32(truncatingIfNeeded: Int64(o[i]) - Int64(minO)))
                            let (owner, inserted) = t.findOrInsert(key, Int32(truncatingIfNeeded: i))
                            if !inserted && dup == nil { dup = (Int(owner), i) }
                        }
                    }
                }
            }
            storage = .hashed(table)
        }
        if let d = dup {
            let s = series.groupIDs[d.row], o = ords[d.row]
            var rows: [Int32] = []
            for i in 0..<n where series.groupIDs[i] == s && ords[i] == o && period.validity.isValid(i) {
                rows.append(Int32(truncatingIfNeeded: i))
            }
            throw KernelError.duplicatePeriod(DuplicatePeriod(
                seriesRow: Int(series.firstRows[Int(s)]), ordinal: o, frequency: freq, rowCount: rows.count, rows: rows))
        }
        return SeriesGrid(series: series, frequency: freq, ordinals: ords, periodValid: pv,
                          minOrdinal: minO, maxOrdinal: maxO, hasPeriods: any, storage: storage)
    }

    /// The row holding (`series`, `ordinal`), or −1.
    @inline(__always)
    public func row(series s: Int, ordinal: Int64) -> Int32 {
        guard hasPeriods, s >= 0, s < seriesCount, ordinal >= Int64(minOrdinal), ordinal <= Int64(maxOrdinal) else { return -1 }
        let off = Int(ordinal - Int64(minOrdinal))
        switch storage {
        case .dense(let g): return g[s &* span &+ off]
        case .hashed(let t): return t.find(UInt64(UInt32(truncatingIfNeeded: s)) << 32 | UInt64(UInt32(truncatingIfNeeded: off)))
        }
    }

    /// Whether row `i` has a non-null period.
    @inline(__always)
    public func hasPeriod(_ i: Int) -> Bool {
        guard let w = periodValid else { return true }
        return w[i &>> 6] & (1 &<< UInt64(i & 63)) != 0
    }

    /// For each row, the row of the same series at `ordinal − steps` (−1 when that period is absent or
    /// the row has no period). `steps` may be negative (a lead).
    public func rowsShifted(by steps: Int) -> [Int32] {
        let k = Int64(Swift.max(-(1 << 40), Swift.min(1 << 40, steps)))  // beyond any ordinal span
        return mapRows { _, o in Int64(o) - k }
    }

    /// For each row, the row of the same series one year earlier: −12 months, −4 quarters, −1 year, and
    /// for days the same calendar day a year earlier (29 February has none: −1).
    public func rowsOneYearEarlier() -> [Int32] {
        let f = frequency
        if f != .day { return rowsShifted(by: Int(f.periodsPerYear ?? 1)) }
        // Days: map each ordinal of the span once (per row when the span is implausibly wide).
        let lo = minOrdinal, spanCount = span
        if spanCount > 1 << 22 {
            return mapRows { _, o in safeYearEarlier(o, .day).map { Int64($0) } ?? Int64.min }
        }
        var target = [Int64](repeating: Int64.min, count: spanCount)
        for k in 0..<spanCount {
            let o = Int32(truncatingIfNeeded: Int64(lo) + Int64(k))
            if let e = safeYearEarlier(o, .day) { target[k] = Int64(e) }
        }
        return target.withUnsafeBufferPointer { t in
            mapRows { _, o in t[Int(Int64(o) - Int64(lo))] }
        }
    }

    /// For each row with a period, the row at the target ordinal `target(row, ordinal)` in the same
    /// series (a target outside the grid gives −1). One closure call per row is avoided where it
    /// matters by inlining; chunks run on both cores.
    @inline(__always)
    package func mapRows(_ target: (Int, Int32) -> Int64) -> [Int32] {
        let n = rowCount
        var out = [Int32](repeating: -1, count: n)
        let lo = Int64(minOrdinal), hi = Int64(maxOrdinal), spanW = span, sc = seriesCount
        guard hasPeriods else { return out }
        out.withUnsafeMutableBufferPointer { outP in
            series.groupIDs.withUnsafeBufferPointer { sid in
                ordinals.withUnsafeBufferPointer { o in
                    periodValid.withUnsafeBufferPointerIfPresent { w in
                        switch storage {
                        case .dense(let grid):
                            grid.withUnsafeBufferPointer { g in
                                forEachChunk(n) { r in
                                    forEachValid(r, w) { i in
                                        let t = target(i, o[i])
                                        if t >= lo && t <= hi {
                                            outP[i] = g[Int(sid[i]) &* spanW &+ Int(t &- lo)]
                                        }
                                    }
                                }
                            }
                        case .hashed(let table):
                            forEachChunk(n) { r in
                                forEachValid(r, w) { i in
                                    let t = target(i, o[i])
                                    let s = Int(sid[i])
                                    if t >= lo && t <= hi && s < sc {
                                        outP[i] = table.find(UInt64(UInt32(truncatingIfNeeded: s)) << 32 | UInt64(UInt32(truncatingIfNeeded: t &- lo)))
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        return out
    }

    /// Rows with a period in (series, ordinal) order, and where each series starts in that order
    /// (`seriesCount + 1` offsets). Used by cumulative and rolling functions.
    public func walkOrder() -> (rows: [Int32], seriesStart: [Int]) {
        let n = rowCount
        var start = [Int](repeating: 0, count: seriesCount + 1)
        switch storage {
        case .dense(let grid):
            var rows = [Int32]()
            rows.reserveCapacity(n)
            let spanW = span
            grid.withUnsafeBufferPointer { g in
                for s in 0..<seriesCount {
                    start[s] = rows.count
                    let base = s &* spanW
                    for k in 0..<spanW {
                        let r = g[base &+ k]
                        if r >= 0 { rows.append(r) }
                    }
                }
            }
            start[seriesCount] = rows.count
            return (rows, start)
        case .hashed:
            // Stable passes: by ordinal (rows without a period go last and are cut off), then by series.
            let ordCodes = ordinals.map { UInt64(bitPattern: Int64($0) &+ (1 << 31)) }
            let sidCodes = series.groupIDs.map { UInt64(UInt32(bitPattern: $0)) }
            var perm = [Int32](unsafeUninitializedCapacity: n) { p, c in
                for i in 0..<n { p[i] = Int32(truncatingIfNeeded: i) }
                c = n
            }
            perm = Sorting.stablePass(perm, ordCodes, periodValid)
            var withPeriod = 0
            for i in 0..<n where hasPeriod(i) { withPeriod += 1 }
            perm = Array(perm[0..<withPeriod])
            perm = Sorting.stablePass(perm, sidCodes, nil)
            var k = 0
            for s in 0..<seriesCount {
                start[s] = k
                while k < perm.count && Int(series.groupIDs[Int(perm[k])]) == s { k += 1 }
            }
            start[seriesCount] = perm.count
            return (perm, start)
        }
    }
}
