import Foundation
import Dispatch
import AlmanacCore

/// Reads CSV files into tables: memory-mapped, validated as UTF-8, split at record boundaries and parsed on
/// all cores straight into typed column buffers (no `String` per cell), text dictionary-encoded and NFC.
public enum CSVReader {
    /// Loads a file.
    /// Loads a file (`-`: standard input), transcoded to UTF-8 first when it is in another encoding.
    public static func load(path: String, options: CSVOptions = CSVOptions()) throws -> LoadResult {
        var r = try load(CSVInput.open(path: path, options: options), name: path == StandardInput.path ? StandardInput.name : path, options: options)
        // Rows are found again in the file by line (for naming total rows): only in a UTF-8 file (a transcoded one's
        // lines are not its bytes' lines) read from disk.
        if path != StandardInput.path, r.report.encoding == nil {
            r.report.locator = .csv(path: path, options: options, rejectedLines: Set(r.report.rejected.map(\.line)))
        }
        return r
    }

    /// Loads CSV text held in memory (tests).
    public static func load(text: String, name: String = "<text>", options: CSVOptions = CSVOptions()) throws -> LoadResult {
        try load(bytes: Array(text.utf8), name: name, options: options)
    }

    /// Loads CSV bytes held in memory, in any encoding a file may be in.
    public static func load(bytes: [UInt8], name: String, options: CSVOptions = CSVOptions()) throws -> LoadResult {
        try load(CSVInput.decode(MappedFile(copying: bytes), name: name, declared: options.encoding), name: name, options: options)
    }

    static func load(_ input: CSVInput, name: String, options: CSVOptions) throws -> LoadResult {
        var r = try load(input.file, name: name, options: options)
        r.report.encoding = input.note
        return r
    }

    /// Parses UTF-8 bytes.
    static func load(_ file: MappedFile, name: String, options: CSVOptions) throws -> LoadResult {
        var all = file.bytes
        var start = 0
        if all.count >= 3 && all[0] == 0xEF && all[1] == 0xBB && all[2] == 0xBF { start = 3 }
        let threads = max(1, options.threads ?? ProcessInfo.processInfo.activeProcessorCount)
        
        // Header.
        let delimiter = options.delimiter ?? detectDelimiter(all, from: start)
        var tokenizer = CSVTokenizer(bytes: all, delimiter: delimiter)
        // A layout made for printing: the header below title lines, footer lines cut off (CSVLayout).
        let layout = CSVLayout.find(all, from: start, tokenizer: tokenizer, options: options)
        start = layout.headerStart
        if let end = layout.end { all = UnsafeBufferPointer(rebasing: all[0..<end]); tokenizer = CSVTokenizer(bytes: all, delimiter: delimiter) }
        let head = tokenizer.records(from: start, maxRecords: 1)
        if let f = head.failure { throw syntaxError(f, name: name, names: [], all, delimiter: delimiter) }
        guard let header = head.records.first else {
            throw CSVError(file: name, line: 1, message: "the file is empty: a CSV file needs a header line naming its columns")
        }
        if let bad = UTF8Validation.firstInvalid(all, from: start, to: head.end) {
            throw CSVError(file: name, line: 1, message: "invalid UTF-8 in the header at byte offset \(bad)", hint: EncodingGuess.hint(all, from: start))
        }
        let names = uniqueNames(layout.names ?? header)
        let dataStart = layout.secondHeaderStart.map { tokenizer.records(from: $0, maxRecords: 1).end } ?? head.end
        if let limit = options.maxRows {
            // Parse only the first `limit` records: the same machinery over a shorter view of the file.
            let first = tokenizer.records(from: dataStart, maxRecords: max(0, limit))
            // A quoting error among those records fails the read as a full load would (never a shorter table).
            if let f = first.failure { throw syntaxError(f, name: name, names: names, all, delimiter: delimiter) }
            let end = first.end
            all = UnsafeBufferPointer(rebasing: all[0..<max(dataStart, end)])
            tokenizer = CSVTokenizer(bytes: all, delimiter: delimiter)
        }

        // Sample and plans.
        let sampled = tokenizer.records(from: dataStart, maxRecords: options.sampleRows)
        let sample = (records: sampled.records, starts: sampled.starts)
        let markers = Set(options.nullMarkers)
        var sampleLines: [Int] = []
        sampleLines.reserveCapacity(sample.records.count)
        do {
            var line = lineNumber(all, offset: dataStart)
            var last = dataStart
            for r in sample.records.indices {
                line += newlines(all, from: last, to: sample.starts[r]); last = sample.starts[r]
                sampleLines.append(line)
            }
        }
        var plans: [ColumnParsePlan] = names.indices.map { i in
            if let keep = options.columns, !keep.contains(names[i]) { return ColumnParsePlan(kind: .skip) }
            var values: [String] = []
            var lines: [Int] = []
            values.reserveCapacity(sample.records.count)
            for (r, rec) in sample.records.enumerated() where i < rec.count { values.append(rec[i]); lines.append(sampleLines[r]) }
            return TypeInference.plan(name: names[i], values: values, lines: lines, options: options, markers: markers)
        }
        if let keep = options.columns {
            for k in keep where !names.contains(k) {
                throw CSVError(file: name, message: "no column '\(k)'", hint: "columns: " + names.joined(separator: ", "))
            }
        }

        // Parse, re-reading columns whose sample misled inference.
        var report = LoadReport(file: name, bytes: all.count, delimiter: delimiter)
        var switchedOrder = Set<Int>()
        var parsed: ParsedChunks
        while true {
            parsed = try parseChunks(all, tokenizer: tokenizer, from: dataStart, plans: plans, options: options, threads: threads, name: name, names: names,
                                     adviseFreed: file.isMapped)
            var changed = false
            for (i, change) in parsed.changes {
                guard !plans[i].declared else { continue }
                switch change.0 {
                case .toText(let reason):
                    plans[i] = ColumnParsePlan(kind: .text, note: "text: \(reason) (line \(lineNumber(all, offset: change.offset)))")
                    changed = true
                case .toDayOrder(let order):
                    guard case .period(let f, _, let strict) = plans[i].kind else { continue }
                    if switchedOrder.contains(i) {
                        throw CSVError(file: name, line: lineNumber(all, offset: change.offset), column: i + 1, columnName: names[i],
                                       message: "dates mix day-first and month-first order", hint: "declare the column's date order in the catalog")
                    }
                    switchedOrder.insert(i)
                    plans[i].kind = .period(f, order, strict: strict)
                    plans[i].note = (plans[i].note ?? "") + "; re-read \(order == .dayFirst ? "day-first" : "month-first") (line \(lineNumber(all, offset: change.offset)))"
                    changed = true
                }
            }
            if !changed { break }
            report.rereads += 1
        }
        if let f = parsed.failure {
            throw error(for: f, name: name, names: names, all, delimiter: delimiter, lenient: options.lenient)
        }
        let lines = lineNumbers(all, offsets: parsed.rejected.map(\.offset))
        report.rejected = parsed.rejected.enumerated().map { k, r in
            RejectedRow(line: lines[k], reason: r.reason,
                        text: String(decoding: UnsafeBufferPointer(rebasing: all[r.offset..<r.end]), as: UTF8.self)
                            .trimmingCharacters(in: .newlines))
        }
        let table = try layout.apply(to: try assemble(parsed, names: names, plans: plans, report: &report), report: &report)
        return LoadResult(table: table, report: report)
    }

