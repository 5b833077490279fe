import Foundation
/// Where the rows of a loaded table came from: the source line and raw text of chosen rows, found by reading the file
/// again (for the rare problems found after a load, such as a bad part of a period built from two columns; never on
/// the hot path). Rows a lenient load set aside are skipped, as the load skipped them, so row numbers match the table.
enum RecordLocator {
    struct Location: Equatable {
        /// 1-based physical line where the record starts (header = line 1).
        var line: Int
        /// The record as written, without its line end.
        var text: String
    }

    /// The location of each of `rows` (0-based table rows); `rejectedLines`: the lines of records the load set aside.
    static func locate(path: String, options: CSVOptions, rows: Set<Int>, rejectedLines: Set<Int>) throws -> [Int: Location] {
        guard let last = rows.max() else { return [:] }
        let file = try CSVInput.open(path: path, options: options).file
        let all = file.bytes
        let start = all.count >= 3 && all[0] == 0xEF && all[1] == 0xBB && all[2] == 0xBF ? 3 : 0
        let tokenizer = CSVTokenizer(bytes: all, delimiter: options.delimiter ?? CSVReader.detectDelimiter(all, from: start))
        // The header where the load found it (below title lines; a header on two lines), as `CSVReader.load` does.
        let layout = CSVLayout.find(all, from: start, tokenizer: tokenizer, options: options)
        let head = tokenizer.records(from: layout.headerStart, maxRecords: 1)
        guard let header = head.records.first else { return [:] }
        let block = FieldBlock(columns: header.count, capacity: 1024)
        var out: [Int: Location] = [:]
        var pos = layout.secondHeaderStart.map { tokenizer.records(from: $0, maxRecords: 1).end } ?? head.end
        var line = CSVReader.lineNumber(all, offset: pos), lineAt = pos
        var row = 0
        func record(_ s: Int, _ e: Int) -> Bool {
            line += CSVReader.newlines(all, from: lineAt, to: s); lineAt = s
            if rejectedLines.contains(line) { return true }
            if rows.contains(row) {
                let text = String(decoding: UnsafeBufferPointer(rebasing: all[s..<e]), as: UTF8.self).trimmingCharacters(in: .newlines)
                out[row] = Location(line: line, text: text)
            }
            row += 1
            return row <= last
        }
        while pos < all.count {
            block.removeAll()
            let r = tokenizer.tokenize(from: pos, limit: all.count, maxRecords: block.capacity, into: block)
            for k in 0..<block.count where !record(block.recordStarts[k], block.recordEnds[k]) { return out }
            pos = r.end
            if r.failure != nil { break }
            if let rag = r.ragged {
                // A record with the wrong field count: set aside by a lenient load, so it has no row.
                line += CSVReader.newlines(all, from: lineAt, to: rag.start); lineAt = rag.start
                pos = rag.end
                continue
            }
            if !r.more { break }
        }
        return out
    }
}
