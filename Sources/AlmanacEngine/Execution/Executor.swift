import AlmanacCore
import AlmanacDiagnostics
import AlmanacKernels

/// Runs a logical plan step by step over tables, with the kernels.
struct Executor {
    let provider: TableProvider
    var warnings: [Diagnostic] = []
    var sources: [SourceHandle] = []
    var lineage: [String: ColumnLineage] = [:]
    var rejected: [RejectedRows] = []

    init(provider: TableProvider) { self.provider = provider }

    mutating func run(_ node: PlanNode, schema: Schema, input: Table) throws -> Table {
        switch node {
        case .scan(let ref, let columns, let span):
            sources.append(ref)
            let r: SourceTable
            do { r = try provider.load(ref, columns: columns) } catch let e as DiagnosticError { throw e } catch {
                throw DiagnosticError(.loadFailed("\(error)", span: span))
            }
            noteRejected(r.rejected, ref, span: span)
            return r.table

        case .filter(let cond, let span):
            var ev = ExprEvaluator(table: input)
            let c = try ev.column(cond)
            guard case .bool(let flags) = c.storage else {
                // A condition that is null on every row (`where null`, `where if(c, null, null)`): null counts as false.
                if c.validity.nullCount == c.count { return gather(input, []) }
                throw DiagnosticError(.runtime("where needs a true/false condition", span: span, hint: "compare something, e.g. where value > 0"))
            }
            var keep: [Int32] = []
            keep.reserveCapacity(input.rowCount)
            for i in 0..<flags.count where flags[i] && c.validity.isValid(i) { keep.append(Int32(i)) }
            return gather(input, keep)

        case .derive(let items, _):
            var set = ColumnSet(input)
            for item in items {
                var col: Column
                var l = ExpressionTemplate(item.expr).map(ColumnLineage.expression)
                do {
                    // The evaluator's copy of the columns ends here, so that setting the new one copies nothing.
                    var ev = ExprEvaluator(columns: set)
                    if item.expr.hasTimeFunction { ev.timeContext = TimeContext(table: try set.table()) }
                    col = try ev.column(item.expr)
                    // Same-row arithmetic (`value / last_year - 1`) or a time function over a plain column.
                    if let tc = ev.timeContext {
                        warnings.append(contentsOf: tc.warnings)
                        if case .time = item.expr, let t = tc.lastLineage { l = t }
                    }
                }
                col.name = item.name
                if let m = item.meta ?? schema.field(item.name)?.meta { col.meta = m }
                lineage[item.name] = l
                // Replacing a column invalidates the formulas that read it (d = diff(value); value = value * 2).
                if set.column(named: item.name) != nil {
                    lineage = lineage.filter { !$0.value.reads(item.name) }
                }
                try set.set(col)
                // A period that refines the key takes over from here on (see PeriodRoles).
                for (name, role) in item.roleChanges { set.setRole(name, role) }
            }
            return try set.table()

        case .select(let items, _):
            var ev = ExprEvaluator(table: input)
            if items.contains(where: { $0.expr.hasTimeFunction }) { ev.timeContext = TimeContext(table: input) }
            var cols: [Column] = []
            var kept: [String: ColumnLineage] = [:]
            for item in items {
                var c = try ev.column(item.expr)
                if case .column(let src, _) = item.expr, let l = lineage[src], src == item.name { kept[item.name] = l }
                // Arithmetic over the input's columns: it holds in the output when they are passed through unchanged.
                else if let t = ExpressionTemplate(item.expr) { kept[item.name] = .expression(t) }
                c.name = item.name
                if let f = schema.field(item.name) { c.meta = f.meta }
                cols.append(c)
            }
            if let tc = ev.timeContext { warnings.append(contentsOf: tc.warnings) }
            // A formula is kept only if every column it reads is still there, under the same name.
            let passedThrough = Set(items.compactMap { item -> String? in
                if case .column(let src, _) = item.expr, src == item.name { return src }
                return nil
            })
            lineage = kept.filter { $0.value.columnsRead.isSubset(of: passedThrough) }
            return try Table(columns: cols)

        case .aggregate(let keys, let calls, let outputs, let span):
            lineage = [:]
            return try aggregate(input, keys: keys, calls: calls, outputs: outputs, schema: schema, span: span)

        case .sort(let keys, _):
            var ev = ExprEvaluator(table: input)
            let cols = try keys.map { SortColumn(try ev.column($0.expr), descending: $0.descending) }
            let order = try Sorting.sortedIndices(cols, rowCount: input.rowCount)
            return gather(input, order)

        case .take(let n, _):
            guard n < input.rowCount else { return input }
            return gather(input, (0..<Int32(n)).map { $0 })

        case .pivot(let column, let values, let rowKeys, let span):
            lineage = [:]
            guard let pc = input.column(named: column) else { throw DiagnosticError(.runtime("no column '\(column)'", span: span)) }
            guard input.rowCount > 0 else {
                throw DiagnosticError(.runtime("pivot: no rows to spread into columns; the steps before it left none", span: span,
                                               hint: "check the filters and parameters (is the period within the data?)"))
            }
            do {
                let r = try Pivot.pivot(rowKeys: rowKeys.compactMap { input.column(named: $0) }, pivot: pc, values: values.compactMap { input.column(named: $0) })
                if r.nullPivotRows > 0 {
                    warnings.append(.warning("query.pivot-nulls", "pivot: \(r.nullPivotRows) row\(r.nullPivotRows == 1 ? " has" : "s have") no value in '\(column)' and \(r.nullPivotRows == 1 ? "was" : "were") left out", span: span))
                }
                var cols = r.table.columns
                let units = values.map { input.column(named: $0)?.meta.unit }
                for i in cols.indices where !rowKeys.contains(cols[i].name) {
                    cols[i].meta.role = .measure
                    if units.count == 1 { cols[i].meta.unit = units[0] }
                }
                return try Table(columns: cols)
            } catch let e as KernelError {
                throw DiagnosticError(.runtime("pivot: \(e)", span: span, hint: "aggregate first so that each row key has one value per \(column)"))
            } catch TableError.duplicateColumn(let name) {
                throw DiagnosticError(.runtime("pivot: a value of '\(column)' is '\(name)', which is already a column of the result", span: span,
                                               hint: "change the value or rename the column with derive before the pivot"))
            }

        case .join(let ref, let keys, let span):
            sources.append(ref)
            let lookup: SourceTable
            do { lookup = try provider.load(ref, columns: nil) } catch let e as DiagnosticError { throw e } catch {
                throw DiagnosticError(.loadFailed("\(error)", span: span))
            }
            noteRejected(lookup.rejected, ref, span: span)
            do {
                let j = try HashJoin.left(leftKeys: keys.compactMap { input.column(named: $0) }, lookupKeys: keys.compactMap { lookup.table.column(named: $0) })
                let others = lookup.table.columns.filter { !keys.contains($0.name) }
                var table = input
                var taken = Set(input.columnNames)
                for (c, g) in zip(others, j.gather(others)) {
                    var col = g
                    col.name = JoinNaming.name(for: c.name, dataset: ref.shortName, taken: taken)
                    taken.insert(col.name)
                    // A looked-up column that replaces one of the input ends the formulas of and over that column.
                    if table.column(named: col.name) != nil {
                        lineage[col.name] = nil
                        lineage = lineage.filter { !$0.value.reads(col.name) }
                    }
                    // The binder's roles (a looked-up period is a dimension, not a second period key), so that
                    // time functions after the join find the period the binder checked them against.
                    col.meta = schema.field(col.name)?.meta ?? c.meta
                    table = try table.setting(col)
                }
                if j.unmatchedCount > 0 {
                    warnings.append(.warning("query.join-unmatched", "join: \(NumberFormatting.grouped(Int64(j.unmatchedCount))) rows found no match in '\(ref.displayName)' on \(keys.joined(separator: ", ")); their looked-up columns are empty", span: span))
                }
                return table
            } catch KernelError.duplicateKey(let d) {
                throw DiagnosticError(.runtime("join: '\(ref.displayName)' has \(d.rowCount) rows for the key \(d.keyText); a lookup needs one row per key", span: span,
                                               hint: "remove the duplicates from '\(ref.displayName)', or join on more columns"))
            } catch let e as KernelError {
                throw DiagnosticError(.runtime("join: \(e)", span: span))
            }

        case .compare(let base, let current, let seriesKeys, let period, let measures, let span):
            lineage = [:]
            guard let p = input.column(named: period) else { throw DiagnosticError(.runtime("no period column", span: span)) }
            let r = try CompareRanges.compare(seriesKeys: seriesKeys.compactMap { input.column(named: $0) }, period: p,
                                              measures: measures.compactMap { input.column(named: $0) },
                                              base: base.lowerBound.ordinal...base.upperBound.ordinal,
                                              current: current.lowerBound.ordinal...current.upperBound.ordinal)
            var cols = r.keys
            for (m, res) in zip(measures, r.measures) {
                cols.append(res.base.column("\(m)_base"))
                cols.append(res.current.column("\(m)_current"))
                cols.append(res.change.column("\(m)_change"))
                cols.append(res.growth.column("\(m)_growth"))
            }
            for i in cols.indices { if let f = schema.field(cols[i].name) { cols[i].meta = f.meta } }
            if !r.seriesWithoutBaseRows.isEmpty || !r.seriesWithoutCurrentRows.isEmpty {
                var parts: [String] = []
                for (ids, range) in [(r.seriesWithoutBaseRows, base), (r.seriesWithoutCurrentRows, current)] where !ids.isEmpty {
                    parts.append("\(ids.count) series \(ids.count == 1 ? "has" : "have") no rows in \(range.lowerBound)..\(range.upperBound)")
                }
                let missing = Array(Set(r.seriesWithoutBaseRows + r.seriesWithoutCurrentRows)).sorted().prefix(3)
                let names = missing.map { k in "(" + r.keys.map { $0.value(at: Int(k)).description }.joined(separator: ", ") + ")" }
                warnings.append(.warning("query.compare-empty", "compare: " + parts.joined(separator: " and ") + "; their sums there are empty (null), not zero", span: span,
                                         notes: r.keys.isEmpty ? [] : ["for example \(names.joined(separator: ", "))"]))
            }
            try warnPartialRanges(input, seriesKeys: seriesKeys, period: p, ranges: [base, current], span: span)
            return try Table(columns: cols)
        }
    }