    // MARK: Chunks

    struct ParsedChunks {
        var parsers: [ChunkParser]
        var changes: [(Int, (PlanChange, offset: Int))]
        var failure: ParseFailure?
        var rejected: [(offset: Int, end: Int, reason: String)]
    }

    final class ChunkSlot: @unchecked Sendable {
        var parser: ChunkParser
        init(_ p: ChunkParser) { parser = p }
    }

    static func parseChunks(_ all: UnsafeBufferPointer<UInt8>, tokenizer: CSVTokenizer, from dataStart: Int, plans: [ColumnParsePlan],
                            options: CSVOptions, threads: Int, name: String, names: [String], adviseFreed: Bool) throws -> ParsedChunks {
        let size = all.count - dataStart
        let chunkCount = size < 1 << 20 ? 1 : max(threads, min(64, size / (8 << 20)))
        var starts = [dataStart]
        for k in 1..<max(1, chunkCount) { starts.append(max(starts[k - 1], tokenizer.recordStart(after: dataStart + size * k / chunkCount))) }
        starts.append(all.count)
        let estimate = max(16, size / max(1, chunkCount) / 40)
        guard let fileBase = all.baseAddress else {
            return ParsedChunks(parsers: [ChunkParser(plans: plans, lenient: options.lenient, capacity: 0)], changes: [], failure: nil, rejected: [])
        }
        let ctx = ParseContext(style: options.numberStyle, markers: options.nullMarkers, fileBase: fileBase, fileCount: all.count)
        func fresh() -> ChunkParser { ChunkParser(plans: plans, lenient: options.lenient, capacity: estimate) }
        let slots = (0..<chunkCount).map { _ in ChunkSlot(fresh()) }
        let base = UnsafeMutableRawPointer(mutating: fileBase)
        let page = max(4096, sysconf(Int32(_SC_PAGESIZE)))
        DispatchQueue.concurrentPerform(iterations: chunkCount) { k in
            slots[k].parser.run(tokenizer, from: starts[k], limit: starts[k + 1], ctx: ctx)
            // Give back the pages of this chunk: the file stays in the page cache, not in our resident set. Only a
            // mapping of a file: memory we allocated (standard input, a transcoded file) would read back as zeros
            // on Linux, and a re-read or an error's excerpt needs it again.
            if chunkCount > 1 && adviseFreed {
                let lo = (starts[k] / page + 1) * page, hi = (slots[k].parser.end / page) * page
                if hi > lo { madvise(base + lo, hi - lo, MADV_DONTNEED) }
            }
        }
        // Check the speculative boundaries; re-parse a chunk whose guess started inside a quoted field.
        var accepted: [ChunkParser] = []
        var pos = dataStart
        var failure: ParseFailure?
        for k in 0..<chunkCount {
            if pos >= starts[k + 1] && k > 0 { continue }
            var parser = slots[k].parser
            if pos != starts[k] {
                parser = fresh()
                parser.run(tokenizer, from: pos, limit: starts[k + 1], ctx: ctx)
            }
            accepted.append(parser)
            if let f = parser.failure { failure = f; break }
            pos = parser.end
        }
        var changes: [(Int, (PlanChange, offset: Int))] = []
        for i in plans.indices {
            for p in accepted { if let c = p.builders[i].change { changes.append((i, (c.0, c.offset))); break } }
        }
        return ParsedChunks(parsers: accepted, changes: changes, failure: failure, rejected: accepted.flatMap(\.rejected))
    }

