/// What a column means to a planner: its role in the table and, for measures, its unit.
public enum ColumnRole: String, Sendable, Hashable {
    /// A key that identifies a series (province, partner, flow, product).
    case dimension
    /// The key that orders a series in time.
    case period
    /// A quantity to aggregate and compare.
    case measure
    /// Descriptive text carried along (source, note, status): neither a series key nor a measure.
    case attribute
}

extension ColumnRole {
    /// Whether a column is a series key: its role says so, or, without a role, it holds text, booleans or periods.
    public static func isKey(role: ColumnRole?, type: DataType) -> Bool {
        if let r = role { return r == .dimension || r == .period }
        switch type {
        case .text, .bool, .period: return true
        case .int, .float: return false
        }
    }

    /// Which of a table's columns orders its series in time: the only period column that is not an attribute, or
    /// the only one whose role is `period`; nil when there is none or the choice is ambiguous. `columns` gives each
    /// column's role and type, in order; the result is an index into it.
    public static func periodKeyIndex(_ columns: [(role: ColumnRole?, type: DataType)]) -> Int? {
        let candidates = columns.indices.filter { columns[$0].type.isPeriod && columns[$0].role != .attribute }
        if candidates.count == 1 { return candidates[0] }
        let marked = candidates.filter { columns[$0].role == .period }
        return marked.count == 1 ? marked[0] : nil
    }
}

/// Descriptive facts carried with a column from load to workbook.
public struct ColumnMeta: Sendable, Hashable {
    public var role: ColumnRole?
    /// The measure's unit, e.g. `USD`, `million USD`, `billion VND`, `arrivals`, `%`.
    public var unit: String?
    /// Why the loader chose the column's type (e.g. "kept as text: leading zero in '0902' (line 3)").
    public var inferenceNote: String?
    /// A human label (Vietnamese header) for reports.
    public var label: String?

    public init(role: ColumnRole? = nil, unit: String? = nil, inferenceNote: String? = nil, label: String? = nil) {
        self.role = role
        self.unit = unit
        self.inferenceNote = inferenceNote
        self.label = label
    }
}
