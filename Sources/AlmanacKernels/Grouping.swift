import AlmanacCore

/// Dense group ids for the rows of one or more key columns.
///
/// Groups are numbered 0, 1, 2… in order of first appearance in the table. A null key is a value of
/// its own (all rows with a null `province` form one group). With no key columns every row is in
/// group 0 (no groups when the table is empty).
public struct Grouping: Sendable {
    /// How the ids were computed (exposed for tests and benchmarks).
    public enum Strategy: Sendable, Equatable {
        /// No key columns.
        case single
        /// Codes combined by mixed radix into one small integer: a direct array lookup per row.
        case direct
        /// Codes packed into one 64-bit word per row, then an open-addressing hash table.
        case packedHash
        /// Key tuples hashed column by column; equality checked against each group's first row.
        case tupleHash
    }

    /// The group of each row, in `0..<groupCount`.
    public let groupIDs: [Int32]
    /// Number of distinct key tuples.
    public let groupCount: Int
    /// The first row of each group, in group order (so ascending).
    public let firstRows: [Int32]
    public let strategy: Strategy

    public var rowCount: Int { groupIDs.count }

    package init(groupIDs: [Int32], groupCount: Int, firstRows: [Int32], strategy: Strategy) {
        self.groupIDs = groupIDs
        self.groupCount = groupCount
        self.firstRows = firstRows
        self.strategy = strategy
    }

    /// Largest direct-lookup table (in slots) for `rows` rows.
    package static func directLimit(rows: Int) -> UInt64 {
        UInt64(Swift.max(1 << 16, Swift.min(1 << 24, 4 * rows)))
    }

    /// Groups `rowCount` rows by `keys` (all of that length).
    /// - Throws: `KernelError.lengthMismatch` when a key column has another length;
    ///   `KernelError.tooLarge` past `Int32.max` rows.
    public static func build(keys: [Column], rowCount: Int) throws -> Grouping {
        try checkRowLimit(rowCount)
        for k in keys { try checkLength(k, rowCount) }
        return build(encoders: keys.map(KeyEncoder.init), rowCount: rowCount)
    }

    /// Groups rows by `keys` (at least one column; the row count is the first column's).
    public static func build(keys: [Column]) throws -> Grouping {
        try build(keys: keys, rowCount: keys.first?.count ?? 0)
    }

    package static func build(encoders: [KeyEncoder], rowCount n: Int) -> Grouping {
        if encoders.isEmpty || n == 0 {
            return Grouping(groupIDs: [Int32](repeating: 0, count: n), groupCount: n > 0 ? 1 : 0,
                            firstRows: n > 0 ? [0] : [], strategy: .single)
        }
        // Mixed radix when the product of cardinalities is small.
        if encoders.allSatisfy(\.dense) {
            var product: UInt64 = 1
            var fits = true
            for e in encoders {
                let (p, o) = product.multipliedReportingOverflow(by: e.cardinality)
                if o || p > directLimit(rows: n) { fits = false; break }
                product = p
            }
            if fits { return direct(encoders, n, slots: Int(product)) }
        }
        let bits = encoders.reduce(0) { $0 + $1.bitWidth }
        if bits <= 64 && !encoders.contains(where: \.wideWithNulls) {
            return packed(encoders, n)
        }
        return tuple(encoders, n)
    }

    package static let block = 4096

    /// Fills `keys` for rows `lo..<lo+keys.count` by mixed radix (multipliers are the radix strides
    /// or, for bit packing, powers of two).
    package static func combine(_ encoders: [KeyEncoder], _ multipliers: [UInt64], _ keys: UnsafeMutableBufferPointer<UInt64>, _ lo: Int) {
        for k in 0..<keys.count { keys[k] = 0 }
        for (e, m) in zip(encoders, multipliers) { e.accumulate(into: keys, from: lo, multiplier: m) }
    }

    /// Largest chunks × slots for which `direct` keeps a first-row table per chunk and runs on every core.
    package static let parallelDirectCells = 1 << 22

