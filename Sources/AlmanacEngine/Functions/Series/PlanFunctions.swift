import AlmanacCore
import AlmanacKernels
import AlmanacDiagnostics

extension FunctionID {
    public static let progress = FunctionID("progress"), requiredGrowth = FunctionID("required_growth")
}

/// Functions against a plan's target.
package enum PlanFunctions {
    static let all: [FunctionDefinition] = [
        FunctionDefinition(.progress, arity: 2...2, signature: "progress(x, target)", summary: "x / target (share of the plan reached)",
                           example: "derive reached = progress(value, plan)", needs: .wholeSeries, unit: .fixed("ratio"), rule: .series(SeriesRule(
            bind: { binder, call, b in
                b.arguments.append(try target(&binder, call))
                return .float
            },
            kernel: { call, ev in
                if let name = call.plainName, case .column(let t, _) = call.args[1] { call.lineage = .ratio(numerator: name, denominator: t) }
                let target = try ev.evaluate(call.args[1])
                try noteMissingTargets(call, target, zeroCounts: true)
                return try Targets.progress(.column(call.x), target, count: call.context.table.rowCount).column("")
            }))),
        FunctionDefinition(.requiredGrowth, arity: 3...3, signature: "required_growth(x, target, YEAR)",
                           summary: "the constant yearly rate that takes x to target by YEAR",
                           example: "derive needed = required_growth(arrivals, 5000000, 2030)", needs: [.periodKey, .wholeSeries], unit: .fixed("ratio"),
                           rule: .series(SeriesRule(
            bind: { binder, call, b in
                b.arguments.append(try target(&binder, call))
                b.constants.targetYear = try binder.intConstant(call, 2, "the target year")
                guard (1...9999).contains(b.constants.targetYear) else {
                    throw DiagnosticError(.typeMismatch(.targetYearNotAYear(year: b.constants.targetYear), span: call.args[2].span))
                }
                return .float
            },
            kernel: { call, ev in
                guard let p = call.context.periodColumn else { throw DiagnosticError(.needsPeriod("required_growth()", span: call.span, available: [])) }
                let target = try ev.evaluate(call.args[1])
                try noteMissingTargets(call, target, zeroCounts: false)
                return try Targets.requiredGrowth(call.x, target: target, targetYear: call.constants.targetYear, period: p).column("")
            },
            constantText: { ["\($0.targetYear)"] }))),
    ]

    /// Rows with a value and no target (a plan row the join did not find, an empty cell): their result is null, and
    /// the reader is told which periods, rather than left with an empty cell.
    static func noteMissingTargets(_ call: SeriesInvocation, _ target: Operand, zeroCounts: Bool) throws {
        let (rows, zeros) = try Targets.rowsMissingTarget(call.x, target, zeroCounts: zeroCounts)
        guard !rows.isEmpty else { return }
        var periods: (ordinals: [Int32], frequency: Frequency)?
        if let p = call.context.periodColumn, case .period(let ords, let f) = p.storage {
            var seen = Set<Int32>()
            for r in rows where p.validity.isValid(Int(r)) { seen.insert(ords[Int(r)]) }
            periods = (seen.sorted(), f)
        }
        guard let fact = targetMissing(call: call.text, rows: rows.count, zeroTargets: zeros, periods: periods) else { return }
        call.context.facts.append(LocatedFact(fact, span: call.span))
    }

    /// The fact of `rows` with a value and no target (`zeroTargets` of them with a zero one), over these periods
    /// (the distinct ordinals of the rows that have one, in order): nil when no row lacks its target. The local
    /// engine and the database's statement (AlmanacSQL's `SQLCompiler+StepFactChecks.swift`) both word it here.
    package static func targetMissing(call: String, rows: Int, zeroTargets: Int, periods: (ordinals: [Int32], frequency: Frequency)?) -> QueryFact? {
        guard rows > 0 else { return nil }
        let shown = periods.map { p in p.ordinals.prefix(5).map { PeriodFormat.string($0, p.frequency) } } ?? []
        return .targetMissing(call: call, rows: rows, zeroTargets: zeroTargets, periods: shown)
    }

    /// The target, a number (a column or a constant).
    static func target(_ binder: inout ExprBinder, _ call: FunctionCall) throws -> BoundExpr {
        let t = try binder.bind(call.args[1])
        guard let tt = t.type, tt.isNumeric else {
            throw DiagnosticError(.typeMismatch(.numericTarget(function: call.id, found: t.type), span: call.args[1].span))
        }
        return t
    }
}
