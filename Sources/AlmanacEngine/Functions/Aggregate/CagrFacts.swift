import AlmanacCore
import AlmanacKernels

/// `cagr`'s kernel and what it says of its endpoints: which periods a group's growth runs between when they are not
/// the table's first and last, and why a group's growth is null (a start at or below zero, an end below zero, a single
/// period) rather than leaving an empty cell unexplained.
package enum CagrFacts {
    /// How many groups an example names.
    static let examples = 3

    @Sendable static func kernel(_ input: AggregateInput) throws -> Column {
        let period = try input.period()
        let e = try Aggregates.cagrEndpoints(try input.measure(), period: period, input.groups)
        if let report = input.report { note(e, period: period, into: report) }
        return Aggregates.cagr(e).column("")
    }

    static func note(_ e: CagrEndpoints, period: Column, into report: AggregateReport) {
        guard case .period(let ords, let freq) = period.storage else { return }
        let (tableFirst, tableLast, any) = KeyEncoder.range32(ords, validWords(period.validity))
        guard any else { return }
        let groups = CagrGroups(has: e.has, first: e.first, last: e.last, firstSum: e.firstSum, lastSum: e.lastSum)
        report.facts += facts(call: report.call, groups, frequency: freq, table: (tableFirst, tableLast), order: report.order,
                              label: report.label)
    }

    /// The facts of a `cagr` call from each group's endpoints (group `k` named by `label(k)`) and the first and last
    /// period of the whole table (rows with a period, with a value or not); examples name groups in `order` (the
    /// order the result lists them: `AggregateOperator.keyOrder`), or in group order when it is nil. The local
    /// engine and the database's statement (AlmanacSQL's `SQLCompiler+StepFactChecks.swift`) both word them here.
    package static func facts(call: String, _ e: CagrGroups, frequency freq: Frequency, table: (first: Int32, last: Int32),
                               order: [Int32]?, label: (Int) -> String?) -> [QueryFact] {
        let (tableFirst, tableLast) = table
        let text = { (o: Int32) in PeriodFormat.string(o, freq) }
        let number = { (v: Double) in NumberFormatting.plain(v) }
        func named(_ k: Int, _ what: String) -> String { label(k).map { "\($0): \(what)" } ?? what }

        var span: [Int] = [], start: [Int] = [], end: [Int] = [], single: [Int] = [], empty: [Int] = []
        let groups = e.has.count
        for k in order.map({ $0.map(Int.init) }) ?? Array(e.has.indices) {
            // A null result says why; only a group with a growth says which periods it runs between.
            if !e.has[k] { empty.append(k) } else if e.first[k] == e.last[k] { single.append(k) } else if !(e.firstSum[k] > 0) { start.append(k) }
            else if !(e.lastSum[k] >= 0) { end.append(k) }
            else if e.first[k] != tableFirst || e.last[k] != tableLast { span.append(k) }
        }
        var facts: [QueryFact] = []
        if !span.isEmpty {
            facts.append(.cagrSpan(call: call, groups: span.count, of: groups, table: "\(text(tableFirst)) … \(text(tableLast))",
                                   examples: span.prefix(examples).map { named($0, "\(text(e.first[$0])) … \(text(e.last[$0]))") }))
        }
        if !start.isEmpty {
            facts.append(.cagrUndefined(call: call, groups: start.count, of: groups, reason: .startNotPositive,
                                        examples: start.prefix(examples).map { named($0, "\(text(e.first[$0])) = \(number(e.firstSum[$0]))") }))
        }
        if !end.isEmpty {
            facts.append(.cagrUndefined(call: call, groups: end.count, of: groups, reason: .endNegative,
                                        examples: end.prefix(examples).map { named($0, "\(text(e.last[$0])) = \(number(e.lastSum[$0]))") }))
        }
        if !single.isEmpty {
            facts.append(.cagrUndefined(call: call, groups: single.count, of: groups, reason: .singlePeriod,
                                        examples: single.prefix(examples).map { named($0, text(e.first[$0])) }))
        }
        if !empty.isEmpty {
            facts.append(.cagrUndefined(call: call, groups: empty.count, of: groups, reason: .noValues,
                                        examples: empty.prefix(examples).compactMap { label($0) }))
        }
        return facts
    }
}

/// Each group's endpoints as `cagr` reads them: whether it has a value with a period, its first and last such
/// period (ordinals), and the sums of its values there.
package struct CagrGroups {
    package var has: [Bool]
    package var first: [Int32]
    package var last: [Int32]
    package var firstSum: [Double]
    package var lastSum: [Double]

    package init(has: [Bool], first: [Int32], last: [Int32], firstSum: [Double], lastSum: [Double]) {
        self.has = has
        self.first = first
        self.last = last
        self.firstSum = firstSum
        self.lastSum = lastSum
    }
}
