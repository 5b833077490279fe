#if canImport(Glibc)
import Glibc
#endif

/// Assigns dense `Int32` codes to byte strings (the distinct values of a text column) without making a
/// `String` per cell: an open-addressing hash table over an append-only byte arena, in raw buffers.
/// A reference type: copies of a builder share their interner.
final class ByteInterner {
    private let arena = ValueBuffer<UInt8>()
    private var arenaCount = 0
    /// Start offset, length and hash of each code's bytes.
    private let offsets = ValueBuffer<Int>()
    private let lengths = ValueBuffer<Int>()
    private let hashes = ValueBuffer<UInt64>()
    private(set) var count = 0
    private let slots = ValueBuffer<Int32>()   // code + 1, 0 = empty
    private var mask: Int

    init(capacity: Int = 1024) {
        var n = 16
        while n < capacity * 2 { n <<= 1 }
        slots.resize(n)
        slots.base!.initialize(repeating: 0, count: n)
        mask = n - 1
        arena.resize(max(64, capacity * 8))
        offsets.resize(max(16, capacity)); lengths.resize(max(16, capacity)); hashes.resize(max(16, capacity))
    }

    @inline(__always)
    static func hash(_ p: UnsafePointer<UInt8>, _ n: Int) -> UInt64 {
        // FNV-1a-like over 8-byte words (the last word overlapping), then a final mix; good enough for column values.
        let raw = UnsafeRawPointer(p)
        var h: UInt64 = 0xcbf2_9ce4_8422_2325 ^ UInt64(truncatingIfNeeded: n)
        if n >= 8 {
            var i = 0
            while i + 8 < n {
                h = (h ^ raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)) &* 0x100_0000_01b3
                h ^= h >> 29
                i += 8
            }
            h = (h ^ raw.loadUnaligned(fromByteOffset: n - 8, as: UInt64.self)) &* 0x100_0000_01b3
        } else {
            var tail: UInt64 = 0
            if n >= 4 {
                tail = UInt64(raw.loadUnaligned(as: UInt32.self)) | UInt64(raw.loadUnaligned(fromByteOffset: n - 4, as: UInt32.self)) << 32
            } else if n > 0 {
                tail = UInt64(p[0]) | UInt64(p[n >> 1]) << 8 | UInt64(p[n - 1]) << 16
            }
            h = (h ^ tail) &* 0x100_0000_01b3
        }
        h ^= h >> 32
        h = h &* 0xd6e8_feb8_6659_fd93
        h ^= h >> 32
        return h
    }

    /// Whether `n` bytes at `a` and `b` are equal: word compares (the last word overlapping), no call.
    @inline(__always)
    static func equal(_ a: UnsafePointer<UInt8>, _ b: UnsafePointer<UInt8>, _ n: Int) -> Bool {
        let ra = UnsafeRawPointer(a), rb = UnsafeRawPointer(b)
        if n >= 8 {
            var i = 0
            while i + 8 < n {
                if ra.loadUnaligned(fromByteOffset: i, as: UInt64.self) != rb.loadUnaligned(fromByteOffset: i, as: UInt64.self) { return false }
                i += 8
            }
            return ra.loadUnaligned(fromByteOffset: n - 8, as: UInt64.self) == rb.loadUnaligned(fromByteOffset: n - 8, as: UInt64.self)
        }
        if n >= 4 {
            return ra.loadUnaligned(as: UInt32.self) == rb.loadUnaligned(as: UInt32.self)
                && ra.loadUnaligned(fromByteOffset: n - 4, as: UInt32.self) == rb.loadUnaligned(fromByteOffset: n - 4, as: UInt32.self)
        }
        if n >= 2 {
            return ra.loadUnaligned(as: UInt16.self) == rb.loadUnaligned(as: UInt16.self)
                && ra.loadUnaligned(fromByteOffset: n - 2, as: UInt16.self) == rb.loadUnaligned(fromByteOffset: n - 2, as: UInt16.self)
        }
        return n == 0 || a[0] == b[0]
    }

    /// The code of these bytes, adding them if new.
    @inline(__always)
    func intern(_ p: UnsafePointer<UInt8>, _ n: Int) -> Int32 {
        var isNew = false
        return intern(p, n, isNew: &isNew)
    }

    /// The code of these bytes, adding them if new (and saying so).
    @inline(__always)
    func intern(_ p: UnsafePointer<UInt8>, _ n: Int, isNew: inout Bool) -> Int32 {
        let h = ByteInterner.hash(p, n)
        let slots = self.slots.base!, hashes = self.hashes.base!, lengths = self.lengths.base!, offsets = self.offsets.base!
        let arena = UnsafePointer(self.arena.base!)
        var s = Int(truncatingIfNeeded: h) & mask
        while true {
            let v = slots[s]
            if v == 0 { break }
            let code = Int(v &- 1)
            if hashes[code] == h && lengths[code] == n && ByteInterner.equal(arena + offsets[code], p, n) { return Int32(code) }
            s = (s &+ 1) & mask
        }
        isNew = true
        return insert(p, n, h, slot: s)
    }

    @inline(never)
    private func insert(_ p: UnsafePointer<UInt8>, _ n: Int, _ h: UInt64, slot s: Int) -> Int32 {
        let code = count
        offsets.reserve(1, after: code).pointee = arenaCount
        lengths.reserve(1, after: code).pointee = n
        hashes.reserve(1, after: code).pointee = h
        if n > 0 { arena.reserve(n, after: arenaCount).initialize(from: p, count: n) }
        arenaCount += n
        count += 1
        slots.base![s] = Int32(code + 1)
        if count * 2 > mask + 1 { grow() }
        return Int32(code)
    }

    private func grow() {
        let n = (mask + 1) * 2
        slots.resize(n)
        let slots = self.slots.base!
        slots.initialize(repeating: 0, count: n)
        mask = n - 1
        for code in 0..<count {
            var s = Int(truncatingIfNeeded: hashes.base![code]) & mask
            while slots[s] != 0 { s = (s + 1) & mask }
            slots[s] = Int32(code + 1)
        }
    }

    /// The bytes of a code.
    func withBytes<R>(_ code: Int, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        body(UnsafeBufferPointer(start: arena.base.map { UnsafePointer($0 + offsets.base![code]) }, count: lengths.base![code]))
    }

    func string(_ code: Int) -> String { withBytes(code) { String(decoding: $0, as: UTF8.self) } }
}
