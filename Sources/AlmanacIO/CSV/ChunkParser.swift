import AlmanacCore

/// What stopped a load: strict loads stop on any of these, lenient loads only on a quoting problem (after one, where
/// the record ends cannot be known, so there is no record to set aside).
enum ParseFailure {
    /// A value its column cannot hold: the record's start, the field's index and the message (quoting the value).
    case value(recordStart: Int, column: Int, message: String)
    /// A record with the wrong number of fields.
    case ragged(RaggedRecord, expected: Int)
    /// A quoting problem.
    case syntax(ScanFailure)
}

/// Parses the records of one chunk of the file into typed column builders, a block of records at a time.
struct ChunkParser {
    var builders: [ColumnBuilder]
    private(set) var rows = 0
    /// Rows a lenient load left out: record start and end offsets, and the reason.
    private(set) var rejected: [(offset: Int, end: Int, reason: String)] = []
    /// What stopped the load.
    private(set) var failure: ParseFailure?
    /// The offset after the last record parsed.
    private(set) var end = 0
    let lenient: Bool
    static let blockSize = 4096

    init(plans: [ColumnParsePlan], lenient: Bool, capacity: Int) {
        builders = plans.map { ColumnBuilder(kind: $0.kind, declared: $0.declared, percent: $0.percent, capacity: capacity) }
        self.lenient = lenient
    }

    mutating func run(_ tokenizer: CSVTokenizer, from: Int, limit: Int, ctx: ParseContext) {
        let columns = builders.count
        let block = FieldBlock(columns: columns, capacity: ChunkParser.blockSize)
        var errors: [(column: Int, error: ValueError)] = []
        var columnErrors: [ValueError] = []
        var pos = from
        while true {
            block.removeAll()
            let r = tokenizer.tokenize(from: pos, limit: limit, maxRecords: ChunkParser.blockSize, into: block)
            errors.removeAll(keepingCapacity: true)
            for c in 0..<columns where builders[c].kind != .skip {
                columnErrors.removeAll(keepingCapacity: true)
                builders[c].append(block, column: c, ctx: ctx, errors: &columnErrors)
                for e in columnErrors { errors.append((c, e)) }
            }
            if !errors.isEmpty && !settle(errors, block: block) { return }
            rows += block.count - (errors.isEmpty ? 0 : Set(errors.map(\.error.row)).count)
            pos = r.end
            if let f = r.failure { failure = .syntax(f); end = pos; return }
            if let rag = r.ragged {
                guard lenient else { failure = .ragged(rag, expected: columns); end = rag.start; return }
                rejected.append((rag.start, rag.end, ChunkParser.fieldCountMessage(expected: columns, found: rag.fields)))
                pos = rag.end
                continue
            }
            if !r.more { break }
        }
        end = pos
    }

    /// Handles value errors of a block: lenient loads drop those rows; strict loads keep the rows before the first and stop.
    private mutating func settle(_ errors: [(column: Int, error: ValueError)], block: FieldBlock) -> Bool {
        if lenient {
            var firstByRow: [Int: (Int, String)] = [:]
            for e in errors where firstByRow[e.error.row] == nil || firstByRow[e.error.row]!.0 > e.column {
                firstByRow[e.error.row] = (e.column, e.error.message)
            }
            let bad = firstByRow.keys.sorted()
            for c in builders.indices { builders[c].remove(rows: bad.map { rows + $0 }) }
            for r in bad {
                let (c, m) = firstByRow[r]!
                rejected.append((block.recordStarts[r], block.recordEnds[r], "field \(c + 1): \(m)"))
            }
            return true
        }
        let first = errors.min { ($0.error.row, $0.column) < ($1.error.row, $1.column) }!
        for c in builders.indices { builders[c].truncate(to: rows + first.error.row) }
        rows += first.error.row
        failure = .value(recordStart: block.recordStarts[first.error.row], column: first.column, message: first.error.message)
        end = block.recordStarts[first.error.row]
        return false
    }

    /// `expected 3 fields, found 2`.
    static func fieldCountMessage(expected: Int, found: Int) -> String {
        "expected \(expected) field\(expected == 1 ? "" : "s"), found \(found)"
    }
}
