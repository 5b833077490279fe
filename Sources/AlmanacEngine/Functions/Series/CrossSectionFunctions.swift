import AlmanacCore
import AlmanacKernels

extension FunctionID {
    public static let share = FunctionID("share"), rank = FunctionID("rank")
}

/// Functions across the series of one period: "the same period" is the period key; with several period columns and
/// none chosen (a range such as period_from..period_to), the same combination of them; with none, the whole table.
enum CrossSectionFunctions {
    static let all: [FunctionDefinition] = [
        FunctionDefinition(.share, arity: 1...1, signature: "share(x)", summary: "x / total of x over all rows of the same period (the whole table without a period)",
                           example: "derive share = share(value)", needs: .wholeSeries, unit: .fixed("ratio"), rule: .series(SeriesRule(
            bind: { _, _, _ in .float },
            kernel: { call, _ in try PeriodShare.share(call.x, period: try call.context.samePeriodColumn()).column("") }))),
        FunctionDefinition(.rank, arity: 1...1, signature: "rank(x)", summary: "rank within the period, largest first",
                           example: "derive r = rank(value)", needs: .wholeSeries, unit: .none, rule: .series(SeriesRule(
            bind: { _, _, _ in .int },
            kernel: { call, _ in try PeriodShare.rank(call.x, period: try call.context.samePeriodColumn()).column("") }))),
    ]
}
