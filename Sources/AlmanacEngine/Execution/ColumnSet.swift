import AlmanacCore
import AlmanacKernels
import AlmanacSyntax

/// A table's columns with a name index, for the executor: a derive adds or replaces its columns here one after the
/// other at constant cost (a `Table` checks every name on each change, which made long derives quadratic), and
/// makes the table once at the end.
struct ColumnSet {
    private(set) var columns: [Column]
    private var index: [String: Int]
    let rowCount: Int

    init(_ table: Table) {
        columns = table.columns
        rowCount = table.rowCount
        index = Dictionary(table.columns.enumerated().map { ($1.name, $0) }, uniquingKeysWith: { first, _ in first })
    }

    func column(named name: String) -> Column? { index[name].map { columns[$0] } }

    /// Replaces the column of the same name, or appends it.
    mutating func set(_ c: Column) throws {
        try checkLength(c, rowCount)
        if let i = index[c.name] { columns[i] = c } else { index[c.name] = columns.count; columns.append(c) }
    }

    mutating func setRole(_ name: String, _ role: ColumnRole?) {
        if let i = index[name] { columns[i].meta.role = role }
    }

    func table() throws -> Table { try Table(columns: columns) }
}
