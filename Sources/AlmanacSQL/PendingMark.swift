import AlmanacCore

/// A cell note a database's fact statement found (a row whose sum is not like-for-like with its base's), named by
/// its row's series keys and period, to be placed on the result's row with those values.
struct PendingMark {
    /// The series keys' names and their values as text (as the database casts them), and the period's name and ordinal.
    var keyNames: [String]
    var keys: [String]
    var periodName: String
    var period: Int32
    var text: String
}

extension SQLFactStatements {
    /// The notes of the result's cells, per column and row (as `QueryResult.marks`): each check's marks placed on the
    /// row of `table` (the result) with their keys and period; a mark whose row or column the result has not is
    /// left out (a later filter dropped the row, a select the column). A later mark of the same cell wins, as in memory.
    public func marks(_ results: [[Column]], table: Table) -> [String: [Int32: String]] {
        guard results.count == statements.count else { return [:] }
        var out: [String: [Int32: String]] = [:]
        var located: [[String]: [String: Int32]] = [:]
        for m in markers where table.column(named: m.column) != nil {
            for mark in m.read(Array(results[m.first..<(m.first + m.count)])) {
                let names = mark.keyNames + [mark.periodName]
                if located[names] == nil { located[names] = Self.rowsByKey(table, names) }
                guard let row = located[names]?[(mark.keys + [String(mark.period)]).joined(separator: "\u{1F}")] else { continue }
                out[m.column, default: [:]][row] = mark.text
            }
        }
        return out
    }

    /// The row of each combination of these columns' values (the last one the period, by ordinal), as text.
    static func rowsByKey(_ table: Table, _ names: [String]) -> [String: Int32] {
        let columns = names.compactMap { table.column(named: $0) }
        guard columns.count == names.count else { return [:] }
        var rows: [String: Int32] = [:]
        for r in 0..<table.rowCount {
            let texts = columns.map { c -> String in
                switch c.value(at: r) {
                case .period(let p): return String(p.ordinal)
                case .text(let s): return s
                case let v: return v.description
                }
            }
            rows[texts.joined(separator: "\u{1F}")] = Int32(r)
        }
        return rows
    }
}
