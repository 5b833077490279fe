import AlmanacCore

/// Aggregates of one column by group id (see `Grouping`). Every result has one row per group, in group order.
///
/// Null semantics (SQL): nulls are skipped. `sum`, `avg`, `min`, `max` of a group with no non-null value
/// are null; `count(x)` of such a group is 0; `count(*)` counts rows whatever their values.
public enum Aggregates {
    /// `count(*)`: rows per group (never null).
    public static func countRows(_ g: Grouping) -> Masked<Int64> {
        Masked(values: g.groupSizes(), validity: .allValid(g.groupCount))
    }

    /// `count(x)`: non-null values per group (never null).
    public static func count(_ x: Column, _ g: Grouping) throws -> Masked<Int64> {
        try checkLength(x, g.rowCount)
        var counts = [Int64](repeating: 0, count: g.groupCount)
        let vw = validWords(x.validity)
        counts.withUnsafeMutableBufferPointer { c in
            g.groupIDs.withUnsafeBufferPointer { ids in
                forEachValid(0..<ids.count, vw) { i in c[Int(ids[i])] &+= 1 }
            }
        }
        return Masked(values: counts, validity: .allValid(g.groupCount))
    }

    /// `sum(x)` for an integer or float column. Integer sums stay `Int64`; if any group's sum would
    /// overflow `Int64`, the whole result is computed in `Double` instead (a float column).
    /// A group with no non-null value gives null.
    public static func sum(_ x: Column, _ g: Grouping) throws -> Column {
        try checkLength(x, g.rowCount)
        switch x.storage {
        case .int(let v):
            if let r = intSums(v, x.validity, g) { return r.column(x.name) }
            return doubleSums(doubleValues(x.storage) ?? [], x.validity, g).sums.column(x.name)
        case .float(let v):
            return doubleSums(v, x.validity, g).sums.column(x.name)
        default:
            throw KernelError.typeMismatch(.functionNeedsNumber(function: "sum", found: x.dataType))
        }
    }

    /// `avg(x)`: mean of the non-null values (Double); null for a group without any. A group whose sum overflows
    /// (values near ±1.8e308) gets its mean from a second pass that adds x / n, which cannot overflow.
    public static func avg(_ x: Column, _ g: Grouping) throws -> Masked<Double> {
        try checkLength(x, g.rowCount)
        let (v, validity) = try measure(x, "avg")
        var (sums, counts) = rawDoubleSums(v, validity, g)
        var valid = zeroWords(g.groupCount)
        var overflowed: [Bool]? = nil
        sums.withUnsafeMutableBufferPointer { s in
            valid.withUnsafeMutableBufferPointer { w in
                for k in 0..<s.count where counts[k] > 0 {
                    setBit(w, k)
                    if s[k].isFinite { s[k] /= Double(counts[k]) } else {
                        if overflowed == nil { overflowed = [Bool](repeating: false, count: s.count) }
                        overflowed![k] = true
                        s[k] = 0
                    }
                }
            }
        }
        if let over = overflowed { scaledMeans(v, validity, g, counts: counts, only: over, into: &sums) }
        let validity2 = finishDoubles(&sums, valid: &valid)
        return Masked(values: sums, validity: validity2)
    }

    /// Adds x / n into `means` for the groups flagged in `only` (whose plain sum overflowed).
    package static func scaledMeans(_ v: [Double], _ validity: Validity, _ g: Grouping, counts: [Int64], only: [Bool], into means: inout [Double]) {
        let vw = validWords(validity)
        v.withUnsafeBufferPointer { val in
            g.groupIDs.withUnsafeBufferPointer { ids in
                means.withUnsafeMutableBufferPointer { m in
                    forEachValid(0..<ids.count, vw) { i in
                        let k = Int(ids[i])
                        if only[k] { m[k] += val[i] / Double(counts[k]) }
                    }
                }
            }
        }
    }

