import AlmanacCore
import AlmanacKernels
import AlmanacDiagnostics

/// An error found only by running (the data decide), one case per message, with the values it reports. Each case
/// knows its kind (`RuntimeFailure`, whose id `query.runtime.<kind>` it carries). The English message and hint are
/// written in `RuntimeFailureMessage+Text.swift` only. Thrown as `DiagnosticError(.runtime(.pivotEmpty, span: s))`.
public enum RuntimeFailureMessage: DiagnosticMessage {
    /// A bug: an invariant the binder established did not hold (`description` says which).
    case `internal`(String)

    // Pivot
    /// No rows reached the pivot.
    case pivotEmpty
    /// The pivot's kernel refused the layout (a duplicate cell, too many cells) for spreading `column`.
    case pivotShape(KernelError, column: String)
    /// A value of `column` is `value`, which is already a column of the result.
    case pivotNameClash(column: String, value: String)

    // Aggregate, join, filter
    case aggregateKernel(function: FunctionID, error: KernelError)
    /// The lookup `lookup` has `rows` rows for the key `key` (its values as text, `(Hà Giang, 2021)`).
    case joinDuplicateKey(lookup: String, key: String, rows: Int)
    case joinKernel(KernelError)
    case filterCondition

    // Series and periods
    case seriesKernel(function: FunctionID, error: KernelError)
    /// ym/yq met a bad part (the error names its 0-based row).
    case periodParts(function: FunctionID, error: PeriodFromParts.PartError)
    /// period() of an integer that is no year, on 0-based row `row`.
    case periodNotAYear(value: Int64, row: Int)
    /// period() of a text column (`expression` as written) none of whose values is a period.
    case periodNoValueParses(expression: String)
    /// period() of a text on 0-based row `row` that is not a period of the column's frequency.
    case periodWrongFrequency(text: String, row: Int, frequency: Frequency)
    case periodNeedsYearOrText
    /// index's base is of another frequency than the series; `example` is the series' first period.
    case indexBaseFrequency(base: Period, series: Frequency, example: Period)

    // Unpivot
    /// A text cell among numbers: `column`, its `text`, its 0-based `row`, the row's kept keys and, when the rows
    /// are followed back to their source, its place there.
    case unpivotNotANumber(column: String, text: String, row: Int, keys: [KeyValue], source: String?, place: RowPlace?)
    case unpivotShape(KernelError)

    // Like-for-like comparisons
    /// `yoy(x, matched)` or `compare … matched` over a measure whose sub-series' values are unknown (not a sum an
    /// aggregate made): `call` as written, the measure's name when it is a column.
    case matchedMeasure(call: String, measure: String?)

    /// The kind, which names the id.
    public var kind: RuntimeFailure {
        switch self {
        case .internal: return .internal
        case .pivotEmpty: return .pivotEmpty
        case .pivotShape: return .pivotShape
        case .pivotNameClash: return .pivotNameClash
        case .aggregateKernel: return .aggregate
        case .joinDuplicateKey: return .joinDuplicateKey
        case .joinKernel: return .join
        case .filterCondition: return .filterCondition
        case .seriesKernel: return .series
        case .periodParts: return .periodParts
        case .periodNotAYear, .periodNoValueParses, .periodWrongFrequency, .periodNeedsYearOrText: return .periodValue
        case .indexBaseFrequency: return .indexBaseFrequency
        case .unpivotNotANumber: return .unpivotValue
        case .unpivotShape: return .unpivotShape
        case .matchedMeasure: return .matchedMeasure
        }
    }

    public var id: DiagnosticID { kind.id }
}

/// A column's name and its value on one row.
public struct KeyValue: Hashable, Sendable {
    public var name: String
    public var value: Value

    public init(name: String, value: Value) {
        self.name = name
        self.value = value
    }
}

extension Diagnostic {
    /// An error found only by running: its id is `query.runtime.<kind>`, in the family `query.runtime`.
    static func runtime(_ message: RuntimeFailureMessage, span: SourceSpan?) -> Diagnostic {
        Diagnostic(message, span: span)
    }
}
