import AlmanacCore
import AlmanacDiagnostics

/// What a growth compares each row with.
public enum GrowthBase: Hashable, Sendable {
    case previousPeriod
    case yearEarlier
    case periodsEarlier(Int, Frequency)
    case periodsLater(Int, Frequency)

    /// The base of `lag(x, steps)` over a series of this frequency.
    package static func lag(_ steps: Int, _ freq: Frequency) -> GrowthBase {
        if steps == 1 { return .previousPeriod }
        if let perYear = freq.periodsPerYear, steps == Int(perYear) { return .yearEarlier }
        return steps > 0 ? .periodsEarlier(steps, freq) : .periodsLater(Int(steps.magnitude), freq)
    }
}

/// How one range of a `compare` is covered.
public struct RangeCoverage: Hashable, Sendable {
    /// Series concerned.
    public var series: Int
    /// `2015..2019`.
    public var range: String
    /// Periods in the range (for a partial range).
    public var periods: Int = 0
}

/// Why a group's `cagr` is null.
public enum CagrGap: Hashable, Sendable {
    /// The first period's value is zero or negative: no rate grows from it.
    case startNotPositive
    /// The last period's value is negative.
    case endNegative
    /// The group has a value in one period only.
    case singlePeriod
    /// The group has rows but no value in any period.
    case noValues
}

/// Why an unpivot's names are not a period column.
public enum UnpivotNames: Hashable, Sendable {
    /// `name` is not a period, while `periods` (the first few) are.
    case notAPeriod(name: String, periods: [String])
    /// Every name is a period, of these frequencies.
    case mixedFrequencies([String])
}

/// Every fact the engine reports about a run, with its typed values: operators return these, and `Diagnostic(fact:)`
/// renders them (English for the terminal, Vietnamese for the Notes sheet; see QueryFact+Rendering.swift).
public enum QueryFact: Fact, Hashable {
    /// `"tỉnh"` where the column `tỉnh` was probably meant.
    case textNamesColumn(name: String)
    /// Rows a lenient load set aside (the first few, with their line and reason).
    case rejectedRows(source: String, count: Int, lines: [Int], reasons: [String])
    case joinUnmatched(rows: Int, dataset: String, keys: [String])
    case pivotNulls(rows: Int, column: String)
    /// Series with no rows in a range of a compare.
    case compareEmpty(ranges: [RangeCoverage], examples: [String])
    /// Series with only some periods of a range; the example is (series, periods present, periods in the range).
    case comparePartial(ranges: [RangeCoverage], example: String?, present: Int, of: Int)
    /// A coarser period of an aggregate that the data cover only from `from` (the data start inside it).
    case incompleteStart(period: String, have: Int, of: Int, unit: Frequency, whole: Frequency, from: String)
    /// The last coarser period of an aggregate, covered only by `extent` (`through 2024-10`).
    case incompleteEnd(period: String, have: Int, of: Int, unit: Frequency, extentStart: String?, through: String)
    /// Rows whose base period is missing (or zero, for a ratio): their result is null.
    case growthGaps(call: String, rows: Int, base: GrowthBase, zeroCounts: Bool, periods: [String])
    /// Rows whose result is beyond ±1.8e308: null.
    case overflow(call: String, rows: Int)
    /// Running totals over windows with missing periods.
    case cumulativeGaps(call: String, rows: Int, of: Int)
    /// Series with no usable value at an index's base period.
    case indexBaseMissing(call: String, series: Int, base: String, examples: [String])
    /// Rows whose sum holds other sub-series (or finer periods) than their base row's (see CoverageFacts.swift):
    /// computed all the same, but not like-for-like; with `matched`, computed over the members on both sides.
    /// `examples` is how many differences there are to show (rows, or the months of year-to-date windows); the first few are `differences`.
    case coverageDiffers(call: String, rows: Int, dimensions: [String], matched: Bool, suggestion: String?, differences: [CoverageDifference], examples: Int)
    /// Rows of a growth of running totals whose window holds other periods than its base's: null; with `matched`,
    /// compared over the periods in both windows.
    /// `nulled` is false for a comparison that keeps its value (`lag(ytd_x, 12)`: last year's total, said not alike).
    /// An aggregate a growth compares that a database computed: whether its rows and their bases sum the same series
    /// and months is checked only in memory (`dimensions`: what it summed away).
    case coverageUnchecked(dimensions: [String])
    case windowsDiffer(call: String, rows: Int, matched: Bool, suggestion: String?, differences: [WindowDifference], nulled: Bool = true)
    /// Empty cells an unpivot left out (no `keep nulls`).
    case unpivotNulls(cells: Int, column: String)
    /// Cells of a leniently loaded source an unpivot set aside as not numbers (the first few as examples).
    case unpivotRejected(source: String, cells: Int, examples: [String])
    /// An unpivot's names column stays text although some names are periods.
    case unpivotNamesText(column: String, reason: UnpivotNames)
    /// Total rows of a source (set aside at load) whose figures differ from the sum of the rows they total by more
    /// than rounding: `count` of the `checked` figures, the first few as examples.
    case totalMismatch(source: String, count: Int, checked: Int, examples: [TotalMismatch])

