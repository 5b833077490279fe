import AlmanacCore
import AlmanacKernels
import AlmanacDiagnostics

extension FunctionID {
    public static let lag = FunctionID("lag"), diff = FunctionID("diff"), pop = FunctionID("pop"), yoy = FunctionID("yoy")
}

/// Comparisons of a period with an earlier one of the same series, looked up by period (never by row position).
enum GrowthFunctions {
    static let all: [FunctionDefinition] = [
        FunctionDefinition(.lag, arity: 2...2, signature: "lag(x, n)", summary: "x n periods earlier in the same series (null if that period is missing)",
                           example: "derive before = lag(value, 12)", needs: [.periodKey, .wholeSeries], unit: .ofArgument, rule: .series(SeriesRule(
            bind: { binder, call, b in
                b.constants.steps = try binder.intConstant(call, 1, "lag's number of periods")
                return b.x.type ?? .float
            },
            kernel: { call, ev in
                let g = try call.grid()
                let r = try TimeFunctions.lag(call.x, call.constants.steps, grid: g)
                call.context.noteLag(call.constants.steps, result: r, x: call.x, span: call.span, call: call.text)
                if call.context.runningTotals[call.plainName ?? ""] != nil {
                    // Last year's year-to-date total: its window (and, over sums, each month) against the row's.
                    try WindowComparison.noteLagOfWindow(call, &ev, base: g.rowsShifted(by: call.constants.steps), result: r)
                } else if call.context.coverage != nil {
                    call.context.checkCoverage(call: call.text, base: g.rowsShifted(by: call.constants.steps), x: call.x, span: call.span)
                }
                return r
            },
            constantText: { ["\($0.steps)"] }))),
        comparison(.diff, summary: "x minus x at the previous period", example: "derive change = diff(value)", base: .previousPeriod,
                   unit: .differenceOfArgument,
                   shift: { $0.rowsShifted(by: 1) }, lineage: { .difference(of: $0, baseRows: $1) }, kernel: { try TimeFunctions.pairwise($0, $1, $2, .difference) },
                   pair: { $0 - $1 }),
        comparison(.pop, summary: "growth on the previous period: x / previous − 1", example: "derive mom = pop(value)", base: .previousPeriod,
                   unit: .fixed("ratio"), shift: { $0.rowsShifted(by: 1) }, lineage: { .growth(of: $0, baseRows: $1) }, kernel: { try TimeFunctions.pairwise($0, $1, $2, .growth) },
                   pair: { $0 / $1 - 1 }),
        comparison(.yoy, summary: "growth on the same period one year earlier (cùng kỳ năm trước)", example: "derive growth = yoy(value)",
                   base: .yearEarlier, unit: .fixed("ratio"), shift: { $0.rowsOneYearEarlier() },
                   lineage: { .growth(of: $0, baseRows: $1) }, kernel: { try TimeFunctions.pairwise($0, $1, $2, .growth) },
                   pair: { $0 / $1 - 1 }),
    ]

    /// diff, pop, yoy: each row against its base row (`shift`, found once; `kernel` pairs each row with it), a warning for rows whose base is missing, and — over a
    /// plain column — the lineage that lets a workbook write the cell as a formula. Over an aggregate's rows, a
    /// row whose sum holds other series than its base's is said so; with `matched`, it is computed (`pair`) over
    /// the series present on both sides (and a formula no longer states it: no lineage).
    static func comparison(_ id: FunctionID, summary: String, example: String, base: GrowthBase, unit: UnitRule = .ofArgument,
                           shift: @escaping @Sendable (SeriesGrid) -> [Int32],
                           lineage: @escaping @Sendable (String, [Int32]) -> ColumnLineage,
                           kernel: @escaping @Sendable (Column, [Int32], SeriesGrid) throws -> Masked<Double>,
                           pair: @escaping @Sendable (Double, Double) -> Double) -> FunctionDefinition {
        FunctionDefinition(id, arity: 1...2, signature: "\(id)(x[, matched])", summary: summary, example: example, needs: [.periodKey, .wholeSeries], unit: unit,
                           rule: .series(SeriesRule(
            bind: { _, call, b in
                if call.args.count == 2 {
                    guard case .column("matched") = call.args[1].kind else {
                        throw DiagnosticError(.typeMismatch(.matchedArgument(function: id), span: call.args[1].span))
                    }
                    b.constants.matched = true
                }
                return .float
            },
            kernel: { call, ev in
                if id == .yoy, let window = try WindowComparison.yoyOfWindow(&call, &ev, pair: pair) { return window }
                let g = try call.grid()
                let rows = shift(g)
                // The base rows are found once, for the kernel, the warnings and the lineage alike.
                var r = try kernel(call.x, rows, g)
                call.context.note(id, missing: r, x: call.x, base: rows, span: call.span, what: base, text: call.text)
                let differing = call.context.coverageDiffering(base: rows, x: call.x)
                let matched = call.constants.matched && !differing.isEmpty
                if matched {
                    r = try call.context.matched(r, rows: differing, base: rows, measure: call.plainName, call: call.text, span: call.span, pair)
                }
                call.context.noteCoverage(call: call.text, suggestion: call.constants.matched ? nil : String(call.text.dropLast()) + ", matched)",
                                          matched: call.constants.matched, rows: differing, base: rows, span: call.span)
                if let name = call.plainName, !matched { call.lineage = lineage(name, rows) }
                return r.column("")
            },
            constantText: { $0.matched ? ["matched"] : [] })))
    }
}
