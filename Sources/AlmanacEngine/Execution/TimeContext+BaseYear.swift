import AlmanacCore
import AlmanacKernels
import AlmanacDiagnostics

extension TimeContext {
    /// Bases further back than this many years are not "a year before the data".
    static let furthestBaseYears = 100

    /// A growth none of whose rows has its base, because every base lies before the first period of the data the step
    /// reads — a report for the first year of data (`--param period=2015-06` over data from 2015-01) — is blank
    /// throughout: said, rather than left as empty cells with "no warnings". Rows at the start of a longer history have
    /// no base either; that is expected and stays unsaid as long as some row of the call has one.
    ///
    /// - Parameters:
    ///   - steps: how many periods back the base is (12 for `yoy` of months, 1 for `pop`); bases after the data
    ///     (a negative `lag`) are not this case, nor a base further back than any data could reach
    ///     (`furthestBaseYears`; `lag(value, 1000000000)` is a question about nothing).
    ///   - result: the call's result validity (a row with a base has a value or was said apart, as an overflow).
    ///   - base: the rows' base rows, when the call found them (-1 for none), so that a row whose base is there but
    ///     whose result is null (a zero base, an overflow) counts as having one.
    func noteBaseBeforeData(_ call: String, steps: Int, result: Validity, x: Column, base: [Int32]? = nil, what: GrowthBase, span: SourceSpan) {
        guard steps > 0, let p = periodColumn, case .period(let ords, let freq) = p.storage,
              steps <= Self.furthestBaseYears * Int(freq.periodsPerYear ?? 366),
              let g = try? grid(for: .lag, span: span), g.hasPeriods else { return }
        var before = 0
        var missing = Set<Int32>()
        for i in 0..<ords.count where x.validity.isValid(i) && p.validity.isValid(i) {
            if result.isValid(i) { return }
            if let base, i < base.count, base[i] >= 0 { return }
            let target = Int64(ords[i]) - Int64(steps)
            guard target < Int64(g.minOrdinal) else { return }
            before += 1
            missing.insert(Int32(truncatingIfNeeded: target))
        }
        guard before > 0 else { return }
        facts.append(LocatedFact(.baseBeforeData(call: call, rows: before, base: what,
                                                 missing: missing.sorted().map { Period(frequency: freq, ordinal: $0) }), span: span))
    }
}

/// Whether a growth's missing bases lie before the data, not merely before what the query's own filters kept: the
/// step sees only the rows it is given (a report's `where period = $period or period = $period - 12` for a month after
/// the data leaves 2024-01 without 2023-01, which the data have), so the executor keeps a `baseBeforeData` fact only
/// when every missing base ends before the first day of the sources the query scanned.
struct DataStart {
    /// The first day (a day ordinal) of any scanned source's period key; nil until a scan had one.
    private(set) var firstDay: Int32?

    /// Notes a scanned source's table.
    mutating func scanned(_ table: Table) {
        guard let p = table.periodKey, case .period(let ords, let freq) = p.storage else { return }
        let (lo, _, any) = KeyEncoder.range32(ords, validWords(p.validity))
        guard any else { return }
        let day = Period(frequency: freq, ordinal: lo).dayRange.lowerBound
        firstDay = min(firstDay ?? day, day)
    }

    /// The fact, unless it is a base said to be missing that the data have (or whose place in them is unknown).
    func keeps(_ fact: QueryFact) -> Bool {
        guard case .baseBeforeData(_, _, _, let missing) = fact else { return true }
        guard let firstDay, let last = missing.last else { return false }
        return last.dayRange.upperBound < firstDay
    }
}