    package static func direct(_ encoders: [KeyEncoder], _ n: Int, slots: Int) -> Grouping {
        var multipliers: [UInt64] = []
        var stride: UInt64 = 1
        for e in encoders { multipliers.append(stride); stride &*= e.cardinality }
        let chunks = chunkCount(n)
        if chunks >= 2 && slots.multipliedReportingOverflow(by: chunks).partialValue <= parallelDirectCells {
            return parallelDirect(encoders, multipliers, n, slots: Swift.max(slots, 1), chunks: chunks)
        }
        var table = [Int32](repeating: -1, count: Swift.max(slots, 1))
        var ids = [Int32](repeating: 0, count: n)
        var first: [Int32] = []
        var next: Int32 = 0
        var keyBuf = [UInt64](repeating: 0, count: block)
        table.withUnsafeMutableBufferPointer { t in
            ids.withUnsafeMutableBufferPointer { out in
                keyBuf.withUnsafeMutableBufferPointer { kb in
                    var lo = 0
                    while lo < n {
                        let m = Swift.min(block, n - lo)
                        let keys = UnsafeMutableBufferPointer(rebasing: kb[0..<m])
                        combine(encoders, multipliers, keys, lo)
                        for k in 0..<m {
                            let slot = Int(truncatingIfNeeded: keys[k])
                            var g = t[slot]
                            if g < 0 {
                                g = next; next &+= 1
                                t[slot] = g
                                first.append(Int32(truncatingIfNeeded: lo &+ k))
                            }
                            out[lo &+ k] = g
                        }
                        lo += m
                    }
                }
            }
        }
        return Grouping(groupIDs: ids, groupCount: Int(next), firstRows: first, strategy: .direct)
    }

    /// `direct` on every core: each chunk writes its rows' slots and notes, per slot, its first row and the order
    /// its slots first appear in; the chunks' lists, taken in chunk order, number the groups in order of first
    /// appearance in the table; a second parallel pass turns slots into group ids.
    package static func parallelDirect(_ encoders: [KeyEncoder], _ multipliers: [UInt64], _ n: Int, slots: Int, chunks: Int) -> Grouping {
        var ids = [Int32](repeating: 0, count: n)
        var firsts = [Int32](repeating: -1, count: slots * chunks)
        var order = [Int32](repeating: 0, count: slots * chunks)
        var seen = [Int](repeating: 0, count: chunks)
        ids.withUnsafeMutableBufferPointer { out in
            firsts.withUnsafeMutableBufferPointer { fAll in
                order.withUnsafeMutableBufferPointer { oAll in
                    seen.withUnsafeMutableBufferPointer { seenP in
                        forEachChunk(n, chunks: chunks) { c, r in
                            let f = UnsafeMutableBufferPointer(rebasing: fAll[(c * slots)..<((c + 1) * slots)])
                            let o = UnsafeMutableBufferPointer(rebasing: oAll[(c * slots)..<((c + 1) * slots)])
                            var count = 0
                            let kb = UnsafeMutableBufferPointer<UInt64>.allocate(capacity: block)
                            defer { kb.deallocate() }
                            var lo = r.lowerBound
                            while lo < r.upperBound {
                                let m = Swift.min(block, r.upperBound - lo)
                                let keys = UnsafeMutableBufferPointer(rebasing: kb[0..<m])
                                combine(encoders, multipliers, keys, lo)
                                for k in 0..<m {
                                    let slot = Int(truncatingIfNeeded: keys[k])
                                    let row = lo &+ k
                                    out[row] = Int32(truncatingIfNeeded: slot)
                                    if f[slot] < 0 {
                                        f[slot] = Int32(truncatingIfNeeded: row)
                                        o[count] = Int32(truncatingIfNeeded: slot)
                                        count &+= 1
                                    }
                                }
                                lo += m
                            }
                            seenP[c] = count
                        }
                    }
                }
            }
        }
        var group = [Int32](repeating: -1, count: slots)
        var first: [Int32] = []
        for c in 0..<chunks {
            for j in 0..<seen[c] {
                let slot = Int(order[c * slots + j])
                if group[slot] < 0 {
                    group[slot] = Int32(truncatingIfNeeded: first.count)
                    first.append(firsts[c * slots + slot])
                }
            }
        }
        ids.withUnsafeMutableBufferPointer { out in
            group.withUnsafeBufferPointer { gp in
                forEachChunk(n, chunks: chunks) { _, r in
                    for i in r { out[i] = gp[Int(out[i])] }
                }
            }
        }
        return Grouping(groupIDs: ids, groupCount: first.count, firstRows: first, strategy: .direct)
    }

