import AlmanacCore
import AlmanacKernels

/// `cagr`'s kernel and what it says of its endpoints: which periods a group's growth runs between when they are not
/// the table's first and last, and why a group's growth is null (a start at or below zero, an end below zero, a single
/// period) rather than leaving an empty cell unexplained.
enum CagrFacts {
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
        let text = { (o: Int32) in PeriodFormat.string(o, freq) }
        let number = { (v: Double) in NumberFormatting.plain(v) }
        func named(_ k: Int, _ what: String) -> String { report.label(k).map { "\($0): \(what)" } ?? what }

        var span: [Int] = [], start: [Int] = [], end: [Int] = [], single: [Int] = [], empty: [Int] = []
        let groups = e.has.count
        for k in e.has.indices {
            // A null result says why; only a group with a growth says which periods it runs between.
            if !e.has[k] { empty.append(k) } else if e.first[k] == e.last[k] { single.append(k) } else if !(e.firstSum[k] > 0) { start.append(k) }
            else if !(e.lastSum[k] >= 0) { end.append(k) }
            else if e.first[k] != tableFirst || e.last[k] != tableLast { span.append(k) }
        }
        let call = report.call
        if !span.isEmpty {
            report.facts.append(.cagrSpan(call: call, groups: span.count, of: groups, table: "\(text(tableFirst)) … \(text(tableLast))",
                                          examples: span.prefix(examples).map { named($0, "\(text(e.first[$0])) … \(text(e.last[$0]))") }))
        }
        if !start.isEmpty {
            report.facts.append(.cagrUndefined(call: call, groups: start.count, of: groups, reason: .startNotPositive,
                                               examples: start.prefix(examples).map { named($0, "\(text(e.first[$0])) = \(number(e.firstSum[$0]))") }))
        }
        if !end.isEmpty {
            report.facts.append(.cagrUndefined(call: call, groups: end.count, of: groups, reason: .endNegative,
                                               examples: end.prefix(examples).map { named($0, "\(text(e.last[$0])) = \(number(e.lastSum[$0]))") }))
        }
        if !single.isEmpty {
            report.facts.append(.cagrUndefined(call: call, groups: single.count, of: groups, reason: .singlePeriod,
                                               examples: single.prefix(examples).map { named($0, text(e.first[$0])) }))
        }
        if !empty.isEmpty {
            report.facts.append(.cagrUndefined(call: call, groups: empty.count, of: groups, reason: .noValues,
                                               examples: empty.prefix(examples).compactMap { report.label($0) }))
        }
    }
}
