import AlmanacDiagnostics

// The syntax tree of a query. Every node carries the span of the source it came from; names
// carry their own spans so that later layers can point at exactly the misspelt word.

/// A parsed query: a source step (`from`) followed by transformation steps.
public struct Pipeline: Hashable, Sendable {
    public var steps: [Step]
    public var span: SourceSpan

    public init(steps: [Step], span: SourceSpan) {
        self.steps = steps
        self.span = span
    }

    /// The `from` step, if the pipeline starts with one (it always does when parsing succeeded).
    public var source: FromStep? {
        if case .from(let from)? = steps.first { return from }
        return nil
    }
}

public enum Step: Hashable, Sendable {
    case from(FromStep)
    case `where`(WhereStep)
    case derive(DeriveStep)
    case select(SelectStep)
    case aggregate(AggregateStep)
    case sort(SortStep)
    case take(TakeStep)
    case pivot(PivotStep)
    case join(JoinStep)
    case compare(CompareStep)
    case unpivot(UnpivotStep)

    /// The whole step, keyword included.
    public var span: SourceSpan {
        switch self {
        case .from(let s): return s.span
        case .where(let s): return s.span
        case .derive(let s): return s.span
        case .select(let s): return s.span
        case .aggregate(let s): return s.span
        case .sort(let s): return s.span
        case .take(let s): return s.span
        case .pivot(let s): return s.span
        case .join(let s): return s.span
        case .compare(let s): return s.span
        case .unpivot(let s): return s.span
        }
    }

    /// The step keyword (`"from"`, `"where"`, …).
    public var keyword: String {
        switch self {
        case .from: return "from"
        case .where: return "where"
        case .derive: return "derive"
        case .select: return "select"
        case .aggregate: return "aggregate"
        case .sort: return "sort"
        case .take: return "take"
        case .pivot: return "pivot"
        case .join: return "join"
        case .compare: return "compare"
        case .unpivot: return "unpivot"
        }
    }
}

/// A name in name position (dataset, column to pivot, join key, pivot value).
public struct NameRef: Hashable, Sendable {
    public var name: String
    public var span: SourceSpan
    /// Written as `"…"` or `` `…` `` rather than as a bare identifier.
    public var quoted: Bool

    public init(name: String, span: SourceSpan, quoted: Bool = false) {
        self.name = name
        self.span = span
        self.quoted = quoted
    }
}

/// `from trade` or `from "data/trade.csv"` (then `source.quoted` is true); `from "book.xlsx" sheet "Du lịch"`
/// names a workbook's sheet.
public struct FromStep: Hashable, Sendable {
    public var source: NameRef
    /// The sheet of a workbook (`sheet "…"`), nil for the first.
    public var sheet: NameRef?
    public var span: SourceSpan
    public init(source: NameRef, sheet: NameRef? = nil, span: SourceSpan) {
        self.source = source
        self.sheet = sheet
        self.span = span
    }
}

/// `where condition`
public struct WhereStep: Hashable, Sendable {
    public var condition: Expr
    public var span: SourceSpan
    public init(condition: Expr, span: SourceSpan) {
        self.condition = condition
        self.span = span
    }
}

/// `name = expr` in derive and aggregate.
public struct Assignment: Hashable, Sendable {
    public var name: String
    public var nameSpan: SourceSpan
    public var expr: Expr
    /// From the name to the end of the expression.
    public var span: SourceSpan
    public init(name: String, nameSpan: SourceSpan, expr: Expr, span: SourceSpan) {
        self.name = name
        self.nameSpan = nameSpan
        self.expr = expr
        self.span = span
    }
}

/// `name` or `name = expr`, in select and in aggregate's `by`.
public struct ColumnItem: Hashable, Sendable {
    public var name: String
    public var nameSpan: SourceSpan
    /// Nil for a plain column (`select province`).
    public var expr: Expr?
    public var span: SourceSpan
    public init(name: String, nameSpan: SourceSpan, expr: Expr?, span: SourceSpan) {
        self.name = name
        self.nameSpan = nameSpan
        self.expr = expr
        self.span = span
    }
}

