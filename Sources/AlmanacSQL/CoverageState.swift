import AlmanacCore
import AlmanacEngine

/// An aggregate as the fact statements see it: what it sums, and how its keys are written over its input.
struct AggregatePoint {
    var node: AggregateNode
    /// The relation it sums, and that relation's schema.
    var input: SQLCompiler.Relation
    var inputSchema: Schema
    /// Each key's name and its SQL over `input`.
    var keys: [(name: String, sql: String)]
    /// Its additive outputs (`sum(x)`, `count()`, `sum(x) / 1e6`) still holding their values: what a `matched`
    /// growth sums over the sub-series on both sides.
    var measures: Set<String> = []

    init(node: AggregateNode, input: SQLCompiler.Relation, inputSchema: Schema, keys: [(name: String, sql: String)]) {
        self.node = node
        self.input = input
        self.inputSchema = inputSchema
        self.keys = keys
        measures = Set(node.outputs.filter { AggregateOperator.isAdditive($0.expr, node.calls) }.map(\.name))
    }

    /// The dimensions it sums away (no key reads them), in the input's order: its rows' sub-series (as the local
    /// engine's `RowCoverage.dimensions`).
    var summedAway: [String] {
        let read = node.keys.reduce(into: Set<String>()) { $0.formUnion($1.expr.columns) }
        return inputSchema.keys.filter { !$0.type.isPeriod && !read.contains($0.name) }.map(\.name)
    }

    /// The input's period key when no key is that very column: the finer periods each row sums (10 of 12 months).
    var finer: (name: String, frequency: Frequency)? {
        guard let p = inputSchema.periodKey, let f = p.type.frequency else { return nil }
        let plain = node.keys.contains { if case .column(let n, _) = $0.expr { return n == p.name } else { return false } }
        return plain ? nil : (p.name, f)
    }

    /// Whether its rows sum anything a comparison of two of them could find different.
    var sumsAnything: Bool { !summedAway.isEmpty || finer != nil }

    var keyNames: Set<String> { Set(keys.map(\.name)) }

    /// Whether rows with these series keys and period name its rows: they are its keys, by name.
    func keyed(by seriesKeys: [String], period: String) -> Bool {
        Set(seriesKeys + [period]) == keyNames && seriesKeys.count + 1 == keys.count
    }
}

/// What the rows a step reads sum, as the chain of steps after the last aggregate lets the statements follow them:
/// the local engine's `RowCoverage`, carried the same way (kept by filters, sorts, takes, joins and derives; ended by
/// the steps that make new rows).
enum CoverageState {
    /// No aggregate summed these rows (or it summed nothing away): nothing to check.
    case none
    /// The aggregate's rows, still keyed by its keys' names and values.
    case tracked(AggregatePoint)
    /// The aggregate's rows, but a step changed or renamed a key: the statements cannot tell which aggregated row a
    /// row is (the run says its coverage was not checked).
    case lost(AggregatePoint)

    var aggregate: AggregatePoint? {
        switch self {
        case .none: return nil
        case .tracked(let a), .lost(let a): return a
        }
    }

    /// The state after these assignments of a derive (one evaluates after those before it).
    func after(_ assignments: ArraySlice<NamedExpr>) -> CoverageState {
        guard case .tracked(var a) = self else { return self }
        for item in assignments {
            if a.keyNames.contains(item.name) { return .lost(a) }
            a.measures.remove(item.name)
        }
        return .tracked(a)
    }

    /// The state after `node`; `aggregated` is the point an aggregate node noted.
    func after(_ node: PlanNode, aggregated: AggregatePoint?) -> CoverageState {
        switch node {
        case .aggregate: return aggregated.map { $0.sumsAnything ? .tracked($0) : .none } ?? .none
        case .scan, .pivot, .resume, .unpivot, .compare: return .none
        case .filter, .sort, .take, .join: return self
        case .derive(let d): return after(d.assignments[...])
        case .select(let s):
            guard case .tracked(var a) = self else { return self }
            let passed = Set(s.items.compactMap { item -> String? in
                if case .column(let n, _) = item.expr, n == item.name { return n } else { return nil }
            })
            guard a.keyNames.isSubset(of: passed) else { return .lost(a) }
            a.measures.formIntersection(passed)
            return .tracked(a)
        }
    }
}
