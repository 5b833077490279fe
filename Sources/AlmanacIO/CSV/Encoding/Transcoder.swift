/// Transcodes a whole file to UTF-8 in one pass, into one buffer, before the parse: ASCII eight bytes at a time,
/// other bytes through tables. Line ends map one to one, so every line number the parse reports is the source's.
enum Transcoder {
    /// A single-byte code page from `start`; a tone mark after a letter composes with it (NFC).
    static func decode(_ src: UnsafeBufferPointer<UInt8>, from start: Int, _ code: SingleByteCode, name: String) throws -> MappedFile {
        let n = src.count
        guard let s = src.baseAddress, start < n else { return MappedFile(copying: []) }
        let raw = UnsafeRawPointer(s)
        // Room: every byte above ASCII becomes at most three.
        var high = 0, i = start
        while i + 8 <= n {
            let w = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self) & 0x8080_8080_8080_8080
            high &+= w.nonzeroBitCount
            i &+= 8
        }
        while i < n { if s[i] >= 0x80 { high &+= 1 }; i &+= 1 }
        let capacity = n - start + 2 * high + 8
        let out = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity)
        let o: Int
        do {
            o = try code.utf8.withUnsafeBufferPointer { utf8 in
                try code.lengths.withUnsafeBufferPointer { lengths in
                    try code.markIndex.withUnsafeBufferPointer { marks in
                        try code.compose.withUnsafeBufferPointer { compose in
                            try code.composeLengths.withUnsafeBufferPointer { composeLengths in
                                var o = 0, i = start
                                var previous = 0        // the last byte, while a mark may still compose with it
                                let markCount = code.markCount
                                let outRaw = UnsafeMutableRawPointer(out)
                                while i < n {
                                    if i &+ 8 <= n {
                                        let w = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
                                        if w & 0x8080_8080_8080_8080 == 0 {
                                            outRaw.storeBytes(of: w, toByteOffset: o, as: UInt64.self)
                                            o &+= 8; i &+= 8; previous = Int(s[i &- 1]); continue
                                        }
                                    }
                                    let b = Int(s[i])
                                    if b < 0x80 { out[o] = UInt8(b); o &+= 1; i &+= 1; previous = b; continue }
                                    let m = Int(marks[b])
                                    if m >= 0, previous != 0 {
                                        let k = previous &* markCount &+ m
                                        let c = compose[k]
                                        if c != 0 {
                                            o &-= Int(lengths[previous])
                                            outRaw.storeBytes(of: c, toByteOffset: o, as: UInt32.self)
                                            o &+= Int(composeLengths[k]); i &+= 1; previous = 0; continue
                                        }
                                    }
                                    let len = Int(lengths[b])
                                    if len == 0 {
                                        throw CSVError(file: name, line: lineNumber(src, offset: i),
                                                       message: "byte 0x\(String(b, radix: 16, uppercase: true)) is not a character of \(code.encoding.displayName)",
                                                       hint: "check the file's encoding (`encoding` in the catalog, --encoding on the command line), or save the file as UTF-8")
                                    }
                                    outRaw.storeBytes(of: utf8[b], toByteOffset: o, as: UInt32.self)
                                    o &+= len; i &+= 1; previous = b
                                }
                                return o
                            }
                        }
                    }
                }
            }
        } catch {
            out.deallocate()
            throw error
        }
        return MappedFile(owning: out, count: o)
    }

    /// UTF-16 from `start` (after the byte-order mark), of the given byte order.
    static func decodeUTF16(_ src: UnsafeBufferPointer<UInt8>, from start: Int, bigEndian: Bool, name: String) throws -> MappedFile {
        let n = src.count
        guard let s = src.baseAddress, start < n else { return MappedFile(copying: []) }
        if (n - start) % 2 != 0 {
            throw CSVError(file: name, message: "the file reads as UTF-16 but has an odd number of bytes: it is cut short or not UTF-16",
                           hint: "save it again (in Excel: Save As → Unicode Text, or better CSV UTF-8)")
        }
        let raw = UnsafeRawPointer(s)
        let out = UnsafeMutablePointer<UInt8>.allocate(capacity: (n - start) / 2 * 3 + 8)
        let outRaw = UnsafeMutableRawPointer(out)
        // Four units whose high bytes are zero and low bytes ASCII: the mask per unit, as a little-endian load sees it.
        let asciiMask: UInt64 = bigEndian ? 0x80FF_80FF_80FF_80FF : 0xFF80_FF80_FF80_FF80
        let shift: UInt64 = bigEndian ? 8 : 0
        var o = 0, i = start
        @inline(__always) func unit(_ k: Int) -> UInt32 {
            bigEndian ? UInt32(s[k]) << 8 | UInt32(s[k + 1]) : UInt32(s[k + 1]) << 8 | UInt32(s[k])
        }
        func fail(_ message: String) -> CSVError {
            out.deallocate()
            return CSVError(file: name, line: utf16Line(src, from: start, offset: i, bigEndian: bigEndian), message: message,
                            hint: "the file is damaged, or not UTF-16: save it again as CSV UTF-8")
        }
        while i < n {
            if i &+ 8 <= n {
                let w = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
                if w & asciiMask == 0 {
                    let v = w >> shift
                    let four = UInt32(truncatingIfNeeded: v & 0xFF) | UInt32(truncatingIfNeeded: (v >> 8) & 0xFF00)
                        | UInt32(truncatingIfNeeded: (v >> 16) & 0xFF_0000) | UInt32(truncatingIfNeeded: (v >> 24) & 0xFF00_0000)
                    outRaw.storeBytes(of: four, toByteOffset: o, as: UInt32.self)
                    o &+= 4; i &+= 8; continue
                }
            }
            var c = unit(i)
            i &+= 2
            if c >= 0xD800 && c <= 0xDFFF {
                guard c <= 0xDBFF, i + 2 <= n else { i -= 2; throw fail("a lone UTF-16 surrogate (0x\(String(c, radix: 16, uppercase: true)))") }
                let low = unit(i)
                guard low >= 0xDC00 && low <= 0xDFFF else { i -= 2; throw fail("a lone UTF-16 surrogate (0x\(String(c, radix: 16, uppercase: true)))") }
                i &+= 2
                c = 0x10000 + ((c - 0xD800) << 10) + (low - 0xDC00)
            }
            if c < 0x80 { out[o] = UInt8(c); o &+= 1 }
            else if c < 0x800 { out[o] = UInt8(0xC0 | c >> 6); out[o + 1] = UInt8(0x80 | c & 0x3F); o &+= 2 }
            else if c < 0x10000 {
                out[o] = UInt8(0xE0 | c >> 12); out[o + 1] = UInt8(0x80 | (c >> 6) & 0x3F); out[o + 2] = UInt8(0x80 | c & 0x3F); o &+= 3
            } else {
                out[o] = UInt8(0xF0 | c >> 18); out[o + 1] = UInt8(0x80 | (c >> 12) & 0x3F)
                out[o + 2] = UInt8(0x80 | (c >> 6) & 0x3F); out[o + 3] = UInt8(0x80 | c & 0x3F); o &+= 4
            }
        }
        return MappedFile(owning: out, count: o)
    }

    /// 1-based line of a byte offset in single-byte or UTF-8 text.
    static func lineNumber(_ b: UnsafeBufferPointer<UInt8>, offset: Int) -> Int { CSVReader.lineNumber(b, offset: offset) }

    /// 1-based line of a byte offset in UTF-16 text: line feeds counted as units.
    static func utf16Line(_ b: UnsafeBufferPointer<UInt8>, from start: Int, offset: Int, bigEndian: Bool) -> Int {
        var line = 1, k = start
        while k + 1 < min(offset, b.count) {
            let (lo, hi) = bigEndian ? (b[k + 1], b[k]) : (b[k], b[k + 1])
            if hi == 0 && lo == 0x0A { line += 1 }
            k += 2
        }
        return line
    }
}
