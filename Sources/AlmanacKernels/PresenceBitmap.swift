import AlmanacCore

/// Which (a, b) pairs occur among the rows: a bitmap of `rows(a) × width` cells, bit `a[i] · width + (b[i] − offset)`
/// set for each row `i` (valid in `valid`, when given). What an aggregate's coverage reads: the sub-series or the
/// periods each group holds. Rows are split across the cores, each chunk with its own bitmap, OR-ed at the end.
public enum PresenceBitmap {
    /// - Precondition: every cell index is within `0 ..< cells`; `a` and `b` have one length.
    package static func build(_ a: [Int32], _ b: [Int32], width: Int, offset: Int32 = 0, cells: Int, valid: [UInt64]? = nil) -> [UInt64] {
        let n = a.count, words = (cells + 63) >> 6
        let chunks = chunkCount(n)
        var parts = [[UInt64]](repeating: [], count: chunks)
        a.withUnsafeBufferPointer { ap in
            b.withUnsafeBufferPointer { bp in
                valid.withUnsafeBufferPointerIfPresent { vw in
                    let results = UnsafeMutableBufferPointer<[UInt64]>.allocate(capacity: chunks)
                    results.initialize(repeating: [])
                    forEachChunk(n, chunks: chunks) { k, range in
                        var bits = [UInt64](repeating: 0, count: words)
                        bits.withUnsafeMutableBufferPointer { out in
                            for i in range where validBit(vw, i) {
                                let cell = Int(ap[i]) &* width &+ Int(bp[i] &- offset)
                                out[cell &>> 6] |= 1 &<< UInt64(cell & 63)
                            }
                        }
                        results[k] = bits
                    }
                    for k in 0..<chunks { parts[k] = results[k] }
                    results.deinitialize()
                    results.deallocate()
                }
            }
        }
        guard var merged = parts.first else { return [UInt64](repeating: 0, count: words) }
        for part in parts.dropFirst() { for w in 0..<words { merged[w] |= part[w] } }
        return merged
    }
}
