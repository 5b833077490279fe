import AlmanacCore

/// Gives a column of dates the coarsest frequency its values allow: all on 1 January (or all on 31 December)
/// → years; all on the first (or last) day of a quarter → quarters; of a month → months; otherwise (or when there
/// is only one distinct date) days. A declared frequency is never refined (see `ColumnBuilder`).
enum FrequencyRefinement {
    /// The frequency, the ordinals in it, and why (for `describe`).
    static func coarsest(days: [Int32], validity: Validity) -> (Frequency, [Int32], String) {
        var firstOfYear = true, lastOfYear = true, firstOfQuarter = true, lastOfQuarter = true, firstOfMonth = true, lastOfMonth = true
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
            let c = CivilDate.civil(fromDays: z)
            let fom = c.day == 1
            let lom = c.day == CivilDate.daysInMonth(year: c.year, month: c.month)
            firstOfMonth = firstOfMonth && fom
            lastOfMonth = lastOfMonth && lom
            firstOfQuarter = firstOfQuarter && fom && (c.month - 1) % 3 == 0
            lastOfQuarter = lastOfQuarter && lom && c.month % 3 == 0
            firstOfYear = firstOfYear && fom && c.month == 1
            lastOfYear = lastOfYear && lom && c.month == 12
            if !fom && !lom { midMonth = z }
        }
        guard let first = firstDay else { return (.day, days, "no dates: daily") }
        // One date says nothing of a rhythm: a single 2024-10-01 is a day, not a quarter.
        guard distinct else { return (.day, days, "a single date (\(PeriodFormat.string(first, .day))): daily") }
        if let d = midMonth {
            return (.day, days, "'\(PeriodFormat.string(d, .day))' is neither the first nor the last day of a month: daily")
        }
        func convert(_ f: Frequency) -> [Int32] {
            days.map { PeriodMath.convert($0, from: .day, to: f) ?? 0 }
        }
        if firstOfYear { return (.year, convert(.year), "every date is 1 January: yearly") }
        if lastOfYear { return (.year, convert(.year), "every date is 31 December: yearly") }
        if firstOfQuarter { return (.quarter, convert(.quarter), "every date is the first day of a quarter: quarterly") }
        if lastOfQuarter { return (.quarter, convert(.quarter), "every date is the last day of a quarter: quarterly") }
        if firstOfMonth { return (.month, convert(.month), "every date is the first day of a month: monthly") }
        if lastOfMonth { return (.month, convert(.month), "every date is the last day of a month: monthly") }
        return (.day, days, "dates on both first and last days of months: daily")
    }
}
