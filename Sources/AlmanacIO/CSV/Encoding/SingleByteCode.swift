import AlmanacCore

/// A single-byte code page (Windows-1258, Windows-1252) as tables for the transcoder: each byte's UTF-8 (packed
/// into a `UInt32`, first byte lowest) and length (0: the byte is no character of the code page), and, for the
/// combining tone marks of Windows-1258, the precomposed letter each makes with the letter before it (NFC:
/// `ơ` 0xF5 then the acute 0xEC is `ớ` U+1EDB).
struct SingleByteCode: Sendable {
    let encoding: TextEncoding
    let utf8: [UInt32]
    let lengths: [UInt8]
    /// For the bytes that are combining marks, their index among `marks`; -1 for the others.
    let markIndex: [Int8]
    /// `compose[letter * marks.count + mark]`: the packed UTF-8 of the precomposed letter, 0 when there is none;
    /// its length in `composeLengths`.
    let compose: [UInt32]
    let composeLengths: [UInt8]
    let markCount: Int

    /// Bytes 0x80…0xFF; 0 where the code page has no character (Microsoft's tables, as Python's `cp1258`/`cp1252`).
    init(_ encoding: TextEncoding, high: [UInt32]) {
        precondition(high.count == 128)
        self.encoding = encoding
        var utf8 = [UInt32](repeating: 0, count: 256), lengths = [UInt8](repeating: 0, count: 256)
        var scalars = [UInt32](repeating: 0, count: 256)
        for b in 0..<256 {
            let s: UInt32 = b < 0x80 ? UInt32(b) : high[b - 0x80]
            scalars[b] = s
            guard b < 0x80 || s != 0 else { continue }
            (utf8[b], lengths[b]) = SingleByteCode.packed(s)
        }
        let marks = (0..<256).filter { (0x0300...0x036F).contains(scalars[$0]) }
        var markIndex = [Int8](repeating: -1, count: 256)
        for (k, b) in marks.enumerated() { markIndex[b] = Int8(k) }
        var compose = [UInt32](repeating: 0, count: 256 * max(1, marks.count)), composeLengths = [UInt8](repeating: 0, count: compose.count)
        for b in 0x41..<256 where lengths[b] > 0 && markIndex[b] < 0 {
            guard let base = Unicode.Scalar(scalars[b]), Character(base).isLetter else { continue }
            for (k, m) in marks.enumerated() {
                let nfc = (String(base) + String(Unicode.Scalar(scalars[m])!)).nfc.unicodeScalars
                guard nfc.count == 1, let one = nfc.first else { continue }
                (compose[b * marks.count + k], composeLengths[b * marks.count + k]) = SingleByteCode.packed(one.value)
            }
        }
        self.utf8 = utf8; self.lengths = lengths; self.markIndex = markIndex
        self.compose = compose; self.composeLengths = composeLengths; markCount = marks.count
    }

    /// A scalar's UTF-8, first byte lowest, and its length.
    static func packed(_ s: UInt32) -> (UInt32, UInt8) {
        var out: UInt32 = 0, n: UInt8 = 0
        for (k, byte) in String(Unicode.Scalar(s)!).utf8.enumerated() { out |= UInt32(byte) << (8 * UInt32(k)); n += 1 }
        return (out, n)
    }

    static let windows1258 = SingleByteCode(.windows1258, high: [
        0x20AC, 0, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0, 0x2039, 0x0152, 0, 0, 0,
        0, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0, 0x203A, 0x0153, 0, 0, 0x0178,
    ] + latin1(0xA0..<0xC0) + [
        0x00C0, 0x00C1, 0x00C2, 0x0102, 0x00C4, 0x00C5, 0x00C6, 0x00C7, 0x00C8, 0x00C9, 0x00CA, 0x00CB, 0x0300, 0x00CD, 0x00CE, 0x00CF,
        0x0110, 0x00D1, 0x0309, 0x00D3, 0x00D4, 0x01A0, 0x00D6, 0x00D7, 0x00D8, 0x00D9, 0x00DA, 0x00DB, 0x00DC, 0x01AF, 0x0303, 0x00DF,
        0x00E0, 0x00E1, 0x00E2, 0x0103, 0x00E4, 0x00E5, 0x00E6, 0x00E7, 0x00E8, 0x00E9, 0x00EA, 0x00EB, 0x0301, 0x00ED, 0x00EE, 0x00EF,
        0x0111, 0x00F1, 0x0323, 0x00F3, 0x00F4, 0x01A1, 0x00F6, 0x00F7, 0x00F8, 0x00F9, 0x00FA, 0x00FB, 0x00FC, 0x01B0, 0x20AB, 0x00FF,
    ])

    static let windows1252 = SingleByteCode(.windows1252, high: [
        0x20AC, 0, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017D, 0,
        0, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0, 0x017E, 0x0178,
    ] + latin1(0xA0..<0x100))

    static func latin1(_ r: Range<UInt32>) -> [UInt32] { Array(r) }
}
