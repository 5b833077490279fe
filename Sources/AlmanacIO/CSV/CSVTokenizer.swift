/// The field boundaries of a block of records, column by column: for record r and column c,
/// `bounds[slot(r, c)]` and `bounds[slot(r, c) + 1]` are the start and end byte offsets of the field in the file
/// (quotes excluded), so each column loop reads its fields sequentially. An end with `escapedFlag` set marks a quoted
/// field with doubled quotes to undo. The buffer is allocated once (per chunk) and written through a pointer.
final class FieldBlock {
    let columns: Int
    /// Records the block can hold.
    let capacity: Int
    /// Start, end pairs: column c's records from `slot(0, c)`.
    let bounds: UnsafeMutablePointer<Int>
    /// Byte offsets where each record starts and ends (for errors and rejected-row text).
    let recordStarts: UnsafeMutablePointer<Int>
    let recordEnds: UnsafeMutablePointer<Int>
    /// Records in the block.
    var count = 0
    static let escapedFlag = 1 << 62

    init(columns: Int, capacity: Int) {
        self.columns = columns
        self.capacity = max(1, capacity)
        bounds = .allocate(capacity: 2 * max(1, columns) * self.capacity)
        recordStarts = .allocate(capacity: self.capacity)
        recordEnds = .allocate(capacity: self.capacity)
    }

    deinit {
        bounds.deallocate(); recordStarts.deallocate(); recordEnds.deallocate()
    }

    func removeAll() { count = 0 }

    /// The index of record r, column c's start in `bounds` (its end follows).
    @inline(__always)
    func slot(_ r: Int, _ c: Int) -> Int { 2 &* (c &* capacity &+ r) }
}

/// A record with the wrong number of fields.
struct RaggedRecord {
    var start: Int
    var end: Int
    var fields: Int
}

/// Why tokenizing stopped early: a quoting problem at `offset` in the record that starts at `recordStart`.
struct ScanFailure {
    var offset: Int
    var recordStart: Int
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

    /// Bit j set when byte `at + j` may end an unquoted field: the delimiter, or any byte below 0x0E (LF and CR among
    /// them; the rest are false candidates the caller skips). Eight bytes at a time with exact byte tests (no
    /// borrow between bytes), each word's eight flags gathered into a byte with one multiply. Bytes from `n` on are
    /// not read. Not inlined: it runs once per 64 bytes, and keeping its constants out of the field loop spares registers.
    @inline(never)
    static func separatorCandidates(_ base: UnsafePointer<UInt8>, at: Int, n: Int, delimiter: UInt8) -> UInt64 {
        let low7: UInt64 = 0x7F7F_7F7F_7F7F_7F7F, highs: UInt64 = 0x8080_8080_8080_8080
        let below: UInt64 = 0x0E0E_0E0E_0E0E_0E0E, gather: UInt64 = 0x0102_0408_1020_4080
        let dMask = broadcast(delimiter)
        if at + 64 <= n {
            let raw = UnsafeRawPointer(base + at)
            @inline(__always) func flags(_ k: Int) -> UInt64 {
                let w = raw.loadUnaligned(fromByteOffset: k, as: UInt64.self)
                let t = w ^ dMask
                let notDelim = ((t & low7) &+ low7) | t          // high bit: byte ≠ delimiter
                let atLeast0E = ((w | highs) &- below) | w        // high bit: byte ≥ 0x0E
                let z = ~(notDelim & atLeast0E) & highs
                return ((z &>> 7) &* gather) &>> 56
            }
            return flags(0) | flags(8) &<< 8 | flags(16) &<< 16 | flags(24) &<< 24
                | flags(32) &<< 32 | flags(40) &<< 40 | flags(48) &<< 48 | flags(56) &<< 56
        }
        var m: UInt64 = 0
        var j = 0
        while at + j < n && j < 64 {
            let c = base[at + j]
            if c == delimiter || c < 0x0E { m |= 1 << UInt64(j) }
            j += 1
        }
        return m
    }

