import AlmanacCore
import AlmanacKernels
import AlmanacDiagnostics

extension CompareOperator {
    /// Over an aggregate's rows: per series, the sub-series each range sums. Ranges of one length are aligned period
    /// by period (2023-02 with 2024-02), so a member is a (sub-series, position in the range) pair; ranges of
    /// different lengths compare the sub-series of any of their rows. A series whose ranges sum different members is
    /// said so; with `compare … matched`, its sums, change and growth are recomputed over the members in both.
    /// - Throws: with `matched`, when a measure is not a sum an aggregate made (its sub-series' values are unknown).
    func checkCoverage(_ r: inout RangeComparisonResult, period p: Column, coverage c: RowCoverage) throws -> (fact: LocatedFact, marks: [String: [Int32: String]])? {
        guard case .period(let ords, let freq) = p.storage else { return nil }
        let n = p.count
        let s = r.series.groupCount
        let base = node.base.lowerBound.ordinal...node.base.upperBound.ordinal
        let current = node.current.lowerBound.ordinal...node.current.upperBound.ordinal
        let aligned = base.count == current.count
        let width = Int64(max(1, c.memberKeys.idLimit))
        var inBase = [Set<Int64>](repeating: [], count: s), inCurrent = inBase
        for i in 0..<n where p.validity.isValid(i) {
            let k = Int(r.series.groupIDs[i])
            if base.contains(ords[i]) { inBase[k].formUnion(members(c, i, offset: aligned ? ords[i] - base.lowerBound : 0, width)) }
            if current.contains(ords[i]) { inCurrent[k].formUnion(members(c, i, offset: aligned ? ords[i] - current.lowerBound : 0, width)) }
        }
        // Periods on one side only are the partial ranges' warning (`comparePartial`): unmatched, a series is said to
        // differ when the periods present in both ranges sum different series. Matched, every member on one side only
        // is left out, so a series differs when any is.
        if aligned && !node.matched {
            for k in 0..<s {
                let both = Set(inBase[k].map { $0 / width }).intersection(inCurrent[k].map { $0 / width })
                inBase[k] = inBase[k].filter { both.contains($0 / width) }
                inCurrent[k] = inCurrent[k].filter { both.contains($0 / width) }
            }
        }
        // Series with rows in both ranges whose members differ (in key order: `SeriesExamples`).
        let differing = SeriesExamples.order(r.keys, count: s).filter { !inBase[$0].isEmpty && !inCurrent[$0].isEmpty && inBase[$0] != inCurrent[$0] }
        guard !differing.isEmpty else { return nil }
        if node.matched {
            try recompute(&r, differing: differing, inBase: inBase, inCurrent: inCurrent, ords: ords, period: p, coverage: c, aligned: aligned, width: width)
        }

        // A member as (its position in the range when the ranges are aligned, else 0; its name).
        func named(_ ids: Set<Int64>) -> Set<RangeMember> {
            Set(ids.map { RangeMember(offset: aligned ? Int32($0 / width) : 0, name: c.memberName(Int32($0 % width))) })
        }
        let diffs = differing.prefix(TimeContext.markLimit).map { k -> CoverageDifference in
            let series = r.keys.isEmpty ? nil : SeriesExamples.name(r.keys, k)
            return Self.coverageDifference(node, series: series, base: named(inBase[k]), current: named(inCurrent[k]), aligned: aligned, frequency: freq)
        }
        let fact = LocatedFact(Self.coverageFact(node, series: differing.count, dimensions: c.dimensions, differences: Array(diffs.prefix(3)), frequency: freq),
                               span: node.span)
        // The change and growth cells of each such series, with what differs.
        var notes: [Int32: String] = [:]
        for (k, d) in zip(differing, diffs) {
            notes[Int32(k)] = CoverageMarks.compareText(d, dimensions: c.dimensions, matched: node.matched)
        }
        var marks: [String: [Int32: String]] = [:]
        for m in node.measures { marks["\(m)_change"] = notes; marks["\(m)_growth"] = notes }
        return (fact, marks)
    }

