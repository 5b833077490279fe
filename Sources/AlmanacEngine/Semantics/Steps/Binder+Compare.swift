import AlmanacCore
import AlmanacDiagnostics
import AlmanacSyntax

extension Binder {
    /// `compare 2015..2019 vs 2020..2022`: per series, each measure summed over both ranges and compared.
    mutating func bindCompare(_ c: CompareStep, input: NodeID, schema: Schema) throws -> PlanNode {
        guard let pk = schema.periodKey, let freq = pk.type.frequency else {
            let ps = schema.periodFields
            if ps.count > 1 { throw DiagnosticError(.severalPeriods("compare", span: c.span, names: ps.map(\.name))) }
            throw DiagnosticError(.needsPeriod("compare", span: c.span, available: []))
        }
        let base = try range(c.baseline, to: freq)
        let current = try range(c.comparison, to: freq)
        var fields = schema.keys.filter { $0.name != pk.name }
        let seriesKeys = fields.map(\.name)
        let measures = schema.measures.map(\.name)
        guard !measures.isEmpty else {
            throw DiagnosticError(.typeMismatch(.compareNeedsMeasure, span: c.span))
        }
        for m in measures {
            let unit = schema.field(m)?.meta.unit
            fields.append(Schema.Field(name: "\(m)_base", type: .float, meta: ColumnMeta(role: .measure, unit: unit)))
            fields.append(Schema.Field(name: "\(m)_current", type: .float, meta: ColumnMeta(role: .measure, unit: unit)))
            fields.append(Schema.Field(name: "\(m)_change", type: .float, meta: ColumnMeta(role: .measure, unit: unit)))
            fields.append(Schema.Field(name: "\(m)_growth", type: .float, meta: ColumnMeta(role: .measure, unit: "ratio")))
        }
        return .compare(CompareNode(input: input, base: base, current: current, seriesKeys: seriesKeys, period: pk.name, measures: measures, matched: c.matched, schema: Schema(fields: fields), span: c.span))
    }

    /// A range's bounds as periods of the table's frequency: `2015..2019` over months is 2015-01 … 2019-12.
    func range(_ r: RangeExpr, to freq: Frequency) throws -> ClosedRange<Period> {
        func bound(_ e: Expr, upper: Bool) throws -> Period {
            let b = try exprBinder(Schema(fields: []), .filter).literalPeriod(e)
            guard let p = b else {
                throw DiagnosticError(.constantExpected("a compare range's bound (a year such as 2019 or a period such as 2024-10)", span: e.span, hint: "e.g. compare 2015..2019 vs 2020..2022"))
            }
            if p.frequency == freq { return p }
            guard p.frequency < freq else {
                throw DiagnosticError(.typeMismatch(.finerRangeBound(bound: p, table: freq), span: e.span))
            }
            let days = p.dayRange
            let d = upper ? days.upperBound : days.lowerBound
            return Period.day(1970, 1, 1).advanced(by: d).converted(to: freq)!
        }
        let lo = try bound(r.lower, upper: false), hi = try bound(r.upper, upper: true)
        guard lo <= hi else { throw DiagnosticError(.typeMismatch(.emptyRange(lower: .period(lo), upper: .period(hi)), span: r.span)) }
        return lo...hi
    }
}
