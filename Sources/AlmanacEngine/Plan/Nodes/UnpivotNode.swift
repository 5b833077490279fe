import AlmanacCore
import AlmanacDiagnostics

/// Turns `columns` into rows: for each input row and each of them (in that order), a row of the `kept` columns, the
/// column's name in `nameColumn` and its value in `valueColumn` (the inverse of `pivot`). The names column is a
/// period when every name spells one of the same frequency (`periods`, in the order of `columns`), else text.
public struct UnpivotNode: Sendable {
    public var input: NodeID
    /// The columns that become rows, in order.
    public var columns: [String]
    /// The columns carried to every new row, in order.
    public var kept: [String]
    public var nameColumn: String
    public var valueColumn: String
    /// What each name spells, when the names make a period column.
    public var periods: [Period]?
    /// The values' type: the widest of the columns' (integers among decimals are decimals; text among numbers is
    /// read as numbers, cell by cell).
    public var valueType: DataType
    /// Whether empty cells make rows too (`keep nulls`).
    public var keepNulls: Bool
    public var schema: Schema
    public var span: SourceSpan
}
