import AlmanacCore

/// Picking rows by index where an index of −1 means "no row": the output row is null.
/// Used by aggregates (arg-min/max), joins, pivots and time functions.
public enum Gather {
    /// The rows of `column` at `rows`, in that order; −1 (or any out-of-range index) gives null.
    public static func column(_ column: Column, rows: [Int32]) -> Column {
        let n = column.count
        let m = rows.count
        var valid = zeroWords(m)
        let srcWords = validWords(column.validity)
        rows.withUnsafeBufferPointer { idx in
            valid.withUnsafeMutableBufferPointer { out in
                if let sw = srcWords {
                    sw.withUnsafeBufferPointer { s in
                        for k in 0..<m {
                            let r = Int(idx[k])
                            if r >= 0 && r < n && testBit(s, r) { setBit(out, k) }
                        }
                    }
                } else {
                    for k in 0..<m {
                        let r = Int(idx[k])
                        if r >= 0 && r < n { setBit(out, k) }
                    }
                }
            }
        }
        let storage: ColumnStorage
        switch column.storage {
        case .int(let v): storage = .int(pick(v, rows, 0))
        case .float(let v): storage = .float(pick(v, rows, 0))
        case .bool(let v): storage = .bool(pick(v, rows, false))
        case .text(let c, let d): storage = .text(pick(c, rows, 0), d)
        case .period(let o, let f): storage = .period(pick(o, rows, 0), f)
        }
        return Column(name: column.name, storage: storage, validity: Validity(words: valid, count: m), meta: column.meta)
    }

    /// `values` picked at `rows`; −1 or out of range gives `fill`.
    package static func pick<T>(_ values: [T], _ rows: [Int32], _ fill: T) -> [T] {
        values.withUnsafeBufferPointer { src in
            rows.withUnsafeBufferPointer { idx in
                [T](unsafeUninitializedCapacity: idx.count) { out, n in
                    let c = src.count
                    for k in 0..<idx.count {
                        let r = Int(idx[k])
                        (out.baseAddress! + k).initialize(to: (r >= 0 && r < c) ? src[r] : fill)
                    }
                    n = idx.count
                }
            }
        }
    }
}
