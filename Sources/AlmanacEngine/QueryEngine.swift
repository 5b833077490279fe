import AlmanacCore
import AlmanacKernels
import AlmanacSyntax
import AlmanacDiagnostics

/// The query language's front door: parse, bind (all names and types checked before any step runs), execute.
public struct QueryEngine {
    public let provider: TableProvider

    public init(provider: TableProvider) { self.provider = provider }


    /// Parses and binds without running: every syntax, name and type error, as diagnostics.
    public func check(_ file: SourceFile, parameters: [String: String] = [:]) throws -> LogicalPlan {
        let pipeline = try QueryParser.parse(file).get()
        var binder = Binder(provider: provider, parameters: parameters)
        return try binder.bind(pipeline.steps, file: file)
    }

    /// Runs a query. Names and types are checked against the sources' schemas as their first rows show them; in the
    /// rare case a full load types a column differently (a value after the inference sample turned a column to
    /// text), the query is bound again against the loaded tables and run once more.
    /// `cancellation` stops it before its next step (throwing `QueryCancelled`).
    public func run(_ file: SourceFile, parameters: [String: String] = [:], cancellation: QueryCancellation? = nil) throws -> QueryResult {
        do {
            return try runOnce(file, parameters: parameters, verifySources: true, cancellation: cancellation)
        } catch is SourceSchemaChanged {
            return try runOnce(file, parameters: parameters, verifySources: false, cancellation: cancellation)
        } catch let first as DiagnosticError {
            // Perhaps a type error only because the first rows misled a previewed schema: with the sources loaded,
            // the schemas are the real ones, and the second answer is the one to report. Errors that no type can
            // cause (unknown names, syntax) are reported at once, with no data read.
            guard provider.schemasArePreviews, first.diagnostics.contains(where: \.dependsOnColumnTypes),
                  loadSources(of: file) else { throw first }
            return try runOnce(file, parameters: parameters, verifySources: false, cancellation: cancellation)
        }
    }

    /// Loads every source a query names (so that the provider's schemas are the loaded tables'); false if any fails.
    func loadSources(of file: SourceFile) -> Bool {
        guard let pipeline = try? QueryParser.parse(file).get() else { return false }
        for step in pipeline.steps {
            let name: NameRef
            var sheet: String? = nil
            switch step {
            case .from(let f): name = f.source; sheet = f.sheet?.name
            case .join(let j): name = j.dataset
            default: continue
            }
            guard let ref = provider.resolve(name.name, quoted: name.quoted, sheet: sheet).handle, (try? provider.load(ref, columns: nil)) != nil else { return false }
        }
        return true
    }

    /// A loaded source whose column types differ from the schema the query was bound against.
    struct SourceSchemaChanged: Error {}

    func runOnce(_ file: SourceFile, parameters: [String: String], verifySources: Bool,
                 cancellation: QueryCancellation? = nil) throws -> QueryResult {
        let pipeline = try QueryParser.parse(file).get()
        var binder = Binder(provider: provider, parameters: parameters)
        // Parse only the source columns the plan reads.
        var plan = ColumnPruning.pruned(try binder.bind(pipeline.steps, file: file))
        let bindWarnings = plan.warnings
        if let remote = provider as? PlanPushdown {
            // A pivot's values are read where the data is; the steps after it are then bound and run there too.
            var whole = plan
            while whole.unresolvedPivot != nil, let values = try remote.pivotValues(whole) {
                whole = try continuing(whole, pivotValues: values)
            }
            if let pushed = try remote.execute(whole) {
                let sources = whole.nodes.compactMap { n -> SourceHandle? in
                    switch n { case .scan(let s): return s.source; case .join(let j): return j.lookup.source; default: return nil }
                }
                // The pushed facts say themselves where coverage (which series and months each sum holds) was not checked.
                let facts = pushed.facts
                return QueryResult(table: pushed.table.withRoles(of: whole.outputSchema), warnings: whole.warnings + facts.map(\.diagnostic),
                                   facts: facts, sources: sources, lineage: [:], plan: whole, marks: pushed.marks)
            }
        }
        // Rows are followed back to their source only for a step that may have to name one (an unpivot before any
        // pivot: a pivot's rows are no source's).
        let followsRows = plan.nodes.contains { if case .unpivot = $0 { return true } else { return false } }
        var executor = Executor(provider: provider, followsRows: followsRows)
        executor.tracksCoverage = CoverageNeeds.wanted(plan)
        executor.tracksMemberValues = executor.tracksCoverage && CoverageNeeds.wantsMatched(plan)
        var table = Table.empty
        var full: LogicalPlan?
        while true {
            for node in plan.nodes {
                if cancellation?.isCancelled == true { throw QueryCancelled() }
                do {
                    // The roles the binder settled (which period column is the key) hold in the data too.
                    table = try executor.run(node, input: table)
                    if case .derive(let d) = node {
                        // A derive changes the roles of the columns it sets and of those its period changes only.
                        table = table.withRoles(of: node.schema, only: d.assignments.flatMap { [$0.name] + $0.roleChanges.keys })
                    } else {
                        table = table.withRoles(of: node.schema)
                    }
                } catch let e as DiagnosticError {
                    throw e
                } catch {
                    // A kernel or table error the executor did not word: still a diagnostic at the step, never a raw error.
                    throw DiagnosticError(.runtime(.internal("\(error)"), span: node.span))
                }
                if verifySources, node.readsSource, !Schema(table).hasSameTypes(as: node.schema) { throw SourceSchemaChanged() }
            }
            full = full.map { $0.continued(by: plan) } ?? plan
            // After a pivot, the rest binds against the columns the pivot made.
            guard plan.stepsAfterPivot > 0 else { break }
            binder.warnings = []
            plan = try binder.bind(Array(pipeline.steps.suffix(plan.stepsAfterPivot)), file: file, startSchema: Schema(table))
            executor.note(plan.warnings)
        }
        return QueryResult(table: table, warnings: bindWarnings + executor.warnings, facts: executor.facts, sources: executor.sources,
                           lineage: executor.lineage.columns, plan: full ?? plan, rejected: executor.rejected, marks: executor.marks)
    }

    /// Runs query text.
    public func run(_ text: String, name: String = "<query>", parameters: [String: String] = [:]) throws -> QueryResult {
        try run(SourceFile(name: name, text: text), parameters: parameters)
    }
}

extension Diagnostic {
    /// Whether other column types could make this error go away: a type error, or a missing or ambiguous period
    /// column (read from the typed message, never from the text or the id).
    var dependsOnColumnTypes: Bool {
        message(as: TypeMismatchMessage.self) != nil || message(as: PeriodKeyMessage.self) != nil
    }
}
