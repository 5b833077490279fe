import AlmanacCore
import AlmanacDiagnostics
import AlmanacEngine

extension StepBuilder {
    /// `unpivot`: each input row joined laterally with a VALUES list of one row per unpivoted column (its position,
    /// its name — a period ordinal or the text — and its value cast to the values' type), as PostgreSQL and DuckDB
    /// run it (Spark: a `stack` lateral view). Empty cells are filtered out unless `keep nulls`; an order carried from a sort becomes the input
    /// row's order, then the column's position.
    mutating func unpivot(_ n: UnpivotNode) throws -> SQLCompiler.Relation {
        let from = try require(input)
        let t = id(from.name), u = id("__almanac_unpivot")
        let position = id("__almanac_column"), name = id(n.nameColumn), value = id(n.valueColumn)
        let type = dialect.typeName(n.valueType)
        let rows = n.columns.enumerated().map { k, c -> [String] in
            let label = n.periods.map { String($0[k].ordinal) } ?? dialect.stringLiteral(c.nfc)
            return [String(k), label, "CAST(\(t).\(id(c)) AS \(type))"]
        }
        let source = dialect.lateralRows(t, rows: rows, alias: u, columns: [position, name, value])
        var items = n.kept.map { "\(t).\(id($0))" } + ["\(u).\(name)", "\(u).\(value)"]
        if from.ordered {
            items.append("\(t).\(id(SQLCompiler.order)) * \(n.columns.count) + \(u).\(position) AS \(id(SQLCompiler.order))")
        }
        return emit(select: items, columns: n.kept + [n.nameColumn, n.valueColumn], from: from, source: source,
                    tail: n.keepNulls ? "" : "WHERE \(u).\(value) IS NOT NULL", ordered: from.ordered)
    }
}