    /// `min(x)`: smallest non-null value per group. Numbers numerically, periods by ordinal, text in
    /// Vietnamese collation order, false < true. The result has `x`'s type (and dictionary).
    public static func min(_ x: Column, _ g: Grouping) throws -> Column {
        Gather.column(x, rows: try argExtreme(x, g, largest: false))
    }

    /// `max(x)`: largest non-null value per group (orders as `min`).
    public static func max(_ x: Column, _ g: Grouping) throws -> Column {
        Gather.column(x, rows: try argExtreme(x, g, largest: true))
    }

    /// The row holding each group's smallest (or largest) non-null value; −1 for a group without one.
    /// Ties keep the earliest row.
    public static func argExtreme(_ x: Column, _ g: Grouping, largest: Bool) throws -> [Int32] {
        try checkLength(x, g.rowCount)
        let vw = validWords(x.validity)
        switch x.storage {
        case .int(let v): return argExtreme(v, vw, g, largest)
        case .float(let v): return argExtreme(v, vw, g, largest)
        case .period(let o, _): return argExtreme(o, vw, g, largest)
        case .bool(let b): return argExtreme(b.map { $0 ? 1 as UInt8 : 0 }, vw, g, largest)
        case .text(let c, let d):
            // Rank per row; codes outside the dictionary are treated as null.
            let ranks = d.collationRanks
            var valid = vw ?? x.validity.words
            let keys = textRanks(c, ranks, &valid)
            return argExtreme(keys, valid, g, largest)
        }
    }

    package static func argExtreme<T: Comparable>(_ v: [T], _ vw: [UInt64]?, _ g: Grouping, _ largest: Bool) -> [Int32] {
        var best = [Int32](repeating: -1, count: g.groupCount)
        v.withUnsafeBufferPointer { val in
            g.groupIDs.withUnsafeBufferPointer { ids in
                best.withUnsafeMutableBufferPointer { b in
                    forEachValid(0..<ids.count, vw) { i in
                        let k = Int(ids[i])
                        let cur = b[k]
                        if cur < 0 { b[k] = Int32(truncatingIfNeeded: i); return }
                        let c = val[Int(cur)]
                        if largest ? val[i] > c : val[i] < c { b[k] = Int32(truncatingIfNeeded: i) }
                    }
                }
            }
        }
        return best
    }

    /// Int64 sums, or nil if any group overflows.
    package static func intSums(_ v: [Int64], _ validity: Validity, _ g: Grouping) -> Masked<Int64>? {
        var sums = [Int64](repeating: 0, count: g.groupCount)
        var valid = zeroWords(g.groupCount)
        var overflow = false
        let vw = validWords(validity)
        v.withUnsafeBufferPointer { val in
            g.groupIDs.withUnsafeBufferPointer { ids in
                sums.withUnsafeMutableBufferPointer { s in
                    valid.withUnsafeMutableBufferPointer { out in
                        forEachValid(0..<ids.count, vw) { i in
                            let k = Int(ids[i])
                            let (r, o) = s[k].addingReportingOverflow(val[i])
                            s[k] = r
                            overflow = overflow || o
                            setBit(out, k)
                        }
                    }
                }
            }
        }
        if overflow { return nil }
        return Masked(values: sums, validity: Validity(words: valid, count: g.groupCount))
    }

    /// Double sums and non-null counts per group; all-null groups, and sums beyond ±1.8e308, are null. A running
    /// sum that overflows on the way (1e308 + 1e308 − 1e308) is recomputed as n × (the sum of x / n).
    package static func doubleSums(_ v: [Double], _ validity: Validity, _ g: Grouping) -> (sums: Masked<Double>, counts: [Int64]) {
        var (sums, counts) = rawDoubleSums(v, validity, g)
        var valid = zeroWords(g.groupCount)
        valid.withUnsafeMutableBufferPointer { w in for k in 0..<counts.count where counts[k] > 0 { setBit(w, k) } }
        let overflowed = sums.indices.map { counts[$0] > 0 && !sums[$0].isFinite }
        if overflowed.contains(true) {
            var means = [Double](repeating: 0, count: sums.count)
            scaledMeans(v, validity, g, counts: counts, only: overflowed, into: &means)
            for k in sums.indices where overflowed[k] { sums[k] = means[k] * Double(counts[k]) }
        }
        let validity2 = finishDoubles(&sums, valid: &valid)
        return (Masked(values: sums, validity: validity2), counts)
    }

