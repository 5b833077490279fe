import Foundation
import AlmanacCore
import AlmanacDiagnostics
import AlmanacEngine
import AlmanacIO
import AlmanacPostgres
import AlmanacSQL

/// Datasets that live in a PostgreSQL table (`database = "postgresql://…"`, `table = "…"` in the catalog). Their
/// schema is the table's real columns, dressed with the catalog's period, dimensions and measures; a query over them
/// compiles to one SQL statement (AlmanacSQL's postgres dialect), runs in PostgreSQL, and only its result travels.
/// A query that mixes a database table with a file, or two databases, is an error: never a partial push-down.
enum DatabaseDatasets {
    /// A table of no rows with the database table's columns as the catalog dresses them; checks that every column the
    /// catalog names is in the table.
    static func schemaTable(_ spec: DatasetSpec, _ db: DatabaseTable, catalogFile: String) throws -> Table {
        func fail(_ field: String, _ e: Error) -> CatalogError {
            CatalogError(file: catalogFile, dataset: spec.name, field: field, message: ErrorText.describe(e))
        }
        let real: [(name: String, type: DataType)]
        do {
            real = try PostgresConnection(url: db.url).columns(ofTable: db.table)
        } catch let e as PostgresError {
            throw fail(e.kind == .missingTable ? "table" : "database", e)
        }
        let names = real.map(\.name)
        func check(_ col: String, _ field: String) throws {
            guard names.contains(col) else {
                let close = Suggestions.closest(to: col, among: names)
                throw CatalogError(file: catalogFile, dataset: spec.name, field: field, message: "no column '\(col)' in table '\(db.table)' of \(db.url)",
                                   hint: close.map { "did you mean '\($0)'?" } ?? "its columns: " + names.joined(separator: ", "))
            }
        }
        guard spec.periodColumns.count <= 1 else {
            throw CatalogError(file: catalogFile, dataset: spec.name, field: "period", message: "a database dataset's period is one column (a DATE or text such as 2024-10)")
        }
        for c in spec.periodColumns { try check(c, "period") }
        for c in spec.dimensions { try check(c, "dimensions") }
        for c in spec.measures.keys.sorted() { try check(c, "measures") }
        for c in spec.labels.keys.sorted() { try check(c, "labels") }
        let frequency = spec.frequency ?? .month
        let columns = real.map { f -> Column in
            var c: Column
            if spec.periodColumns.first == f.name {
                c = .periods(f.name, [], frequency: frequency)
                c.meta.role = .period
            } else {
                switch f.type {
                case .int: c = .ints(f.name, [])
                case .float: c = .floats(f.name, [])
                case .bool: c = .bools(f.name, [])
                default: c = .texts(f.name, [])
                }
                if let m = spec.measures[f.name] {
                    c.meta.role = .measure
                    c.meta.unit = m.unit.name
                    c.meta.label = m.label
                } else if spec.dimensions.contains(f.name) {
                    c.meta.role = .dimension
                } else if !spec.dimensions.isEmpty && !f.type.isNumeric {
                    c.meta.role = .attribute
                }
            }
            if let l = spec.labels[f.name] { c.meta.label = l }
            return c
        }
        return try Table(columns: columns)
    }

    /// The database tables a plan reads, with the node that reads each; empty when it reads none.
    static func sources(of plan: LogicalPlan, _ provider: CatalogTableProvider) -> [(scan: ScanNode, spec: DatasetSpec?)] {
        plan.nodes.compactMap { n -> ScanNode? in
            switch n { case .scan(let s): return s; case .join(let j): return j.lookup; default: return nil }
        }.map { ($0, provider.dataset(for: $0.source)) }
    }

    /// The one database a plan runs in, or nil when it reads no database table; an error when it mixes places.
    static func database(of plan: LogicalPlan, _ provider: CatalogTableProvider) throws -> DatabaseTable? {
        let all = sources(of: plan, provider)
        guard let first = all.first(where: { $0.spec?.database != nil }), let db = first.spec?.database else { return nil }
        for s in all where s.spec?.database?.url != db.url {
            let other = s.spec?.database.map { "dataset '\(s.scan.source.displayName)' in \($0.url)" } ?? "'\(s.scan.source.displayName)', which is read by Almanac"
            throw DiagnosticError(.error(DiagnosticID("sql.mixed-sources"), "dataset '\(first.scan.source.displayName)' lives in \(db.url) but the query also reads \(other): a query runs in one place", span: s.scan.span,
                                         hints: ["load the other source into the same database, or export the database table to a file"]))
        }
        return db
    }

