import AlmanacCore
import AlmanacDiagnostics
import AlmanacKernels

/// One row per combination of the keys, with the aggregate calls computed per group and the outputs over them.
package struct AggregateOperator {
    let node: AggregateNode
    /// Whether a function reaching across periods follows, which needs each row's coverage (`RowCoverage`).
    var tracksCoverage = false
    /// Whether a like-for-like reading follows, which needs each sub-series' value as well.
    var tracksMemberValues = false

    func run(_ input: Table) throws -> OperatorOutput {
        let keys = node.keys, calls = node.calls, outputs = node.outputs, schema = node.schema, span = node.span
        var ev = ExprEvaluator(table: input)
        // A key such as year(period) is encoded through a lookup over the period range (see DerivedPeriodKey);
        // the others are computed as columns.
        var groupKeys: [GroupKey] = []
        for k in keys {
            if let d = DerivedPeriodKey.make(k.expr, over: input) { groupKeys.append(.derived(d)); continue }
            var c = try ev.column(k.expr)
            c.name = k.name
            groupKeys.append(.computed(c))
        }
        let encoders = groupKeys.map(\.encoder)
        try checkRowLimit(input.rowCount)
        var g = Grouping.build(encoders: encoders, rowCount: input.rowCount)
        // Without 'by', an aggregate answers one row even over no rows (count 0, sums null), as in SQL.
        if keys.isEmpty && input.rowCount == 0 { g = Grouping(groupIDs: [], groupCount: 1, firstRows: [], strategy: .single) }
        var results: [Column] = []
        var facts: [LocatedFact] = []
        var cols: [Column] = zip(keys, groupKeys).map { k, key in
            var c = key.column(firstRows: g.firstRows)
            c.name = k.name
            return c
        }
        // The group's keys as a reader names it ("Hà Nội, exports"), for facts about one group.
        let keyValues = cols
        // The groups in the order the result lists them (facts name their examples in that order too).
        let order = try Self.keyOrder(keyValues)
        let label: (Int) -> String? = { k in
            guard !keyValues.isEmpty, k < keyValues[0].count else { return nil }
            return keyValues.map { $0.value(at: k).description }.joined(separator: ", ")
        }
        for call in calls {
            let x = try call.argument.map { try ev.column($0) }
            do {
                let report = AggregateReport(call: Self.callText(call), label: label, order: order)
                results.append(try aggregateCall(call, x, g, input: input, span: span, report: report))
                facts += report.facts.map { LocatedFact($0, span: span) }
            } catch let e as KernelError {
                throw DiagnosticError(.runtime(.aggregateKernel(function: call.function, error: e), span: span))
            }
        }
        for i in cols.indices { if let f = schema.field(cols[i].name) { cols[i].meta = f.meta } }
        var out = ExprEvaluator(table: input)
        out.aggregates = results
        if results.isEmpty { out.aggregates = [Column.ints("", [Int64?](repeating: 0, count: g.groupCount))] }
        for o in outputs {
            var c = try out.column(o.expr)
            c.name = o.name
            if let f = schema.field(o.name) { c.meta = f.meta }
            cols.append(c)
        }
        let ordered = order.map { o in cols.map { Gather.column($0, rows: o) } } ?? cols
        var output = OperatorOutput(table: try Table(columns: ordered), facts: incompletePeriods(input, keys: keys) + facts, lineage: .cleared)
        if tracksCoverage {
            do {
                output.coverage = try coverage(input, keys: encoders, groups: g, order: order, evaluator: &ev)
            } catch let e as KernelError {
                throw DiagnosticError(.runtime(.aggregateKernel(function: .sum, error: e), span: span))
            }
        }
        return output
    }

    /// The groups in key order, then period order (the keys in their `by` order, the period keys after the others;
    /// Vietnamese order for text, nulls last), whatever order the input rows came in: 2023-03 before 2024-06. `keys`
    /// are the key columns, one row per group; the order is output row → group, nil when the groups are in key order
    /// already. The database's statements of an aggregate's facts order their groups with it too.
    package static func keyOrder(_ keys: [Column]) throws -> [Int32]? {
        guard let rows = keys.first?.count, rows > 1 else { return nil }
        let ordered = keys.filter { !$0.dataType.isPeriod } + keys.filter { $0.dataType.isPeriod }
        let order = try Sorting.sortedIndices(ordered.map { SortColumn($0) }, rowCount: rows)
        if order.enumerated().allSatisfy({ $0.offset == Int($0.element) }) { return nil }
        return order
    }

    /// The call as written, for messages: `cagr(value)`.
    package static func callText(_ call: AggregateCall) -> String {
        guard let a = call.argument else { return "\(call.function)()" }
        let t = PlanPrinter.expr(a)
        return "\(call.function)(\(t.hasPrefix("(") && t.hasSuffix(")") ? String(t.dropFirst().dropLast()) : t))"
    }

    func aggregateCall(_ call: AggregateCall, _ x: Column?, _ g: Grouping, input: Table, span: SourceSpan, report: AggregateReport? = nil) throws -> Column {
        guard case .aggregate(let rule) = FunctionCatalog.definition(call.function).rule else {
            throw DiagnosticError(.runtime(.internal("\(call.function) is not an aggregate"), span: span))
        }
        return try rule.kernel(AggregateInput(argument: x, groups: g, period: {
            guard let p = input.periodKey else { throw DiagnosticError(.needsPeriod("\(call.function)()", span: span, available: [])) }
            return p
        }, report: report))
    }

    /// "2024 has only 10 of 12 months": a reader comparing full years must know the last one is partial.
    func incompletePeriods(_ input: Table, keys: [NamedExpr]) -> [LocatedFact] {
        var warnings: [LocatedFact] = []
        for k in keys {
            guard let (name, target) = IncompletePeriods.coarsened(k), let c = input.column(named: name),
                  case .period(let ords, let freq) = c.storage, freq > target, freq != .day else { continue }
            let (minOrd, maxOrd, any) = KeyEncoder.range32(ords, validWords(c.validity))
            guard any else { continue }
            warnings += IncompletePeriods.facts(first: minOrd, last: maxOrd, of: freq, by: target, span: k.span)
        }
        return warnings
    }
}