    /// compare: a series that has some but not all periods of a range sums only those — say so, with an example.
    mutating func warnPartialRanges(_ input: Table, seriesKeys: [String], period p: Column, ranges: [ClosedRange<Period>], span: SourceSpan) throws {
        guard case .period(let ords, _) = p.storage else { return }
        let keys = seriesKeys.compactMap { input.column(named: $0) }
        let g = try Grouping.build(keys: keys, rowCount: input.rowCount)
        var parts: [String] = []
        var example: String?
        for range in ranges {
            let span32 = range.upperBound.ordinal - range.lowerBound.ordinal + 1
            var present = [Set<Int32>](repeating: [], count: g.groupCount)
            for i in 0..<input.rowCount where p.validity.isValid(i) && ords[i] >= range.lowerBound.ordinal && ords[i] <= range.upperBound.ordinal {
                present[Int(g.groupIDs[i])].insert(ords[i])
            }
            let partial = present.indices.filter { !present[$0].isEmpty && present[$0].count < Int(span32) }
            guard !partial.isEmpty else { continue }
            parts.append("\(partial.count) series \(partial.count == 1 ? "has" : "have") only some of the \(span32) periods of \(range.lowerBound)..\(range.upperBound)")
            if example == nil, let k = partial.first {
                let name = keys.isEmpty ? "the table" : "(" + keys.map { $0.value(at: Int(g.firstRows[k])).description }.joined(separator: ", ") + ")"
                example = "for example \(name): \(present[k].count) of \(span32)"
            }
        }
        guard !parts.isEmpty else { return }
        warnings.append(.warning("query.compare-partial", "compare: " + parts.joined(separator: " and ") + "; their sums cover only the periods present", span: span,
                                 notes: example.map { [$0] } ?? []))
    }

