import Foundation
import AlmanacCore

/// What to do with rows whose key says they are totals (`totals` in the catalog).
public enum TotalRowPolicy: String, Sendable, Hashable {
    /// Set them aside at load, note them in `describe` and check them against the sum of their parts (the default).
    case setAside = "set aside"
    /// Keep them as data: the rare table whose total rows are meant to be queried.
    case keep
}

/// Where a loaded table's rows came from, for naming total rows: found again only when a load has total rows.
package indirect enum RowLocator: Sendable {
    /// Nowhere to look (text held in memory): rows are named by their place in the table.
    case none
    /// A CSV file, re-read on that rare path (`RecordLocator`), skipping the lines its lenient load set aside.
    case csv(path: String, options: CSVOptions, rejectedLines: Set<Int>)
    /// A sheet: the sheet row of every table row, and the sheet column (0-based) of each column name.
    case sheet(rows: [Int32], columns: [String: Int])
    /// Files stacked end to end: each file's name, row count and locator.
    case stacked([StackedPart])
    /// The table's rows are these rows of the located one.
    case gathered([Int32], RowLocator)

    package struct StackedPart: Sendable {
        var file: String
        var rows: Int
        var locator: RowLocator
    }

    /// The place of each row (a line; with a column, on a sheet, its cell).
    package func places(_ rows: [Int], column: String? = nil) -> [Int: RowPlace] {
        var out: [Int: RowPlace] = [:]
        switch self {
        case .none:
            break
        case .csv(let path, let options, let rejectedLines):
            let found = (try? RecordLocator.locate(path: path, options: options, rows: Set(rows), rejectedLines: rejectedLines)) ?? [:]
            for (r, at) in found { out[r] = .line(at.line) }
        case .sheet(let numbers, let columns):
            for r in rows where r < numbers.count {
                let row = Int(numbers[r])
                if let c = column.flatMap({ columns[$0] }) { out[r] = .cell(CellName.reference(column: c, row: row)) } else { out[r] = .sheetRow(row) }
            }
        case .stacked(let parts):
            var at = 0
            for p in parts {
                let mine = rows.filter { $0 >= at && $0 < at + p.rows }
                if !mine.isEmpty {
                    let inner = p.locator.places(mine.map { $0 - at }, column: column)
                    for r in mine { out[r] = .inFile(p.file, inner[r - at] ?? .dataRow(r - at + 1)) }
                }
                at += p.rows
            }
        case .gathered(let picked, let inner):
            let source = rows.map { $0 < picked.count ? Int(picked[$0]) : $0 }
            let found = inner.places(source, column: column)
            for (r, s) in zip(rows, source) { out[r] = found[s] }
        }
        for r in rows where out[r] == nil { out[r] = .dataRow(r + 1) }
        return out
    }
}

/// Total rows at load: found (`TotalRowFilter`), checked against their parts (`TotalRowCheck`), set aside into the
/// report (`LoadReport.totals`) and named by where they are in the file.
enum TotalRowLoading {
    /// Sets a loaded table's total rows aside. `locator` names them; nil: the report's own.
    static func setAside(_ result: inout LoadResult, locator: RowLocator? = nil) {
        let table = result.table
        guard let found = TotalRowFilter.find(table) else { return }
        let check = TotalRowCheck.check(table, found)
        let locate = locator ?? result.report.locator
        let rowPlaces = locate.places(found.rows)
        var mismatches: [TotalMismatch] = []
        for m in check.mismatches {
            let name = table.columns[m.measure].name
            let place = locate.places([m.row], column: name)[m.row] ?? .dataRow(m.row + 1)
            mismatches.append(TotalMismatch(place: place, label: label(table, m.row), measure: name, total: m.total, sum: m.sum,
                                            parts: m.parts, decimals: m.decimals))
        }
        var isTotal = [Bool](repeating: false, count: table.rowCount)
        for r in found.rows { isTotal[r] = true }
        let keep = (0..<table.rowCount).filter { !isTotal[$0] }.map { Int32($0) }
        result.table = table.gathering(keep)
        result.report.locator = .gathered(keep, locate)
        result.report.totals = SetAsideTotals(columns: found.columns.map { table.columns[$0].name }, words: found.words,
                                              places: found.rows.map { rowPlaces[$0] ?? .dataRow($0 + 1) },
                                              checked: check.checked, mismatches: mismatches)
    }

    /// A total row's key values, as `Tổng cộng, 2024-01`.
    static func label(_ table: Table, _ row: Int) -> String {
        table.columns.filter { ColumnRole.isKey(role: $0.meta.role, type: $0.dataType) }.compactMap { c -> String? in
            switch c.value(at: row) {
            case .null: return nil
            case .text(let s): return s
            case let v: return v.description
            }
        }.joined(separator: ", ")
    }

    /// The text columns a file's first rows give (a load's preview): the columns a total row can be marked in, read
    /// with the columns a query asks for so that its totals are found however few columns it reads.
    static func textColumns(path: String, sheet: String?, options: CSVOptions) throws -> Set<String> {
        var o = options
        o.columns = nil
        o.maxRows = options.sampleRows
        o.totalRows = .keep
        let t = try TableFile.loadAsIs(path: path, sheet: sheet, options: o).table
        return Set(t.columns.filter { $0.dataType == .text && $0.meta.role != .attribute }.map(\.name))
    }

    /// Loads with the total rows set aside (when `options.totalRows` says so), reading the text columns a total row
    /// can be marked in even when `options.columns` leaves them out (they are dropped again after).
    static func load(path: String, sheet: String?, options: CSVOptions,
                     _ read: (CSVOptions) throws -> LoadResult) throws -> LoadResult {
        guard options.totalRows == .setAside else { return try read(options) }
        var inner = options
        inner.totalRows = .keep
        var extra: Set<String> = []
        if let asked = options.columns {
            extra = try textColumns(path: path, sheet: sheet, options: inner).subtracting(asked)
            inner.columns = asked.union(extra)
        }
        var result = try read(inner)
        setAside(&result)
        if !extra.isEmpty { result.table = try Table(columns: result.table.columns.filter { !extra.contains($0.name) }) }
        return result
    }
}