    /// Tokenizes up to `maxRecords` records (at most the block's free capacity) starting at `from` whose starts are
    /// before `limit` (the last may run past it), appending them to the block.
    /// Stops before a record with the wrong number of fields and reports it in `ragged`.
    ///
    /// Unquoted fields end at the next set bit of a 64-byte window of separator candidates (`separatorCandidates`),
    /// so a field costs a bit scan, not a byte loop; quoted fields are read byte by byte.
    func tokenize(from: Int, limit: Int, maxRecords: Int, into block: FieldBlock) -> Result {
        guard let base = bytes.baseAddress else { return Result(end: from, failure: nil, ragged: nil, more: false) }
        let n = bytes.count
        let delim = delimiter
        let columns = block.columns
        let stride = 2 &* block.capacity       // from one column's slot to the next
        let end = min(limit, n)
        var pos = from
        var taken = block.count
        let maxTaken = min(block.capacity, taken + maxRecords)
        defer { block.count = taken }
        // The window: separator candidates at windowStart + bit index. Invariant inside a record's unquoted fields:
        // no bit below `pos` (a consumed separator is always the lowest bit); record starts and quoted fields restore it.
        var windowStart = pos
        var bits = CSVTokenizer.separatorCandidates(base, at: pos, n: n, delimiter: delim)
        while pos < end {
            if taken == maxTaken { return Result(end: pos, failure: nil, ragged: nil, more: true) }
            let c0 = base[pos]
            if c0 == CSVTokenizer.lf { pos &+= 1; continue }
            if c0 == CSVTokenizer.cr { pos &+= 1; if pos < n && base[pos] == CSVTokenizer.lf { pos &+= 1 }; continue }
            let recordStart = pos
            // Clear the candidates below `pos` (skipped blank lines, a CRLF's LF), or move the window.
            let shift = pos &- windowStart
            if UInt(bitPattern: shift) < 64 {
                bits &= ~0 &<< UInt64(shift)
            } else {
                windowStart = pos
                bits = CSVTokenizer.separatorCandidates(base, at: pos, n: n, delimiter: delim)
            }
            // Fields go to `slot` (record, field)'s start, its end after it; fields past the columns are only counted.
            let firstSlot = block.bounds + 2 &* taken
            let endSlot = firstSlot + columns &* stride
            var slot = firstSlot
            var extra = 0
            while true {
                if pos < n && base[pos] == CSVTokenizer.quote {
                    let open = pos
                    pos &+= 1
                    let fStart = pos
                    var escaped = false
                    while true {
                        while pos < n && base[pos] != CSVTokenizer.quote { pos &+= 1 }
                        if pos >= n {
                            return Result(end: recordStart, failure: ScanFailure(offset: open, recordStart: recordStart, message: "a quoted field is never closed"), ragged: nil, more: false)
                        }
                        if pos &+ 1 < n && base[pos &+ 1] == CSVTokenizer.quote { escaped = true; pos &+= 2; continue }
                        break
                    }
                    let fEnd = escaped ? pos | FieldBlock.escapedFlag : pos
                    pos &+= 1
                    if pos < n {
                        let c = base[pos]
                        if c != delim && c != CSVTokenizer.lf && c != CSVTokenizer.cr {
                            return Result(end: recordStart, failure: ScanFailure(offset: pos, recordStart: recordStart, message: "unexpected text after a closing quote"), ragged: nil, more: false)
                        }
                    }
                    if slot < endSlot { slot[0] = fStart; slot[1] = fEnd; slot += stride } else { extra &+= 1 }
                    if pos < n && base[pos] == delim {
                        pos &+= 1
                        let shift = pos &- windowStart
                        if UInt(bitPattern: shift) < 64 {
                            bits &= ~0 &<< UInt64(shift)
                        } else {
                            windowStart = pos
                            bits = CSVTokenizer.separatorCandidates(base, at: pos, n: n, delimiter: delim)
                        }
                        continue
                    }
                    if pos < n {
                        if base[pos] == CSVTokenizer.cr { pos &+= 1; if pos < n && base[pos] == CSVTokenizer.lf { pos &+= 1 } } else { pos &+= 1 }
                    }
                    break
                }
                // Unquoted: ends at the first delimiter, LF or CR at or after `pos` (the lowest real candidate).
                var i: Int
                var c: UInt8
                while true {
                    if bits == 0 {
                        windowStart &+= 64
                        if windowStart >= n { i = n; c = 0; break }
                        bits = CSVTokenizer.separatorCandidates(base, at: windowStart, n: n, delimiter: delim)
                        continue
                    }
                    i = windowStart &+ bits.trailingZeroBitCount
                    bits &= bits &- 1
                    c = base[i]
                    if c == delim || c == CSVTokenizer.lf || c == CSVTokenizer.cr { break }
                    // another control byte: part of the field
                }
                if slot < endSlot { slot[0] = pos; slot[1] = i; slot += stride } else { extra &+= 1 }
                pos = i &+ 1
                if c == delim { continue }
                if i >= n { pos = n; break }
                if c == CSVTokenizer.cr && pos < n && base[pos] == CSVTokenizer.lf { pos &+= 1 }
                break
            }
            if slot != endSlot || extra != 0 {
                let fields = (slot - firstSlot) / stride + extra
                return Result(end: recordStart, failure: nil, ragged: RaggedRecord(start: recordStart, end: pos, fields: fields), more: true)
            }
            block.recordStarts[taken] = recordStart
            block.recordEnds[taken] = pos
            taken &+= 1
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

    /// The text of field `c` of record `r` of a block (quotes undone); for headers and samples, not the hot path.
    func string(_ block: FieldBlock, _ r: Int, _ c: Int) -> String {
        let s = block.bounds[block.slot(r, c)], e = block.bounds[block.slot(r, c) + 1]
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
        // Find the field count of each record by tokenizing it with a generous width.
        let block = FieldBlock(columns: 4096, capacity: 1)
        while out.count < maxRecords && pos < bytes.count {
            block.removeAll()
            let r = tokenize(from: pos, limit: bytes.count, maxRecords: 1, into: block)
            if let f = r.failure { return (out, starts, pos, f) }
            if let rag = r.ragged {
                // Any width is fine here: re-tokenize with the record's own width.
                let exact = FieldBlock(columns: rag.fields, capacity: 1)
                _ = tokenize(from: rag.start, limit: bytes.count, maxRecords: 1, into: exact)
                out.append((0..<rag.fields).map { string(exact, 0, $0) })
                starts.append(rag.start)
                pos = rag.end
                continue
            }
            if block.count == 0 { pos = r.end; break }
            out.append((0..<block.columns).map { string(block, 0, $0) })
            starts.append(block.recordStarts[0])
            pos = r.end
        }
        return (out, starts, pos, nil)
    }
}