/// `derive name = expr, …`
public struct DeriveStep: Hashable, Sendable {
    public var assignments: [Assignment]
    public var span: SourceSpan
    public init(assignments: [Assignment], span: SourceSpan) {
        self.assignments = assignments
        self.span = span
    }
}

/// `select name, name = expr, …`
public struct SelectStep: Hashable, Sendable {
    public var items: [ColumnItem]
    public var span: SourceSpan
    public init(items: [ColumnItem], span: SourceSpan) {
        self.items = items
        self.span = span
    }
}

/// `aggregate name = agg, … [by key, …]`
public struct AggregateStep: Hashable, Sendable {
    public var measures: [Assignment]
    /// Empty when there is no `by`.
    public var groupBy: [ColumnItem]
    public var span: SourceSpan
    public init(measures: [Assignment], groupBy: [ColumnItem], span: SourceSpan) {
        self.measures = measures
        self.groupBy = groupBy
        self.span = span
    }
}

/// `expr [asc|desc]`
public struct SortKey: Hashable, Sendable {
    public var expr: Expr
    public var descending: Bool
    public var span: SourceSpan
    public init(expr: Expr, descending: Bool, span: SourceSpan) {
        self.expr = expr
        self.descending = descending
        self.span = span
    }
}

/// `sort key, …`
public struct SortStep: Hashable, Sendable {
    public var keys: [SortKey]
    public var span: SourceSpan
    public init(keys: [SortKey], span: SourceSpan) {
        self.keys = keys
        self.span = span
    }
}

/// `take N` (N ≥ 0).
public struct TakeStep: Hashable, Sendable {
    public var count: Int64
    public var countSpan: SourceSpan
    public var span: SourceSpan
    public init(count: Int64, countSpan: SourceSpan, span: SourceSpan) {
        self.count = count
        self.countSpan = countSpan
        self.span = span
    }
}

/// `pivot column [values name, …]`
public struct PivotStep: Hashable, Sendable {
    public var column: NameRef
    /// Empty when there is no `values` clause.
    public var values: [NameRef]
    public var span: SourceSpan
    public init(column: NameRef, values: [NameRef], span: SourceSpan) {
        self.column = column
        self.values = values
        self.span = span
    }
}

/// `join dataset on key, …`
public struct JoinStep: Hashable, Sendable {
    public var dataset: NameRef
    public var keys: [NameRef]
    public var span: SourceSpan
    public init(dataset: NameRef, keys: [NameRef], span: SourceSpan) {
        self.dataset = dataset
        self.keys = keys
        self.span = span
    }
}

/// `compare baseline vs comparison [matched]`, e.g. `compare 2015..2019 vs 2020..2022`.
public struct CompareStep: Hashable, Sendable {
    public var baseline: RangeExpr
    public var comparison: RangeExpr
    /// `matched`: over an aggregate's rows, each range sums only the series present in both.
    public var matched: Bool
    public var span: SourceSpan
    public init(baseline: RangeExpr, comparison: RangeExpr, matched: Bool = false, span: SourceSpan) {
        self.baseline = baseline
        self.comparison = comparison
        self.matched = matched
        self.span = span
    }
}

/// `unpivot a, b into name, value [keep nulls]` or `unpivot all except k, … into name, value [keep nulls]`: the
/// inverse of `pivot`, each listed column becomes one row per input row.
public struct UnpivotStep: Hashable, Sendable {
    /// Which columns become rows.
    public enum Columns: Hashable, Sendable {
        /// ``unpivot `2019`, `2020` into …``
        case listed([NameRef])
        /// `unpivot all except province, unit into …` (an empty list: `unpivot all into …`).
        case allExcept([NameRef])
    }
    public var columns: Columns
    /// The new column holding the old column names (`year`).
    public var nameColumn: NameRef
    /// The new column holding their values (`arrivals`).
    public var valueColumn: NameRef
    /// `keep nulls`: empty cells make rows too (by default they are dropped).
    public var keepNulls: Bool
    public var span: SourceSpan
    public init(columns: Columns, nameColumn: NameRef, valueColumn: NameRef, keepNulls: Bool, span: SourceSpan) {
        self.columns = columns
        self.nameColumn = nameColumn
        self.valueColumn = valueColumn
        self.keepNulls = keepNulls
        self.span = span
    }
}

