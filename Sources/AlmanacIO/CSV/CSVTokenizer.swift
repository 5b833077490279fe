/// The field boundaries of a block of records: for record r and column c, `starts[r * columns + c]` and
/// `ends[r * columns + c]` are byte offsets into the file (quotes excluded). An end with `escapedFlag` set marks a
/// quoted field with doubled quotes to undo.
struct FieldBlock {
    var columns: Int
    var starts: [Int] = []
    var ends: [Int] = []
    /// Byte offsets where each record starts and ends (for errors and rejected-row text).
    var recordStarts: [Int] = []
    var recordEnds: [Int] = []
    static let escapedFlag = 1 << 62

    init(columns: Int, capacity: Int) {
        self.columns = columns
        starts.reserveCapacity(capacity * columns)
        ends.reserveCapacity(capacity * columns)
        recordStarts.reserveCapacity(capacity)
        recordEnds.reserveCapacity(capacity)
    }

    var count: Int { recordStarts.count }

    mutating func removeAll() {
        starts.removeAll(keepingCapacity: true)
        ends.removeAll(keepingCapacity: true)
        recordStarts.removeAll(keepingCapacity: true)
        recordEnds.removeAll(keepingCapacity: true)
    }
}

/// A record with the wrong number of fields.
struct RaggedRecord {
    var start: Int
    var end: Int
    var fields: Int
}

/// Why tokenizing stopped early.
struct ScanFailure {
    var offset: Int
    var message: String
}

/// RFC 4180 tokenizer over bytes: quoted fields with doubled quotes and embedded newlines; LF, CRLF or CR line
/// ends; a quote inside an unquoted field is an ordinary character (`37°36'37.8"N`); blank lines are skipped.
/// Unquoted fields are scanned eight bytes at a time.
struct CSVTokenizer {
    let bytes: UnsafeBufferPointer<UInt8>
    let delimiter: UInt8
    static let quote = UInt8(ascii: "\"")
    static let lf = UInt8(ascii: "\n")
    static let cr = UInt8(ascii: "\r")

    struct Result {
        /// Offset after the last record taken.
        var end: Int
        var failure: ScanFailure?
        /// A record with the wrong field count (the block stops before it).
        var ragged: RaggedRecord?
        /// Whether records remain before `limit`.
        var more: Bool
    }

    @inline(__always)
    static func broadcast(_ b: UInt8) -> UInt64 { UInt64(b) &* 0x0101_0101_0101_0101 }

