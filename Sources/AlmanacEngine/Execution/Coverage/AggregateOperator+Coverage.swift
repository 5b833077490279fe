import AlmanacCore
import AlmanacKernels

extension AggregateOperator {
    /// Per output row (in output order: `order[k]` is the group of row `k`, nil for group order), the sub-series
    /// it summed and its finer periods: the input's dimensions that no key reads, and its period key unless a key
    /// is that very column. Nil when the aggregate sums nothing away (every dimension and the period are keys).
    ///
    /// Three groupings over the input (by keys + summed-away dimensions, by those dimensions alone, by keys + the
    /// finer period) and one sort of the (row, sub-series) pairs: a few passes, no allocation per row.
    func coverage(_ input: Table, keys keyEncoders: [KeyEncoder], groups g: Grouping, order: [Int32]?, evaluator: inout ExprEvaluator) throws -> RowCoverage? {
        let n = input.rowCount
        let read = node.keys.reduce(into: Set<String>()) { $0.formUnion($1.expr.columns) }
        let period = input.periodKey
        let dims = input.keyColumns.filter { !$0.dataType.isPeriod && !read.contains($0.name) }
        let plainKeys = Set(node.keys.compactMap { k -> String? in if case .column(let name, _) = k.expr { return name } else { return nil } })
        let finer = period.flatMap { plainKeys.contains($0.name) ? nil : $0 }
        guard !dims.isEmpty || finer != nil else { return nil }
        let groupCount = g.groupCount
        // Output row of each group.
        var rank = [Int](repeating: 0, count: groupCount)
        if let order { for (k, grp) in order.enumerated() { rank[Int(grp)] = k } } else { for k in 0..<groupCount { rank[k] = k } }

        let sub = try Grouping.build(keys: dims, rowCount: n)
        let pairs = Grouping.build(encoders: keyEncoders + dims.map(KeyEncoder.init), rowCount: n)
        let subCount = Int64(max(1, sub.groupCount))
        let pairCount = pairs.groupCount
        var pairKey = [Int64](repeating: 0, count: pairCount)
        var pairSub = [Int32](repeating: 0, count: pairCount)
        var counts = [Int32](repeating: 0, count: groupCount)
        for p in 0..<pairCount {
            let fr = Int(pairs.firstRows[p])
            let r = rank[Int(g.groupIDs[fr])]
            let s = n > 0 ? sub.groupIDs[fr] : 0
            pairSub[p] = s
            pairKey[p] = Int64(r) * subCount + Int64(s)
            counts[r] += 1
        }
        var sorted = (0..<Int32(pairCount)).map { $0 }
        sorted.sort { pairKey[Int($0)] < pairKey[Int($1)] }
        var offsets = [Int32](repeating: 0, count: groupCount + 1)
        for r in 0..<groupCount { offsets[r + 1] = offsets[r] + counts[r] }
        let members = sorted.map { pairSub[Int($0)] }

        var finerPeriods: [Int32]? = nil
        if let finer {
            let fg = Grouping.build(encoders: keyEncoders + [KeyEncoder(finer)], rowCount: n)
            var f = [Int32](repeating: 0, count: groupCount)
            for q in 0..<fg.groupCount where finer.validity.isValid(Int(fg.firstRows[q])) { f[rank[Int(g.groupIDs[Int(fg.firstRows[q])])]] += 1 }
            finerPeriods = f
        }

        // Each additive output's value per (row, sub-series), for `matched`.
        var memberValues: [String: [Double]] = [:]
        let additive = tracksMemberValues ? node.outputs.filter { Self.isAdditive($0.expr, node.calls) } : []
        if !additive.isEmpty && pairCount > 0 {
            var pairResults: [Column] = []
            for call in node.calls {
                let x = try call.argument.map { try evaluator.column($0) }
                pairResults.append(try aggregateCall(call, x, pairs, input: input, span: node.span, report: AggregateReport(call: Self.callText(call), label: { _ in nil })))
            }
            var ev = ExprEvaluator(table: input)
            ev.aggregates = pairResults
            for o in additive {
                let c = try ev.column(o.expr)
                let (v, validity) = try measure(c)
                memberValues[o.name] = sorted.map { p in validity.isValid(Int(p)) ? v[Int(p)] : .nan }
            }
        }
        return RowCoverage(dimensions: dims.map(\.name), memberKeys: sub.keyColumns(dims), offsets: offsets, members: members,
                           finerPeriods: finerPeriods, finerFrequency: finer?.dataType.frequency, memberValues: memberValues, rows: nil)
    }

    /// Whether an output is a sum over its rows (so its value over some sub-series is the sum of theirs): `sum`,
    /// `count`, their sums and differences, and those scaled by a constant.
    static func isAdditive(_ e: BoundExpr, _ calls: [AggregateCall]) -> Bool {
        func constant(_ e: BoundExpr) -> Bool { if case .literal(let v, _) = e { return v != .null } else { return false } }
        switch e {
        case .aggregateResult(let i, _): return i < calls.count && (calls[i].function == .sum || calls[i].function == .count)
        case .arithmetic(.add, let a, let b, _), .arithmetic(.subtract, let a, let b, _): return isAdditive(a, calls) && isAdditive(b, calls)
        case .arithmetic(.multiply, let a, let b, _): return (isAdditive(a, calls) && constant(b)) || (constant(a) && isAdditive(b, calls))
        case .arithmetic(.divide, let a, let b, _): return isAdditive(a, calls) && constant(b)
        case .negate(let a, _): return isAdditive(a, calls)
        default: return false
        }
    }
}
