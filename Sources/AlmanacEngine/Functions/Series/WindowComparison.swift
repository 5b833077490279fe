import AlmanacCore
import AlmanacKernels
import AlmanacDiagnostics

/// Growth of year-to-date totals that compares windows holding the same periods: `yoy(ytd(x))` of 2024-03 sums
/// January to March; if its base (2023-03) sums only January and March, the two are not alike and the growth is null
/// with a warning, or, with `matched`, computed over the months present in both windows (January and March).
///
/// Over an aggregate's rows, each month of the two windows is also checked for the series it sums (`RowCoverage`):
/// a month that sums other series than its base month makes the row's growth not like-for-like (a warning), and with
/// `matched` each month is summed over the series present on both sides.
///
/// `rolling` needs no such check of its periods: its total is null unless every period of the window has a value.
enum WindowComparison {
    /// `yoy(ytd(x))` and `yoy(ytd(x), matched)`; nil when the measure is not a year-to-date total (the plain growth
    /// applies) or its frequency has no periods within a year to compare (years, days).
    static func yoyOfWindow(_ call: inout SeriesInvocation, _ ev: inout ExprEvaluator, pair: (Double, Double) -> Double) throws -> Column? {
        guard let innerExpr = innerExpression(call) else { return nil }
        let g = try call.grid()
        guard let perYear = g.frequency.periodsPerYear, perYear > 1, perYear <= 64 else { return nil }
        let monthly = try ev.column(innerExpr)
        let (values, validity) = try measure(monthly)
        let base = g.rowsOneYearEarlier()
        let masks = windowMasks(g, validity)
        var r = try TimeFunctions.pairwise(call.x, base, g, .growth)
        call.context.note(.yoy, missing: r, x: call.x, base: base, span: call.span, what: .yearEarlier, text: call.text)

        let context = call.context
        let coverage = context.coverage
        var innerName: String? = nil
        if case .column(let name, _) = innerExpr { innerName = name }
        let memberValues = innerName.flatMap { coverage?.memberValues[$0] }
        if call.constants.matched, memberValues == nil,
           hasCoverageDifference(g, base: base, masks: masks, valid: call.x.validity, coverage: coverage) {
            throw DiagnosticError(.runtime(.matchedMeasure(call: call.text, measure: innerName), span: call.span))
        }

        var windowRows: [Int32] = []
        var coverageRows: [Int32] = []
        // The month pairs whose series differ (each once), for the warning's examples.
        var monthBases: [Int32: Int32] = [:]
        var seriesRows = 0, finerRows = 0
        var changed = false
        var out = r.values
        var words = r.validity.words
        let ytdValid = call.x.validity
        for i in 0..<base.count {
            let b = Int(base[i])
            guard b >= 0, ytdValid.isValid(i), ytdValid.isValid(b) else { continue }
            let windowsDiffer = masks[i] != masks[b]
            let common = masks[i] & masks[b]
            // Each month present in both windows: its row on each side, and whether they sum the same series.
            var seriesDiffer = false, membersDiffer = false
            if let coverage {
                forEachMonth(common, of: i, base: b, g) { mi, mb in
                    if !coverage.same(mi, mb) {
                        seriesDiffer = true
                        if !coverage.sameMembers(mi, mb) { membersDiffer = true }
                        monthBases[Int32(mi)] = Int32(mb)
                    }
                }
            }
            if seriesDiffer { if membersDiffer { seriesRows += 1 } else { finerRows += 1 } }
            if windowsDiffer { windowRows.append(Int32(i)) }
            if seriesDiffer { coverageRows.append(Int32(i)) }
            guard windowsDiffer || (seriesDiffer && call.constants.matched) else { continue }
            changed = true
            words[i >> 6] &= ~(1 << UInt64(i & 63))
            guard call.constants.matched else { continue }
            var cur = 0.0, old = 0.0, any = false
            forEachMonth(common, of: i, base: b, g) { mi, mb in
                if let coverage, let memberValues, !coverage.same(mi, mb) {
                    guard let (c, o) = coverage.matchedSums(memberValues, row: mi, base: mb) else { return }
                    cur += c
                    old += o
                } else {
                    guard validity.isValid(mi), validity.isValid(mb) else { return }
                    cur += values[mi]
                    old += values[mb]
                }
                any = true
            }
            let v = pair(cur, old)
            if any && v.isFinite {
                out[i] = v
                words[i >> 6] |= 1 << UInt64(i & 63)
            }
        }
        r = Masked(values: out, validity: Validity(words: words, count: r.count))
        // Over a year-to-date column whose windows all compare alike, the growth is still this column over its base
        // row's, so a workbook can write it as a formula.
        if !changed, case .column(let name, _) = call.args[0] { call.lineage = .growth(of: name, baseRows: base) }
        if !windowRows.isEmpty {
            noteWindows(call, rows: windowRows, base: base, masks: masks, g)
        }
        // The cells: each row whose windows or months differ, with what differs.
        for k in (windowRows + coverageRows).prefix(TimeContext.markLimit) where context.marks[k] == nil {
            let i = Int(k), b = Int(base[i])
            let at = PeriodFormat.string(g.ordinals[i], g.frequency), from = PeriodFormat.string(g.ordinals[b], g.frequency)
            if masks[i] != masks[b] {
                context.marks[k] = WindowFacts.markText(at: at, from: from, current: periodNames(masks[i], i, g), base: periodNames(masks[b], b, g),
                                                        matched: call.constants.matched, nulled: true)
            } else {
                context.marks[k] = WindowFacts.coverageMarkText(at: at, from: from, matched: call.constants.matched)
            }
        }
        if !coverageRows.isEmpty {
            var bases = [Int32](repeating: -1, count: base.count)
            for (m, mb) in monthBases { bases[Int(m)] = mb }
            // The months in period order, as a reader scans them.
            let months = monthBases.keys.sorted { (g.ordinals[Int($0)], $0) < (g.ordinals[Int($1)], $1) }
            context.noteCoverage(call: call.text, suggestion: call.constants.matched ? nil : String(call.text.dropLast()) + ", matched)",
                                 matched: call.constants.matched, rows: months, base: bases, span: call.span, counts: (seriesRows, finerRows))
        }
        return r.column("")
    }

