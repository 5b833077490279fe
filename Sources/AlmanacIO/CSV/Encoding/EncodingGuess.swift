/// What an undeclared file that is not UTF-8 looks like, for the error that says how to declare it. Only a guess for
/// the message: a file is never read in a guessed encoding.
enum EncodingGuess {
    /// Bytes that Vietnamese text in Windows-1258 is full of and Western text rarely has: ă Ă đ Đ ơ Ơ ư Ư and the
    /// five combining tone marks (in Windows-1252 these are ã Ã ð Ð õ Õ ý Ý Ì ì Þ Ò ò).
    static let vietnamese: Set<UInt8> = [0xE3, 0xC3, 0xF0, 0xD0, 0xF5, 0xD5, 0xFD, 0xDD, 0xCC, 0xEC, 0xDE, 0xD2, 0xF2]

    /// UTF-16 without a byte-order mark (ASCII text with a zero byte every other byte: its byte order), Windows-1258
    /// (at least a fifth of the bytes above ASCII are Vietnamese letters or tone marks), Windows-1252 (bytes above
    /// ASCII, few of them Vietnamese), or nil when the bytes say nothing (none above ASCII, no zeros).
    static func likely(_ b: UnsafeBufferPointer<UInt8>, from: Int = 0, upTo limit: Int = 1 << 16) -> TextEncoding? {
        let end = min(b.count, from + limit)
        var zerosEven = 0, zerosOdd = 0, high = 0, vi = 0
        var i = from
        while i < end {
            let c = b[i]
            if c == 0 { if (i - from) % 2 == 0 { zerosEven += 1 } else { zerosOdd += 1 } }
            else if c >= 0x80 { high += 1; if vietnamese.contains(c) { vi += 1 } }
            i += 1
        }
        let units = max(1, (end - from) / 2)
        if zerosOdd * 4 >= units && zerosOdd > zerosEven * 4 { return .utf16LE }
        if zerosEven * 4 >= units && zerosEven > zerosOdd * 4 { return .utf16BE }
        if high == 0 { return nil }
        return vi * 5 >= high ? .windows1258 : .windows1252
    }

    /// The sentence saying what a file that is not UTF-8 looks like and how to declare its encoding.
    static func hint(_ b: UnsafeBufferPointer<UInt8>, from: Int = 0) -> String {
        let save = "or save the file as UTF-8 (in Excel: Save As → CSV UTF-8)"
        switch likely(b, from: from) {
        case let e? where e == .utf16LE || e == .utf16BE:
            return "it looks like \(e.displayName) without a byte-order mark: declare it with encoding = \"\(e.rawValue)\" in the catalog entry or --encoding \(e.rawValue), \(save)"
        case let e?:
            return "it looks like \(e.displayName): declare it with encoding = \"\(e.rawValue)\" in the catalog entry or --encoding \(e.rawValue) on the command line, \(save)"
        case nil:
            return "declare its encoding (encoding = \"windows-1258\" for Vietnamese, \"windows-1252\" for Western European, in the catalog entry or with --encoding), \(save)"
        }
    }
}
