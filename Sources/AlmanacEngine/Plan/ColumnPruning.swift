import AlmanacCore
import AlmanacKernels
import AlmanacSyntax

/// Which columns of a query's source the rest of the plan reads, so the loader parses only those.
///
/// Steps reference columns by name; a step that keeps only what it names (`select`, `aggregate`, `pivot`, `compare`, `unpivot`)
/// ends the source's influence. Anything that depends on the series — time functions, `first`/`last`/`cagr`, and the
/// row keys of `pivot` and `compare` — needs every key column of the source, since dropping one would merge series.
/// Without such a step the result shows every column, so all are read. An aggregate followed by a comparison across
/// periods reads every key column too: its rows' coverage names the series each sums (`RowCoverage`).
enum ColumnPruning {
    /// The plan with its scan reading only the columns the rest needs (unchanged when all are needed).
    static func pruned(_ plan: LogicalPlan) -> LogicalPlan {
        guard let keep = sourceColumns(plan), case .scan(var scan)? = plan.nodes.first else { return plan }
        scan.columns = keep
        var p = plan
        p.replace(NodeID(index: 0), with: .scan(scan))
        return p
    }

    static func sourceColumns(_ plan: LogicalPlan) -> Set<String>? {
        guard let keep = referencedColumns(plan) else { return nil }
        // A query that reads no column (`aggregate n = count()`) still needs the rows: keep one column.
        if keep.isEmpty, let first = plan.nodes.first?.schema.fields.first { return [first.name] }
        return keep
    }

    static func referencedColumns(_ plan: LogicalPlan) -> Set<String>? {
        guard plan.nodes.count > 1, case .scan(let scan) = plan.nodes[0] else { return nil }
        let source = scan.schema
        let names = Set(source.names)
        let seriesColumns = Set(source.keys.map(\.name))
        var needed = Set<String>()
        func use(_ e: BoundExpr) {
            needed.formUnion(e.columns)
            if e.needsWholeSeries { needed.formUnion(seriesColumns) }
        }
        for node in plan.nodes.dropFirst() {
            switch node {
            case .scan, .resume:
                return nil
            case .filter(let n):
                use(n.predicate)
            case .derive(let n):
                n.assignments.forEach { use($0.expr) }
            case .sort(let n):
                n.keys.forEach { use($0.expr) }
            case .take:
                break
            case .join(let n):
                needed.formUnion(n.keys)
            case .select(let n):
                n.items.forEach { use($0.expr) }
                return needed.intersection(names)
            case .aggregate(let n):
                n.keys.forEach { use($0.expr) }
                for c in n.calls {
                    if let a = c.argument { use(a) }
                    if FunctionCatalog.definition(c.function).needs.contains(.wholeSeries) { needed.formUnion(seriesColumns) }
                }
                // What each row sums (the series it sums away) is read when a comparison across periods follows.
                if CoverageNeeds.wanted(plan) { needed.formUnion(seriesColumns) }
                return needed.intersection(names)
            case .pivot(let n):
                needed.formUnion([n.column] + n.values + n.rowKeys)
                return needed.intersection(names)
            case .compare(let n):
                needed.formUnion(n.seriesKeys + [n.period] + n.measures)
                return needed.intersection(names)
            case .unpivot(let n):
                // The columns it turns into rows and the keys it keeps (the series of its rows); the other kept
                // columns only when a later step names them (the step keeps those present, under their names).
                needed.formUnion(n.columns + n.kept.filter(seriesColumns.contains))
            }
        }
        return nil
    }
}