    /// What a year-to-date measure totals: `x` of `ytd(x)`, or of a column a derive made as `ytd(x)` (still in the table).
    static func innerExpression(_ call: SeriesInvocation) -> BoundExpr? {
        if case .time(.ytd, let inner, _, _, _) = call.args[0], let e = inner.first { return e }
        if case .column(let name, _) = call.args[0], let x = call.context.runningTotals[name], let c = call.context.table.column(named: x) {
            return .column(x, c.dataType)
        }
        return nil
    }

    /// `lag(y, one year)` of a year-to-date total: last year's total, kept, with a warning (and marked cells) where its
    /// window holds other months than the row's or its months sum other series — a growth over it would not compare
    /// alike.
    static func noteLagOfWindow(_ call: SeriesInvocation, _ ev: inout ExprEvaluator, base: [Int32], result: Column) throws {
        guard let innerExpr = innerExpression(call) else { return }
        let g = try call.grid()
        guard let perYear = g.frequency.periodsPerYear, perYear > 1, perYear <= 64, call.constants.steps == Int(perYear) else { return }
        let (_, validity) = try measure(try ev.column(innerExpr))
        let masks = windowMasks(g, validity)
        let context = call.context
        var windowRows: [Int32] = [], coverageRows: [Int32] = [], monthBases: [Int32: Int32] = [:]
        var seriesRows = 0, finerRows = 0
        for i in 0..<base.count {
            let b = Int(base[i])
            guard b >= 0, result.validity.isValid(i), call.x.validity.isValid(i) else { continue }
            if masks[i] != masks[b] { windowRows.append(Int32(i)) }
            guard let coverage = context.coverage else { continue }
            var differ = false, members = false
            forEachMonth(masks[i] & masks[b], of: i, base: b, g) { mi, mb in
                if !coverage.same(mi, mb) {
                    differ = true
                    if !coverage.sameMembers(mi, mb) { members = true }
                    monthBases[Int32(mi)] = Int32(mb)
                }
            }
            if differ {
                if members { seriesRows += 1 } else { finerRows += 1 }
                coverageRows.append(Int32(i))
            }
        }
        if !windowRows.isEmpty { noteWindows(call, rows: windowRows, base: base, masks: masks, g, nulled: false) }
        if !monthBases.isEmpty {
            var bases = [Int32](repeating: -1, count: base.count)
            for (m, mb) in monthBases { bases[Int(m)] = mb }
            let months = monthBases.keys.sorted { (g.ordinals[Int($0)], $0) < (g.ordinals[Int($1)], $1) }
            context.noteCoverage(call: call.text, suggestion: nil, matched: false, rows: months, base: bases, span: call.span, counts: (seriesRows, finerRows))
        }
        for k in (windowRows + coverageRows).prefix(TimeContext.markLimit) where context.marks[k] == nil {
            let i = Int(k), b = Int(base[i])
            let at = PeriodFormat.string(g.ordinals[i], g.frequency), from = PeriodFormat.string(g.ordinals[b], g.frequency)
            context.marks[k] = masks[i] != masks[b]
                ? WindowFacts.markText(at: at, from: from, current: periodNames(masks[i], i, g), base: periodNames(masks[b], b, g), matched: false, nulled: false)
                : WindowFacts.coverageMarkText(at: at, from: from, matched: false)
        }
    }

