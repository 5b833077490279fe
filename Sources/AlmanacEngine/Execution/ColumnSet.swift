import AlmanacCore
import AlmanacKernels
import AlmanacSyntax

/// A table's columns by name, for the executor: a derive adds or replaces its columns here one after the other, each
/// at the cost of one index update (the table keeps its name index; nothing is rebuilt per column or per step).
struct ColumnSet {
    private(set) var table: Table

    init(_ table: Table) { self.table = table }

    var columns: [Column] { table.columns }
    var rowCount: Int { table.rowCount }

    func column(named name: String) -> Column? { table.column(named: name) }

    /// Replaces the column of the same name, or appends it.
    mutating func set(_ c: Column) throws {
        if !table.columns.isEmpty { try checkLength(c, rowCount) }
        try table.set(c)
    }

    mutating func setRole(_ name: String, _ role: ColumnRole?) { table.setRole(name, role) }
}
