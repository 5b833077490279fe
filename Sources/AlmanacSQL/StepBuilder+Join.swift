import AlmanacCore
import AlmanacDiagnostics
import AlmanacEngine

/// `join DATASET on k, …`: a LEFT JOIN on the keys (a null key never matches), the looked-up columns under the
/// names the binder gave them (`NAME_DATASET` when taken). A lookup needs one row per key: when it has several for
/// some key, the statement fails with a message saying so (`Dialect.failure`), as the local engine stops — never
/// rows silently repeated.
extension StepBuilder {
    mutating func join(_ n: JoinNode) throws -> SQLCompiler.Relation {
        let from = try require(input)
        let lookup = try scan(n.lookup)
        noteStepFact(.join(n, lookup: lookup), over: from, schema: try inputSchema(n.span))
        let others = n.lookup.schema.fields.map(\.name).filter { !n.keys.contains($0) }
        let added = Array(n.schema.names.dropFirst(from.columns.count))
        guard added.count == others.count, Array(n.schema.names.prefix(from.columns.count)) == from.columns else {
            throw DiagnosticError(.internalError("join: the plan's columns do not follow the input's and the lookup's", span: n.span))
        }
        let keys = n.keys.map(id)
        let notNull = keys.map { "\($0) IS NOT NULL" }.joined(separator: " AND ")
        let duplicated = emit(select: ["COUNT(*) AS \(id("n"))"], columns: ["n"], from: nil,
                              source: "(SELECT \(keys.joined(separator: ", ")) FROM \(id(lookup.name)) WHERE \(notNull) GROUP BY \(keys.joined(separator: ", ")) HAVING COUNT(*) > 1) AS \(id("d0"))",
                              ordered: false)
        let message = "join: '\(n.lookup.source.shortName)' has several rows for some key (a lookup needs one row per key); keys with several rows: "
        let fail = dialect.failure(dialect.stringLiteral(message) + " || " + dialect.castToText("d.\(id("n"))"))
        let on = keys.map { "i.\($0) = l.\($0)" }.joined(separator: " AND ")
        let items = from.columns.map { "i.\(id($0))" } + zip(others, added).map { "l.\(id($0)) AS \(id($1))" }
            + (from.ordered ? ["i.\(id(SQLCompiler.order))"] : [])
        let source = "\(id(from.name)) AS i\n  LEFT JOIN \(id(lookup.name)) AS l ON \(on)\n  CROSS JOIN \(id(duplicated.name)) AS d"
        return emit(select: items, columns: from.columns + added, from: nil, source: source,
                    tail: "WHERE CASE WHEN d.\(id("n")) = 0 THEN TRUE ELSE \(fail) END", ordered: from.ordered)
    }
}