    /// For each row, the periods of its year up to its own that hold a value of `valid` in its series, as bits
    /// (bit k: the k-th period of the year). A running OR along each series, reset at each new year.
    static func windowMasks(_ g: SeriesGrid, _ valid: Validity) -> [UInt64] {
        var masks = [UInt64](repeating: 0, count: g.rowCount)
        let (rows, start) = g.walkOrder()
        for s in 0..<g.seriesCount {
            var year: Int32? = nil
            var mask: UInt64 = 0
            for k in start[s]..<start[s + 1] {
                let i = Int(rows[k])
                guard let ys = safeStartOfYear(g.ordinals[i], g.frequency) else { continue }
                if ys != year { year = ys; mask = 0 }
                let bit = Int(g.ordinals[i] - ys)
                if bit < 64 && valid.isValid(i) { mask |= 1 << UInt64(bit) }
                masks[i] = mask
            }
        }
        return masks
    }

    /// Calls `body(rowMonth, baseMonth)` for each period in `mask` of row `i`'s year and of its base `b`'s year.
    static func forEachMonth(_ mask: UInt64, of i: Int, base b: Int, _ g: SeriesGrid, _ body: (Int, Int) -> Void) {
        guard mask != 0, let yi = safeStartOfYear(g.ordinals[i], g.frequency), let yb = safeStartOfYear(g.ordinals[b], g.frequency) else { return }
        let si = Int(g.series.groupIDs[i]), sb = Int(g.series.groupIDs[b])
        var m = mask
        while m != 0 {
            let k = Int64(m.trailingZeroBitCount)
            m &= m - 1
            let ri = g.row(series: si, ordinal: Int64(yi) + k), rb = g.row(series: sb, ordinal: Int64(yb) + k)
            if ri >= 0 && rb >= 0 { body(Int(ri), Int(rb)) }
        }
    }

    /// Whether some row's two windows hold a month pair that sums different series.
    static func hasCoverageDifference(_ g: SeriesGrid, base: [Int32], masks: [UInt64], valid: Validity, coverage: RowCoverage?) -> Bool {
        guard let coverage else { return false }
        for i in 0..<base.count {
            let b = Int(base[i])
            guard b >= 0, valid.isValid(i), valid.isValid(b) else { continue }
            var differ = false
            forEachMonth(masks[i] & masks[b], of: i, base: b, g) { mi, mb in if !coverage.same(mi, mb) { differ = true } }
            if differ { return true }
        }
        return false
    }

    /// The periods in `mask` of row `row`'s year: `2024-01, 2024-03`.
    static func periodNames(_ mask: UInt64, _ row: Int, _ g: SeriesGrid) -> [String] {
        guard let ys = safeStartOfYear(g.ordinals[row], g.frequency) else { return [] }
        return WindowFacts.periodNames(mask, yearStart: ys, g.frequency)
    }

    /// The warning for rows whose windows hold different periods, naming the first few (earliest period first, then
    /// the series in key order: `WindowFacts.exampleOrder`) and the periods each holds.
    static func noteWindows(_ call: SeriesInvocation, rows: [Int32], base: [Int32], masks: [UInt64], _ g: SeriesGrid, nulled: Bool = true) {
        let context = call.context
        let keys = context.seriesKeys
        func periods(_ row: Int) -> [String] { periodNames(masks[row], row, g) }
        let order = WindowFacts.exampleOrder(ordinals: rows.map { g.ordinals[Int($0)] }, keys: keys.map { $0.gathering(rows) })
        let diffs = order.prefix(3).map { rows[$0] }.map { r -> WindowDifference in
            let i = Int(r), b = Int(base[i])
            let series = keys.isEmpty ? nil : "(" + keys.map { $0.value(at: i).description }.joined(separator: ", ") + ")"
            return WindowDifference(period: PeriodFormat.string(g.ordinals[i], g.frequency), basePeriod: PeriodFormat.string(g.ordinals[b], g.frequency),
                                    series: series, current: periods(i), base: periods(b))
        }
        context.facts.append(LocatedFact(WindowFacts.fact(call: call.text, rows: rows.count, matched: call.constants.matched, nulled: nulled,
                                                          differences: Array(diffs)), span: call.span))
    }
}