    /// Tokenizes up to `maxRecords` records starting at `from` whose starts are before `limit` (the last may run past it).
    /// Stops before a record with the wrong number of fields and reports it in `ragged`.
    func tokenize(from: Int, limit: Int, maxRecords: Int, into block: inout FieldBlock) -> Result {
        guard let base = bytes.baseAddress else { return Result(end: from, failure: nil, ragged: nil, more: false) }
        let n = bytes.count
        let delim = delimiter
        let columns = block.columns
        let raw = UnsafeRawPointer(base)
        let dMask = CSVTokenizer.broadcast(delim), lMask = CSVTokenizer.broadcast(CSVTokenizer.lf), cMask = CSVTokenizer.broadcast(CSVTokenizer.cr)
        let ones: UInt64 = 0x0101_0101_0101_0101, highs: UInt64 = 0x8080_8080_8080_8080
        var pos = from
        var taken = 0
        while pos < limit && pos < n {
            if taken == maxRecords { return Result(end: pos, failure: nil, ragged: nil, more: true) }
            let c0 = base[pos]
            if c0 == CSVTokenizer.lf { pos += 1; continue }
            if c0 == CSVTokenizer.cr { pos += 1; if pos < n && base[pos] == CSVTokenizer.lf { pos += 1 }; continue }
            let recordStart = pos
            var field = 0
            while true {
                var fStart: Int, fEnd: Int
                if pos < n && base[pos] == CSVTokenizer.quote {
                    let open = pos
                    pos += 1
                    fStart = pos
                    var escaped = false
                    while true {
                        while pos < n && base[pos] != CSVTokenizer.quote { pos += 1 }
                        if pos >= n {
                            block.starts.removeLast(min(field, columns))
                            block.ends.removeLast(min(field, columns))
                            return Result(end: recordStart, failure: ScanFailure(offset: open, message: "a quoted field is never closed (its opening quote is here)"), ragged: nil, more: false)
                        }
                        if pos + 1 < n && base[pos + 1] == CSVTokenizer.quote { escaped = true; pos += 2; continue }
                        break
                    }
                    fEnd = pos
                    pos += 1
                    if pos < n {
                        let c = base[pos]
                        if c != delim && c != CSVTokenizer.lf && c != CSVTokenizer.cr {
                            block.starts.removeLast(min(field, columns))
                            block.ends.removeLast(min(field, columns))
                            return Result(end: recordStart, failure: ScanFailure(offset: pos, message: "unexpected text after a closing quote; a quote inside a quoted field must be doubled (\"\")"), ragged: nil, more: false)
                        }
                    }
                    if escaped { fEnd |= FieldBlock.escapedFlag }
                } else {
                    fStart = pos
                    var found = false
                    while pos + 8 <= n {
                        let w = raw.loadUnaligned(fromByteOffset: pos, as: UInt64.self)
                        let a = w ^ dMask, b = w ^ lMask, c = w ^ cMask
                        let m = ((a &- ones) & ~a | (b &- ones) & ~b | (c &- ones) & ~c) & highs
                        if m != 0 { pos += m.trailingZeroBitCount >> 3; found = true; break }
                        pos += 8
                    }
                    if !found {
                        while pos < n {
                            let c = base[pos]
                            if c == delim || c == CSVTokenizer.lf || c == CSVTokenizer.cr { break }
                            pos += 1
                        }
                    }
                    fEnd = pos
                }
                if field < columns {
                    block.starts.append(fStart)
                    block.ends.append(fEnd)
                }
                field += 1
                if pos < n && base[pos] == delim { pos += 1; continue }
                if pos < n {
                    if base[pos] == CSVTokenizer.cr { pos += 1; if pos < n && base[pos] == CSVTokenizer.lf { pos += 1 } } else { pos += 1 }
                }
                break
            }
            if field != columns {
                block.starts.removeLast(min(field, columns))
                block.ends.removeLast(min(field, columns))
                return Result(end: recordStart, failure: nil, ragged: RaggedRecord(start: recordStart, end: pos, fields: field), more: true)
            }
            block.recordStarts.append(recordStart)
            block.recordEnds.append(pos)
            taken += 1
        }
        return Result(end: pos, failure: nil, ragged: nil, more: false)
    }

    /// The first record start at or after `offset`, assuming the bytes there are outside quotes (speculative).
    func recordStart(after offset: Int) -> Int {
        if offset == 0 { return 0 }
        var p = offset - 1
        let n = bytes.count
        while p < n && bytes[p] != CSVTokenizer.lf { p += 1 }
        return min(n, p + 1)
    }

    /// The text of field `k` of a block (quotes undone); for headers and samples, not the hot path.
    func string(_ block: FieldBlock, _ k: Int) -> String {
        let s = block.starts[k], e = block.ends[k]
        let end = e & ~FieldBlock.escapedFlag
        let raw = UnsafeBufferPointer(rebasing: bytes[s..<end])
        var text = String(decoding: raw, as: UTF8.self)
        if e & FieldBlock.escapedFlag != 0 { text = text.replacingOccurrences(of: "\"\"", with: "\"") }
        return text
    }

    /// Reads up to `maxRecords` records as strings, each record with any number of fields (header and sample).
    func records(from: Int, maxRecords: Int) -> (records: [[String]], starts: [Int], end: Int, failure: ScanFailure?) {
        var out: [[String]] = []
        var starts: [Int] = []
        var pos = from
        while out.count < maxRecords && pos < bytes.count {
            // Find the field count of the next record by tokenizing it with a generous width.
            var block = FieldBlock(columns: 4096, capacity: 1)
            let r = tokenize(from: pos, limit: bytes.count, maxRecords: 1, into: &block)
            if let f = r.failure { return (out, starts, pos, f) }
            if let rag = r.ragged {
                // Any width is fine here: re-tokenize with the record's own width.
                var exact = FieldBlock(columns: rag.fields, capacity: 1)
                _ = tokenize(from: rag.start, limit: bytes.count, maxRecords: 1, into: &exact)
                out.append((0..<rag.fields).map { string(exact, $0) })
                starts.append(rag.start)
                pos = rag.end
                continue
            }
            if block.count == 0 { pos = r.end; break }
            out.append((0..<(block.starts.count)).map { string(block, $0) })
            starts.append(block.recordStarts[0])
            pos = r.end
        }
        return (out, starts, pos, nil)
    }
}