    package static func packed(_ encoders: [KeyEncoder], _ n: Int) -> Grouping {
        var multipliers: [UInt64] = []
        var shift = 0
        for e in encoders {
            multipliers.append(shift >= 64 ? 0 : (1 as UInt64) << UInt64(shift))
            shift += e.bitWidth
        }
        var table = U64Table()
        var ids = [Int32](repeating: 0, count: n)
        var first: [Int32] = []
        var keyBuf = [UInt64](repeating: 0, count: block)
        var lo = 0
        while lo < n {
            let m = Swift.min(block, n - lo)
            table.reserve(table.count + m)
            keyBuf.withUnsafeMutableBufferPointer { kb in
                let keys = UnsafeMutableBufferPointer(rebasing: kb[0..<m])
                combine(encoders, multipliers, keys, lo)
                ids.withUnsafeMutableBufferPointer { out in
                    table.withSlots { t in
                        for k in 0..<m {
                            let (g, inserted) = t.findOrInsert(keys[k], Int32(truncatingIfNeeded: first.count))
                            if inserted { first.append(Int32(truncatingIfNeeded: lo &+ k)) }
                            out[lo &+ k] = g
                        }
                    }
                }
            }
            lo += m
        }
        return Grouping(groupIDs: ids, groupCount: first.count, firstRows: first, strategy: .packedHash)
    }

    package static func tuple(_ encoders: [KeyEncoder], _ n: Int) -> Grouping {
        // Hash per row, column by column.
        var hashes = [UInt64](repeating: 0x243F_6A88_85A3_08D3, count: n)
        hashes.withUnsafeMutableBufferPointer { h in
            for e in encoders {
                for i in 0..<n {
                    h[i] = (h[i] ^ e.code(i) ^ (e.isValid(i) ? 0 : 0x9E37)) &* 0x100_0000_01B3 &+ 0x5851_F42D
                    h[i] ^= h[i] &>> 29
                }
            }
        }
        var capacity = 1024
        var slots = [Int32](repeating: -1, count: capacity)     // group id per slot
        var slotHash = [UInt64](repeating: 0, count: capacity)
        var ids = [Int32](repeating: 0, count: n)
        var first: [Int32] = []
        func sameKey(_ a: Int, _ b: Int) -> Bool {
            for e in encoders where e.isValid(a) != e.isValid(b) || e.code(a) != e.code(b) { return false }
            return true
        }
        for i in 0..<n {
            if (first.count + 1) * 2 > capacity {
                capacity *= 2
                var ns = [Int32](repeating: -1, count: capacity)
                var nh = [UInt64](repeating: 0, count: capacity)
                for s in 0..<slots.count where slots[s] >= 0 {
                    var p = Int(truncatingIfNeeded: mixHash(slotHash[s])) & (capacity - 1)
                    while ns[p] >= 0 { p = (p + 1) & (capacity - 1) }
                    ns[p] = slots[s]; nh[p] = slotHash[s]
                }
                slots = ns; slotHash = nh
            }
            let h = hashes[i]
            var p = Int(truncatingIfNeeded: mixHash(h)) & (capacity - 1)
            while true {
                let g = slots[p]
                if g < 0 {
                    let ng = Int32(truncatingIfNeeded: first.count)
                    slots[p] = ng; slotHash[p] = h
                    first.append(Int32(truncatingIfNeeded: i))
                    ids[i] = ng
                    break
                }
                if slotHash[p] == h && sameKey(Int(first[Int(g)]), i) { ids[i] = g; break }
                p = (p + 1) & (capacity - 1)
            }
        }
        return Grouping(groupIDs: ids, groupCount: first.count, firstRows: first, strategy: .tupleHash)
    }

