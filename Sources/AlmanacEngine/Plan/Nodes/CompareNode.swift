import AlmanacCore
import AlmanacDiagnostics

/// Sums each measure per series over two ranges of periods and compares them: `m_base`, `m_current`, `m_change`,
/// `m_growth`.
public struct CompareNode: Sendable {
    public var input: NodeID
    public var base: ClosedRange<Period>
    public var current: ClosedRange<Period>
    public var seriesKeys: [String]
    public var period: String
    public var measures: [String]
    /// `compare … matched`: each range sums only the sub-series present in both (see `RowCoverage`).
    public var matched: Bool = false
    public var schema: Schema
    public var span: SourceSpan
}