    // Endpoints, empty filters, missing base years, load warnings: worded in QueryFact+Endpoints.swift.
    /// Groups whose `cagr` runs between other periods than the table's first and last (`2017 … 2022` of 2015 … 2024).
    case cagrSpan(call: String, groups: Int, of: Int, table: String, examples: [String])
    /// Groups whose `cagr` is null, and why (a start at or below zero, an end below zero, a single period).
    case cagrUndefined(call: String, groups: Int, of: Int, reason: CagrGap, examples: [String])
    /// Rows of `progress`/`required_growth` with a value but no target (or, for `progress`, a zero one: `zeroTargets`
    /// of the `rows`): their result is null. `periods` are the first few periods concerned.
    case targetMissing(call: String, rows: Int, zeroTargets: Int, periods: [String])
    /// A `where` text literal that no row of the column has; `suggestions` are the values it folds to.
    case filterNoMatch(column: String, value: String, suggestions: [String])
    /// Rows whose base period lies before the first period of the source data, when no row of the call has a base:
    /// no base year exists (a report for the first year of data). `missing`: the base periods, in order.
    case baseBeforeData(call: String, rows: Int, base: GrowthBase, missing: [Period])
    /// What a load noted and did not stop for (a formula cell with no saved value), one line each.
    case loadWarnings(source: String, messages: [String])
    /// Spreadsheet error cells (`#N/A`, `#DIV/0!`) read as empty, per column.
    case errorCells(source: String, columns: [String], counts: [Int])

    public var id: DiagnosticID {
        switch self {
        case .textNamesColumn: return "query.text-names-column"
        case .rejectedRows: return "query.rejected-rows"
        case .joinUnmatched: return "query.join-unmatched"
        case .pivotNulls: return "query.pivot-nulls"
        case .compareEmpty: return "query.compare-empty"
        case .comparePartial: return "query.compare-partial"
        case .incompleteStart, .incompleteEnd: return "query.incomplete-period"
        case .growthGaps: return "query.growth-gaps"
        case .overflow: return "query.overflow"
        case .cumulativeGaps: return "query.cumulative-gaps"
        case .indexBaseMissing: return "query.index-base-missing"
        case .coverageDiffers: return "query.coverage-differs"
        case .windowsDiffer: return "query.windows-differ"
        case .coverageUnchecked: return "query.coverage-unchecked"
        case .unpivotNulls: return "query.unpivot-nulls"
        case .unpivotNamesText: return "query.unpivot-names-text"
        case .unpivotRejected: return "query.unpivot-rejected"
        case .totalMismatch: return "query.total-mismatch"
        case .cagrSpan, .cagrUndefined, .targetMissing, .filterNoMatch, .baseBeforeData, .loadWarnings, .errorCells: return endpointID
        }
    }

    /// The fact as a warning at a place in the query.
    func at(_ span: SourceSpan?) -> Diagnostic { Diagnostic(fact: self, span: span) }
}
