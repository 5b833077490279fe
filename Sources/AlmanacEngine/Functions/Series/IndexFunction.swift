import AlmanacCore
import AlmanacKernels
import AlmanacDiagnostics

extension FunctionID {
    public static let index = FunctionID("index")
}

/// index(x, BASE): 100 × x over x at the base period, per series.
package enum IndexFunction {
    static let definition = FunctionDefinition(.index, arity: 2...2, signature: "index(x, BASE)", summary: "100 × x / x at period BASE",
                                               example: "derive idx = index(value, 2015)", needs: [.periodKey, .wholeSeries], unit: .fixed("index"),
                                               rule: .series(SeriesRule(bind: bind, kernel: evaluate, constantText: { $0.base.map { [$0.description] } ?? [] })))

    static func bind(_ binder: inout ExprBinder, _ call: FunctionCall, _ b: inout SeriesBinding) throws -> DataType {
        let arg = try binder.bind(call.args[1])
        switch arg {
        case .literal(.int(let y), _):
            guard (1...9999).contains(y) else {
                throw DiagnosticError(.typeMismatch(.indexBaseNotAYear(year: y), span: call.args[1].span))
            }
            b.constants.base = .year(Int32(y))
        case .literal(.period(let p), _): b.constants.base = p
        default: throw DiagnosticError(.constantExpected("index's base period", span: call.args[1].span, hint: "e.g. index(value, 2015) or index(value, 2015-01)"))
        }
        // The base must be a period of the series' frequency: known now, so refuse before any step runs.
        if let base = b.constants.base, let freq = binder.schema.periodKey?.type.frequency, base.frequency != freq {
            throw DiagnosticError(.typeMismatch(.indexBaseFrequency(base: base, series: freq), span: call.args[1].span))
        }
        return .float
    }

    static func evaluate(_ call: inout SeriesInvocation, _ ev: inout ExprEvaluator) throws -> Column {
        let g = try call.grid()
        let x = call.x, span = call.span
        guard let base = call.constants.base else { throw DiagnosticError(.constantExpected("index's base period", span: span)) }
        guard base.frequency == g.frequency else {
            throw DiagnosticError(.runtime(.indexBaseFrequency(base: base, series: g.frequency, example: Period(frequency: g.frequency, ordinal: g.minOrdinal)), span: span))
        }
        let r = try TimeFunctions.index(x, base: base.ordinal, grid: g)
        // Series without a usable base value get no index at all: say which, rather than leave a silent gap.
        // A usable base whose ratio overflows (1e308 over 1e-10) is another reason, said apart.
        var without = Set<Int32>()
        var overflowRows = 0
        let xs = r.validity.nullCount > 0 ? try measure(x).values : []
        for i in 0..<r.count where x.validity.isValid(i) && !r.validity.isValid(i) && g.hasPeriod(i) {
            let s = g.series.groupIDs[i]
            let b = g.row(series: Int(s), ordinal: Int64(base.ordinal))
            if b >= 0 && x.validity.isValid(Int(b)) && xs[Int(b)] != 0 { overflowRows += 1 } else { without.insert(s) }
        }
        call.context.noteOverflow(call.text, rows: overflowRows, span: span)
        if !without.isEmpty {
            // The series without a base, one row each, named in key order (whatever order their rows came in).
            let keys = call.context.seriesKeys
            let firstRows = without.sorted().map { g.series.firstRows[Int($0)] }
            let fact = Self.baseMissing(call: call.text, base: base, series: without.count, keys: keys.map { Gather.column($0, rows: firstRows) })
            call.context.facts.append(LocatedFact(fact, span: span))
        }
        if call.context.coverage != nil {
            // Each row against its series' base row: an index of sums is like-for-like only where both sum the same series.
            let rows = (0..<r.count).map { i -> Int32 in g.hasPeriod(i) ? g.row(series: Int(g.series.groupIDs[i]), ordinal: Int64(base.ordinal)) : -1 }
            call.context.checkCoverage(call: call.text, base: rows, x: x, span: span)
        }
        return r.column("")
    }
}

extension IndexFunction {
    /// The fact of the series whose index is null for want of a usable value (absent, null or zero) at the base
    /// period: `keys` holds their keys, one row per series (none without series keys), examples in key order
    /// (`SeriesExamples`). The local kernel and the database's statement (AlmanacSQL's
    /// `SQLCompiler+CompareFacts.swift`) both word it here.
    package static func baseMissing(call: String, base: Period, series: Int, keys: [Column]) -> QueryFact {
        .indexBaseMissing(call: call, series: series, base: base.description, examples: SeriesExamples.names(keys))
    }
}