    // MARK: Aggregation

    mutating func aggregate(_ input: Table, keys: [NamedExpr], calls: [AggregateCall], outputs: [NamedExpr], schema: Schema, span: SourceSpan) throws -> Table {
        var ev = ExprEvaluator(table: input)
        var keyCols: [Column] = []
        for k in keys {
            var c = try ev.column(k.expr)
            c.name = k.name
            keyCols.append(c)
        }
        var g = try Grouping.build(keys: keyCols, rowCount: input.rowCount)
        // Without 'by', an aggregate answers one row even over no rows (count 0, sums null), as in SQL.
        if keys.isEmpty && input.rowCount == 0 { g = Grouping(groupIDs: [], groupCount: 1, firstRows: [], strategy: .single) }
        var results: [Column] = []
        for call in calls {
            let x = try call.argument.map { try ev.column($0) }
            do {
                results.append(try aggregateCall(call, x, g, input: input, span: span))
            } catch let e as KernelError {
                throw DiagnosticError(.runtime("\(call.function.rawValue): \(e)", span: span))
            }
        }
        var cols: [Column] = keyCols.map { Gather.column($0, rows: g.firstRows) }
        for i in cols.indices { if let f = schema.field(cols[i].name) { cols[i].meta = f.meta } }
        var out = ExprEvaluator(table: input)
        out.aggregates = results
        if results.isEmpty { out.aggregates = [Column.ints("", [Int64?](repeating: 0, count: g.groupCount))] }
        for o in outputs {
            var c = try out.column(o.expr)
            c.name = o.name
            if let f = schema.field(o.name) { c.meta = f.meta }
            cols.append(c)
        }
        warnIncompleteYear(input, keys: keys, span: span)
        return try Table(columns: cols)
    }

