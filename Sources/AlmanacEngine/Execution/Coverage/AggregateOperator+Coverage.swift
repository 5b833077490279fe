import AlmanacCore
import AlmanacKernels

extension AggregateOperator {
    /// Per output row (in output order: `order[k]` is the group of row `k`, nil for group order), the sub-series
    /// it summed and its finer periods: the input's dimensions that no key reads, and its period key unless a key
    /// is that very column. Nil when the aggregate sums nothing away (every dimension and the period are keys).
    ///
    /// One grouping by the summed-away dimensions (the sub-series ids), then one pass over the rows setting bits in a
    /// (group × sub-series) and a (group × finer period) bitmap: each group's members come out in id order, with
    /// no sort and no allocation per row. Only a `matched` reading (`tracksMemberValues`) also sums each output per
    /// (group, sub-series). Past `denseCells` cells the pairs are grouped instead (`sparseMembers`).
    func coverage(_ input: Table, keys keyEncoders: [KeyEncoder], groups g: Grouping, order: [Int32]?, evaluator: inout ExprEvaluator) throws -> RowCoverage? {
        let n = input.rowCount
        let read = node.keys.reduce(into: Set<String>()) { $0.formUnion($1.expr.columns) }
        let period = input.periodKey
        let dims = input.keyColumns.filter { !$0.dataType.isPeriod && !read.contains($0.name) }
        let plainKeys = Set(node.keys.compactMap { k -> String? in if case .column(let name, _) = k.expr { return name } else { return nil } })
        let finer = period.flatMap { plainKeys.contains($0.name) ? nil : $0 }
        guard !dims.isEmpty || finer != nil else { return nil }
        let groupCount = g.groupCount
        // The group of each output row.
        let groupOf: [Int32] = order ?? (0..<Int32(groupCount)).map { $0 }
        let rowGroups: [Int32] = g.groupIDs.count == n ? g.groupIDs : [Int32](repeating: 0, count: n)

        let members: (offsets: [Int32], members: [Int32], pairOfRow: [Int32]?, pairCount: Int)
        let memberKeys: MemberKeys
        if !tracksMemberValues, let slots = MemberSlots(dims, limit: Self.denseCells / max(1, groupCount)) {
            // The common case: members straight from the dimensions' codes, one pass, no grouping.
            let bits = PresenceBitmap.build(rowGroups, encoders: slots.encoders, multipliers: slots.multipliers, width: slots.width,
                                            cells: groupCount * slots.width)
            members = Self.membersFromBits(bits, groups: groupCount, width: slots.width, groupOf: groupOf)
            memberKeys = .slots(slots)
        } else {
            let sub = try Grouping.build(keys: dims, rowCount: n)
            let subCount = max(1, sub.groupCount)
            let subIDs: [Int32] = sub.groupIDs.count == n ? sub.groupIDs : [Int32](repeating: 0, count: n)
            if groupCount.multipliedReportingOverflow(by: subCount).partialValue <= Self.denseCells && !groupCount.multipliedReportingOverflow(by: subCount).overflow {
                members = denseMembers(rowGroups, subIDs, groups: groupCount, subs: subCount, groupOf: groupOf, pairs: tracksMemberValues)
            } else {
                members = sparseMembers(keyEncoders, dims, rowGroups, subIDs, groups: groupCount, subs: subCount, groupOf: groupOf, pairs: tracksMemberValues)
            }
            memberKeys = .gathered(sub.keyColumns(dims))
        }

        var finerPeriods: [Int32]? = nil
        if let finer { finerPeriods = finerCounts(finer, rowGroups, keyEncoders, groups: groupCount, groupOf: groupOf) }

        // Each additive output's value per (row, sub-series), for `matched`.
        var memberValues: [String: [Double]] = [:]
        let additive = tracksMemberValues ? node.outputs.filter { Self.isAdditive($0.expr, node.calls) } : []
        if !additive.isEmpty, let pairOfRow = members.pairOfRow, members.pairCount > 0 {
            var firstRows = [Int32](repeating: -1, count: members.pairCount)
            for i in 0..<n where firstRows[Int(pairOfRow[i])] < 0 { firstRows[Int(pairOfRow[i])] = Int32(i) }
            let pairs = Grouping(groupIDs: pairOfRow, groupCount: members.pairCount, firstRows: firstRows, strategy: .direct)
            var pairResults: [Column] = []
            for call in node.calls {
                let x = try call.argument.map { try evaluator.column($0) }
                pairResults.append(try aggregateCall(call, x, pairs, input: input, span: node.span, report: AggregateReport(call: Self.callText(call), label: { _ in nil })))
            }
            var ev = ExprEvaluator(table: input)
            ev.aggregates = pairResults
            for o in additive {
                let (v, validity) = try measure(try ev.column(o.expr))
                memberValues[o.name] = (0..<members.pairCount).map { validity.isValid($0) ? v[$0] : .nan }
            }
        }
        return RowCoverage(dimensions: dims.map(\.name), memberKeys: memberKeys, offsets: members.offsets, members: members.members,
                           finerPeriods: finerPeriods, finerFrequency: finer?.dataType.frequency, memberValues: memberValues, rows: nil)
    }

    /// The most (group × sub-series) or (group × period) cells a bitmap is made for (64 MB of bits).
    static let denseCells = 1 << 29

