import AlmanacCore
import AlmanacKernels
import AlmanacSyntax

/// Which columns of a query's source the rest of the plan reads, so the loader parses only those.
///
/// Steps reference columns by name; a step that keeps only what it names (`select`, `aggregate`, `pivot`, `compare`)
/// ends the source's influence. Anything that depends on the series — time functions, `first`/`last`/`cagr`, and the
/// row keys of `pivot` and `compare` — needs every key column of the source, since dropping one would merge series.
/// Without such a step the result shows every column, so all are read.
enum ColumnPruning {
    static func sourceColumns(_ plan: LogicalPlan) -> Set<String>? {
        guard let keep = referencedColumns(plan) else { return nil }
        // A query that reads no column (`aggregate n = count()`) still needs the rows: keep one column.
        if keep.isEmpty, let first = plan.schemas.first?.fields.first { return [first.name] }
        return keep
    }

    static func referencedColumns(_ plan: LogicalPlan) -> Set<String>? {
        guard plan.nodes.count > 1, case .scan = plan.nodes[0], let source = plan.schemas.first else { return nil }
        let names = Set(source.names)
        let seriesColumns = Set(source.keys.map(\.name))
        var needed = Set<String>()
        func use(_ e: BoundExpr) {
            needed.formUnion(e.columns)
            if e.hasTimeFunction { needed.formUnion(seriesColumns) }
        }
        for node in plan.nodes.dropFirst() {
            switch node {
            case .scan:
                return nil
            case .filter(let e, _):
                use(e)
            case .derive(let items, _):
                items.forEach { use($0.expr) }
            case .sort(let keys, _):
                keys.forEach { use($0.expr) }
            case .take:
                break
            case .join(_, let keys, _):
                needed.formUnion(keys)
            case .select(let items, _):
                items.forEach { use($0.expr) }
                return needed.intersection(names)
            case .aggregate(let keys, let calls, _, _):
                keys.forEach { use($0.expr) }
                for c in calls {
                    if let a = c.argument { use(a) }
                    if c.function == .first || c.function == .last || c.function == .cagr { needed.formUnion(seriesColumns) }
                }
                return needed.intersection(names)
            case .pivot(let column, let values, let rowKeys, _):
                needed.formUnion([column] + values + rowKeys)
                return needed.intersection(names)
            case .compare(_, _, let seriesKeys, let period, let measures, _):
                needed.formUnion(seriesKeys + [period] + measures)
                return needed.intersection(names)
            }
        }
        return nil
    }
}
