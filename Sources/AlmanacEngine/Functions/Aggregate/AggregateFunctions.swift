import AlmanacCore
import AlmanacKernels
import AlmanacDiagnostics

extension FunctionID {
    public static let sum = FunctionID("sum"), avg = FunctionID("avg"), min = FunctionID("min"), max = FunctionID("max")
    public static let count = FunctionID("count"), median = FunctionID("median")
    public static let first = FunctionID("first"), last = FunctionID("last"), cagr = FunctionID("cagr")
}

/// The functions over the rows of a group, in `aggregate`.
enum AggregateFunctions {
    static let all: [FunctionDefinition] = [
        FunctionDefinition(.sum, arity: 1...1, signature: "sum(x)", summary: "total of x over the group (nulls skipped; null if none)",
                           example: "aggregate value = sum(value_usd) by province", unit: .ofArgument,
                           rule: .aggregate(AggregateRule(type: sumType, kernel: { try Aggregates.sum(try $0.measure(), $0.groups) }))),
        FunctionDefinition(.avg, arity: 1...1, signature: "avg(x)", summary: "mean of x over the group",
                           example: "aggregate mean = avg(arrivals) by province", unit: .ofArgument,
                           rule: .aggregate(AggregateRule(type: numberType, kernel: { try Aggregates.avg(try $0.measure(), $0.groups).column("") }))),
        FunctionDefinition(.min, arity: 1...1, signature: "min(x)", summary: "smallest x in the group",
                           example: "aggregate first_month = min(period)", unit: .ofArgument,
                           rule: .aggregate(AggregateRule(type: argumentType, kernel: { try Aggregates.min(try $0.measure(), $0.groups) }))),
        FunctionDefinition(.max, arity: 1...1, signature: "max(x)", summary: "largest x in the group",
                           example: "aggregate latest = max(period)", unit: .ofArgument,
                           rule: .aggregate(AggregateRule(type: argumentType, kernel: { try Aggregates.max(try $0.measure(), $0.groups) }))),
        FunctionDefinition(.count, arity: 0...1, signature: "count() | count(x)", summary: "rows in the group, or non-null values of x",
                           example: "aggregate rows = count() by flow", unit: .fixed("count"),
                           rule: .aggregate(AggregateRule(type: { _, _, _ in .int }, kernel: { input in
                               if let x = input.argument { return try Aggregates.count(x, input.groups).column("") }
                               return Aggregates.countRows(input.groups).column("")
                           }))),
        FunctionDefinition(.median, arity: 1...1, signature: "median(x)", summary: "middle value of x in the group",
                           example: "aggregate typical = median(value_usd) by product", unit: .ofArgument,
                           rule: .aggregate(AggregateRule(type: numberType, kernel: { try Aggregates.median(try $0.measure(), $0.groups).column("") }))),
        FunctionDefinition(.first, arity: 1...1, signature: "first(x)", summary: "x at the group's earliest period (summed over rows sharing it)",
                           example: "aggregate start = first(arrivals) by province", needs: [.periodKey, .wholeSeries], unit: .ofArgument,
                           rule: .aggregate(AggregateRule(type: argumentType, kernel: { try Aggregates.first(try $0.measure(), period: try $0.period(), $0.groups) }))),
        FunctionDefinition(.last, arity: 1...1, signature: "last(x)", summary: "x at the group's latest period (summed over rows sharing it)",
                           example: "aggregate latest = last(arrivals) by province", needs: [.periodKey, .wholeSeries], unit: .ofArgument,
                           rule: .aggregate(AggregateRule(type: argumentType, kernel: { try Aggregates.last(try $0.measure(), period: try $0.period(), $0.groups) }))),
        FunctionDefinition(.cagr, arity: 1...1, signature: "cagr(x)",
                           summary: "compound annual growth between the first and last period present: (last/first)^(1/years) − 1",
                           example: "aggregate growth = cagr(arrivals) by province", needs: [.periodKey, .wholeSeries], unit: .fixed("ratio"),
                           rule: .aggregate(AggregateRule(type: numberType, kernel: CagrFacts.kernel))),
    ]

    /// min, max, first, last: the argument's own type (of any kind: min(period) is the first month).
    static func argumentType(_ arg: BoundExpr?, _ call: FunctionCall, _ binder: ExprBinder) throws -> DataType {
        guard let t = arg?.type else {
            throw DiagnosticError(.typeMismatch(.aggregateOfNull(function: call.id), span: call.args.first?.span ?? call.span))
        }
        return t
    }

    /// sum: numbers, in their own type (a sum of integers is an integer).
    static func sumType(_ arg: BoundExpr?, _ call: FunctionCall, _ binder: ExprBinder) throws -> DataType {
        guard let t = arg?.type, t.isNumeric else {
            throw DiagnosticError(.typeMismatch(.sumNeedsNumbers(found: arg?.type), span: call.args.first?.span ?? call.span))
        }
        return t
    }

    /// avg, median, cagr: numbers, giving a fraction.
    static func numberType(_ arg: BoundExpr?, _ call: FunctionCall, _ binder: ExprBinder) throws -> DataType {
        guard let t = arg?.type, t.isNumeric else {
            throw DiagnosticError(.typeMismatch(.aggregateNeedsNumbers(function: call.id, found: arg?.type), span: call.args.first?.span ?? call.span))
        }
        return .float
    }
}
