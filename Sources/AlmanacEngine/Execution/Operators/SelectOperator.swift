import AlmanacCore
import AlmanacDiagnostics

/// Exactly the named columns or expressions, in order.
struct SelectOperator {
    let node: SelectNode

    func run(_ input: Table, coverage: RowCoverage? = nil) throws -> OperatorOutput {
        var ev = ExprEvaluator(table: input)
        if node.items.contains(where: { $0.expr.hasTimeFunction }) { ev.timeContext = TimeContext(table: input, coverage: coverage) }
        var cols: [Column] = []
        var expressions: [String: ColumnLineage] = [:]
        var passedThrough = Set<String>()
        var marks: [String: [Int32: String]] = [:]
        for item in node.items {
            ev.timeContext?.marks = [:]
            var c = try ev.column(item.expr)
            if let m = ev.timeContext?.marks, !m.isEmpty { marks[item.name] = m }
            if case .column(let src, _) = item.expr, src == item.name { passedThrough.insert(src) }
            // Arithmetic over the input's columns: it holds in the output when they are passed through unchanged.
            else if let t = FormulaTree(item.expr) { expressions[item.name] = .expression(t) }
            c.name = item.name
            if let f = node.schema.field(item.name) { c.meta = f.meta }
            cols.append(c)
        }
        return OperatorOutput(table: try Table(columns: cols), facts: ev.timeContext?.facts ?? [],
                              lineage: .selected(passedThrough: passedThrough, expressions: expressions), marks: marks)
    }
}
