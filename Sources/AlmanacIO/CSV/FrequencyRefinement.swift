import AlmanacCore

/// Gives a column of dates the coarsest frequency its values allow: all on 1 January (or all on 31 December)
/// → years; all on the first (or last) day of a quarter → quarters; of a month → months; otherwise (or when there
/// is only one distinct date) days.
enum FrequencyRefinement {
    static func coarsest(days: [Int32], validity: Validity) -> (Frequency, [Int32], String) {
        var firstOfYear = true, lastOfYear = true, firstOfQuarter = true, lastOfQuarter = true, firstOfMonth = true, lastOfMonth = true
        var any = false
        var firstDay: Int32? = nil
        var distinct = false
        for (r, z) in days.enumerated() where validity.isValid(r) {
            any = true
            if let f = firstDay { distinct = distinct || z != f } else { firstDay = z }
            let c = CivilDate.civil(fromDays: z)
            let fom = c.day == 1
            let lom = c.day == CivilDate.daysInMonth(year: c.year, month: c.month)
            firstOfMonth = firstOfMonth && fom
            lastOfMonth = lastOfMonth && lom
            firstOfQuarter = firstOfQuarter && fom && (c.month - 1) % 3 == 0
            lastOfQuarter = lastOfQuarter && lom && c.month % 3 == 0
            firstOfYear = firstOfYear && fom && c.month == 1
            lastOfYear = lastOfYear && lom && c.month == 12
            if !firstOfMonth && !lastOfMonth { break }
        }
        guard any else { return (.day, days, "no dates: daily") }
        // One date says nothing of a rhythm: a single 2024-10-01 is a day, not a quarter.
        guard distinct else { return (.day, days, "a single date: daily") }
        func convert(_ f: Frequency) -> [Int32] {
            days.map { PeriodMath.convert($0, from: .day, to: f) ?? 0 }
        }
        if firstOfYear { return (.year, convert(.year), "every date is 1 January: yearly") }
        if lastOfYear { return (.year, convert(.year), "every date is 31 December: yearly") }
        if firstOfQuarter { return (.quarter, convert(.quarter), "every date is the first day of a quarter: quarterly") }
        if lastOfQuarter { return (.quarter, convert(.quarter), "every date is the last day of a quarter: quarterly") }
        if firstOfMonth { return (.month, convert(.month), "every date is the first day of a month: monthly") }
        if lastOfMonth { return (.month, convert(.month), "every date is the last day of a month: monthly") }
        return (.day, days, "dates on other days: daily")
    }
}
