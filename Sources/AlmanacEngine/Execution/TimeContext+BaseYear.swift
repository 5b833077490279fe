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
                                                 missing: missing.sorted().map { PeriodFormat.string($0, freq) }), span: span))
    }
}
