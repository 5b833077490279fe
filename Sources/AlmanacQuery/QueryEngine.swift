import AlmanacCore
import AlmanacDiagnostics
import AlmanacIO

/// The query language's front door: parse, bind (all names and types checked before any step runs), execute.
public struct QueryEngine {
    public let provider: TableProvider

    public init(provider: TableProvider) { self.provider = provider }

    /// A query engine over a catalog (and CSV files by path).
    public init(catalog: Catalog) { provider = CatalogTableProvider(catalog: catalog) }

    /// Parses and binds without running: every syntax, name and type error, as diagnostics.
    public func check(_ file: SourceFile, parameters: [String: String] = [:]) throws -> LogicalPlan {
        let pipeline = try QueryParser.parse(file).get()
        var binder = Binder(provider: provider, parameters: parameters)
        return try binder.bind(pipeline.steps, file: file)
    }

    /// Runs a query.
    public func run(_ file: SourceFile, parameters: [String: String] = [:]) throws -> QueryResult {
        let pipeline = try QueryParser.parse(file).get()
        var binder = Binder(provider: provider, parameters: parameters)
        var plan = try binder.bind(pipeline.steps, file: file)
        var executor = Executor(provider: provider)
        var table = Table.empty
        var index = 0
        var allNodes: [PlanNode] = []
        var allSchemas: [Schema] = []
        while true {
            for (node, schema) in zip(plan.nodes, plan.schemas) {
                do {
                    table = try executor.run(node, schema: schema, input: table)
                } catch let e as DiagnosticError {
                    throw e
                } catch {
                    // A kernel or table error the executor did not word: still a diagnostic at the step, never a raw error.
                    throw DiagnosticError(.runtime("\(error)", span: node.span))
                }
                allNodes.append(node)
                allSchemas.append(Schema(table))
                index += 1
            }
            // After a pivot, the rest binds against the columns the pivot made.
            guard index < pipeline.steps.count else { break }
            plan = try binder.bind(Array(pipeline.steps[index...]), file: file, startSchema: Schema(table))
        }
        let full = LogicalPlan(nodes: allNodes, schemas: allSchemas, source: file, parameters: parameters)
        return QueryResult(table: table, warnings: executor.warnings, sources: executor.sources, lineage: executor.lineage, plan: full)
    }

    /// Runs query text.
    public func run(_ text: String, name: String = "<query>", parameters: [String: String] = [:]) throws -> QueryResult {
        try run(SourceFile(name: name, text: text), parameters: parameters)
    }
}
