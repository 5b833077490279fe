import AlmanacCore

/// Gives a column of dates the coarsest frequency its values allow: all on 1 January (or all on 31 December)
/// → years; all on the first (or last) day of a quarter → quarters; of a month → months; otherwise (or when there
/// is only one distinct date) days. A declared frequency is never refined (see `ColumnBuilder`).
enum FrequencyRefinement {
    /// The frequency, the ordinals in it, and why (for `describe`).
    static func coarsest(days: [Int32], validity: Validity) -> (Frequency, [Int32], String) {
        if let fast = coarsestOverDistinctDates(days: days, validity: validity) { return fast }
        return coarsestRowByRow(days: days, validity: validity)
    }

    /// Which rhythms every date seen so far keeps (all on 1 January, all on the last day of a quarter, …).
    struct Rhythm {
        var firstOfYear = true, lastOfYear = true, firstOfQuarter = true, lastOfQuarter = true, firstOfMonth = true, lastOfMonth = true

        /// Takes one date in; false when it is mid-month (neither the first nor the last day of its month).
        mutating func note(_ day: Int32) -> Bool {
            let c = CivilDate.civil(fromDays: day)
            let fom = c.day == 1
            let lom = c.day == CivilDate.daysInMonth(year: c.year, month: c.month)
            firstOfMonth = firstOfMonth && fom
            lastOfMonth = lastOfMonth && lom
            firstOfQuarter = firstOfQuarter && fom && (c.month - 1) % 3 == 0
            lastOfQuarter = lastOfQuarter && lom && c.month % 3 == 0
            firstOfYear = firstOfYear && fom && c.month == 1
            lastOfYear = lastOfYear && lom && c.month == 12
            return fom || lom
        }

        /// The coarsest frequency the rhythm allows (its ordinals made by `convert`), for dates none of which is
        /// mid-month.
        func decision(_ days: [Int32], convert: (Frequency) -> [Int32]) -> (Frequency, [Int32], String) {
            if firstOfYear { return (.year, convert(.year), "every date is 1 January: yearly") }
            if lastOfYear { return (.year, convert(.year), "every date is 31 December: yearly") }
            if firstOfQuarter { return (.quarter, convert(.quarter), "every date is the first day of a quarter: quarterly") }
            if lastOfQuarter { return (.quarter, convert(.quarter), "every date is the last day of a quarter: quarterly") }
            if firstOfMonth { return (.month, convert(.month), "every date is the first day of a month: monthly") }
            if lastOfMonth { return (.month, convert(.month), "every date is the last day of a month: monthly") }
            return (.day, days, "dates on both first and last days of months: daily")
        }
    }

    /// The same decision made once per distinct date rather than once per row, when the dates span at most a few
    /// thousand years of days: a table of the dates present, their rhythm judged on those, and the conversion done by
    /// lookup. Nil (decide row by row) when the span is wider, there is at most one date, or some date is mid-month
    /// (then the row-by-row walk stops early and names the first such date in file order).
    static func coarsestOverDistinctDates(days: [Int32], validity: Validity) -> (Frequency, [Int32], String)? {
        var lo = Int32.max, hi = Int32.min
        for r in days.indices where validity.isValid(r) {
            let z = days[r]
            if z < lo { lo = z }
            if z > hi { hi = z }
        }
        guard lo < hi, Int64(hi) - Int64(lo) < 1 << 21 else { return nil }
        var present = [Bool](repeating: false, count: Int(hi - lo) + 1)
        for r in days.indices where validity.isValid(r) { present[Int(days[r] - lo)] = true }
        var rhythm = Rhythm()
        for (i, here) in present.enumerated() where here {
            guard rhythm.note(lo + Int32(i)) else { return nil }
        }
        return rhythm.decision(days) { f in
            var table = [Int32](repeating: 0, count: present.count)
            for (i, here) in present.enumerated() where here { table[i] = PeriodMath.convert(lo + Int32(i), from: .day, to: f) ?? 0 }
            return days.indices.map { r in validity.isValid(r) ? table[Int(days[r] - lo)] : (PeriodMath.convert(days[r], from: .day, to: f) ?? 0) }
        }
    }

    static func coarsestRowByRow(days: [Int32], validity: Validity) -> (Frequency, [Int32], String) {
        var rhythm = Rhythm()
        var firstDay: Int32? = nil
        var distinct = false
        /// The first date on neither the first nor the last day of its month.
        var midMonth: Int32? = nil
        for (r, z) in days.enumerated() where validity.isValid(r) {
            if let f = firstDay { distinct = distinct || z != f } else { firstDay = z }
            if midMonth != nil {
                if distinct { break }   // daily, and the reason is known: only `distinct` was still open
                continue
            }
            if !rhythm.note(z) { midMonth = z }
        }
        guard let first = firstDay else { return (.day, days, "no dates: daily") }
        // One date says nothing of a rhythm: a single 2024-10-01 is a day, not a quarter.
        guard distinct else { return (.day, days, "a single date (\(PeriodFormat.string(first, .day))): daily") }
        if let d = midMonth {
            return (.day, days, "'\(PeriodFormat.string(d, .day))' is neither the first nor the last day of a month: daily")
        }
        return rhythm.decision(days) { f in days.map { PeriodMath.convert($0, from: .day, to: f) ?? 0 } }
    }
}
