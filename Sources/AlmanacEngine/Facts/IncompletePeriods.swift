import AlmanacCore
import AlmanacKernels
import AlmanacDiagnostics

/// The rule of an aggregate's incomplete coarser periods (`incompleteStart`, `incompleteEnd`), from the first and
/// last finer period of the data it sums: the same for a table in memory and for one a database summed (where the
/// two ordinals come from a `MIN`/`MAX` statement).
package enum IncompletePeriods {
    /// The period column a key coarsens and the frequency it coarsens it to (`year(period)`, `quarter(period)`), or
    /// nil for another key.
    package static func coarsened(_ key: NamedExpr) -> (column: String, target: Frequency)? {
        guard case .scalar(let f, let args, .period(let target), _) = key.expr, f == .year || f == .quarter,
              case .column(let name, _) = args[0] else { return nil }
        return (name, target)
    }

    /// "2024 has only 10 of 12 months": a reader comparing full years must know the last one is partial; and the
    /// data may also start inside a year, whose total is partial too (and a growth on it overstated).
    /// `first`, `last`: the ordinals (of frequency `freq`) of the data's first and last period.
    package static func facts(first minOrd: Int32, last maxOrd: Int32, of freq: Frequency, by target: Frequency, span: SourceSpan) -> [LocatedFact] {
        guard freq > target, freq != .day, let last = PeriodMath.convert(maxOrd, from: freq, to: target),
              let first = PeriodMath.convert(minOrd, from: freq, to: target) else { return [] }
        var warnings: [LocatedFact] = []
        let per = (freq.periodsPerYear ?? 12) / (target.periodsPerYear ?? 1)
        let firstSub = PeriodMath.convert(Period(frequency: target, ordinal: first).dayRange.lowerBound, from: .day, to: freq) ?? minOrd
        if minOrd > firstSub && first != last {
            let have = Int(per) - Int(minOrd - firstSub)
            warnings.append(LocatedFact(.incompleteStart(period: PeriodFormat.string(first, target), have: have, of: Int(per), unit: freq, whole: target,
                                                         from: PeriodFormat.string(minOrd, freq)), span: span))
        }
        let lastRange = Period(frequency: target, ordinal: last).dayRange
        let lastStart = PeriodMath.convert(lastRange.lowerBound, from: .day, to: freq) ?? maxOrd
        let lastEnd = PeriodMath.convert(lastRange.upperBound, from: .day, to: freq) ?? maxOrd
        let from = max(lastStart, minOrd)
        if maxOrd < lastEnd || from > lastStart {
            let have = Int(maxOrd) - Int(from) + 1
            warnings.append(LocatedFact(.incompleteEnd(period: PeriodFormat.string(last, target), have: have, of: Int(per), unit: freq,
                                                       extentStart: from > lastStart ? PeriodFormat.string(from, freq) : nil,
                                                       through: PeriodFormat.string(maxOrd, freq)), span: span))
        }
        return warnings
    }
}
