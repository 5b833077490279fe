import AlmanacCore

/// Errors kernels report instead of trapping: typed values, worded only in `KernelError+Text.swift`. The engine
/// wraps them in a step's diagnostic (`query.runtime.<kind>`); the text is for that wrapping, not final user text.
public enum KernelError: Error, Hashable, CustomStringConvertible {
    /// Inputs that must have one length do not.
    case lengthMismatch(expected: Int, found: Int)
    /// An operand of a type the kernel does not accept (e.g. text in arithmetic).
    case typeMismatch(KernelTypeMismatch)
    /// Two or more rows share one (series, period): time functions need one row per period.
    case duplicatePeriod(DuplicatePeriod)
    /// Two or more rows share one key tuple where keys must be unique (join lookup, pivot cell).
    case duplicateKey(DuplicateKey)
    /// The requested layout would not fit in memory (e.g. a pivot with too many cells).
    case tooLarge(KernelLimit)
    /// An argument out of its domain (e.g. a rolling window of 0 periods).
    case invalidArgument(KernelArgument)
}

/// Why a kernel cannot take an operand: one case per message.
public enum KernelTypeMismatch: Hashable, Sendable {
    /// A numeric operand (`role`: "value", "left operand", …) holds another type.
    case notANumber(role: String, found: DataType)
    /// A numeric operand is a constant of another type.
    case constantNotANumber(role: String, value: Value)
    /// `function` (sum, rank, round, abs, …) was given a column that is not numeric.
    case functionNeedsNumber(function: String, found: DataType)
    /// progress() was given a column that is not of floats.
    case progressNeedsNumbers
    case expectedBoolean(found: DataType)
    case constantNotBoolean(value: Value)
    case expectedText(found: DataType)
    case expectedTextColumn
    /// nil `found`: the type is not worth naming.
    case expectedPeriodColumn(found: DataType?)
    /// A kernel that works along periods was given no period column.
    case periodColumnNeeded(by: PeriodColumnUser, found: DataType?)
    /// Two columns of types no comparison relates.
    case incomparable(DataType, DataType)
    /// A column and a constant no comparison relates.
    case incomparableConstant(DataType, Value)
    /// A period column and a constant period of a finer frequency (`year >= 2024-02`).
    case finerPeriodConstant(column: Frequency, constant: Period)
    /// `in (…)` over text with a constant that is not text.
    case lookForInText(Value)
    /// The branches of a conditional have these types, which do not share one.
    case cannotCombine([DataType])
    case convertToFiner(from: Frequency, to: Frequency)
    /// period − period over columns that are not periods of one frequency.
    case periodDifference(DataType, DataType)
    /// A period moved by steps of a column type that is not an integer.
    case periodSteps(found: DataType)
    case constantPeriodSteps(value: Value)
    /// Join keys of types that cannot match.
    case unjoinable(DataType, DataType)
}

/// The kernels that need a period column, as their messages name them.
public enum PeriodColumnUser: Hashable, Sendable {
    case compare, requiredGrowth, cagr, firstLast, timeFunctions
}

/// A layout that would not fit: one case per message.
public enum KernelLimit: Hashable, Sendable {
    case pivotCells(rows: Int, columns: Int)
    case tableRows
    case unpivotRows(rows: Int, columns: Int)
}

/// An argument out of its domain: one case per message.
public enum KernelArgument: Hashable, Sendable {
    case yearOutOfRange(Int64)
    case rollingWindow(Int)
    case joinKeyCount(left: Int, lookup: Int)
    /// An aggregate other than count() reached its kernel with no argument.
    case aggregateWithoutArgument
}

/// The first (series, period) found on more than one row.
public struct DuplicatePeriod: Hashable, Sendable {
    /// A row of the series (its first row in table order): read the series key values from it.
    public var seriesRow: Int
    /// The duplicated period's ordinal and frequency.
    public var ordinal: Int32
    public var frequency: Frequency
    /// How many rows share this (series, period).
    public var rowCount: Int
    /// Those rows, in table order.
    public var rows: [Int32]

    /// `(Hà Giang, export, 2021-03)`: the series key values at `seriesRow`, then the period.
    public func keyText(seriesKeys: [Column]) -> String {
        let parts = seriesKeys.map { c in seriesRow < c.count ? c.value(at: seriesRow).description : "?" }
        return "(" + (parts + [PeriodFormat.string(ordinal, frequency)]).joined(separator: ", ") + ")"
    }
}

/// The first key tuple found on more than one row where keys must be unique.
public struct DuplicateKey: Hashable, Sendable {
    /// The key values as text, e.g. `(Hà Giang, 2021)`.
    public var keyText: String
    /// How many rows share it, and those rows (in the table the duplicate was found in).
    public var rowCount: Int
    public var rows: [Int32]
}