    /// Each measure's base and current sums of the `differing` series over the sub-series in both ranges.
    private func recompute(_ r: inout RangeComparisonResult, differing: [Int], inBase: [Set<Int64>], inCurrent: [Set<Int64>],
                           ords: [Int32], period p: Column, coverage c: RowCoverage, aligned: Bool, width: Int64) throws {
        let base = node.base.lowerBound.ordinal...node.base.upperBound.ordinal
        let current = node.current.lowerBound.ordinal...node.current.upperBound.ordinal
        var slot = [Int](repeating: -1, count: r.series.groupCount)
        for (j, k) in differing.enumerated() { slot[k] = j }
        let common = differing.map { inBase[$0].intersection(inCurrent[$0]) }
        for (mi, m) in node.measures.enumerated() {
            guard let values = c.memberValues[m] else {
                throw DiagnosticError(.runtime(.matchedMeasure(call: "compare … matched", measure: m), span: node.span))
            }
            var b = [Double](repeating: 0, count: differing.count), cur = b
            var hasB = [Bool](repeating: false, count: differing.count), hasC = hasB
            for i in 0..<p.count where p.validity.isValid(i) {
                let j = slot[Int(r.series.groupIDs[i])]
                guard j >= 0 else { continue }
                let inB = base.contains(ords[i]), inC = current.contains(ords[i])
                guard inB || inC else { continue }
                let offset = Int64(aligned ? ords[i] - (inB ? base.lowerBound : current.lowerBound) : 0)
                for q in c.range(i) where common[j].contains(offset * width + Int64(c.members[q])) && !values[q].isNaN {
                    if inB { b[j] += values[q]; hasB[j] = true }
                    if inC { cur[j] += values[q]; hasC[j] = true }
                }
            }
            var res = r.measures[mi]
            var bv = res.base.values, cv = res.current.values, chv = res.change.values, gv = res.growth.values
            var bw = res.base.validity.words, cw = res.current.validity.words, chw = res.change.validity.words, gw = res.growth.validity.words
            func set(_ words: inout [UInt64], _ k: Int, _ on: Bool) {
                if on { words[k >> 6] |= 1 << UInt64(k & 63) } else { words[k >> 6] &= ~(1 << UInt64(k & 63)) }
            }
            for (j, k) in differing.enumerated() {
                bv[k] = b[j]; set(&bw, k, hasB[j])
                cv[k] = cur[j]; set(&cw, k, hasC[j])
                chv[k] = cur[j] - b[j]; set(&chw, k, hasB[j] && hasC[j])
                let g = cur[j] / b[j] - 1
                gv[k] = g.isFinite ? g : 0; set(&gw, k, hasB[j] && hasC[j] && g.isFinite)
            }
            let count = res.base.count
            res.base = Masked(values: bv, validity: Validity(words: bw, count: count))
            res.current = Masked(values: cv, validity: Validity(words: cw, count: count))
            res.change = Masked(values: chv, validity: Validity(words: chw, count: count))
            res.growth = Masked(values: gv, validity: Validity(words: gw, count: count))
            r.measures[mi] = res
        }
    }

    /// Row `i`'s members as keys: position in its range × member count + member.
    private func members(_ c: RowCoverage, _ i: Int, offset: Int32, _ width: Int64) -> [Int64] {
        c.memberIDs(i).map { Int64(offset) * width + Int64($0) }
    }

}

/// A member a range of a compare sums: its position in the range (0 when the ranges differ in length) and its name.
package struct RangeMember: Hashable, Sendable {
    package var offset: Int32
    package var name: String
    package init(offset: Int32, name: String) {
        self.offset = offset
        self.name = name
    }
}

extension CompareOperator {
    /// How a series whose ranges sum different members is shown: each side's members in position order, then by
    /// name (`B (2024-02)` when the ranges are aligned: the period of that side), the first four of each list and
    /// how many. The local check and the database's statement (AlmanacSQL's `SQLCompiler+CompareFacts.swift`) both
    /// word it here.
    package static func coverageDifference(_ node: CompareNode, series: String?, base: Set<RangeMember>, current: Set<RangeMember>,
                                           aligned: Bool, frequency freq: Frequency) -> CoverageDifference {
        func names(_ members: Set<RangeMember>, _ range: ClosedRange<Period>) -> [String] {
            members.sorted { ($0.offset, $0.name) < ($1.offset, $1.name) }.map { m in
                aligned ? "\(m.name) (\(PeriodFormat.string(range.lowerBound.ordinal + m.offset, freq)))" : m.name
            }
        }
        let cur = names(current, node.current), old = names(base, node.base)
        let onlyCur = names(current.subtracting(base), node.current), onlyOld = names(base.subtracting(current), node.base)
        return CoverageDifference(period: rangeText(node.current, freq), basePeriod: rangeText(node.base, freq), series: series,
                                  current: Array(cur.prefix(4)), currentCount: cur.count, base: Array(old.prefix(4)), baseCount: old.count,
                                  onlyCurrent: Array(onlyCur.prefix(4)), onlyCurrentCount: onlyCur.count,
                                  onlyBase: Array(onlyOld.prefix(4)), onlyBaseCount: onlyOld.count)
    }

    /// The fact of `series` series whose ranges sum different members (the first few `differences`).
    package static func coverageFact(_ node: CompareNode, series: Int, dimensions: [String], differences: [CoverageDifference], frequency freq: Frequency) -> QueryFact {
        let call = "compare \(rangeText(node.base, freq)) vs \(rangeText(node.current, freq))"
        return .coverageDiffers(call: node.matched ? call + " matched" : call, rows: series, dimensions: dimensions,
                                matched: node.matched, suggestion: node.matched ? nil : call + " matched", differences: differences, examples: series)
    }

    /// `2015..2019` (a single period as itself).
    static func rangeText(_ range: ClosedRange<Period>, _ freq: Frequency) -> String {
        range.lowerBound == range.upperBound ? "\(range.lowerBound)" : "\(range.lowerBound)..\(range.upperBound)"
    }
}