    /// Members by a bitmap of (group, sub-series): each output row's ids in order, and — when `pairs` — each input
    /// row's position in that member list (the pair it adds to).
    private func denseMembers(_ rowGroups: [Int32], _ subIDs: [Int32], groups: Int, subs: Int, groupOf: [Int32], pairs: Bool)
        -> (offsets: [Int32], members: [Int32], pairOfRow: [Int32]?, pairCount: Int) {
        let bits = PresenceBitmap.build(rowGroups, subIDs, width: subs, cells: groups * subs)
        let (offsets, members, _, _) = Self.membersFromBits(bits, groups: groups, width: subs, groupOf: groupOf)
        guard pairs else { return (offsets, members, nil, members.count) }
        // Pair of each (group, sub-series) cell: its position in the member list.
        var pairIndex = [Int32](repeating: -1, count: groups * subs)
        for (k, grp) in groupOf.enumerated() {
            for q in Int(offsets[k])..<Int(offsets[k + 1]) { pairIndex[Int(grp) * subs + Int(members[q])] = Int32(q) }
        }
        let pairOfRow = (0..<rowGroups.count).map { i in pairIndex[Int(rowGroups[i]) * subs + Int(subIDs[i])] }
        return (offsets, members, pairOfRow, members.count)
    }

    /// Each output row's members (the set bits of its group's row of the bitmap), in id order.
    static func membersFromBits(_ bits: [UInt64], groups: Int, width: Int, groupOf: [Int32])
        -> (offsets: [Int32], members: [Int32], pairOfRow: [Int32]?, pairCount: Int) {
        var offsets = [Int32](repeating: 0, count: groups + 1)
        var members: [Int32] = []
        for (k, grp) in groupOf.enumerated() {
            let base = Int(grp) * width
            var s = 0
            while s < width {
                let cell = base + s
                let word = bits[cell >> 6] >> UInt64(cell & 63)
                if word == 0 { s += 64 - (cell & 63); continue }
                s += word.trailingZeroBitCount
                guard s < width else { break }
                members.append(Int32(s))
                s += 1
            }
            offsets[k + 1] = Int32(members.count)
        }
        return (offsets, members, nil, members.count)
    }

    /// Members by grouping the (keys, summed-away dimensions) pairs, for more cells than a bitmap takes.
    private func sparseMembers(_ keyEncoders: [KeyEncoder], _ dims: [Column], _ rowGroups: [Int32], _ subIDs: [Int32], groups: Int, subs: Int,
                               groupOf: [Int32], pairs wantPairs: Bool) -> (offsets: [Int32], members: [Int32], pairOfRow: [Int32]?, pairCount: Int) {
        let n = rowGroups.count
        let pairs = Grouping.build(encoders: keyEncoders + dims.map(KeyEncoder.init), rowCount: n)
        var rank = [Int](repeating: 0, count: groups)
        for (k, grp) in groupOf.enumerated() { rank[Int(grp)] = k }
        let pairCount = pairs.groupCount
        var pairKey = [Int64](repeating: 0, count: pairCount)
        var counts = [Int32](repeating: 0, count: groups)
        for p in 0..<pairCount {
            let fr = Int(pairs.firstRows[p])
            let r = rank[Int(rowGroups[fr])]
            pairKey[p] = Int64(r) * Int64(subs) + Int64(subIDs[fr])
            counts[r] += 1
        }
        // Pairs in (output row, sub-series) order; `position[p]` is pair p's place in the member list.
        var sorted = (0..<Int32(pairCount)).map { $0 }
        sorted.sort { pairKey[Int($0)] < pairKey[Int($1)] }
        var offsets = [Int32](repeating: 0, count: groups + 1)
        for r in 0..<groups { offsets[r + 1] = offsets[r] + counts[r] }
        let members = sorted.map { Int32(pairKey[Int($0)] % Int64(subs)) }
        guard wantPairs else { return (offsets, members, nil, pairCount) }
        var position = [Int32](repeating: 0, count: pairCount)
        for (q, p) in sorted.enumerated() { position[Int(p)] = Int32(q) }
        return (offsets, members, pairs.groupIDs.map { position[Int($0)] }, pairCount)
    }

    /// Distinct finer periods per output row: a bitmap of (group, period) when it fits, else a grouping.
    private func finerCounts(_ finer: Column, _ rowGroups: [Int32], _ keyEncoders: [KeyEncoder], groups: Int, groupOf: [Int32]) -> [Int32] {
        var perGroup = [Int32](repeating: 0, count: groups)
        guard case .period(let ords, _) = finer.storage else { return perGroup }
        let valid = finer.validity
        let (lo, hi, any) = KeyEncoder.range32(ords, validWords(valid))
        if any {
            let span = Int(hi) - Int(lo) + 1
            let cells = groups.multipliedReportingOverflow(by: span)
            if !cells.overflow && cells.partialValue <= Self.denseCells {
                let bits = PresenceBitmap.build(rowGroups, ords, width: span, offset: lo, cells: cells.partialValue, valid: validWords(valid))
                for grp in 0..<groups {
                    var c = 0
                    let a = grp * span, b = a + span
                    var cell = a
                    while cell < b {
                        let w = bits[cell >> 6] >> UInt64(cell & 63)
                        let take = min(64 - (cell & 63), b - cell)
                        c += (take == 64 ? w : w & ((1 << UInt64(take)) - 1)).nonzeroBitCount
                        cell += take
                    }
                    perGroup[grp] = Int32(c)
                }
            } else {
                let fg = Grouping.build(encoders: keyEncoders + [KeyEncoder(finer)], rowCount: ords.count)
                for q in 0..<fg.groupCount where valid.isValid(Int(fg.firstRows[q])) { perGroup[Int(rowGroups[Int(fg.firstRows[q])])] += 1 }
            }
        }
        // In output order.
        return groupOf.map { perGroup[Int($0)] }
    }

    /// Whether an output is a sum over its rows (so its value over some sub-series is the sum of theirs): `sum`,
    /// `count`, their sums and differences, and those scaled by a constant.
    package static func isAdditive(_ e: BoundExpr, _ calls: [AggregateCall]) -> Bool {
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
