import AlmanacCore
import AlmanacKernels
import AlmanacSyntax

/// Where a function may be used.
public enum FunctionKind: String, Sendable {
    /// Row by row, anywhere an expression goes.
    case scalar
    /// Over the rows of a group, in `aggregate`.
    case aggregate
    /// Along each series by period, in `derive` and `select`.
    case time
}

/// Every function the language knows, as data: the type checker, did-you-mean, the REPL's help and the docs
/// all read this one list. The executor has a case for each (`FunctionID` is exhaustive).
public enum FunctionID: String, CaseIterable, Sendable {
    // aggregates
    case sum, avg, min, max, count, median, first, last, cagr
    // scalar
    case year, quarter, month, round, abs, coalesce, `if`, lower, upper, contains, startswith, ym, yq, period
    // time-aware
    case lag, diff, pop, yoy, ytd, cumsum, rolling, index, share, rank, progress, required_growth
}

/// A function's entry: kind, arity, documentation and an example.
public struct FunctionInfo: Sendable {
    public var id: FunctionID
    public var kind: FunctionKind
    public var arity: ClosedRange<Int>
    /// `sum(x)`, `round(x, n)`.
    public var signature: String
    public var summary: String
    public var example: String
}

public enum FunctionCatalog {
    public static let all: [FunctionInfo] = [
        FunctionInfo(id: .sum, kind: .aggregate, arity: 1...1, signature: "sum(x)", summary: "total of x over the group (nulls skipped; null if none)", example: "aggregate value = sum(value_usd) by province"),
        FunctionInfo(id: .avg, kind: .aggregate, arity: 1...1, signature: "avg(x)", summary: "mean of x over the group", example: "aggregate mean = avg(arrivals) by province"),
        FunctionInfo(id: .min, kind: .aggregate, arity: 1...1, signature: "min(x)", summary: "smallest x in the group", example: "aggregate first_month = min(period)"),
        FunctionInfo(id: .max, kind: .aggregate, arity: 1...1, signature: "max(x)", summary: "largest x in the group", example: "aggregate latest = max(period)"),
        FunctionInfo(id: .count, kind: .aggregate, arity: 0...1, signature: "count() | count(x)", summary: "rows in the group, or non-null values of x", example: "aggregate rows = count() by flow"),
        FunctionInfo(id: .median, kind: .aggregate, arity: 1...1, signature: "median(x)", summary: "middle value of x in the group", example: "aggregate typical = median(value_usd) by product"),
        FunctionInfo(id: .first, kind: .aggregate, arity: 1...1, signature: "first(x)", summary: "x at the group's earliest period (summed over rows sharing it)", example: "aggregate start = first(arrivals) by province"),
        FunctionInfo(id: .last, kind: .aggregate, arity: 1...1, signature: "last(x)", summary: "x at the group's latest period (summed over rows sharing it)", example: "aggregate latest = last(arrivals) by province"),
        FunctionInfo(id: .cagr, kind: .aggregate, arity: 1...1, signature: "cagr(x)", summary: "compound annual growth between the first and last period present: (last/first)^(1/years) − 1", example: "aggregate growth = cagr(arrivals) by province"),
        FunctionInfo(id: .year, kind: .scalar, arity: 1...1, signature: "year(p)", summary: "the year a period lies in (a yearly period)", example: "aggregate v = sum(value_usd) by year = year(period)"),
        FunctionInfo(id: .quarter, kind: .scalar, arity: 1...1, signature: "quarter(p)", summary: "the quarter a period lies in (a quarterly period)", example: "derive q = quarter(period)"),
        FunctionInfo(id: .month, kind: .scalar, arity: 1...1, signature: "month(p)", summary: "the month a day lies in (a monthly period)", example: "derive m = month(date)"),
        FunctionInfo(id: .round, kind: .scalar, arity: 1...2, signature: "round(x, n)", summary: "x rounded to n decimals (default 0)", example: "derive v = round(value / 1e6, 1)"),
        FunctionInfo(id: .abs, kind: .scalar, arity: 1...1, signature: "abs(x)", summary: "absolute value", example: "derive size = abs(change)"),
        FunctionInfo(id: .coalesce, kind: .scalar, arity: 1...16, signature: "coalesce(a, b, …)", summary: "the first non-null argument", example: "derive v = coalesce(revised, estimate)"),
        FunctionInfo(id: .if, kind: .scalar, arity: 3...3, signature: "if(c, a, b)", summary: "a where c is true, else b", example: "derive side = if(flow = \"export\", value, -value)"),
        FunctionInfo(id: .lower, kind: .scalar, arity: 1...1, signature: "lower(s)", summary: "text in lower case", example: "derive p = lower(partner)"),
        FunctionInfo(id: .upper, kind: .scalar, arity: 1...1, signature: "upper(s)", summary: "text in upper case", example: "derive p = upper(partner)"),
        FunctionInfo(id: .contains, kind: .scalar, arity: 2...2, signature: "contains(s, t)", summary: "whether s contains t (ignoring case)", example: "where contains(product, \"chè\")"),
        FunctionInfo(id: .startswith, kind: .scalar, arity: 2...2, signature: "startswith(s, t)", summary: "whether s starts with t (ignoring case)", example: "where startswith(hs_code, \"09\")"),
        FunctionInfo(id: .ym, kind: .scalar, arity: 2...2, signature: "ym(year, month)", summary: "a monthly period from a year and a month number", example: "derive period = ym(year, month)"),
        FunctionInfo(id: .yq, kind: .scalar, arity: 2...2, signature: "yq(year, quarter)", summary: "a quarterly period from a year and a quarter number", example: "derive period = yq(year, quarter)"),
        FunctionInfo(id: .period, kind: .scalar, arity: 1...1, signature: "period(x)", summary: "an integer year or text such as 2024-10 as a period", example: "derive period = period(year)"),
        FunctionInfo(id: .lag, kind: .time, arity: 2...2, signature: "lag(x, n)", summary: "x n periods earlier in the same series (null if that period is missing)", example: "derive before = lag(value, 12)"),
        FunctionInfo(id: .diff, kind: .time, arity: 1...1, signature: "diff(x)", summary: "x minus x at the previous period", example: "derive change = diff(value)"),
        FunctionInfo(id: .pop, kind: .time, arity: 1...1, signature: "pop(x)", summary: "growth on the previous period: x / previous − 1", example: "derive mom = pop(value)"),
        FunctionInfo(id: .yoy, kind: .time, arity: 1...1, signature: "yoy(x)", summary: "growth on the same period one year earlier (cùng kỳ năm trước)", example: "derive growth = yoy(value)"),
        FunctionInfo(id: .ytd, kind: .time, arity: 1...1, signature: "ytd(x)", summary: "cumulative from the first period of the year (lũy kế từ đầu năm)", example: "derive cumulative = ytd(value)"),
        FunctionInfo(id: .cumsum, kind: .time, arity: 1...1, signature: "cumsum(x)", summary: "cumulative from the first period of the series", example: "derive total = cumsum(value)"),
        FunctionInfo(id: .rolling, kind: .time, arity: 2...2, signature: "rolling(x, n)", summary: "sum of the last n periods (null if any is missing)", example: "derive last12 = rolling(value, 12)"),
        FunctionInfo(id: .index, kind: .time, arity: 2...2, signature: "index(x, BASE)", summary: "100 × x / x at period BASE", example: "derive idx = index(value, 2015)"),
        FunctionInfo(id: .share, kind: .time, arity: 1...1, signature: "share(x)", summary: "x / total of x over all rows of the same period (the whole table without a period)", example: "derive share = share(value)"),
        FunctionInfo(id: .rank, kind: .time, arity: 1...1, signature: "rank(x)", summary: "rank within the period, largest first", example: "derive r = rank(value)"),
        FunctionInfo(id: .progress, kind: .time, arity: 2...2, signature: "progress(x, target)", summary: "x / target (share of the plan reached)", example: "derive reached = progress(value, plan)"),
        FunctionInfo(id: .required_growth, kind: .time, arity: 3...3, signature: "required_growth(x, target, YEAR)", summary: "the constant yearly rate that takes x to target by YEAR", example: "derive needed = required_growth(arrivals, 5000000, 2030)"),
    ]

    static let byName: [String: FunctionInfo] = Dictionary(uniqueKeysWithValues: all.map { ($0.id.rawValue, $0) })

    /// The entry for a name, or nil.
    public static func info(_ name: String) -> FunctionInfo? { byName[name] }

    public static var names: [String] { all.map(\.id.rawValue) }
}
