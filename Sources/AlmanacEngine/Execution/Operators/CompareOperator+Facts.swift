import AlmanacCore
import AlmanacKernels

/// What a compare says of its ranges (series with no rows in one, series with only some of its periods), and how a
/// fact names its example series. The local operator and the database's statement (AlmanacSQL's
/// `SQLCompiler+CompareFacts.swift`) both word them here, so a warning over a table reads as over a file.
extension CompareOperator {
    /// How many series `compareEmpty` names.
    static let emptyExamples = 3

    /// The facts of a compare's ranges from the number of distinct periods of each range that series `k` has rows in
    /// (`present[k]`, rows with a period, with a value or not): `compareEmpty` for the series with none in a range,
    /// `comparePartial` for those with some but not all. Examples name series in `order` (key order:
    /// `SeriesExamples.order`), by `name(k)`; without series keys (`name` nil) the table is the one series.
    package static func rangeFacts(base: ClosedRange<Period>, current: ClosedRange<Period>, present: [(base: Int, current: Int)],
                                   order: [Int], name: ((Int) -> String)?) -> [QueryFact] {
        let ranges = [base, current]
        func count(_ k: Int, _ r: Int) -> Int { r == 0 ? present[k].base : present[k].current }
        func text(_ range: ClosedRange<Period>) -> String { "\(range.lowerBound)..\(range.upperBound)" }
        var facts: [QueryFact] = []
        // Series without rows in a range: their sums there are null.
        var empty: [RangeCoverage] = [], missing: [Int] = []
        for (r, range) in ranges.enumerated() {
            let without = order.filter { count($0, r) == 0 }
            guard !without.isEmpty else { continue }
            empty.append(RangeCoverage(series: without.count, range: text(range)))
            missing += without
        }
        if !empty.isEmpty {
            let named = Set(missing)
            let examples = order.filter(named.contains).prefix(emptyExamples).compactMap { name?($0) }
            facts.append(.compareEmpty(ranges: empty, examples: examples))
        }
        // Series with some but not all periods of a range: their sums cover only those.
        var partial: [RangeCoverage] = []
        var example: (name: String?, present: Int, of: Int)?
        for (r, range) in ranges.enumerated() {
            let periods = Int(range.upperBound.ordinal) - Int(range.lowerBound.ordinal) + 1
            let some = order.filter { count($0, r) > 0 && count($0, r) < periods }
            guard let first = some.first else { continue }
            partial.append(RangeCoverage(series: some.count, range: text(range), periods: periods))
            if example == nil { example = (name?(first), count(first, r), periods) }
        }
        if !partial.isEmpty {
            facts.append(.comparePartial(ranges: partial, example: example?.name, present: example?.present ?? 0, of: example?.of ?? 0))
        }
        return facts
    }

    /// Per series of `series` (its groups), the distinct periods of the base and of the current range it has rows in.
    func rangePeriods(_ series: Grouping, period p: Column) -> [(base: Int, current: Int)] {
        guard case .period(let ords, _) = p.storage else { return [] }
        let base = node.base.lowerBound.ordinal...node.base.upperBound.ordinal
        let current = node.current.lowerBound.ordinal...node.current.upperBound.ordinal
        var inBase = [Set<Int32>](repeating: [], count: series.groupCount), inCurrent = inBase
        for i in 0..<p.count where p.validity.isValid(i) {
            let k = Int(series.groupIDs[i])
            if base.contains(ords[i]) { inBase[k].insert(ords[i]) }
            if current.contains(ords[i]) { inCurrent[k].insert(ords[i]) }
        }
        return zip(inBase, inCurrent).map { ($0.count, $1.count) }
    }
}

/// The series a fact names as examples, in key order (the keys in their order, Vietnamese order for text, nulls
/// last: `AggregateOperator.keyOrder`), whatever order the rows came in, so that a file and a database table with the
/// same rows name the same series.
package enum SeriesExamples {
    /// The series (rows of `keys`, one row per series) in key order.
    /// `count` is how many series there are (one without keys).
    package static func order(_ keys: [Column], count: Int) -> [Int] {
        ((try? AggregateOperator.keyOrder(keys)) ?? nil)?.map(Int.init) ?? Array(0..<(keys.first?.count ?? count))
    }

    /// A series as a fact names it: `(Hà Giang, exports)`.
    package static func name(_ keys: [Column], _ row: Int) -> String {
        "(" + keys.map { $0.value(at: row).description }.joined(separator: ", ") + ")"
    }

    /// The first `limit` series of `keys` in key order, named; none without keys.
    package static func names(_ keys: [Column], limit: Int = 3) -> [String] {
        guard !keys.isEmpty else { return [] }
        return order(keys, count: keys[0].count).prefix(limit).map { name(keys, $0) }
    }
}
