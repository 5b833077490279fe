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

extension PresenceBitmap {
    /// Which (group, key) pairs occur, the key being the rows' mixed-radix code over `encoders` (all dense; code =
    /// Σ code_k · multipliers[k], below `width`): bit `groups[i] · width + code(i)`. The codes are computed a block
    /// at a time as a grouping computes them, with no array per row; a code is decoded by `MemberSlots`.
    package static func build(_ groups: [Int32], encoders: [KeyEncoder], multipliers: [UInt64], width: Int, cells: Int) -> [UInt64] {
        let n = groups.count, words = (cells + 63) >> 6
        let chunks = chunkCount(n)
        let results = UnsafeMutableBufferPointer<[UInt64]>.allocate(capacity: chunks)
        results.initialize(repeating: [])
        defer { results.deinitialize(); results.deallocate() }
        groups.withUnsafeBufferPointer { gp in
            forEachChunk(n, chunks: chunks) { k, range in
                var bits = [UInt64](repeating: 0, count: words)
                let kb = UnsafeMutableBufferPointer<UInt64>.allocate(capacity: Grouping.block)
                defer { kb.deallocate() }
                bits.withUnsafeMutableBufferPointer { out in
                    var lo = range.lowerBound
                    while lo < range.upperBound {
                        let m = Swift.min(Grouping.block, range.upperBound - lo)
                        let keys = UnsafeMutableBufferPointer(rebasing: kb[0..<m])
                        Grouping.combine(encoders, multipliers, keys, lo)
                        for j in 0..<m {
                            let cell = Int(gp[lo &+ j]) &* width &+ Int(truncatingIfNeeded: keys[j])
                            out[cell &>> 6] |= 1 &<< UInt64(cell & 63)
                        }
                        lo += m
                    }
                }
                results[k] = bits
            }
        }
        var merged = [UInt64](repeating: 0, count: words)
        for k in 0..<chunks where !results[k].isEmpty { for w in 0..<words { merged[w] |= results[k][w] } }
        return merged
    }
}

/// The mixed-radix codes of a tuple of key columns (`PresenceBitmap.build(_:encoders:…)`), and their values back.
package struct MemberSlots: Sendable {
    package let columns: [Column]
    /// The columns' encoders (what `PresenceBitmap.build` combines), made once.
    package let encoders: [KeyEncoder]
    package let multipliers: [UInt64]
    /// Every code is below this.
    package let width: Int

    /// Nil unless every column encodes densely (text, periods, booleans, integers over a modest range) and their
    /// codes fit below `limit`.
    package init?(_ columns: [Column], limit: Int) {
        let encoders = columns.map(KeyEncoder.init)
        guard encoders.allSatisfy({ $0.dense && $0.kind != .float && $0.kind != .lookup }) else { return nil }
        var m: [UInt64] = [], stride: UInt64 = 1
        for e in encoders {
            m.append(stride)
            let (next, overflow) = stride.multipliedReportingOverflow(by: e.cardinality)
            guard !overflow, next <= UInt64(limit) else { return nil }
            stride = next
        }
        self.columns = columns
        self.encoders = encoders
        multipliers = m
        width = Int(stride)
    }

    /// The values of code `code`, one per column, as the encoders encoded them.
    package func values(_ code: Int) -> [Value] {
        zip(columns, zip(encoders, multipliers)).map { column, em in
            let (e, m) = em
            let c = (UInt64(code) / m) % e.cardinality
            switch (e.kind, column.storage) {
            case (.text, .text(_, let d)): return c < UInt64(e.textCount) ? .text(d.values[Int(c)]) : .null
            case (.period, .period(_, let f)): return c == e.nullCode ? .null : .period(Period(frequency: f, ordinal: Int32(truncatingIfNeeded: e.base &+ Int64(c))))
            case (.int, _): return c == e.nullCode ? .null : .int(e.base &+ Int64(c))
            case (.bool, _): return c == 2 ? .null : .bool(c == 1)
            default: return .null
            }
        }
    }
}