    func aggregateCall(_ call: AggregateCall, _ x: Column?, _ g: Grouping, input: Table, span: SourceSpan) throws -> Column {
        func period() throws -> Column {
            guard let p = input.periodKey else { throw DiagnosticError(.needsPeriod("\(call.function.rawValue)()", span: span, available: [])) }
            return p
        }
        switch call.function {
        case .count: if let x { return try Aggregates.count(x, g).column("") }; return Aggregates.countRows(g).column("")
        case .sum: return try Aggregates.sum(x!, g)
        case .avg: return try Aggregates.avg(x!, g).column("")
        case .min: return try Aggregates.min(x!, g)
        case .max: return try Aggregates.max(x!, g)
        case .median: return try Aggregates.median(x!, g).column("")
        case .first: return try Aggregates.first(x!, period: try period(), g)
        case .last: return try Aggregates.last(x!, period: try period(), g)
        case .cagr: return try Aggregates.cagr(x!, period: try period(), g).column("")
        default: throw DiagnosticError(.runtime("\(call.function.rawValue) is not an aggregate", span: span))
        }
    }

    /// "2024 has only 10 of 12 months": a reader comparing full years must know the last one is partial.
    mutating func warnIncompleteYear(_ input: Table, keys: [NamedExpr], span: SourceSpan) {
        for k in keys {
            guard case .scalar(let f, let args, .period(let target), _) = k.expr, f == .year || f == .quarter,
                  case .column(let name, _) = args[0], let c = input.column(named: name),
                  case .period(let ords, let freq) = c.storage, freq > target, freq != .day else { continue }
            var maxOrd = Int32.min, minOrd = Int32.max
            for i in 0..<ords.count where c.validity.isValid(i) { maxOrd = max(maxOrd, ords[i]); minOrd = min(minOrd, ords[i]) }
            guard maxOrd != Int32.min, let last = PeriodMath.convert(maxOrd, from: freq, to: target),
                  let first = PeriodMath.convert(minOrd, from: freq, to: target) else { continue }
            let per = (freq.periodsPerYear ?? 12) / (target.periodsPerYear ?? 1)
            // The data may also start inside a year: its total is partial too (and a growth on it overstated).
            let firstSub = PeriodMath.convert(Period(frequency: target, ordinal: first).dayRange.lowerBound, from: .day, to: freq) ?? minOrd
            if minOrd > firstSub && first != last {
                let have = Int(per) - Int(minOrd - firstSub)
                warnings.append(.warning("query.incomplete-period", "\(PeriodFormat.string(first, target)) has only \(have) of \(per) \(freq)s in the data (from \(PeriodFormat.string(minOrd, freq))); its total is not a full \(target == .year ? "year" : "quarter")'s", span: k.span))
            }
            let lastRange = Period(frequency: target, ordinal: last).dayRange
            let lastStart = PeriodMath.convert(lastRange.lowerBound, from: .day, to: freq) ?? maxOrd
            let lastEnd = PeriodMath.convert(lastRange.upperBound, from: .day, to: freq) ?? maxOrd
            let from = max(lastStart, minOrd)
            if maxOrd < lastEnd || from > lastStart {
                let have = Int(maxOrd) - Int(from) + 1
                let extent = from > lastStart ? "\(PeriodFormat.string(from, freq)) … \(PeriodFormat.string(maxOrd, freq))" : "through \(PeriodFormat.string(maxOrd, freq))"
                warnings.append(.warning("query.incomplete-period", "\(PeriodFormat.string(last, target)) has only \(have) of \(per) \(freq)s in the data (\(extent)); compare it with the same \(freq)s of earlier years (ytd), not with full years", span: k.span))
            }
        }
    }

