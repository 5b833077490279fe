import AlmanacCore
import AlmanacDiagnostics
import AlmanacEngine

/// `pivot COLUMN` with its values known (`PivotNode.columnValues`, from a first statement: see
/// `SQLCompiler.compile(_:engine:values:)`): conditional aggregation, one `MAX(CASE WHEN column = v THEN m END)` per
/// value and measure, grouped by the row keys, the columns named as the local pivot names them. A row key with two
/// rows for one value stops the statement with a message saying so (`Dialect.failure`), as the local pivot stops.
extension StepBuilder {
    mutating func pivot(_ n: PivotNode) throws -> SQLCompiler.Relation {
        guard let values = n.columnValues else { throw compiler.pivotNeedsValues(n.span) }
        let from = try require(input)
        let inSchema = try inputSchema(n.span)
        let ex = ExprCompiler(dialect: dialect, schema: inSchema, span: n.span)
        let p = id(n.column)
        let literals = values.map { ex.literal($0, $0.dataType) }
        let added = Array(n.schema.names.dropFirst(n.rowKeys.count))
        guard added.count == values.count * n.values.count else {
            throw DiagnosticError(.internalError("pivot: the plan's columns do not match its values", span: n.span))
        }
        var items = n.rowKeys.map(id)
        var k = 0
        for m in n.values {
            for lit in literals {
                items.append("MAX(CASE WHEN \(p) = \(lit) THEN \(id(m)) END) AS \(id(added[k]))")
                k += 1
            }
        }
        guard !items.isEmpty else {
            throw compiler.unsupported("pivot with no row keys and no values", span: n.span)
        }
        let keys = n.rowKeys.map(id)
        let message = "pivot: several rows have the same row keys (\(n.rowKeys.joined(separator: ", "))) and the same \(n.column) (aggregate first so that each row key has one value per \(n.column)); rows: "
        let fail = dialect.failure(dialect.stringLiteral(message) + " || " + dialect.castToText("COUNT(\(p))"))
        var tail = keys.isEmpty ? "" : "GROUP BY \(keys.joined(separator: ", "))\n  "
        tail += "HAVING CASE WHEN COUNT(\(p)) = COUNT(DISTINCT \(p)) THEN TRUE ELSE \(fail) END"
        return emit(select: items, columns: n.schema.names, from: from, tail: tail, ordered: false)
    }
}
