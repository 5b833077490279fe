import AlmanacCore
import AlmanacKernels
import AlmanacDiagnostics

extension FunctionID {
    public static let ytd = FunctionID("ytd"), cumsum = FunctionID("cumsum"), rolling = FunctionID("rolling")
}

/// Running totals along each series.
enum CumulativeFunctions {
    static let all: [FunctionDefinition] = [
        running(.ytd, summary: "cumulative from the first period of the year (lũy kế từ đầu năm)", example: "derive cumulative = ytd(value)") {
            try TimeFunctions.ytd($0, grid: $1)
        },
        running(.cumsum, summary: "cumulative from the first period of the series", example: "derive total = cumsum(value)") {
            try TimeFunctions.cumsum($0, grid: $1)
        },
        FunctionDefinition(.rolling, arity: 2...2, signature: "rolling(x, n)", summary: "sum of the last n periods (null if any is missing)",
                           example: "derive last12 = rolling(value, 12)", needs: [.periodKey, .wholeSeries], unit: .ofArgument, rule: .series(SeriesRule(
            bind: { binder, call, b in
                b.constants.steps = try binder.intConstant(call, 1, "rolling's number of periods")
                guard b.constants.steps >= 1 else {
                    throw DiagnosticError(.typeMismatch(.rollingWindow, span: call.args[1].span))
                }
                return .float
            },
            kernel: { call, _ in try TimeFunctions.rolling(call.x, call.constants.steps, grid: try call.grid()).column("") },
            constantText: { ["\($0.steps)"] }))),
    ]

    /// ytd, cumsum: a total over a window that starts at the year's or series' first period; rows whose window has
    /// missing or empty periods are counted in a warning (their total covers only the periods present).
    static func running(_ id: FunctionID, summary: String, example: String,
                        _ kernel: @escaping @Sendable (Column, SeriesGrid) throws -> CumulativeResult) -> FunctionDefinition {
        FunctionDefinition(id, arity: 1...1, signature: "\(id)(x)", summary: summary, example: example, needs: [.periodKey, .wholeSeries], unit: .ofArgument,
                           rule: .series(SeriesRule(
            bind: { _, _, _ in .float },
            kernel: { call, _ in
                let r = try kernel(call.x, try call.grid())
                let gaps = r.missingPeriods.reduce(0) { $0 + ($1 > 0 ? 1 : 0) }
                if gaps > 0 {
                    let n = call.context.table.rowCount
                    call.context.facts.append(LocatedFact(.cumulativeGaps(call: "\(id)()", rows: gaps, of: n), span: call.span))
                }
                return r.values.column("")
            })))
    }
}
