/// UTF-8 validation of a byte range, fast on ASCII (8 bytes at a time).
enum UTF8Validation {
    /// The offset of the first invalid byte in `b[from..<to]`, or nil when all of it is valid UTF-8.
    /// A range boundary that splits a sequence counts as valid (the next range re-checks from its first lead byte).
    static func firstInvalid(_ b: UnsafeBufferPointer<UInt8>, from: Int, to: Int) -> Int? {
        guard let base = b.baseAddress else { return nil }
        var i = from
        // Skip continuation bytes at a range start: they belong to a sequence the previous range checks.
        if i > 0 { var k = 0; while i < to, k < 3, b[i] & 0xC0 == 0x80 { i += 1; k += 1 } }
        let raw = UnsafeRawPointer(base)
        while i < to {
            if i + 8 <= to {
                let w = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
                if w & 0x8080_8080_8080_8080 == 0 { i += 8; continue }
            }
            let c = b[i]
            if c < 0x80 { i += 1; continue }
            let n: Int
            var minCP: UInt32
            var cp: UInt32
            if c & 0xE0 == 0xC0 { n = 2; cp = UInt32(c & 0x1F); minCP = 0x80 }
            else if c & 0xF0 == 0xE0 { n = 3; cp = UInt32(c & 0x0F); minCP = 0x800 }
            else if c & 0xF8 == 0xF0 { n = 4; cp = UInt32(c & 0x07); minCP = 0x10000 }
            else { return i }
            if i + n > b.count { return i }
            for k in 1..<n {
                let cc = b[i + k]
                if cc & 0xC0 != 0x80 { return i }
                cp = cp << 6 | UInt32(cc & 0x3F)
            }
            if cp < minCP || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF) { return i }
            minCP = 0
            i += n
        }
        return nil
    }
}
