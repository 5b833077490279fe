/// An ordered set of named columns of equal length.
public struct Table: Sendable {
    public private(set) var columns: [Column]
    public let rowCount: Int
    /// Each name's position, built once and kept up to date by `set`, so that a step that adds one column costs one
    /// insertion rather than a pass over every name (a pipeline of thousands of derives was quadratic).
    private var positions: [String: Int]

    /// Builds a table; column names must be unique and lengths equal.
    public init(columns: [Column]) throws {
        let n = columns.first?.count ?? 0
        var positions: [String: Int] = [:]
        positions.reserveCapacity(columns.count)
        for (i, c) in columns.enumerated() {
            guard c.count == n else { throw TableError.lengthMismatch(column: c.name, expected: n, found: c.count) }
            guard positions.updateValue(i, forKey: c.name) == nil else { throw TableError.duplicateColumn(c.name) }
        }
        WorkCounters.namesIndexed.add(columns.count, ordering: .relaxed)
        self.columns = columns
        self.rowCount = n
        self.positions = positions
    }

    /// An empty table with no columns.
    public static let empty = try! Table(columns: [])

    public var columnNames: [String] { columns.map(\.name) }

    public func column(named name: String) -> Column? { positions[name].map { columns[$0] } }

    public func index(of name: String) -> Int? { positions[name] }

    /// The period columns, in order.
    public var periodColumns: [Column] { columns.filter { $0.dataType.isPeriod } }

    /// The column that orders series in time (see `ColumnRole.periodKeyIndex`): nil when none or ambiguous.
    public var periodKey: Column? {
        ColumnRole.periodKeyIndex(columns.map { ($0.meta.role, $0.dataType) }).map { columns[$0] }
    }

    /// Key columns: those with a dimension or period role, or, where no role was given, text, boolean and period columns.
    public var keyColumns: [Column] {
        columns.filter { ColumnRole.isKey(role: $0.meta.role, type: $0.dataType) }
    }

    /// Measure columns: the numeric columns that are not keys.
    public var measureColumns: [Column] {
        let keys = Set(keyColumns.map(\.name))
        return columns.filter { !keys.contains($0.name) && $0.dataType.isNumeric }
    }

    /// A copy with one column replaced or appended.
    public func setting(_ column: Column) throws -> Table {
        var t = self
        try t.set(column)
        return t
    }

    /// Replaces the column of the same name, or appends it: one index update, no pass over the other columns.
    public mutating func set(_ column: Column) throws {
        guard column.count == rowCount || columns.isEmpty else {
            throw TableError.lengthMismatch(column: column.name, expected: rowCount, found: column.count)
        }
        if columns.isEmpty { self = try Table(columns: [column]); return }
        if let i = positions[column.name] { columns[i] = column } else { positions[column.name] = columns.count; columns.append(column) }
    }

    /// Changes a column's role in place (no-op for a name not here).
    public mutating func setRole(_ name: String, _ role: ColumnRole?) {
        if let i = positions[name] { columns[i].meta.role = role }
    }

    /// The rows picked by `indices`, in that order.
    public func gathering(_ indices: [Int32]) -> Table {
        // Lengths stay equal and names unique: cannot throw.
        try! Table(columns: columns.map { $0.gathering(indices) })
    }

    /// The first `n` rows.
    public func prefix(_ n: Int) -> Table {
        gathering((0..<Int32(min(n, rowCount))).map { $0 })
    }

    /// A row as values (slow path: display and tests).
    public func row(_ i: Int) -> [Value] { columns.map { $0.value(at: i) } }
}

/// Errors building a table.
public enum TableError: Error, Equatable, CustomStringConvertible {
    case lengthMismatch(column: String, expected: Int, found: Int)
    case duplicateColumn(String)

    public var description: String {
        switch self {
        case .lengthMismatch(let c, let e, let f): return "column '\(c)' has \(f) rows; expected \(e)"
        case .duplicateColumn(let c): return "column '\(c)' appears twice"
        }
    }
}
