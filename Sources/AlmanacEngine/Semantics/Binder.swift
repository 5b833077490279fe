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
    /// The last step that replaced the columns (select, aggregate, pivot, compare): an unknown column is then
    /// "not a column after the aggregate step", not "not a column of 'trade'" (it may well be one of trade's).
    var reshapedBy: String?

    /// Warnings found while binding (a text literal that names a column); they travel with the plan and the result.
    var warnings: [Diagnostic] = []

    /// The label under an unknown column's carets.
    var columnLabel: String? {
        if let r = reshapedBy { return "not a column after the \(r) step" }
        return datasetName.map { "not a column of '\($0)'" }
    }

    func unknownColumn(_ name: String, span: SourceSpan, candidates: [String], schema: Schema? = nil) -> DiagnosticError {
        var d = Diagnostic.unknownColumn(name, span: span, candidates: candidates).withLabel(columnLabel)
        if let p = schema?.pivotOutputs { d.hints = [p.hint(for: name, known: candidates)] }
        return DiagnosticError(d)
    }

    /// Binds the steps; `startSchema` continues a plan after a pivot (whose columns are known only at run time).
    mutating func bind(_ steps: [Step], file: SourceFile, startSchema: Schema? = nil) throws -> LogicalPlan {
        var nodes: [PlanNode] = []
        var schemas: [Schema] = []
        var schema = PeriodRoles.settled(startSchema ?? Schema(fields: []))
        for step in steps {
            let (node, next) = try bindStep(step, schema: schema)
            noteReshape(node)
            nodes.append(node)
            schemas.append(next)
            if case .pivot(let column, let values, _, _) = node {
                let rest = Array(steps[nodes.count...])
                try precheck(rest)
                // What can be checked now of the steps after the pivot: the remaining keys are known, and so is the
                // shape of the columns it will make.
                var after = next
                if let c = schema.field(column) {
                    after.pivotOutputs = PivotOutputs(column: c.name, type: c.type, values: values.compactMap { schema.field($0) })
                }
                try prebind(rest, schema: after)
                break
            }
            schema = next
        }
        var plan = LogicalPlan(nodes: nodes, schemas: schemas, source: file, parameters: parameters, warnings: warnings)
        plan.stepsAfterPivot = steps.count - nodes.count
        return plan
    }

    mutating func noteReshape(_ node: PlanNode) {
        switch node {
        case .select: reshapedBy = "select"
        case .aggregate: reshapedBy = "aggregate"
        case .pivot: reshapedBy = "pivot"
        case .compare: reshapedBy = "compare"
        case .scan: reshapedBy = nil
        default: break
        }
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
            case .pivot, .compare: return
            default: break
            }
            let (node, next) = try probe.bindStep(step, schema: schema)
            probe.noteReshape(node)
            schema = next
        }
    }

    /// Steps after a pivot are bound only once the pivot has run (its columns come from the data). What does not
    /// depend on those columns is checked now, before any step runs: functions (names, arity, where they may
    /// stand), parameters, and the datasets of later joins.
    func precheck(_ steps: [Step]) throws {
        for step in steps {
            switch step {
            case .from(let s):
                _ = try resolve(s.source)
            case .where(let w): try precheck(w.condition, .filter)
            case .derive(let d): for a in d.assignments { try precheck(a.expr, .derive) }
            case .select(let s): for it in s.items { if let e = it.expr { try precheck(e, .select) } }
            case .aggregate(let a):
                for k in a.groupBy { if let e = k.expr { try precheck(e, .groupKey) } }
                for m in a.measures { try precheck(m.expr, .aggregateOutput) }
            case .sort(let s): for k in s.keys { try precheck(k.expr, .sort) }
            case .join(let j):
                _ = try resolve(j.dataset)
            case .take, .pivot, .compare: break
            }
        }
    }

    func precheck(_ e: Expr, _ place: ExprPlace) throws {
        switch e.kind {
        case .parameter(let name):
            guard parameters[name] != nil else { throw DiagnosticError(.unknownParameter(name, span: e.span, known: parameters.keys.sorted())) }
        case .call(let name, let nameSpan, let args):
            guard let info = FunctionCatalog.info(name.lowercased()) else { throw DiagnosticError(.unknownFunction(name, span: nameSpan)) }
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
    func resolve(_ name: NameRef) throws -> SourceHandle {
        switch provider.resolve(name.name, quoted: name.quoted) {
        case .found(let h): return h
        case .missingFile(let path): throw DiagnosticError(.missingFile(path, span: name.span))
        case .folder(let path): throw DiagnosticError(.missingFile(path, span: name.span))
        case .unknown: throw DiagnosticError(.unknownDataset(name.name, span: name.span, candidates: provider.datasetNames))
        }
    }

    func exprBinder(_ schema: Schema, _ place: ExprPlace) -> ExprBinder {
        ExprBinder(schema: schema, parameters: parameters, place: place, datasetName: datasetName, columnLabel: columnLabel)
    }

    mutating func bindStep(_ step: Step, schema: Schema) throws -> (PlanNode, Schema) {
        switch step {
        case .from(let s):
            let ref = try resolve(s.source)
            let sch: Schema
            do { sch = try provider.schema(of: ref) } catch let e as DiagnosticError { throw e } catch {
                throw DiagnosticError(.loadFailed("\(error)", span: s.source.span))
            }
            datasetName = ref.displayName
            return (.scan(ref, columns: nil, span: s.span), PeriodRoles.settled(sch))

        case .where(let w):
            var b = exprBinder(schema, .filter)
            let cond = try b.bind(w.condition)
            warnings += b.warnings
            try b.requireBool(cond, span: w.condition.span, what: "where")
            return (.filter(cond, span: w.span), schema)

        case .derive(let d):
            var sch = schema
            var items: [NamedExpr] = []
            var seen = Set<String>()
            for a in d.assignments {
                // Replacing an input column is fine (derive value = value * 2); naming two outputs alike is a slip.
                guard seen.insert(a.name).inserted else { throw DiagnosticError(.duplicateOutput(a.name, span: a.nameSpan)) }
                let e: BoundExpr
                do {
                    // The expression binder's copy of the schema ends here, so that adding the column copies nothing.
                    var b = exprBinder(sch, .derive)
                    e = try b.bind(a.expr)
                    warnings += b.warnings + b.wholeTextLiteral(a.expr)
                }
                let name = a.name.nfc
                let changes = PeriodRoles.derive(name, e, unit: UnitInference.unit(of: e, in: sch), in: &sch)
                items.append(NamedExpr(name: name, expr: e, span: a.span, meta: sch.field(name)?.meta, roleChanges: changes))
            }
            return (.derive(items, span: d.span), sch)

        case .select(let s):
            var items: [NamedExpr] = []
            var fields: [Schema.Field] = []
            var exprs: [BoundExpr] = []
            var seen = Set<String>()
            for it in s.items {
                guard seen.insert(it.name).inserted else { throw DiagnosticError(.duplicateOutput(it.name, span: it.nameSpan)) }
                if let ex = it.expr {
                    var b = exprBinder(schema, .select)
                    let e = try b.bind(ex)
                    warnings += b.warnings + b.wholeTextLiteral(ex)
                    items.append(NamedExpr(name: it.name.nfc, expr: e, span: it.span))
                    if case .column(let src, _) = e, let f = schema.field(src) {
                        // A renamed column is the same column: it keeps its role (a looked-up target year stays a
                        // dimension, not a second period key), unit and label.
                        fields.append(Schema.Field(name: it.name.nfc, type: f.type, meta: f.meta, periodOf: f.periodOf))
                    } else {
                        fields.append(Schema.Field(name: it.name.nfc, type: e.type ?? .float, meta: ColumnMeta(role: Binder.role(for: e), unit: UnitInference.unit(of: e, in: schema))))
                    }
                } else {
                    guard let f = schema.field(it.name) else {
                        throw unknownColumn(it.name, span: it.nameSpan, candidates: schema.names, schema: schema)
                    }
                    items.append(NamedExpr(name: f.name, expr: .column(f.name, f.type), span: it.span))
                    fields.append(f)
                }
                exprs.append(items[items.count - 1].expr)
            }
            return (.select(items, span: s.span), PeriodRoles.select(fields, exprs: exprs, input: schema))

        case .aggregate(let a):
            var keys: [NamedExpr] = []
            var fields: [Schema.Field] = []
            var seen = Set<String>()
            for k in a.groupBy {
                guard seen.insert(k.name).inserted else { throw DiagnosticError(.duplicateOutput(k.name, span: k.nameSpan)) }
                if let ex = k.expr {
                    var b = exprBinder(schema, .groupKey)
                    let e = try b.bind(ex)
                    warnings += b.warnings + b.wholeTextLiteral(ex)
                    keys.append(NamedExpr(name: k.name.nfc, expr: e, span: k.span))
                    let t = e.type ?? .text
                    fields.append(Schema.Field(name: k.name.nfc, type: t, meta: ColumnMeta(role: t.isPeriod ? .period : .dimension)))
                } else {
                    guard let f = schema.field(k.name) else {
                        throw unknownColumn(k.name, span: k.nameSpan, candidates: schema.names, schema: schema)
                    }
                    keys.append(NamedExpr(name: f.name, expr: .column(f.name, f.type), span: k.span))
                    var meta = f.meta
                    meta.role = f.type.isPeriod ? .period : .dimension
                    fields.append(Schema.Field(name: f.name, type: f.type, meta: meta))
                }
            }
            fields = PeriodRoles.aggregateKeys(fields, exprs: keys.map(\.expr), input: schema)
            var b = exprBinder(schema, .aggregateOutput)
            var outputs: [NamedExpr] = []
            for m in a.measures {
                guard seen.insert(m.name).inserted else { throw DiagnosticError(.duplicateOutput(m.name, span: m.nameSpan)) }
                let e = try b.bind(m.expr)
                outputs.append(NamedExpr(name: m.name.nfc, expr: e, span: m.span))
                let unit = UnitInference.unit(of: e, in: schema, calls: b.calls)
                fields.append(Schema.Field(name: m.name.nfc, type: e.type ?? .float, meta: ColumnMeta(role: .measure, unit: unit)))
            }
            warnings += b.warnings
            return (.aggregate(keys: keys, calls: b.calls, outputs: outputs, span: a.span), Schema(fields: fields))

        case .sort(let s):
            var keys: [(expr: BoundExpr, descending: Bool)] = []
            for k in s.keys {
                var b = exprBinder(schema, .sort)
                keys.append((try b.bind(k.expr), k.descending))
                warnings += b.warnings
            }
            return (.sort(keys, span: s.span), schema)

        case .take(let t):
            guard t.count <= Int64(Int32.max) else {
                throw DiagnosticError(.typeMismatch("take needs a count below 2,147,483,648", span: t.countSpan, hint: "to keep every row, leave the take step out"))
            }
            return (.take(Int(t.count), span: t.span), schema)

        case .pivot(let p):
            guard let col = schema.field(p.column.name) else {
                throw unknownColumn(p.column.name, span: p.column.span, candidates: schema.names)
            }
            var values: [String] = []
            for v in p.values {
                guard let f = schema.field(v.name) else { throw unknownColumn(v.name, span: v.span, candidates: schema.names) }
                guard f.type.isNumeric else {
                    throw DiagnosticError(.typeMismatch("pivot values must be numbers; '\(f.name)' holds \(f.type)", span: v.span, hint: "count it first: aggregate n = count(\(f.name)) by …, then pivot … values n"))
                }
                values.append(f.name)
            }
            if values.isEmpty { values = schema.measures.map(\.name).filter { $0 != col.name } }
            guard !values.isEmpty else {
                throw DiagnosticError(.typeMismatch("pivot needs a numeric column to spread", span: p.span, hint: "name it: pivot \(col.name) values …"))
            }
            let rowKeys = schema.keys.map(\.name).filter { $0 != col.name && !values.contains($0) }
            // The new columns are known only once the pivot column's values are read.
            let fields = rowKeys.compactMap { schema.field($0) }
            return (.pivot(column: col.name, values: values, rowKeys: rowKeys, span: p.span), Schema(fields: fields))

        case .join(let j):
            let ref = try resolve(j.dataset)
            let lookup: Schema
            do { lookup = try provider.schema(of: ref) } catch let e as DiagnosticError { throw e } catch {
                throw DiagnosticError(.loadFailed("\(error)", span: j.dataset.span))
            }
            var keys: [String] = []
            for k in j.keys {
                guard let lf = schema.field(k.name) else { throw unknownColumn(k.name, span: k.span, candidates: schema.names, schema: schema) }
                guard let rf = lookup.field(k.name) else { throw DiagnosticError(.unknownColumn(k.name, span: k.span, candidates: lookup.names, dataset: ref.displayName)) }
                // Periods match by ordinal, so they need the same frequency (a month never equals a year).
                let compatible = lf.type == rf.type || (lf.type.isNumeric && rf.type.isNumeric)
                guard compatible else {
                    var hint = "both sides of a join key need the same kind of values"
                    if let a = lf.type.frequency, let b = rf.type.frequency {
                        hint = a > b ? "make the \(a)s \(b)s first, e.g. derive \(lf.name) = \(b == .year ? "year" : b == .quarter ? "quarter" : "month")(\(lf.name))"
                                     : "join a lookup of \(a)s, or aggregate to \(b)s after the join"
                    }
                    throw DiagnosticError(.typeMismatch("cannot join \(lf.type) '\(lf.name)' with \(rf.type) '\(rf.name)' of '\(ref.displayName)'", span: k.span, hint: hint))
                }
                keys.append(lf.name)
            }
            var fields = schema.fields
            var taken = Set(schema.names)
            for f in lookup.fields where !keys.contains(f.name) {
                var g = f
                g.name = JoinNaming.name(for: f.name, dataset: ref.shortName, taken: taken)
                taken.insert(g.name)
                if g.meta.role == nil || g.meta.role == .dimension { g.meta.role = f.type.isNumeric ? .measure : .dimension }
                if g.type.isPeriod { g.meta.role = .dimension }
                fields.append(g)
            }
            var joined = PeriodRoles.settled(Schema(fields: fields))
            joined.pivotOutputs = schema.pivotOutputs
            return (.join(ref, keys: keys, span: j.span), joined)

        case .compare(let c):
            guard let pk = schema.periodKey, let freq = pk.type.frequency else {
                let ps = schema.periodFields
                if ps.count > 1 { throw DiagnosticError(.severalPeriods("compare", span: c.span, names: ps.map(\.name))) }
                throw DiagnosticError(.needsPeriod("compare", span: c.span, available: []))
            }
            let base = try range(c.baseline, to: freq)
            let current = try range(c.comparison, to: freq)
            let seriesKeys = schema.keys.map(\.name).filter { $0 != pk.name }
            let measures = schema.measures.map(\.name)
            guard !measures.isEmpty else {
                throw DiagnosticError(.typeMismatch("compare needs a numeric column to sum", span: c.span, hint: "add one, e.g. derive rows = 1, to compare counts"))
            }
            var fields = seriesKeys.compactMap { schema.field($0) }
            for m in measures {
                let unit = schema.field(m)?.meta.unit
                fields.append(Schema.Field(name: "\(m)_base", type: .float, meta: ColumnMeta(role: .measure, unit: unit)))
                fields.append(Schema.Field(name: "\(m)_current", type: .float, meta: ColumnMeta(role: .measure, unit: unit)))
                fields.append(Schema.Field(name: "\(m)_change", type: .float, meta: ColumnMeta(role: .measure, unit: unit)))
                fields.append(Schema.Field(name: "\(m)_growth", type: .float, meta: ColumnMeta(role: .measure, unit: "ratio")))
            }
            return (.compare(base: base, current: current, seriesKeys: seriesKeys, period: pk.name, measures: measures, span: c.span), Schema(fields: fields))
        }
    }

    /// A range's bounds as periods of the table's frequency: `2015..2019` over months is 2015-01 … 2019-12.
    func range(_ r: RangeExpr, to freq: Frequency) throws -> ClosedRange<Period> {
        func bound(_ e: Expr, upper: Bool) throws -> Period {
            let b = try exprBinder(Schema(fields: []), .filter).literalPeriod(e)
            guard let p = b else {
                throw DiagnosticError(.constantExpected("a compare range's bound (a year such as 2019 or a period such as 2024-10)", span: e.span, hint: "e.g. compare 2015..2019 vs 2020..2022"))
            }
            if p.frequency == freq { return p }
            guard p.frequency < freq else {
                throw DiagnosticError(.typeMismatch("the bound \(p) is finer than the table's \(freq)s", span: e.span,
                                                    hint: p.converted(to: freq).map { "write a \(freq), e.g. \($0)" } ?? "write a \(freq)"))
            }
            let days = p.dayRange
            let d = upper ? days.upperBound : days.lowerBound
            return Period.day(1970, 1, 1).advanced(by: d).converted(to: freq)!
        }
        let lo = try bound(r.lower, upper: false), hi = try bound(r.upper, upper: true)
        guard lo <= hi else { throw DiagnosticError(.typeMismatch("the range starts after it ends", span: r.span, hint: "write the earlier bound first: \(hi)..\(lo)")) }
        return lo...hi
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


import Foundation

extension String {
    /// Names the query writes are stored in NFC, whatever the editor produced (Swift compares them canonically
    /// anyway, but CSV headers and workbook cells carry the bytes).
    var nfc: String { precomposedStringWithCanonicalMapping }
}