    // MARK: Helpers

    mutating func gather(_ t: Table, _ rows: [Int32]) -> Table {
        if !lineage.isEmpty {
            var newIndex = [Int32](repeating: -1, count: t.rowCount)
            for (k, r) in rows.enumerated() { newIndex[Int(r)] = Int32(k) }
            func remap(_ base: [Int32]) -> [Int32] {
                rows.map { r in
                    let b = base[Int(r)]
                    return b < 0 ? -1 : newIndex[Int(b)]
                }
            }
            for (name, l) in lineage {
                switch l {
                case .growth(let of, let b): lineage[name] = .growth(of: of, baseRows: remap(b))
                case .difference(let of, let b): lineage[name] = .difference(of: of, baseRows: remap(b))
                case .ratio, .expression: break
                }
            }
        }
        return t.gathering(rows)
    }

    mutating func noteRejected(_ rows: [RejectedRow], _ ref: SourceHandle, span: SourceSpan) {
        guard !rows.isEmpty else { return }
        let n = rows.count
        var notes = rows.prefix(5).map { "line \($0.line): \($0.reason)" }
        if n > 5 { notes.append("… and \(n - 5) more; the full list goes with the result (the rejected-rows report, the workbook's Notes sheet)") }
        warnings.append(.warning("query.rejected-rows", "\(n) row\(n == 1 ? "" : "s") of '\(ref.displayName)' \(n == 1 ? "was" : "were") set aside by the lenient load",
                                 span: span, notes: notes))
        if !rejected.contains(where: { $0.source == ref.displayName }) {
            rejected.append(RejectedRows(source: ref.displayName, rows: rows))
        }
    }
}
