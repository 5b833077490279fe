import AlmanacCore
import AlmanacDiagnostics

/// A type error, one case per message, with the values it reports. Each case knows its kind (`TypeMismatch`, whose
/// id `query.type-mismatch.<kind>` it carries; several cases share a kind). The English message and hint are
/// written in `TypeMismatchMessage+Text.swift` only. Thrown as `DiagnosticError(.typeMismatch(.negation(found: t), span: s))`.
public enum TypeMismatchMessage: DiagnosticMessage {
    // Aggregates
    /// `sum(null)`: an aggregate of the null constant.
    case aggregateOfNull(function: FunctionID)
    case sumNeedsNumbers(found: DataType?)
    /// avg, median, cagr, … of a column that is not numeric.
    case aggregateNeedsNumbers(function: FunctionID, found: DataType?)
    /// The results of `if`/`coalesce` are of two kinds.
    case mixedBranches(function: FunctionID, first: DataType, other: DataType)

    // Periods
    /// `month(q)` of quarters: the result would be finer than the argument (nil: the argument's frequency is unknown).
    case finerThanArgument(function: FunctionID, argument: Frequency?)
    /// A period column compared with a finer constant period (`year >= 2024-02`).
    case finerPeriodConstant(column: Frequency, constant: Period)
    /// A compare range's bound finer than the table's periods.
    case finerRangeBound(bound: Period, table: Frequency)
    /// `ym(2024, 13)`: the month (or quarter, by `part`) does not exist.
    case periodPartOutOfRange(function: FunctionID, part: Frequency, value: Double)
    case notAPeriod(text: String)
    case periodArgument(found: DataType?)
    /// An integer compared with a period column that is no year (1 to 9999).
    case notAYearToCompare(year: Int64, column: Frequency)
    case targetYearNotAYear(year: Int)
    case indexBaseNotAYear(year: Int64)
    /// index's base period is of another frequency than the series.
    case indexBaseFrequency(base: Period, series: Frequency)
    /// period − period of two frequencies.
    case periodDifference(left: Frequency, right: Frequency)
    /// A constant period moved past the years 1 to 9999.
    case periodShiftOutOfRange(start: Period, op: ArithmeticOperator, steps: Value)
    /// A `$name` that must be a period and is not one (`reason` is the period parser's).
    case parameterNotAPeriod(name: String, value: String, reason: String)

    // Functions
    case numericTarget(function: FunctionID, found: DataType?)
    case rollingWindow
    /// A function along a series given a measure that is not numeric.
    case seriesNeedsNumbers(function: FunctionID, found: DataType?)
    /// Argument `position` (from 1) is not `expected` (the function's own words: "a period").
    case functionArgument(function: FunctionID, position: Int, expected: String, found: DataType?)
    /// A growth's second argument that is not the word `matched`.
    case matchedArgument(function: FunctionID)
    /// `argument` ("rolling's number of periods") is written with a fraction.
    case wholeNumber(function: FunctionID, argument: String)

    // Steps
    case pivotValuesNotNumbers(column: String, type: DataType)
    /// A pivot over `column` with no numeric column to spread.
    case pivotNoValues(column: String)
    case takeCountTooLarge
    case compareNeedsMeasure
    /// A range whose lower bound is after its upper.
    case emptyRange(lower: Value, upper: Value)
    /// Join key `key` has type `left` here and `right` in `lookup`; `leftOrigin` is where the key is made (if a step
    /// made it), `lookupSpan` where the lookup is named.
    case joinKeyTypes(key: String, left: DataType, leftOrigin: SourceSpan?, lookupKey: String, right: DataType, lookup: String, lookupSpan: SourceSpan)
    /// Two measures of different declared units added, subtracted or compared.
    case unitsDiffer(_ operation: UnitOperation, left: UnitOperand, right: UnitOperand)
    /// An unpivot of columns in different units (the first two shown).
    case unpivotUnits(first: UnitOperand, second: UnitOperand)
    case unpivotMixedTypes(first: String, firstType: DataType, other: String, otherType: DataType)

    // Operators
    case negation(found: DataType?)
    /// `misread`: why a side is probably not what was meant (a text naming a column, a parameter's text).
    case comparison(left: DataType, right: DataType, misread: MisreadOperand? = nil)
    /// Two text constants compared: always `always`; `namedColumn` when one of them names a column.
    case constantTexts(left: String, right: String, always: Bool, namedColumn: String?)
    case arithmetic(_ op: ArithmeticOperator, left: DataType?, right: DataType?, namedColumn: String?)
    case nullComparison
    /// `clause` ("where", "if", "and", "not") given a value that is not a condition; `column` when it is a column.
    case condition(clause: String, found: DataType?, column: String?)

    /// The kind, which names the id.
    public var kind: TypeMismatch {
        switch self {
        case .aggregateOfNull: return .aggregateOfNull
        case .sumNeedsNumbers, .aggregateNeedsNumbers: return .aggregateArgument
        case .mixedBranches: return .mixedBranches
        case .finerThanArgument, .finerPeriodConstant, .finerRangeBound: return .finerPeriod
        case .periodPartOutOfRange: return .periodPartRange
        case .notAPeriod: return .notAPeriod
        case .periodArgument: return .periodArgument
        case .notAYearToCompare, .targetYearNotAYear, .indexBaseNotAYear: return .notAYear
        case .indexBaseFrequency: return .indexBaseFrequency
        case .periodDifference: return .periodDifference
        case .periodShiftOutOfRange: return .periodOutOfRange
        case .parameterNotAPeriod: return .parameter
        case .numericTarget: return .numericTarget
        case .rollingWindow: return .windowLength
        case .seriesNeedsNumbers: return .seriesMeasure
        case .functionArgument, .matchedArgument: return .functionArgument
        case .wholeNumber: return .wholeNumber
        case .pivotValuesNotNumbers, .pivotNoValues: return .pivotValues
        case .takeCountTooLarge: return .countTooLarge
        case .compareNeedsMeasure: return .compareMeasure
        case .emptyRange: return .emptyRange
        case .joinKeyTypes: return .joinKeys
        case .unitsDiffer, .unpivotUnits: return .units
        case .unpivotMixedTypes: return .unpivotValues
        case .negation: return .negation
        case .comparison: return .comparison
        case .constantTexts: return .constantTexts
        case .arithmetic: return .arithmetic
        case .nullComparison: return .nullComparison
        case .condition: return .condition
        }
    }

    public var id: DiagnosticID { kind.id }
}

/// What two measures of different units were being combined by.
public enum UnitOperation: String, Hashable, Sendable {
    case add, subtract, compare
}

/// One side of a unit mismatch: its unit, and its column when it is one.
public struct UnitOperand: Hashable, Sendable {
    public var column: String?
    public var unit: String

    public init(column: String?, unit: String) {
        self.column = column
        self.unit = unit
    }
}

/// Why a side of a comparison is probably not what the query meant.
public enum MisreadOperand: Hashable, Sendable {
    /// `"tỉnh"` where the column `tỉnh` exists.
    case textNamesColumn(String)
    /// `$name` is the text `value` where a value of type `wanted` was needed.
    case parameterText(name: String, value: String, wanted: DataType)
}

extension Diagnostic {
    /// A type error: its id is `query.type-mismatch.<kind>`, in the family `query.type-mismatch`.
    static func typeMismatch(_ message: TypeMismatchMessage, span: SourceSpan) -> Diagnostic {
        Diagnostic(message, span: span)
    }
}