    // MARK: Helpers

    /// `,` unless `;` or tab splits the first lines more consistently (outside quotes).
    static func detectDelimiter(_ b: UnsafeBufferPointer<UInt8>, from: Int) -> UInt8 {
        let candidates: [UInt8] = [UInt8(ascii: ","), UInt8(ascii: ";"), UInt8(ascii: "\t"), UInt8(ascii: "|")]
        var counts = [[Int]](repeating: [], count: candidates.count)
        var line = [Int](repeating: 0, count: candidates.count)
        var inQuotes = false
        var i = from
        var lines = 0
        while i < b.count && lines < 10 {
            let c = b[i]
            if c == CSVTokenizer.quote { inQuotes.toggle() }
            else if !inQuotes && c == CSVTokenizer.lf {
                for k in candidates.indices { counts[k].append(line[k]); line[k] = 0 }
                lines += 1
            } else if !inQuotes, let k = candidates.firstIndex(of: c) { line[k] += 1 }
            i += 1
        }
        if line.contains(where: { $0 > 0 }) { for k in candidates.indices { counts[k].append(line[k]) } }
        var best = 0, bestScore = -1
        for k in candidates.indices {
            guard let first = counts[k].first, first > 0 else { continue }
            let consistent = counts[k].filter { $0 == first }.count
            let score = consistent * 1000 + first
            if score > bestScore { best = k; bestScore = score }
        }
        return candidates[best]
    }

    static func uniqueNames(_ header: [String]) -> [String] {
        var seen: [String: Int] = [:]
        return header.enumerated().map { i, raw in
            var n = raw.trimmingCharacters(in: .whitespaces).nfc
            if n.isEmpty { n = "column_\(i + 1)" }
            if let c = seen[n] { seen[n] = c + 1; n = "\(n)_\(c + 1)" } else { seen[n] = 1 }
            return n
        }
    }

    static func newlines(_ b: UnsafeBufferPointer<UInt8>, from: Int, to: Int) -> Int {
        var n = 0
        var i = from
        while i < to { if b[i] == CSVTokenizer.lf || (b[i] == CSVTokenizer.cr && (i + 1 >= b.count || b[i + 1] != CSVTokenizer.lf)) { n += 1 }; i += 1 }
        return n
    }

    /// 1-based lines of many byte offsets, in their order: one pass over the file, in offset order (not a scan from
    /// byte 0 per offset, which made a load rejecting many rows quadratic).
    static func lineNumbers(_ b: UnsafeBufferPointer<UInt8>, offsets: [Int]) -> [Int] {
        var out = [Int](repeating: 1, count: offsets.count)
        var order = Array(offsets.indices)
        if zip(offsets, offsets.dropFirst()).contains(where: { $0 > $1 }) { order.sort { offsets[$0] < offsets[$1] } }
        var line = 1, at = 0
        for k in order {
            let to = min(max(offsets[k], at), b.count)
            line += newlines(b, from: at, to: to)
            at = to
            out[k] = line
        }
        return out
    }

    /// 1-based line of a byte offset.
    static func lineNumber(_ b: UnsafeBufferPointer<UInt8>, offset: Int) -> Int { 1 + newlines(b, from: 0, to: min(offset, b.count)) }
}

extension CSVReader {
    /// The column names of a file's header (normalised as a load would), without reading its data.
    public static func header(path: String, options: CSVOptions = CSVOptions()) throws -> [String] {
        let file = try CSVInput.open(path: path, options: options).file
        let all = file.bytes
        let bom = all.count >= 3 && all[0] == 0xEF && all[1] == 0xBB && all[2] == 0xBF ? 3 : 0
        let delimiter = options.delimiter ?? detectDelimiter(all, from: bom)
        let tokenizer = CSVTokenizer(bytes: all, delimiter: delimiter)
        let layout = CSVLayout.find(all, from: bom, tokenizer: tokenizer, options: options)
        let head = tokenizer.records(from: layout.headerStart, maxRecords: 1)
        if let f = head.failure { throw syntaxError(f, name: path, names: [], all, delimiter: delimiter) }
        guard let h = head.records.first else { throw CSVError(file: path, line: 1, message: "the file is empty: a CSV file needs a header line naming its columns") }
        return uniqueNames(layout.names ?? h)
    }
}
