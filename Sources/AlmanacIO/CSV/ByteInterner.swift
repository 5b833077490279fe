/// Assigns dense `Int32` codes to byte strings (the distinct values of a text column) without making a
/// `String` per cell: an open-addressing hash table over an append-only byte arena.
struct ByteInterner {
    private(set) var arena: [UInt8] = []
    /// Start offset and length of each code's bytes in the arena.
    private(set) var offsets: [Int] = []
    private(set) var lengths: [Int32] = []
    private var slots: [Int32]   // code + 1, 0 = empty
    private var hashes: [UInt64] = []
    private var mask: Int

    init(capacity: Int = 1024) {
        var n = 16
        while n < capacity * 2 { n <<= 1 }
        slots = [Int32](repeating: 0, count: n)
        mask = n - 1
        arena.reserveCapacity(capacity * 8)
    }

    var count: Int { offsets.count }

    @inline(__always)
    static func hash(_ p: UnsafePointer<UInt8>, _ n: Int) -> UInt64 {
        // FNV-1a over 8-byte words, then a final mix; good enough for column values.
        var h: UInt64 = 0xcbf2_9ce4_8422_2325 ^ UInt64(n)
        var i = 0
        let raw = UnsafeRawPointer(p)
        while i + 8 <= n {
            h = (h ^ raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)) &* 0x100_0000_01b3
            h ^= h >> 29
            i += 8
        }
        var tail: UInt64 = 0
        var shift: UInt64 = 0
        while i < n { tail |= UInt64(p[i]) << shift; shift += 8; i += 1 }
        h = (h ^ tail) &* 0x100_0000_01b3
        h ^= h >> 32
        h = h &* 0xd6e8_feb8_6659_fd93
        h ^= h >> 32
        return h
    }

    /// The code of these bytes, adding them if new.
    @inline(__always)
    mutating func intern(_ p: UnsafePointer<UInt8>, _ n: Int) -> Int32 {
        var isNew = false
        return intern(p, n, isNew: &isNew)
    }

    /// The code of these bytes, adding them if new (and saying so).
    @inline(__always)
    mutating func intern(_ p: UnsafePointer<UInt8>, _ n: Int, isNew: inout Bool) -> Int32 {
        let h = ByteInterner.hash(p, n)
        var s = Int(truncatingIfNeeded: h) & mask
        while true {
            let v = slots[s]
            if v == 0 { break }
            let code = Int(v - 1)
            if hashes[code] == h && Int(lengths[code]) == n && equalBytes(code, p, n) { return Int32(code) }
            s = (s + 1) & mask
        }
        let code = Int32(offsets.count)
        offsets.append(arena.count)
        lengths.append(Int32(n))
        hashes.append(h)
        arena.append(contentsOf: UnsafeBufferPointer(start: p, count: n))
        slots[s] = code + 1
        if offsets.count * 2 > slots.count { grow() }
        isNew = true
        return code
    }

    @inline(__always)
    private func equalBytes(_ code: Int, _ p: UnsafePointer<UInt8>, _ n: Int) -> Bool {
        arena.withUnsafeBufferPointer { a in
            guard let base = a.baseAddress else { return n == 0 }
            return memcmp(base + offsets[code], p, n) == 0
        }
    }

    private mutating func grow() {
        let n = slots.count * 2
        slots = [Int32](repeating: 0, count: n)
        mask = n - 1
        for code in 0..<offsets.count {
            var s = Int(truncatingIfNeeded: hashes[code]) & mask
            while slots[s] != 0 { s = (s + 1) & mask }
            slots[s] = Int32(code + 1)
        }
    }

    /// The bytes of a code.
    func withBytes<R>(_ code: Int, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        arena.withUnsafeBufferPointer { a in
            body(UnsafeBufferPointer(rebasing: a[offsets[code]..<(offsets[code] + Int(lengths[code]))]))
        }
    }

    func string(_ code: Int) -> String { withBytes(code) { String(decoding: $0, as: UTF8.self) } }
}

#if canImport(Glibc)
import Glibc
#endif
