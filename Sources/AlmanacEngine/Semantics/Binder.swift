import AlmanacCore
import AlmanacKernels
import AlmanacSyntax
import AlmanacDiagnostics

/// Binds a parsed pipeline to a logical plan: resolves the source and every name, checks types and where each
/// function may stand, and computes the schema after each step. All before any step runs.
struct Binder {
    let provider: TableProvider
    let parameters: [String: String]
    var datasetName: String?
    /// The last step that replaced the columns (select, aggregate, pivot, compare, unpivot): an unknown column is then
    /// "not a column after the aggregate step", not "not a column of 'trade'" (it may well be one of trade's).
    var reshapedBy: String?
    /// Where that step stands in the query, for a note under an unknown column.
    var reshapedAt: SourceSpan?

    /// Warnings found while binding (a text literal that names a column); they travel with the plan and the result.
    var warnings: [Diagnostic] = []
    /// Where each column of the current schema was made: the source that has it, or the step (the derive assignment)
    /// that made it. A join key of the wrong kind is shown there, beside the lookup's side.
    var origins: [String: SourceSpan] = [:]

    /// The label under an unknown column's carets.
    var columnLabel: String? {
        if let r = reshapedBy { return "not a column after the \(r) step" }
        return datasetName.map { "not a column of '\($0)'" }
    }

    func unknownColumn(_ name: String, span: SourceSpan, candidates: [String], schema: Schema? = nil) -> DiagnosticError {
        var d = Diagnostic.unknownColumn(name, span: span, candidates: candidates).withLabel(columnLabel)
        if let p = schema?.pivotOutputs { d.hints = [p.hint(for: name, known: candidates)] }
        if schema?.pivotOutputs == nil, let note = reshapeNote(candidates) { d.spannedNotes.append(note) }
        return DiagnosticError(d)
    }

    /// Binds the steps; `startSchema` continues a plan after a pivot (whose columns are known only at run time):
    /// the plan then starts with a `resume` node standing for the rows already computed.
    mutating func bind(_ steps: [Step], file: SourceFile, startSchema: Schema? = nil) throws -> LogicalPlan {
        var plan = LogicalPlan(source: file, parameters: parameters)
        var schema = PeriodRoles.settled(startSchema ?? Schema(fields: []))
        var bound = 0
        if startSchema != nil || !(steps.first.map { if case .from = $0 { return true } else { return false } } ?? true) {
            plan.append(.resume(ResumeNode(schema: schema, span: steps.first?.span ?? SourceSpan(file: file, start: 0, end: 0))))
        }
        // Consecutive derives are one node: the same columns left to right, bound into one schema and one list that
        // are written to the plan when the run ends, so that each step costs what it adds (a pipeline of thousands of
        // derives would otherwise copy and keep thousands of schemas).
        var run: (input: NodeID, items: [NamedExpr], span: SourceSpan)? = nil
        func endRun(_ plan: inout LogicalPlan, _ schema: Schema) {
            guard let r = run else { return }
            plan.append(.derive(DeriveNode(input: r.input, assignments: r.items, schema: schema, span: r.span)))
            run = nil
        }
        for step in steps {
            if case .derive(let d) = step, let input = run?.input ?? plan.rootID {
                var items = run?.items ?? []
                let span = run.map { SourceSpan.covering([$0.span, d.span]) ?? d.span } ?? d.span
                run = nil
                try bindDerive(d, into: &items, schema: &schema)
                for a in d.assignments { origins[a.name] = a.span }
                run = (input, items, span)
                bound += 1
                continue
            }
            endRun(&plan, schema)
            let node = try bindStep(step, input: plan.rootID, schema: schema)
            noteReshape(node)
            noteOrigins(node, before: schema)
            plan.append(node)
            bound += 1
            if case .pivot(let p) = node {
                let rest = Array(steps[bound...])
                try precheck(rest)
                // What can be checked now of the steps after the pivot: the remaining keys are known, and so is the
                // shape of the columns it will make.
                var after = p.schema
                if let c = schema.field(p.column) {
                    after.pivotOutputs = PivotOutputs(column: c.name, type: c.type, values: p.values.compactMap { schema.field($0) })
                }
                try prebind(rest, schema: after)
                break
            }
            schema = node.schema
        }
        endRun(&plan, schema)
        plan.warnings = warnings
        plan.stepsAfterPivot = steps.count - bound
        return plan
    }

    /// Updates `origins` after `node`: a step that makes every column (a source, an aggregate, a pivot, a compare)
    /// is where all of them come from; another step is where the columns it adds or renames come from.
    mutating func noteOrigins(_ node: PlanNode, before: Schema) {
        switch node {
        case .scan, .resume, .aggregate, .pivot, .compare:
            origins = [:]
            for f in node.schema.fields { origins[f.name] = node.span }
        default:
            for f in node.schema.fields where before.field(f.name) == nil || origins[f.name] == nil { origins[f.name] = node.span }
        }
    }

    mutating func noteReshape(_ node: PlanNode) {
        switch node {
        case .select: reshapedBy = "select"
        case .aggregate: reshapedBy = "aggregate"
        case .pivot: reshapedBy = "pivot"
        case .compare: reshapedBy = "compare"
        case .unpivot: reshapedBy = "unpivot"
        case .scan: reshapedBy = nil
        default: return
        }
        reshapedAt = reshapedBy == nil ? nil : node.span
    }

    /// Binds the steps after a pivot before it runs, against its remaining keys and the shape of its columns, to
    /// report now what is wrong whatever the data: a type error over the keys, a name no pivot value can make. It
    /// stops at a step that needs every column (another pivot, compare); the plan it makes is not kept (the steps
    /// are bound again once the pivot has run).
    func prebind(_ steps: [Step], schema start: Schema) throws {
        var probe = self
        var schema = start
        for step in steps {
            switch step {
            case .pivot, .compare, .unpivot: return
            default: break
            }
            let node = try probe.bindStep(step, input: NodeID(index: 0), schema: schema)
            probe.noteReshape(node)
            schema = node.schema
        }
    }