/// `lower..upper` (both ends inclusive; the binder decides what the bounds may be).
public struct RangeExpr: Hashable, Sendable {
    public var lower: Expr
    public var upper: Expr
    public var span: SourceSpan
    public init(lower: Expr, upper: Expr, span: SourceSpan) {
        self.lower = lower
        self.upper = upper
        self.span = span
    }
}

public enum Literal: Hashable, Sendable {
    case int(Int64)
    case float(Double)
    case string(String)
    case bool(Bool)
    case null
    /// A calendar period as canonical text: `2024-Q3`, `2024-10` or `2024-10-15`
    /// (validated by the lexer: months 01–12, quarters 1–4, real days).
    case period(String)
}

public enum UnaryOperator: String, Hashable, Sendable {
    case negate = "-"
    case not = "not"
}

public enum BinaryOperator: String, Hashable, Sendable, CaseIterable {
    case add = "+"
    case subtract = "-"
    case multiply = "*"
    case divide = "/"
    /// `=` (also written `==`).
    case equal = "="
    case notEqual = "!="
    case less = "<"
    case lessEqual = "<="
    case greater = ">"
    case greaterEqual = ">="
    case and = "and"
    case or = "or"

    public var isComparison: Bool {
        switch self {
        case .equal, .notEqual, .less, .lessEqual, .greater, .greaterEqual: return true
        default: return false
        }
    }

    public var isArithmetic: Bool {
        switch self {
        case .add, .subtract, .multiply, .divide: return true
        default: return false
        }
    }

    public var isLogical: Bool { self == .and || self == .or }
}

/// An expression node: what it is (`kind`) and where it came from (`span`).
public struct Expr: Hashable, Sendable {
    public let kind: ExprKind
    public var span: SourceSpan
    /// Height of the tree rooted here (a leaf has height 1). The parser bounds it so that
    /// recursive walks over the tree stay shallow.
    public let height: Int

    public init(_ kind: ExprKind, span: SourceSpan) {
        self.kind = kind
        self.span = span
        self.height = 1 + kind.children.reduce(0) { max($0, $1.height) }
    }
}

public indirect enum ExprKind: Hashable, Sendable {
    case literal(Literal)
    /// A column by bare identifier or `` `quoted name` ``.
    case column(String)
    /// `$name`
    case parameter(String)
    case unary(UnaryOperator, Expr)
    case binary(BinaryOperator, Expr, Expr)
    case call(name: String, nameSpan: SourceSpan, arguments: [Expr])
    /// `x in (a, b)` / `x not in (a, b)`
    case inList(Expr, [Expr], negated: Bool)
    /// `x in a..b` / `x not in a..b`
    case inRange(Expr, RangeExpr, negated: Bool)
    /// `x between a and b` / `x not between a and b`
    case between(Expr, lower: Expr, upper: Expr, negated: Bool)
    /// `x is null` / `x is not null`
    case isNull(Expr, negated: Bool)

    /// Direct subexpressions, in source order.
    public var children: [Expr] {
        switch self {
        case .literal, .column, .parameter: return []
        case .unary(_, let e): return [e]
        case .binary(_, let l, let r): return [l, r]
        case .call(_, _, let args): return args
        case .inList(let e, let list, _): return [e] + list
        case .inRange(let e, let r, _): return [e, r.lower, r.upper]
        case .between(let e, let lo, let hi, _): return [e, lo, hi]
        case .isNull(let e, _): return [e]
        }
    }
}
