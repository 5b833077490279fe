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
