import AlmanacCore

/// One sort key: a column and a direction.
public struct SortColumn: Sendable {
    public var column: Column
    public var descending: Bool

    public init(_ column: Column, descending: Bool = false) {
        self.column = column
        self.descending = descending
    }
}

/// Stable multi-key sorting of row indices.
///
/// Text sorts by Vietnamese collation (`TextDictionary.collationRanks`), periods by ordinal, numbers
/// numerically (−0.0 equals 0.0), false before true. Nulls come last in both directions. Rows equal on
/// every key keep their table order. Each key is one stable pass, last key first (LSD): a counting sort
/// when the key's value range is small (text ranks, periods, small integers), else a byte-wise radix sort.
public enum Sorting {
    /// Row indices of `rowCount` rows in sorted order.
    public static func sortedIndices(_ keys: [SortColumn], rowCount n: Int) throws -> [Int32] {
        try checkRowLimit(n)
        for k in keys { try checkLength(k.column, n) }
        var perm = [Int32](unsafeUninitializedCapacity: n) { p, c in
            for i in 0..<n { p[i] = Int32(truncatingIfNeeded: i) }
            c = n
        }
        for key in keys.reversed() {
            var (codes, valid) = orderCodes(key.column)
            if key.descending {
                codes.withUnsafeMutableBufferPointer { c in for i in 0..<c.count { c[i] = ~c[i] } }
            }
            perm = stablePass(perm, codes, valid)
        }
        return perm
    }

    /// Row indices sorted by `keys` (the row count is the first key's).
    public static func sortedIndices(_ keys: [SortColumn]) throws -> [Int32] {
        try sortedIndices(keys, rowCount: keys.first?.column.count ?? 0)
    }

    /// Order-preserving unsigned codes per row and validity words (nil = all valid).
    package static func orderCodes(_ c: Column) -> ([UInt64], [UInt64]?) {
        var vw = validWords(c.validity)
        func map<T>(_ v: [T], _ f: (T) -> UInt64) -> [UInt64] {
            v.withUnsafeBufferPointer { src in
                [UInt64](unsafeUninitializedCapacity: src.count) { out, m in
                    for i in 0..<src.count { out[i] = f(src[i]) }
                    m = src.count
                }
            }
        }
        switch c.storage {
        case .int(let v): return (map(v) { UInt64(bitPattern: $0) ^ (1 << 63) }, vw)
        case .float(let v):
            return (map(v) { x in
                let b = (x == 0 ? 0.0 : x).bitPattern
                return b & (1 << 63) != 0 ? ~b : b | (1 << 63)
            }, vw)
        case .bool(let v): return (map(v) { $0 ? 1 : 0 }, vw)
        case .period(let o, _): return (map(o) { UInt64(bitPattern: Int64($0) &+ (1 << 31)) }, vw)
        case .text(let codes, let d):
            var w = vw ?? c.validity.words
            let ranks = textRanks(codes, d.collationRanks, &w)
            vw = w
            return (map(ranks) { UInt64(bitPattern: Int64($0)) }, vw)
        }
    }

    /// Stably reorders `perm` by `codes[row]`, valid rows first, null rows after in their current order.
    package static func stablePass(_ perm: [Int32], _ codes: [UInt64], _ vw: [UInt64]?) -> [Int32] {
        let n = perm.count
        // Gather (code, row) in current order, splitting nulls off.
        var keys = [UInt64](repeating: 0, count: n)
        var rows = [Int32](repeating: 0, count: n)
        var nulls: [Int32] = []
        var m = 0
        var lo = UInt64.max, hi = UInt64.min
        perm.withUnsafeBufferPointer { p in
            codes.withUnsafeBufferPointer { c in
                keys.withUnsafeMutableBufferPointer { k in
                    rows.withUnsafeMutableBufferPointer { r in
                        vw.withUnsafeBufferPointerIfPresent { w in
                            for i in 0..<n {
                                let row = Int(p[i])
                                if validBit(w, row) {
                                    let x = c[row]
                                    k[m] = x; r[m] = p[i]; m += 1
                                    if x < lo { lo = x }
                                    if x > hi { hi = x }
                                } else {
                                    nulls.append(p[i])
                                }
                            }
                        }
                    }
                }
            }
        }
        if m == 0 { return nulls }
        let range = hi &- lo
        var out = [Int32](repeating: 0, count: n)
        out.withUnsafeMutableBufferPointer { o in
            keys.withUnsafeMutableBufferPointer { k in
                rows.withUnsafeMutableBufferPointer { r in
                    let kk = UnsafeMutableBufferPointer(rebasing: k[0..<m])
                    let rr = UnsafeMutableBufferPointer(rebasing: r[0..<m])
                    if range < UInt64(Swift.max(1 << 16, Swift.min(2 * m, 1 << 26))) {
                        countingSort(kk, rr, lo, Int(range) + 1, o)
                    } else {
                        radixSort(kk, rr, lo, range)
                        for i in 0..<m { o[i] = rr[i] }
                    }
                }
            }
            for (j, row) in nulls.enumerated() { o[m + j] = row }
        }
        return out
    }

    package static func countingSort(_ k: UnsafeMutableBufferPointer<UInt64>, _ r: UnsafeMutableBufferPointer<Int32>,
                             _ lo: UInt64, _ buckets: Int, _ out: UnsafeMutableBufferPointer<Int32>) {
        var counts = [Int](repeating: 0, count: buckets + 1)
        counts.withUnsafeMutableBufferPointer { c in
            for i in 0..<k.count { c[Int(truncatingIfNeeded: k[i] &- lo) + 1] += 1 }
            for b in 0..<buckets { c[b + 1] += c[b] }
            for i in 0..<k.count {
                let b = Int(truncatingIfNeeded: k[i] &- lo)
                out[c[b]] = r[i]
                c[b] += 1
            }
        }
    }

    /// LSD radix sort on bytes of `key − lo`, keeping (key, row) pairs together; stable.
    package static func radixSort(_ k: UnsafeMutableBufferPointer<UInt64>, _ r: UnsafeMutableBufferPointer<Int32>, _ lo: UInt64, _ range: UInt64) {
        let m = k.count
        for i in 0..<m { k[i] = k[i] &- lo }
        let bytes = (64 - range.leadingZeroBitCount + 7) / 8
        var tk = [UInt64](repeating: 0, count: m)
        var tr = [Int32](repeating: 0, count: m)
        tk.withUnsafeMutableBufferPointer { tk in
            tr.withUnsafeMutableBufferPointer { tr in
                var srcK = k, srcR = r, dstK = tk, dstR = tr
                var counts = [Int](repeating: 0, count: 257)
                for pass in 0..<bytes {
                    let shift = UInt64(pass * 8)
                    counts.withUnsafeMutableBufferPointer { c in
                        for b in 0..<257 { c[b] = 0 }
                        for i in 0..<m { c[Int((srcK[i] &>> shift) & 0xFF) + 1] += 1 }
                        for b in 0..<256 { c[b + 1] += c[b] }
                        for i in 0..<m {
                            let b = Int((srcK[i] &>> shift) & 0xFF)
                            let d = c[b]
                            dstK[d] = srcK[i]; dstR[d] = srcR[i]
                            c[b] = d + 1
                        }
                    }
                    swap(&srcK, &dstK); swap(&srcR, &dstR)
                }
                if srcR.baseAddress != r.baseAddress {
                    for i in 0..<m { r[i] = srcR[i]; k[i] = srcK[i] }
                }
            }
        }
    }
}
