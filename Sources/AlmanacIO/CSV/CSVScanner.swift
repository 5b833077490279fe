/// What a field sink says about a field.
enum FieldVerdict {
    case accept
    /// The row is bad (lenient loads skip it; strict loads stop).
    case rejectRow(column: Int, message: String)
}

/// Receives the fields of records from `CSVScanner`. Generic, so the scanner is specialised per sink:
/// no dynamic dispatch or closure call per field.
protocol FieldSink {
    /// One field's bytes (quotes removed, doubled quotes undone). `index` counts from 0.
    mutating func field(_ index: Int, _ p: UnsafePointer<UInt8>, _ n: Int, quoted: Bool) -> FieldVerdict
    /// End of a record that started at byte `start` and had `fieldCount` fields.
    /// Returns false to stop scanning.
    mutating func endRecord(fieldCount: Int, start: Int, end: Int, rejected: FieldVerdict?) -> Bool
}

/// Why a scan stopped early.
struct ScanFailure {
    var offset: Int
    var message: String
}

/// RFC 4180 record scanner over bytes: quoted fields with doubled quotes and embedded newlines; LF, CRLF
/// or CR line ends; a quote inside an unquoted field is an ordinary character (`37°36'37.8"N`).
/// Blank lines are skipped.
struct CSVScanner {
    let bytes: UnsafeBufferPointer<UInt8>
    let delimiter: UInt8
    static let quote = UInt8(ascii: "\"")
    static let lf = UInt8(ascii: "\n")
    static let cr = UInt8(ascii: "\r")

    /// Scans records that start at or after `start` and before `limit`; the last may run past `limit`.
    /// Returns the offset after the last record scanned, and a failure if one stopped the scan.
    func scan<S: FieldSink>(from start: Int, limit: Int, sink: inout S, scratch: inout [UInt8]) -> (end: Int, failure: ScanFailure?) {
        guard let base = bytes.baseAddress else { return (start, nil) }
        let n = bytes.count
        let delim = delimiter
        var pos = start
        while pos < limit && pos < n {
            let c0 = base[pos]
            if c0 == CSVScanner.lf { pos += 1; continue }
            if c0 == CSVScanner.cr { pos += 1; if pos < n && base[pos] == CSVScanner.lf { pos += 1 }; continue }
            let recordStart = pos
            var field = 0
            var rejected: FieldVerdict? = nil
            while true {
                var verdict = FieldVerdict.accept
                if pos < n && base[pos] == CSVScanner.quote {
                    let open = pos
                    pos += 1
                    let fStart = pos
                    var escapes = false
                    while true {
                        // Fast skip to the next quote.
                        while pos < n && base[pos] != CSVScanner.quote { pos += 1 }
                        if pos >= n { return (recordStart, ScanFailure(offset: open, message: "a quoted field is never closed (its opening quote is here)")) }
                        if pos + 1 < n && base[pos + 1] == CSVScanner.quote { escapes = true; pos += 2; continue }
                        break
                    }
                    let fEnd = pos
                    pos += 1
                    if pos < n {
                        let c = base[pos]
                        if c != delim && c != CSVScanner.lf && c != CSVScanner.cr {
                            return (recordStart, ScanFailure(offset: pos, message: "unexpected text after a closing quote; a quote inside a quoted field must be doubled (\"\")"))
                        }
                    }
                    if escapes {
                        scratch.removeAll(keepingCapacity: true)
                        var k = fStart
                        while k < fEnd {
                            scratch.append(base[k])
                            k += base[k] == CSVScanner.quote ? 2 : 1
                        }
                        verdict = scratch.withUnsafeBufferPointer { s in
                            sink.field(field, s.baseAddress ?? base, s.count, quoted: true)
                        }
                    } else {
                        verdict = sink.field(field, base + fStart, fEnd - fStart, quoted: true)
                    }
                } else {
                    let fStart = pos
                    while pos < n {
                        let c = base[pos]
                        if c == delim || c == CSVScanner.lf || c == CSVScanner.cr { break }
                        pos += 1
                    }
                    verdict = sink.field(field, base + fStart, pos - fStart, quoted: false)
                }
                if case .rejectRow = verdict, rejected == nil { rejected = verdict }
                field += 1
                if pos < n && base[pos] == delim { pos += 1; continue }
                if pos < n {
                    if base[pos] == CSVScanner.cr { pos += 1; if pos < n && base[pos] == CSVScanner.lf { pos += 1 } } else { pos += 1 }
                }
                break
            }
            if !sink.endRecord(fieldCount: field, start: recordStart, end: pos, rejected: rejected) { return (pos, nil) }
        }
        return (pos, nil)
    }

    /// The first record start at or after `offset` assuming the scan is outside quotes there (speculative).
    func recordStart(after offset: Int) -> Int {
        if offset == 0 { return 0 }
        var p = offset - 1
        let n = bytes.count
        while p < n && bytes[p] != CSVScanner.lf { p += 1 }
        return min(n, p + 1)
    }
}

/// Collects records as strings (header and inference sample; not the hot path).
struct StringRecordSink: FieldSink {
    var records: [[String]] = []
    var current: [String] = []
    var starts: [Int] = []
    var maxRecords: Int

    init(maxRecords: Int) { self.maxRecords = maxRecords }

    mutating func field(_ index: Int, _ p: UnsafePointer<UInt8>, _ n: Int, quoted: Bool) -> FieldVerdict {
        current.append(String(decoding: UnsafeBufferPointer(start: p, count: n), as: UTF8.self))
        return .accept
    }

    mutating func endRecord(fieldCount: Int, start: Int, end: Int, rejected: FieldVerdict?) -> Bool {
        records.append(current)
        starts.append(start)
        current.removeAll(keepingCapacity: true)
        return records.count < maxRecords
    }
}