    /// Double sums (possibly infinite) and non-null counts per group.
    package static func rawDoubleSums(_ v: [Double], _ validity: Validity, _ g: Grouping) -> (sums: [Double], counts: [Int64]) {
        let vw = validWords(validity)
        let chunks = chunkCount(g.rowCount)
        if chunks >= 2 && g.groupCount.multipliedReportingOverflow(by: chunks).partialValue <= partialCells {
            return parallelDoubleSums(v, vw, g, chunks: chunks)
        }
        var sums = [Double](repeating: 0, count: g.groupCount)
        var counts = [Int64](repeating: 0, count: g.groupCount)
        v.withUnsafeBufferPointer { val in
            g.groupIDs.withUnsafeBufferPointer { ids in
                sums.withUnsafeMutableBufferPointer { s in
                    counts.withUnsafeMutableBufferPointer { c in
                        forEachValid(0..<ids.count, vw) { i in
                            let k = Int(ids[i])
                            s[k] += val[i]
                            c[k] &+= 1
                        }
                    }
                }
            }
        }
        return (sums, counts)
    }
}

extension Aggregates {
    /// Largest chunks × groups for which a sum keeps partial results per chunk and runs on every core.
    package static let partialCells = 1 << 20

    /// `rawDoubleSums` on every core: each chunk sums into its own slots, then the partials are added in chunk
    /// order (so a given machine always adds in the same order).
    package static func parallelDoubleSums(_ v: [Double], _ vw: [UInt64]?, _ g: Grouping, chunks: Int) -> (sums: [Double], counts: [Int64]) {
        let groups = g.groupCount
        var partSums = [Double](repeating: 0, count: groups * chunks)
        var partCounts = [Int64](repeating: 0, count: groups * chunks)
        v.withUnsafeBufferPointer { val in
            g.groupIDs.withUnsafeBufferPointer { ids in
                partSums.withUnsafeMutableBufferPointer { psAll in
                    partCounts.withUnsafeMutableBufferPointer { pcAll in
                        vw.withUnsafeBufferPointerIfPresent { w in
                            forEachChunk(ids.count, chunks: chunks) { c, r in
                                let s = psAll.baseAddress! + c * groups, n = pcAll.baseAddress! + c * groups
                                forEachValid(r, w) { i in
                                    let k = Int(ids[i])
                                    s[k] += val[i]
                                    n[k] &+= 1
                                }
                            }
                        }
                    }
                }
            }
        }
        var sums = [Double](repeating: 0, count: groups)
        var counts = [Int64](repeating: 0, count: groups)
        for c in 0..<chunks {
            for k in 0..<groups {
                sums[k] += partSums[c * groups + k]
                counts[k] &+= partCounts[c * groups + k]
            }
        }
        return (sums, counts)
    }
}

/// Collation rank per row (clearing validity for codes outside the dictionary).
package func textRanks(_ codes: [Int32], _ ranks: [Int32], _ valid: inout [UInt64]) -> [Int32] {
    let n = codes.count
    let rc = ranks.count
    return codes.withUnsafeBufferPointer { c in
        ranks.withUnsafeBufferPointer { r in
            valid.withUnsafeMutableBufferPointer { w in
                [Int32](unsafeUninitializedCapacity: n) { out, m in
                    for i in 0..<n {
                        let code = Int(c[i])
                        if code >= 0 && code < rc { out[i] = r[code] } else {
                            out[i] = 0
                            w[i &>> 6] &= ~(1 &<< UInt64(i & 63))
                        }
                    }
                    m = n
                }
            }
        }
    }
}