    /// Compiles the plan to PostgreSQL's SQL, runs it there and returns the result typed as the plan says; nil when
    /// the plan reads no database table.
    static func execute(_ plan: LogicalPlan, _ provider: CatalogTableProvider) throws -> PushedDownResult? {
        guard let db = try database(of: plan, provider) else { return nil }
        let compiler = SQLCompiler(dialect: PostgresDialect()) { h in .table(provider.dataset(for: h)?.database?.table ?? h.displayName) }
        let sql: String
        do { sql = try compiler.compile(plan) } catch let e as DiagnosticError {
            // The local engine cannot take over (the data is in the database): say so instead of suggesting it.
            let reworded = e.diagnostics.map { d -> Diagnostic in
                var d = d
                if d.id == DiagnosticID("sql.unsupported") {
                    d.hints = ["the dataset is a table in \(db.url), so the whole query must run there: drop the step, or export the table to a file and query that"]
                }
                return d
            }
            throw DiagnosticError(diagnostics: reworded) ?? e
        }
        let connection = try PostgresConnection(url: db.url)
        let columns = try connection.query(sql, table: db.table)
        // The warnings the local engine would give (missing base periods, incomplete years), computed there too.
        let facts = try compiler.factStatements(plan)
        let results = try facts.statements.map { try connection.query($0, table: db.table) }
        let table = try conform(columns, to: plan.outputSchema)
        return PushedDownResult(table: table, facts: facts.facts(results), marks: facts.marks(results, table: table))
    }

    /// The distinct values of the column the plan's final pivot spreads, read in PostgreSQL; nil when the plan reads
    /// no database table.
    static func pivotValues(_ plan: LogicalPlan, _ provider: CatalogTableProvider) throws -> [Value]? {
        guard let db = try database(of: plan, provider) else { return nil }
        let compiler = SQLCompiler(dialect: PostgresDialect()) { h in .table(provider.dataset(for: h)?.database?.table ?? h.displayName) }
        let columns = try PostgresConnection(url: db.url).query(try compiler.pivotValuesStatement(plan), table: db.table)
        return columns.first.map { c in (0..<c.count).map { c.value(at: $0) } } ?? []
    }

    /// The database's columns as the plan's schema types them: period text (`2024-10`) back to periods, integers
    /// where the schema expects numbers as floats, and the schema's roles and units.
    static func conform(_ columns: [Column], to schema: Schema) throws -> Table {
        var out: [Column] = []
        for (i, f) in schema.fields.enumerated() where i < columns.count {
            var c = columns[i]
            switch (f.type, c.dataType) {
            case (.period(let freq), .text):
                c = .periods(f.name, (0..<c.count).map { r in
                    if case .text(let s) = c.value(at: r) { return periodFromText(s, freq) }
                    return nil
                }, frequency: freq)
            case (.float, .int):
                c = .floats(f.name, (0..<c.count).map { r in if case .int(let x) = c.value(at: r) { return Double(x) }; return nil })
            default: break
            }
            c.name = f.name
            c.meta = f.meta
            out.append(c)
        }
        return try Table(columns: out)
    }

    /// `2024`, `2024-Q3` or `2024-10` (as the SQL's final SELECT prints them).
    static func periodFromText(_ s: String, _ f: Frequency) -> Period? {
        let parts = s.split(separator: "-")
        guard let y = parts.first.flatMap({ Int32($0) }) else { return nil }
        switch f {
        case .year: return .year(y)
        case .quarter: return parts.count == 2 ? Int32(parts[1].dropFirst()).map { .quarter(y, $0) } : nil
        case .month: return parts.count == 2 ? Int32(parts[1]).map { .month(y, $0) } : nil
        case .day: return nil
        }
    }
}

extension CatalogTableProvider: PlanPushdown {
    public func execute(_ plan: LogicalPlan) throws -> PushedDownResult? { try DatabaseDatasets.execute(plan, self) }

    public func pivotValues(_ plan: LogicalPlan) throws -> [Value]? { try DatabaseDatasets.pivotValues(plan, self) }

    public func location(of plan: LogicalPlan) -> String? {
        guard let db = try? DatabaseDatasets.database(of: plan, self) else { return nil }
        return "PostgreSQL (\(db.url), table \(db.table)): the whole query compiles to one SQL statement and only its result travels"
    }
}
