import AlmanacCore
import AlmanacKernels
import AlmanacDiagnostics

extension TimeContext {
    /// The most cells of one column given a note (a workbook with thousands of notes is slow to open).
    static let markLimit = CoverageMarks.limit

    /// The rows whose sum holds other sub-series (or finer periods) than their base row's (`base[i]`, −1 for none),
    /// among the rows with a value on both sides. Empty without coverage (a table no aggregate made).
    func coverageDiffering(base: [Int32], x: Column) -> [Int32] {
        guard let c = coverage, base.count == c.rowCount else { return [] }
        var out: [Int32] = []
        let v = x.validity
        for i in 0..<base.count {
            let b = Int(base[i])
            if b < 0 || !v.isValid(i) || !v.isValid(b) { continue }
            if !c.same(i, b) { out.append(Int32(i)) }
        }
        return out
    }

    /// Warns about the rows whose two sides sum different series, naming the first few periods and what differs.
    /// `suggestion` is the call that would compare like with like (`yoy(v, matched)`). `counts` are how many rows each
    /// warning is about when `rows` are other rows that show why (the months of year-to-date windows): those whose
    /// series differ, and those whose finer periods only.
    func noteCoverage(call: String, suggestion: String?, matched: Bool, rows: [Int32], base: [Int32], span: SourceSpan, counts: (series: Int, finer: Int)? = nil) {
        guard let c = coverage, !rows.isEmpty else { return }
        // Rows whose series differ, and those that differ only in their finer periods (which `matched` cannot align):
        // one warning each, so that neither is worded as the other.
        let series = rows.filter { !c.sameMembers(Int($0), Int(base[Int($0)])) }
        let finer = series.count == rows.count ? [] : rows.filter { c.sameMembers(Int($0), Int(base[Int($0)])) }
        if !series.isEmpty {
            noteCoverage(dimensions: c.dimensions, call: call, suggestion: suggestion, matched: matched, rows: series, base: base, span: span, count: counts?.series)
        }
        if !finer.isEmpty {
            noteCoverage(dimensions: [], call: call, suggestion: nil, matched: false, rows: finer, base: base, span: span, count: counts?.finer)
        }
    }

    private func noteCoverage(dimensions: [String], call: String, suggestion: String?, matched: Bool, rows: [Int32], base: [Int32], span: SourceSpan, count: Int? = nil) {
        guard let c = coverage, !rows.isEmpty, count != 0, let p = periodColumn, case .period(let ords, let freq) = p.storage else { return }
        let keys = seriesKeys
        // The first few members (in id order) by name: a warning shows at most four of a list.
        func names(_ ids: [Int32], _ limit: Int) -> [String] { ids.prefix(limit).map(c.memberName).sorted() }
        // The first few for the warning; up to `markLimit` for the cells' notes (when the rows are the result's own).
        let described = rows.prefix(count == nil ? Self.markLimit : 3)
        let all = described.map { r -> CoverageDifference in
            let i = Int(r), b = Int(base[i])
            let ra = c.range(i), rb = c.range(b)
            let cur = Array(c.members[ra.prefix(4)]), old = Array(c.members[rb.prefix(4)])
            let d = c.differences(row: i, base: b, limit: 4)
            let series = keys.isEmpty ? nil : "(" + keys.map { $0.value(at: i).description }.joined(separator: ", ") + ")"
            let fc = c.finerCount(i), fb = c.finerCount(b)
            return CoverageDifference(period: PeriodFormat.string(ords[i], freq), basePeriod: PeriodFormat.string(ords[b], freq), series: series,
                                      current: names(cur, 4), currentCount: ra.count, base: names(old, 4), baseCount: rb.count,
                                      onlyCurrent: names(d.onlyRow, 4), onlyCurrentCount: d.onlyRowCount, onlyBase: names(d.onlyBase, 4), onlyBaseCount: d.onlyBaseCount,
                                      currentPeriods: fc != fb ? fc : nil, basePeriods: fc != fb ? fb : nil, periodUnit: fc != fb ? c.finerFrequency : nil)
        }
        facts.append(LocatedFact(.coverageDiffers(call: call, rows: count ?? rows.count, dimensions: dimensions, matched: matched, suggestion: suggestion,
                                                  differences: Array(all.prefix(3)), examples: rows.count), span: span))
        guard count == nil else { return }
        for (r, d) in zip(described, all) { marks[r] = CoverageMarks.text(d, dimensions: dimensions, matched: matched) }
    }

    /// `op(current, base)` recomputed over the sub-series present on both sides, for the rows whose sides differ
    /// (`rows`): the like-for-like reading (`yoy(v, matched)`). Null where the sides share no sub-series.
    /// - Throws: when the measure is not a sum an aggregate made (its sub-series' values are unknown).
    func matched(_ r: Masked<Double>, rows: [Int32], base: [Int32], measure: String?, call: String, span: SourceSpan,
                 _ op: (Double, Double) -> Double) throws -> Masked<Double> {
        guard let c = coverage, !rows.isEmpty else { return r }
        guard let name = measure, let values = c.memberValues[name] else {
            throw DiagnosticError(.runtime(.matchedMeasure(call: call, measure: measure), span: span))
        }
        var out = r.values
        var words = r.validity.words
        for k in rows {
            let i = Int(k), b = Int(base[i])
            words[i >> 6] &= ~(1 << UInt64(i & 63))
            guard let (cur, old) = c.matchedSums(values, row: i, base: b) else { continue }
            let v = op(cur, old)
            if v.isFinite {
                out[i] = v
                words[i >> 6] |= 1 << UInt64(i & 63)
            }
        }
        return Masked(values: out, validity: Validity(words: words, count: r.count))
    }

    /// The coverage check of a function with no like-for-like reading (`lag`, `index`): a warning only.
    func checkCoverage(call: String, base: [Int32], x: Column, span: SourceSpan) {
        guard coverage != nil else { return }
        noteCoverage(call: call, suggestion: nil, matched: false, rows: coverageDiffering(base: base, x: x), base: base, span: span)
    }
}
