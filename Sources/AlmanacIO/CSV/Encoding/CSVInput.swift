/// A CSV file's bytes as the parse reads them: UTF-8, transcoded once, before the parse, when the file is in another
/// encoding (the parse and its fast paths see only UTF-8), and the encoding read, for the load's report.
struct CSVInput {
    let file: MappedFile
    /// How the file was read, for `describe` (nil: UTF-8, as almost every file is).
    let note: String?

    /// The file at `path`, or standard input for `-`, in the options' declared encoding or the one its byte-order
    /// mark says.
    static func open(path: String, options: CSVOptions) throws -> CSVInput {
        if path == StandardInput.path { return try decode(StandardInput.file(), name: StandardInput.name, declared: options.encoding) }
        return try decode(MappedFile(path: path), name: path, declared: options.encoding)
    }

    /// The bytes as UTF-8: a byte-order mark decides between UTF-8 and UTF-16 unless an encoding is declared (a
    /// declaration the mark contradicts is an error); an undeclared file without a mark must be UTF-8, and one that
    /// is not gets an error naming the encoding it looks like and how to declare it. (UTF-8 is checked here over
    /// its first 64 KiB; further on, each distinct text value is checked as the columns are built.)
    static func decode(_ raw: MappedFile, name: String, declared: TextEncoding?) throws -> CSVInput {
        let b = raw.bytes
        let mark: TextEncoding? = b.count >= 3 && b[0] == 0xEF && b[1] == 0xBB && b[2] == 0xBF ? .utf8
            : b.count >= 2 && b[0] == 0xFF && b[1] == 0xFE ? .utf16LE
            : b.count >= 2 && b[0] == 0xFE && b[1] == 0xFF ? .utf16BE : nil
        func contradiction(_ d: TextEncoding, _ m: TextEncoding) -> CSVError {
            CSVError(file: name, line: 1, message: "the file is declared \(d.displayName) but starts with the byte-order mark of \(m.displayName)",
                     hint: "remove the declared encoding (the mark says what the file is)")
        }
        func utf16(_ e: TextEncoding, _ how: String) throws -> CSVInput {
            let file = try Transcoder.decodeUTF16(b, from: mark == e ? 2 : 0, bigEndian: e == .utf16BE, name: name)
            return CSVInput(file: file, note: "\(e.displayName) (\(how)), transcoded to UTF-8")
        }
        switch declared {
        case nil:
            if let m = mark, m != .utf8 { return try utf16(m, "from its byte-order mark") }
            try checkUTF8(b, from: mark == .utf8 ? 3 : 0, name: name)
            return CSVInput(file: raw, note: nil)
        case .utf8?:
            if let m = mark, m != .utf8 { throw contradiction(.utf8, m) }
            return CSVInput(file: raw, note: nil)
        case .utf16?:
            if mark == .utf8 { throw contradiction(.utf16, .utf8) }
            return try utf16(mark ?? .utf16LE, mark == nil ? "declared; no byte-order mark, so little-endian" : "declared, byte order from its mark")
        case let e? where e == .utf16LE || e == .utf16BE:
            if let m = mark, m != e { throw contradiction(e, m) }
            return try utf16(e, "declared")
        case let e?:
            if let m = mark { throw contradiction(e, m) }
            let code = e == .windows1258 ? SingleByteCode.windows1258 : SingleByteCode.windows1252
            return CSVInput(file: try Transcoder.decode(b, from: 0, code, name: name), note: "\(e.displayName) (declared), transcoded to UTF-8")
        }
    }

    /// Bytes checked for UTF-8 before the parse.
    static let checkedPrefix = 1 << 16

    /// An undeclared file must be UTF-8. Bytes that are not are found by the parse, which names their line and
    /// column (and the error's hint, the encoding the file looks like: `CSVReader+Errors`); what the parse cannot
    /// see is UTF-16 without a byte-order mark, valid UTF-8 full of zero bytes, checked here over the first bytes.
    static func checkUTF8(_ b: UnsafeBufferPointer<UInt8>, from start: Int, name: String) throws {
        let end = min(b.count, start + checkedPrefix)
        var zeros = 0
        for i in start..<end where b[i] == 0 { zeros += 1 }
        if zeros > 0, let e = EncodingGuess.likely(b, from: start), e == .utf16LE || e == .utf16BE {
            throw CSVError(file: name, message: "the file is not UTF-8 text (it holds zero bytes)", hint: EncodingGuess.hint(b, from: start))
        }
    }
}
