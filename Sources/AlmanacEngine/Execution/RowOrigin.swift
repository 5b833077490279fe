import AlmanacCore

/// Where the current table's rows came from: the source its scan read and, through the steps that kept, reordered
/// or repeated rows, the source row of each. Kept as the chain of gathers (arrays shared, never copied), walked back
/// only when a step must name the row of a bad cell. Steps that make new rows (aggregate, pivot, compare) end it.
struct RowOrigin {
    let source: SourceHandle
    let lenient: Bool
    let locate: RowLocate?
    /// Each gather's rows, in step order: row r of the table after gather k is row `gathers[k][r]` before it.
    private var gathers: [[Int32]] = []
    private(set) var rowCount: Int

    init(source: SourceHandle, loaded: SourceTable) {
        self.source = source
        lenient = loaded.lenient
        locate = loaded.locate
        rowCount = loaded.table.rowCount
    }

    /// The origin after a step with this lineage update and row count; nil when the rows are no longer the
    /// source's (new rows, or a count that does not follow from the update).
    func after(_ update: LineageUpdate, rowCount n: Int) -> RowOrigin? {
        var o = self
        guard o.apply(update) else { return nil }
        return o.rowCount == n ? o : nil
    }

    private mutating func apply(_ update: LineageUpdate) -> Bool {
        switch update {
        case .cleared: return false
        case .gathered(let rows): gathers.append(rows); rowCount = rows.count
        case .steps(let list): for u in list where !apply(u) { return false }
        case .unchanged, .assigned, .selected: break
        }
        return true
    }

    /// The source row of a current row.
    func sourceRow(_ row: Int) -> Int {
        var r = row
        for g in gathers.reversed() { r = Int(g[r]) }
        return r
    }

    /// Where current rows are in the source (the cell of `column` on a sheet); rows not found are absent.
    func places(_ rows: [Int], column: String?) -> [Int: RowPlace] {
        guard let locate else { return [:] }
        let source = rows.map(sourceRow)
        let found = locate(source, column)
        var out: [Int: RowPlace] = [:]
        for (r, s) in zip(rows, source) { out[r] = found[s] }
        return out
    }
}

extension RowPlace {
    /// The line, or the sheet row, a rejected row is listed under (0 when the file cannot be read again).
    var reportLine: Int {
        switch self {
        case .line(let n), .sheetRow(let n): return n
        case .cell(let ref): return Int(ref.drop { !$0.isNumber }) ?? 0
        case .dataRow: return 0
        case .inFile(_, let p): return p.reportLine
        }
    }
}
