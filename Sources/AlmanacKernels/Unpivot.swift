import AlmanacCore

/// Where each row of an unpivot comes from: the input row and which of the unpivoted columns.
public struct UnpivotLayout: Sendable {
    /// For each output row, its input row.
    public var rows: [Int32]
    /// For each output row, the position of its column among the unpivoted ones.
    public var which: [Int32]
    /// Empty cells left out (0 with `keepNulls`).
    public var droppedNulls: Int
}

/// Wide → long: each of `k` columns becomes one row per input row, in row-major order (input row by input row, the
/// columns in their order within one), so that `pivot` then `unpivot` gives the rows back in their order. Loops run
/// over the columns' buffers and bitmaps; nothing is allocated per row.
public enum Unpivot {
    /// The output rows of unpivoting columns with these validities over `rowCount` rows; empty cells make no row
    /// unless `keepNulls`. Throws `KernelError.tooLarge` past the row limit.
    public static func layout(validities: [Validity], rowCount n: Int, keepNulls: Bool) throws -> UnpivotLayout {
        let k = validities.count
        let (total, overflow) = n.multipliedReportingOverflow(by: k)
        guard !overflow, total <= Int(Int32.max) else {
            throw KernelError.tooLarge(.unpivotRows(rows: n, columns: k))
        }
        let words = validities.map { keepNulls ? nil : validWords($0) }
        var rows = [Int32](), which = [Int32]()
        let valid = keepNulls ? total : validities.reduce(0) { $0 + $1.count - $1.nullCount }
        rows.reserveCapacity(valid)
        which.reserveCapacity(valid)
        if words.allSatisfy({ $0 == nil }) {
            for r in 0..<n {
                for c in 0..<k { rows.append(Int32(r)); which.append(Int32(c)) }
            }
        } else {
            for r in 0..<n {
                for c in 0..<k {
                    if let w = words[c], w[r >> 6] & (1 << UInt64(r & 63)) == 0 { continue }
                    rows.append(Int32(r))
                    which.append(Int32(c))
                }
            }
        }
        return UnpivotLayout(rows: rows, which: which, droppedNulls: total - rows.count)
    }

    /// The layout without the cells `row * columns + position` (cells set aside): with `keepNulls` their rows go,
    /// without it they were left out as empty and are no longer counted so. Only on the rare path of bad cells.
    public static func removing(_ cells: Set<Int>, columns k: Int, from layout: UnpivotLayout, keepNulls: Bool) -> UnpivotLayout {
        guard keepNulls else {
            var l = layout
            l.droppedNulls -= cells.count
            return l
        }
        var out = UnpivotLayout(rows: [], which: [], droppedNulls: layout.droppedNulls)
        out.rows.reserveCapacity(layout.rows.count)
        out.which.reserveCapacity(layout.rows.count)
        for (r, c) in zip(layout.rows, layout.which) where !cells.contains(Int(r) * k + Int(c)) {
            out.rows.append(r)
            out.which.append(c)
        }
        return out
    }

    /// The values of the output rows: `values[which[i]][rows[i]]`, and their validity. All buffers have the input's
    /// row count.
    public static func gather<T>(_ values: [[T]], validities: [Validity], layout: UnpivotLayout) -> ([T], Validity) {
        let m = layout.rows.count
        let n = values.first?.count ?? 0
        let stride = wordCount(n)
        // One flat buffer of the columns' values and one of their bitmaps, so the loop reads through pointers.
        let flat = Array(values.joined())
        var allValid = [Bool](), bits = [UInt64]()
        bits.reserveCapacity(stride * values.count)
        for v in validities {
            let w = validWords(v)
            allValid.append(w == nil)
            bits += w ?? [UInt64](repeating: 0, count: stride)
        }
        var valid = zeroWords(m)
        let out = flat.withUnsafeBufferPointer { src in
            bits.withUnsafeBufferPointer { b in
                allValid.withUnsafeBufferPointer { all in
                    layout.rows.withUnsafeBufferPointer { rows in
                        layout.which.withUnsafeBufferPointer { which in
                            valid.withUnsafeMutableBufferPointer { v in
                                [T](unsafeUninitializedCapacity: m) { buf, count in
                                    for i in 0..<m {
                                        let c = Int(which[i]), r = Int(rows[i])
                                        (buf.baseAddress! + i).initialize(to: src[c * n + r])
                                        if all[c] || b[c * stride + (r >> 6)] & (1 << UInt64(r & 63)) != 0 { setBit(v, i) }
                                    }
                                    count = m
                                }
                            }
                        }
                    }
                }
            }
        }
        return (out, Validity(words: valid, count: m))
    }

    /// The text columns' codes in one dictionary (the first column's, then the values the others add), so that
    /// their values can share one output column. Work is per distinct value and per code, not per string.
    public static func unifiedCodes(_ columns: [([Int32], TextDictionary)]) -> ([[Int32]], TextDictionary) {
        guard var dict = columns.first?.1 else { return ([], TextDictionary(uniqueNFC: [])) }
        var maps: [[Int32]?] = [nil]
        for (_, d) in columns.dropFirst() {
            let (union, map) = unionDictionary(dict, d)
            dict = union
            maps.append(map)
        }
        let codes = zip(columns, maps).map { col, map in map.map { remap(col.0, $0) } ?? col.0 }
        return (codes, dict)
    }
}
