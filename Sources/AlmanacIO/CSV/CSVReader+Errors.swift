/// The located errors of a load: file, line, field number and name, and the offending text quoted (shortened).
extension CSVReader {
    /// The error for what stopped a load. `--lenient` is suggested only where a lenient load would get past it:
    /// a value its column cannot hold, or a record with the wrong number of fields; never a quoting problem.
    static func error(for failure: ParseFailure, name: String, names: [String], _ b: UnsafeBufferPointer<UInt8>,
                      delimiter: UInt8, lenient: Bool) -> CSVError {
        let lenientHint = lenient ? nil : "fix the row, or load leniently (--lenient) to set bad rows aside in a report"
        switch failure {
        case .value(let start, let c, let message):
            // Bytes that are not UTF-8: the file is likely in another encoding, which a declaration reads.
            let hint = message.hasPrefix("invalid UTF-8") ? EncodingGuess.hint(b) : lenientHint
            return CSVError(file: name, line: lineNumber(b, offset: start), column: c + 1, columnName: c < names.count ? names[c] : nil,
                            message: message, hint: hint)
        case .ragged(let rag, let expected):
            // Point at the first missing field, or the first field too many.
            let column = min(rag.fields, expected) + 1
            let text = excerpt(b, from: rag.start, to: rag.end)
            return CSVError(file: name, line: lineNumber(b, offset: rag.start), column: column,
                            columnName: rag.fields < expected && rag.fields < names.count ? names[rag.fields] : nil,
                            message: ChunkParser.fieldCountMessage(expected: expected, found: rag.fields) + " in " + text, hint: lenientHint)
        case .syntax(let f):
            return syntaxError(f, name: name, names: names, b, delimiter: delimiter)
        }
    }

    /// A quoting problem: the line of the offending byte, the field it is in, and that field's text.
    static func syntaxError(_ f: ScanFailure, name: String, names: [String], _ b: UnsafeBufferPointer<UInt8>, delimiter: UInt8) -> CSVError {
        let field = fieldContaining(f.offset, recordStart: f.recordStart, b, delimiter: delimiter)
        let unclosed = f.message.contains("never closed")
        // The field's text to the end of the offending byte's line (or, after a closing quote, to the next delimiter).
        var end = min(f.offset + 1, b.count)
        while end < b.count && b[end] != CSVTokenizer.lf && b[end] != CSVTokenizer.cr && (unclosed || b[end] != delimiter) { end += 1 }
        let text = excerpt(b, from: field.start, to: end)
        return CSVError(file: name, line: lineNumber(b, offset: f.offset), column: field.index + 1,
                        columnName: field.index < names.count ? names[field.index] : nil,
                        message: f.message + (unclosed ? ": it opens at " : " in ") + text,
                        hint: unclosed ? "close the quote; a quote inside a quoted field is written twice (\"\")"
                                       : "a quote inside a quoted field is written twice (\"\"); a field that does not open with a quote may hold quotes as they are")
    }

    /// The index and start offset of the field holding byte `offset` of the record starting at `recordStart`
    /// (RFC 4180: a field opening with a quote runs to its closing quote; doubled quotes stay inside).
    static func fieldContaining(_ offset: Int, recordStart: Int, _ b: UnsafeBufferPointer<UInt8>, delimiter: UInt8) -> (index: Int, start: Int) {
        var index = 0, start = recordStart, i = recordStart
        let limit = min(offset, b.count)
        while i < limit {
            if i == start && b[i] == CSVTokenizer.quote {
                i += 1
                while i < limit {
                    if b[i] == CSVTokenizer.quote {
                        if i + 1 < b.count && b[i + 1] == CSVTokenizer.quote { i += 2; continue }
                        break
                    }
                    i += 1
                }
                i += 1
                continue
            }
            if b[i] == delimiter { index += 1; start = i + 1 }
            i += 1
        }
        return (index, start)
    }

    /// Bytes `from..<to` as quoted text for a message: line ends shown as `\n`, cut to about 60 characters.
    static func excerpt(_ b: UnsafeBufferPointer<UInt8>, from: Int, to: Int, limit: Int = 60) -> String {
        let lo = max(0, min(from, b.count)), hi = max(lo, min(to, b.count))
        var text = String(decoding: UnsafeBufferPointer(rebasing: b[lo..<hi]), as: UTF8.self)
        while let last = text.last, last == "\n" || last == "\r" || last == "\r\n" { text.removeLast() }
        text = text.replacingOccurrences(of: "\r\n", with: "\\n").replacingOccurrences(of: "\n", with: "\\n").replacingOccurrences(of: "\r", with: "\\n")
        if text.count > limit { text = String(text.prefix(limit)) + "…" }
        return "'" + text + "'"
    }
}
