import AlmanacCore
import AlmanacDiagnostics
import AlmanacKernels
import AlmanacSyntax

/// A pivot's columns come from the data. An engine that runs the plan elsewhere (SQL) asks for the pivot column's
/// distinct values first, then resolves the pivot with them: the columns are named and ordered as the local pivot
/// names and orders them, and the steps after it are bound on top.
extension PivotNode {
    /// The pivot with its columns known from `raw`, the distinct values of `column` (nulls and repeats allowed,
    /// periods as values or as their integer ordinals; an empty list means the input had no rows, an error as when the
    /// pivot runs).
    public func resolved(with raw: [Value], input: Schema) throws -> PivotNode {
        guard !raw.isEmpty else {
            throw DiagnosticError(.runtime(.pivotEmpty, span: span))
        }
        guard let field = input.field(column) else { throw DiagnosticError(.internalError("pivot: no column '\(column)' in its input", span: span)) }
        var seen = Set<Value>()
        let distinct = raw.map { Self.typed($0, field.type) }.filter { !$0.isNull && seen.insert($0).inserted }
        let keyColumn = try Self.column(distinct, type: field.type, span: span)
        let sorted = try Sorting.sortedIndices([SortColumn(keyColumn)], rowCount: distinct.count).map { distinct[Int($0)] }
        let names = sorted.map(\.description)
        var fields = schema.fields
        var taken = Set(fields.map(\.name))
        for m in values {
            guard let mf = input.field(m) else { throw DiagnosticError(.internalError("pivot: no column '\(m)' in its input", span: span)) }
            for name in names {
                let out = values.count > 1 ? "\(m)_\(name)" : name
                guard taken.insert(out).inserted else {
                    throw DiagnosticError(.runtime(.pivotNameClash(column: column, value: out), span: span))
                }
                var meta = mf.meta
                meta.role = .measure
                fields.append(Schema.Field(name: out, type: mf.type, meta: meta))
            }
        }
        var node = self
        node.columnValues = sorted
        node.schema = PeriodRoles.settled(Schema(fields: fields))
        return node
    }

    /// A value as a database returns it, in the pivot column's type: an integer ordinal becomes its period (periods
    /// travel as ordinals in SQL), an integer a float where the column holds floats.
    static func typed(_ v: Value, _ type: DataType) -> Value {
        switch (v, type) {
        case (.int(let o), .period(let f)): return Int32(exactly: o).map { .period(Period(frequency: f, ordinal: $0)) } ?? v
        case (.int(let x), .float): return .float(Double(x))
        default: return v
        }
    }

    /// The values as a column of the pivot column's type (to sort them as the local pivot does).
    static func column(_ values: [Value], type: DataType, span: SourceSpan) throws -> Column {
        func wrong(_ v: Value) -> DiagnosticError {
            DiagnosticError(.internalError("pivot: the value \(v) is not a \(type)", span: span))
        }
        switch type {
        case .text: return .texts("", try values.map { if case .text(let s) = $0 { return s }; throw wrong($0) })
        case .int: return .ints("", try values.map { if case .int(let x) = $0 { return x }; throw wrong($0) })
        case .float: return .floats("", try values.map { v in
            switch v { case .float(let x): return x; case .int(let x): return Double(x); default: throw wrong(v) } })
        case .bool: return .bools("", try values.map { if case .bool(let b) = $0 { return b }; throw wrong($0) })
        case .period(let f): return .periods("", try values.map { if case .period(let p) = $0, p.frequency == f { return p }; throw wrong($0) }, frequency: f)
        }
    }
}

extension LogicalPlan {
    /// The sources the plan reads (scans and join lookups), in order.
    public var sourcesRead: [SourceHandle] {
        nodes.compactMap { n -> SourceHandle? in
            switch n { case .scan(let s): return s.source; case .join(let j): return j.lookup.source; default: return nil }
        }
    }

    /// The pivot that ends the plan and whose columns are not known yet (the steps after it are bound once they are).
    public var unresolvedPivot: PivotNode? {
        if case .pivot(let p)? = root, p.columnValues == nil { return p }
        return nil
    }
}

extension QueryEngine {
    /// The plan with its final pivot resolved by the pivot column's distinct values (`raw`, as
    /// `PivotNode.resolved(with:input:)` takes them) and the steps after it bound on top; it may end in the next pivot.
    public func continuing(_ plan: LogicalPlan, pivotValues raw: [Value]) throws -> LogicalPlan {
        guard let top = plan.rootID, let pivot = plan.unresolvedPivot else { return plan }
        let resolved = try pivot.resolved(with: raw, input: plan[pivot.input].schema)
        var plan = plan
        plan.replace(top, with: .pivot(resolved))
        guard plan.stepsAfterPivot > 0 else { return plan }
        let pipeline = try QueryParser.parse(plan.source).get()
        var binder = Binder(provider: provider, parameters: plan.parameters)
        let rest = try binder.bind(Array(pipeline.steps.suffix(plan.stepsAfterPivot)), file: plan.source, startSchema: resolved.schema)
        return plan.continued(by: rest)
    }

    /// The distinct values of the column the plan's final pivot spreads, computed here from the steps before it
    /// (for `almanac sql` over local data); empty when those steps leave no rows.
    public func pivotValues(_ plan: LogicalPlan) throws -> [Value] {
        guard let top = plan.rootID, let pivot = plan.unresolvedPivot else { return [] }
        var executor = Executor(provider: provider)
        var table = Table.empty
        for node in plan.nodes.prefix(top.index) {
            table = try executor.run(node, input: table)
            if case .derive(let d) = node {
                table = table.withRoles(of: node.schema, only: d.assignments.flatMap { [$0.name] + $0.roleChanges.keys })
            } else {
                table = table.withRoles(of: node.schema)
            }
        }
        let c = try table.requiredColumn(pivot.column, for: "pivot", span: pivot.span)
        var seen = Set<Value>()
        return (0..<c.count).map { c.value(at: $0) }.filter { seen.insert($0).inserted }
    }
}
