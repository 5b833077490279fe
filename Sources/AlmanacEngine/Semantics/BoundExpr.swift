import AlmanacCore
import AlmanacKernels
import AlmanacSyntax
import AlmanacDiagnostics

/// A type-checked expression over the columns of the table a step receives.
public indirect enum BoundExpr: Sendable {
    case column(String, DataType)
    /// A constant; `type` is nil for null.
    case literal(Value, DataType?)
    case arithmetic(ArithmeticOperator, BoundExpr, BoundExpr, DataType)
    case negate(BoundExpr, DataType)
    case compare(ComparisonOperator, BoundExpr, BoundExpr)
    case and(BoundExpr, BoundExpr)
    case or(BoundExpr, BoundExpr)
    case not(BoundExpr)
    case isNull(BoundExpr, negated: Bool)
    case inList(BoundExpr, [Value], negated: Bool)
    case between(BoundExpr, BoundExpr, BoundExpr, negated: Bool)
    case scalar(FunctionID, [BoundExpr], DataType, SourceSpan)
    /// A time-aware function along each series; constant arguments (n, BASE, YEAR) already folded.
    case time(FunctionID, [BoundExpr], TimeConstants, DataType, SourceSpan)
    /// In an aggregate's outputs: the i-th aggregate call's result.
    case aggregateResult(Int, DataType)

    /// The type of the value; nil for a bare null.
    public var type: DataType? {
        switch self {
        case .column(_, let t): return t
        case .literal(_, let t): return t
        case .arithmetic(_, _, _, let t), .negate(_, let t), .scalar(_, _, let t, _), .time(_, _, _, let t, _), .aggregateResult(_, let t): return t
        case .compare, .and, .or, .not, .isNull, .inList, .between: return .bool
        }
    }

    /// Columns the expression reads.
    public var columns: Set<String> {
        switch self {
        case .column(let n, _): return [n]
        case .literal, .aggregateResult: return []
        case .arithmetic(_, let a, let b, _), .compare(_, let a, let b), .and(let a, let b), .or(let a, let b): return a.columns.union(b.columns)
        case .negate(let a, _), .not(let a), .isNull(let a, _), .inList(let a, _, _): return a.columns
        case .between(let a, let b, let c, _): return a.columns.union(b.columns).union(c.columns)
        case .scalar(_, let args, _, _), .time(_, let args, _, _, _): return args.reduce(into: Set<String>()) { $0.formUnion($1.columns) }
        }
    }

    /// Whether a function inside needs every column that tells series apart (`FunctionNeeds.wholeSeries`).
    var needsWholeSeries: Bool {
        switch self {
        case .time(let f, let args, _, _, _), .scalar(let f, let args, _, _):
            return FunctionCatalog.definition(f).needs.contains(.wholeSeries) || args.contains { $0.needsWholeSeries }
        case .column, .literal, .aggregateResult: return false
        case .arithmetic(_, let a, let b, _), .compare(_, let a, let b), .and(let a, let b), .or(let a, let b): return a.needsWholeSeries || b.needsWholeSeries
        case .negate(let a, _), .not(let a), .isNull(let a, _), .inList(let a, _, _): return a.needsWholeSeries
        case .between(let a, let b, let c, _): return a.needsWholeSeries || b.needsWholeSeries || c.needsWholeSeries
        }
    }

    /// Whether a time-aware function occurs inside.
    public var hasTimeFunction: Bool {
        switch self {
        case .time: return true
        case .column, .literal, .aggregateResult: return false
        case .arithmetic(_, let a, let b, _), .compare(_, let a, let b), .and(let a, let b), .or(let a, let b): return a.hasTimeFunction || b.hasTimeFunction
        case .negate(let a, _), .not(let a), .isNull(let a, _), .inList(let a, _, _): return a.hasTimeFunction
        case .between(let a, let b, let c, _): return a.hasTimeFunction || b.hasTimeFunction || c.hasTimeFunction
        case .scalar(_, let args, _, _): return args.contains { $0.hasTimeFunction }
        }
    }
}

/// Constant arguments of time functions.
public struct TimeConstants: Sendable, Hashable {
    public var steps: Int = 0
    /// `index(x, BASE)`: the base period as an ordinal of the series' frequency.
    public var base: Period? = nil
    /// `required_growth(x, target, YEAR)`.
    public var targetYear: Int = 0
    /// `yoy(x, matched)`: compare only the series (and window periods) present on both sides.
    public var matched = false
}

/// A call to an aggregate function.
public struct AggregateCall: Sendable {
    public var function: FunctionID
    /// Nil for `count()`.
    public var argument: BoundExpr?
    public var type: DataType
}

/// A named expression (derive, select, aggregate keys and outputs).
public struct NamedExpr: Sendable {
    public var name: String
    public var expr: BoundExpr
    public var span: SourceSpan
    /// In a derive: the column's role, unit and label as the binder settled them at this assignment, and the roles
    /// it changed on other columns (a refined period key is carried along from then on; see `PeriodRoles`).
    public var meta: ColumnMeta? = nil
    public var roleChanges: [String: ColumnRole?] = [:]

    package init(name: String, expr: BoundExpr, span: SourceSpan, meta: ColumnMeta? = nil, roleChanges: [String: ColumnRole?] = [:]) {
        self.name = name
        self.expr = expr
        self.span = span
        self.meta = meta
        self.roleChanges = roleChanges
    }
}
