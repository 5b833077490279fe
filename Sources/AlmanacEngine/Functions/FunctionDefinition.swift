import AlmanacCore
import AlmanacKernels
import AlmanacSyntax
import AlmanacDiagnostics

/// Where a function may be used.
public enum FunctionKind: String, Sendable {
    /// Row by row, anywhere an expression goes.
    case scalar
    /// Over the rows of a group, in `aggregate`.
    case aggregate
    /// Along each series by period, in `derive` and `select`.
    case time
}

/// A function's name. Each one is declared beside its definition (`FunctionID.sum` in AggregateFunctions.swift).
public struct FunctionID: Hashable, Sendable, RawRepresentable, CustomStringConvertible {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public init(_ name: String) { rawValue = name }
    public var description: String { rawValue }
}

/// What a function needs of the table it reads.
public struct FunctionNeeds: OptionSet, Sendable {
    public let rawValue: Int
    public init(rawValue: Int) { self.rawValue = rawValue }
    /// Exactly one period column to order each series by (checked when the query is bound).
    public static let periodKey = FunctionNeeds(rawValue: 1)
    /// Every column that tells series apart, so that column pruning never merges two series by dropping one.
    public static let wholeSeries = FunctionNeeds(rawValue: 2)
}

/// The unit of a function's result, for reports' number formats.
public enum UnitRule: Sendable, Equatable {
    /// The unit of its first argument (`sum(value_usd)` is in USD).
    case ofArgument
    /// A change in its first argument's unit; a change in a ratio is in percentage points (`diff(share)`).
    case differenceOfArgument
    /// Always this unit (`ratio` for growth, `count`, `index`).
    case fixed(String)
    /// No unit (a rank, a period, text).
    case none
}

/// Everything about one function, in one place: the binder reads its signature and type rule, the evaluator its
/// kernel, column pruning its needs, unit inference its unit rule, the REPL's `.help` and the README check its
/// documentation. Adding a function is adding one of these to its family's file (Functions/…) and tests.
public struct FunctionDefinition: Sendable {
    public let id: FunctionID
    /// How many arguments it takes.
    public let arity: ClosedRange<Int>
    /// `sum(x)`, `round(x, n)`.
    public let signature: String
    /// One line for `.help` and the docs.
    public let summary: String
    /// A step that uses it.
    public let example: String
    public let needs: FunctionNeeds
    public let unit: UnitRule
    /// Its type rule and kernel; the case says where it may stand.
    let rule: FunctionRule

    init(_ id: FunctionID, arity: ClosedRange<Int>, signature: String, summary: String, example: String,
         needs: FunctionNeeds = [], unit: UnitRule, rule: FunctionRule) {
        self.id = id
        self.arity = arity
        self.signature = signature
        self.summary = summary
        self.example = example
        self.needs = needs
        self.unit = unit
        self.rule = rule
    }

    /// Where it may stand.
    public var kind: FunctionKind {
        switch rule {
        case .aggregate: return .aggregate
        case .scalar: return .scalar
        case .series: return .time
        }
    }

    /// "usage: yoy(x) (growth on …), e.g. derive growth = yoy(value)": the tail of a type error's hint.
    var usage: String { "usage: \(signature) (\(summary)), e.g. \(example)" }
}

/// A function's type rule and kernel, by where it stands.
enum FunctionRule: Sendable {
    case aggregate(AggregateRule)
    case scalar(ScalarRule)
    case series(SeriesRule)
}

/// A call as written, for a type rule: its arguments unbound, its spans.
struct FunctionCall {
    let definition: FunctionDefinition
    let args: [Expr]
    let span: SourceSpan
    var id: FunctionID { definition.id }
}

/// An aggregate: the result type from its argument's, and the kernel over the groups.
struct AggregateRule: Sendable {
    /// The result type; the argument is bound already (nil for `count()`).
    let type: @Sendable (_ argument: BoundExpr?, _ call: FunctionCall, _ binder: ExprBinder) throws -> DataType
    let kernel: @Sendable (_ input: AggregateInput) throws -> Column
}

/// What an aggregate kernel reads.
struct AggregateInput {
    /// The argument's values (nil for `count()`).
    let argument: Column?
    let groups: Grouping
    /// The input's period key, for the functions that order by period (first, last, cagr).
    let period: () throws -> Column
    /// Where the kernel says what a reader must know of its groups (cagr's endpoints); nil when nobody listens.
    var report: AggregateReport? = nil

    /// The argument of a one-argument aggregate (the binder has checked the arity).
    func measure() throws -> Column {
        guard let a = argument else { throw KernelError.invalidArgument(.aggregateWithoutArgument) }
        return a
    }
}

/// What an aggregate kernel found about its groups, for the operator to pass on as facts: the call as written
/// (`cagr(value)`) and each group's key values as text (`Hà Giang, export`; nil without `by`).
final class AggregateReport {
    let call: String
    let label: (Int) -> String?
    /// The groups in the order the result lists them (output row → group); nil when in group order.
    let order: [Int32]?
    var facts: [QueryFact] = []

    init(call: String, label: @escaping (Int) -> String?, order: [Int32]? = nil) {
        self.call = call
        self.label = label
        self.order = order
    }
}

/// A row-by-row function: binds its arguments and computes the result's type; the kernel evaluates it.
struct ScalarRule: Sendable {
    let bind: @Sendable (_ binder: inout ExprBinder, _ call: FunctionCall) throws -> BoundExpr
    let kernel: @Sendable (_ evaluator: inout ExprEvaluator, _ call: ScalarInvocation) throws -> Column
}

/// A bound scalar call at run time.
struct ScalarInvocation {
    let id: FunctionID
    let args: [BoundExpr]
    let type: DataType
    let span: SourceSpan
}

/// A function along each series by period. The binder has checked the period key (when `needs` says so) and bound
/// the first argument, a number; `bind` takes the rest and gives the result's type.
struct SeriesRule: Sendable {
    let bind: @Sendable (_ binder: inout ExprBinder, _ call: FunctionCall, _ binding: inout SeriesBinding) throws -> DataType
    let kernel: @Sendable (_ call: inout SeriesInvocation, _ evaluator: inout ExprEvaluator) throws -> Column
    /// The constant arguments as written (`12` of `lag(x, 12)`), for messages that quote the call.
    var constantText: @Sendable (TimeConstants) -> [String] = { _ in [] }
}

/// A series call being bound: the measure, the other arguments that stay expressions, the constants folded.
struct SeriesBinding {
    let x: BoundExpr
    var arguments: [BoundExpr]
    var constants = TimeConstants()
}

/// A bound series call at run time: the measure's values, the series grid (built once per step) and the warnings
/// and lineage it reports.
struct SeriesInvocation {
    let context: TimeContext
    let id: FunctionID
    let x: Column
    let args: [BoundExpr]
    let constants: TimeConstants
    let span: SourceSpan
    /// The call as written: `yoy(value)`, `lag(value, 12)`.
    let text: String
    /// The measure's column name when the measure is a plain column (`yoy(value)`), for live formulas.
    let plainName: String?
    /// How the result relates to the measure's column, when a workbook can write it as a formula.
    var lineage: ColumnLineage?

    /// The series grid of the step's table.
    func grid() throws -> SeriesGrid { try context.grid(for: id, span: span, call: text) }
}