    /// Steps after a pivot are bound only once the pivot has run (its columns come from the data). What does not
    /// depend on those columns is checked now, before any step runs: functions (names, arity, where they may
    /// stand), parameters, and the datasets of later joins. (An `unpivot` needs every column too, like another
    /// pivot or a compare.)
    func precheck(_ steps: [Step]) throws {
        for step in steps {
            switch step {
            case .from(let s):
                _ = try resolve(s.source, sheet: s.sheet)
            case .where(let w): try precheck(w.condition, .filter)
            case .derive(let d): for a in d.assignments { try precheck(a.expr, .derive) }
            case .select(let s): for it in s.items { if let e = it.expr { try precheck(e, .select) } }
            case .aggregate(let a):
                for k in a.groupBy { if let e = k.expr { try precheck(e, .groupKey) } }
                for m in a.measures { try precheck(m.expr, .aggregateOutput) }
            case .sort(let s): for k in s.keys { try precheck(k.expr, .sort) }
            case .join(let j):
                _ = try resolve(j.dataset)
            case .take, .pivot, .compare, .unpivot: break
            }
        }
    }

    func precheck(_ e: Expr, _ place: ExprPlace) throws {
        switch e.kind {
        case .parameter(let name):
            guard parameters[name] != nil else { throw DiagnosticError(.unknownParameter(name, span: e.span, known: parameters.keys.sorted())) }
        case .call(let name, let nameSpan, let args):
            guard let info = FunctionCatalog.definition(named: name) else { throw DiagnosticError(.unknownFunction(name, span: nameSpan)) }
            guard info.arity.contains(args.count) else { throw DiagnosticError(.wrongArity(info, found: args.count, span: e.span)) }
            var inner = place
            switch info.kind {
            case .aggregate:
                guard place == .aggregateOutput else { throw DiagnosticError(.misplacedFunction(info, span: nameSpan, place: place.rawValue)) }
                inner = .aggregateArgument
            case .time:
                guard place.allowsTime else { throw DiagnosticError(.misplacedFunction(info, span: nameSpan, place: place.rawValue)) }
            case .scalar: break
            }
            for a in args { try precheck(a, inner) }
            return
        default: break
        }
        for c in e.kind.children { try precheck(c, place) }
    }

    /// The source a `from` or `join` names, or the error that says why there is none.
    func resolve(_ name: NameRef, sheet: NameRef? = nil) throws -> SourceHandle {
        switch provider.resolve(name.name, quoted: name.quoted, sheet: sheet?.name) {
        case .found(let h): return h
        case .missingFile(let path): throw DiagnosticError(.missingFile(path, span: name.span))
        case .folder(let path): throw DiagnosticError(.folderSource(path, span: name.span))
        case .unknown: throw DiagnosticError(.unknownDataset(name.name, span: name.span, candidates: provider.datasetNames))
        }
    }

    func exprBinder(_ schema: Schema, _ place: ExprPlace) -> ExprBinder {
        var b = ExprBinder(schema: schema, parameters: parameters, place: place, datasetName: datasetName, columnLabel: columnLabel)
        b.reshapeNote = reshapeNote(schema.names)
        return b
    }

    /// "the aggregate step makes the columns: …", at that step: why a column of the source is no longer there.
    func reshapeNote(_ columns: [String]) -> SpannedNote? {
        guard let step = reshapedBy, let at = reshapedAt else { return nil }
        let shown = columns.prefix(8).joined(separator: ", ") + (columns.count > 8 ? ", …" : "")
        return SpannedNote(message: "the \(step) step makes the columns: \(shown)", span: at)
    }

    /// Binds one step over the node `input` (nil before the first), whose rows have `schema`.
    mutating func bindStep(_ step: Step, input: NodeID?, schema: Schema) throws -> PlanNode {
        if case .from(let f) = step { return try bindFrom(f) }
        // `bind` starts every plan with a source (a scan, or the rows already computed).
        guard let input else { preconditionFailure("a step other than 'from' is bound over an input") }
        switch step {
        case .from(let s): return try bindFrom(s)
        case .where(let s): return try bindWhere(s, input: input, schema: schema)
        case .derive(let s): return try bindDerive(s, input: input, schema: schema)
        case .select(let s): return try bindSelect(s, input: input, schema: schema)
        case .aggregate(let s): return try bindAggregate(s, input: input, schema: schema)
        case .sort(let s): return try bindSort(s, input: input, schema: schema)
        case .take(let s): return try bindTake(s, input: input, schema: schema)
        case .pivot(let s): return try bindPivot(s, input: input, schema: schema)
        case .join(let s): return try bindJoin(s, input: input, schema: schema)
        case .compare(let s): return try bindCompare(s, input: input, schema: schema)
        case .unpivot(let s): return try bindUnpivot(s, input: input, schema: schema)
        }
    }

    static func role(for e: BoundExpr) -> ColumnRole? {
        guard let t = e.type else { return nil }
        if t.isPeriod { return .period }
        return t.isNumeric ? .measure : nil
    }

}

extension ExprBinder {
    /// A literal period or year (as a yearly period), or nil.
    func literalPeriod(_ e: Expr) throws -> Period? {
        var b = self
        switch try b.bind(e) {
        case .literal(.int(let y), _): return (1...9999).contains(y) ? .year(Int32(y)) : nil
        case .literal(.period(let p), _): return p
        default: return nil
        }
    }
}