    /// The key columns reduced to one row per group (the group's first row), in group order.
    public func keyColumns(_ keys: [Column]) -> [Column] {
        keys.map { Gather.column($0, rows: firstRows) }
    }

    /// Rows per group.
    public func groupSizes() -> [Int64] {
        var sizes = [Int64](repeating: 0, count: groupCount)
        sizes.withUnsafeMutableBufferPointer { s in
            groupIDs.withUnsafeBufferPointer { g in for x in g { s[Int(x)] &+= 1 } }
        }
        return sizes
    }
}

@inline(__always)
package func mixHash(_ x: UInt64) -> UInt64 {
    var h = x &* 0x9E37_79B9_7F4A_7C15
    h ^= h &>> 32
    return h
}

/// Open-addressing (linear probing) map from 64-bit keys to `Int32` values; never shrinks.
package struct U64Table: Sendable {
    package var keys: [UInt64] = []
    package var values: [Int32] = []
    package var count = 0
    package var capacity = 0

    /// Ensures room for `n` entries at load ≤ 1/2.
    package mutating func reserve(_ n: Int) {
        if n * 2 <= capacity { return }
        var cap = Swift.max(1024, capacity)
        while cap < n * 2 { cap *= 2 }
        let oldKeys = keys, oldValues = values
        keys = [UInt64](repeating: 0, count: cap)
        values = [Int32](repeating: -1, count: cap)
        capacity = cap
        count = 0
        withSlots { t in
            for s in 0..<oldValues.count where oldValues[s] >= 0 { _ = t.findOrInsert(oldKeys[s], oldValues[s]) }
        }
    }

    package struct Slots {
        package let keys: UnsafeMutableBufferPointer<UInt64>
        package let values: UnsafeMutableBufferPointer<Int32>
        package let mask: Int
        package var inserted = 0

        /// The value stored for `key`, or stores `value` and returns it with `inserted == true`.
        /// The caller must have reserved room.
        @inline(__always)
        package mutating func findOrInsert(_ key: UInt64, _ value: Int32) -> (Int32, Bool) {
            var p = Int(truncatingIfNeeded: mixHash(key)) & mask
            while true {
                let v = values[p]
                if v < 0 {
                    keys[p] = key; values[p] = value; inserted += 1
                    return (value, true)
                }
                if keys[p] == key { return (v, false) }
                p = (p &+ 1) & mask
            }
        }

        @inline(__always)
        package func find(_ key: UInt64) -> Int32 {
            var p = Int(truncatingIfNeeded: mixHash(key)) & mask
            while true {
                let v = values[p]
                if v < 0 || keys[p] == key { return v }
                p = (p &+ 1) & mask
            }
        }
    }

    /// Runs `body` with raw access to the slots (no growth inside).
    package mutating func withSlots<R>(_ body: (inout Slots) -> R) -> R {
        if capacity == 0 { reserve(1) }
        let cap = capacity
        var added = 0
        let r = keys.withUnsafeMutableBufferPointer { k in
            values.withUnsafeMutableBufferPointer { v in
                var s = Slots(keys: k, values: v, mask: cap - 1)
                let r = body(&s)
                added = s.inserted
                return r
            }
        }
        count += added
        return r
    }

    /// The value for `key`, or −1.
    package func find(_ key: UInt64) -> Int32 {
        if capacity == 0 { return -1 }
        var p = Int(truncatingIfNeeded: mixHash(key)) & (capacity - 1)
        while true {
            let v = values[p]
            if v < 0 || keys[p] == key { return v }
            p = (p &+ 1) & (capacity - 1)
        }
    }
}
