import AlmanacCore
import AlmanacDiagnostics

/// Adds or replaces columns left to right; a time function over a plain column, or same-row arithmetic, keeps its
/// relation to the columns it reads (for live formulas).
struct DeriveOperator {
    let node: DeriveNode

    func run(_ input: Table, coverage: RowCoverage? = nil, runningTotals: [String: String] = [:]) throws -> OperatorOutput {
        var set = ColumnSet(input)
        var facts: [LocatedFact] = []
        var lineage: [(name: String, lineage: ColumnLineage?)] = []
        var coverage = coverage
        var marks: [String: [Int32: String]] = [:]
        // Year-to-date columns known so far, this step's included (`derive y = ytd(v), l = lag(y, 12)`).
        var totals = runningTotals
        var made: [String: String] = [:]
        for item in node.assignments {
            var col: Column
            var l = FormulaTree(item.expr).map(ColumnLineage.expression)
            do {
                // The evaluator's copy of the columns ends here, so that setting the new one copies nothing.
                var ev = ExprEvaluator(columns: set)
                if item.expr.hasTimeFunction {
                    let tc = TimeContext(table: set.table, coverage: coverage)
                    tc.runningTotals = totals
                    ev.timeContext = tc
                }
                let (c, timeLineage) = try ev.columnWithLineage(item.expr)
                col = c
                if let t = timeLineage { l = t }
                // A column set again loses the marks of its earlier value.
                marks[item.name] = nil
                if let tc = ev.timeContext {
                    facts.append(contentsOf: tc.facts)
                    if !tc.marks.isEmpty { marks[item.name] = tc.marks }
                }
            }
            col.name = item.name
            if let m = item.meta ?? node.schema.field(item.name)?.meta { col.meta = m }
            lineage.append((item.name, l))
            try set.set(col)
            // The members' values of a column set here no longer hold (`v = v * 2`).
            coverage = coverage?.replacing([item.name])
            totals = totals.filter { $0.key != item.name && $0.value != item.name }
            made = made.filter { $0.key != item.name && $0.value != item.name }
            if let x = RunningTotals.measure(of: item.expr) { totals[item.name] = x; made[item.name] = x }
            // A period that refines the key takes over from here on (see PeriodRoles).
            for (name, role) in item.roleChanges { set.setRole(name, role) }
        }
        return OperatorOutput(table: set.table, facts: facts, lineage: .assigned(lineage), marks: marks, runningTotals: made)
    }
}
