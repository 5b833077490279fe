import AlmanacDiagnostics

extension DiagnosticID {
    /// Every type error (`query.type-mismatch.<kind>`).
    public static let typeMismatch: DiagnosticID = "query.type-mismatch"
    /// Every error found only by running (`query.runtime.<kind>`).
    public static let runtime: DiagnosticID = "query.runtime"
    public static let needsPeriod: DiagnosticID = "query.needs-period"
    public static let severalPeriods: DiagnosticID = "query.several-periods"
}

/// Why the types of a query do not fit: one stable id per kind of message.
public enum TypeMismatch: String, CaseIterable, Sendable {
    case aggregateOfNull = "aggregate-of-null", aggregateArgument = "aggregate-argument", mixedBranches = "mixed-branches"
    case finerPeriod = "finer-period", periodPartRange = "period-part-range", notAPeriod = "not-a-period", periodArgument = "period-argument"
    case notAYear = "not-a-year", numericTarget = "numeric-target", indexBaseFrequency = "index-base-frequency", windowLength = "window-length"
    case pivotValues = "pivot-values", countTooLarge = "count-too-large", compareMeasure = "compare-measure", emptyRange = "empty-range"
    case joinKeys = "join-keys", units = "units", seriesMeasure = "series-measure", functionArgument = "function-argument"
    case wholeNumber = "whole-number", parameter = "parameter", negation = "negation", comparison = "comparison"
    case constantTexts = "constant-texts", arithmetic = "arithmetic", nullComparison = "null-comparison"
    case periodDifference = "period-difference", periodOutOfRange = "period-out-of-range", condition = "condition"
    case unpivotValues = "unpivot-values"

    public var id: DiagnosticID { DiagnosticID("\(DiagnosticID.typeMismatch.rawValue).\(rawValue)") }
}

/// What went wrong while running: one stable id per kind.
public enum RuntimeFailure: String, CaseIterable, Sendable {
    /// A bug: an invariant the binder established did not hold.
    case `internal` = "internal"
    case pivotEmpty = "pivot-empty", pivotShape = "pivot-shape", pivotNameClash = "pivot-name-clash"
    case aggregate = "aggregate", joinDuplicateKey = "join-duplicate-key", join = "join", filterCondition = "filter-condition"
    case series = "series", periodParts = "period-parts", periodValue = "period-value", indexBaseFrequency = "index-base-frequency"
    case unpivotValue = "unpivot-value", unpivotShape = "unpivot-shape"
    case matchedMeasure = "matched-measure"

    public var id: DiagnosticID { DiagnosticID("\(DiagnosticID.runtime.rawValue).\(rawValue)") }
}
