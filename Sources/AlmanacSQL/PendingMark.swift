import AlmanacCore

/// A cell note a database's fact statement found (a row whose sum is not like-for-like with its base's), named by
/// its row's series keys and period (a compare's rows have none), to be placed on the result's row with those values.
struct PendingMark {
    /// The series keys' names and their values as text (as the database casts them, or `keyText`), and the period's
    /// name and ordinal.
    var keyNames: [String]
    var keys: [String]
    var periodName: String?
    var period: Int32?
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
                let names = mark.keyNames + (mark.periodName.map { [$0] } ?? [])
                if located[names] == nil { located[names] = Self.rowsByKey(table, names) }
                let keys = mark.keys + (mark.period.map { [String($0)] } ?? [])
                guard let row = located[names]?[keys.joined(separator: "\u{1F}")] else { continue }
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
            rows[columns.map { keyText($0.value(at: r)) }.joined(separator: "\u{1F}")] = Int32(r)
        }
        return rows
    }

    /// A key's value as a mark names it: a period by its ordinal, text as it is, other values as they print.
    static func keyText(_ v: Value) -> String {
        switch v {
        case .period(let p): return String(p.ordinal)
        case .text(let s): return s
        default: return v.description
        }
    }
}
