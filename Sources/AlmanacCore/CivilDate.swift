/// Proleptic Gregorian calendar arithmetic on day numbers (days since 1970-01-01).
/// Algorithms after H. Hinnant, "chrono-compatible low-level date algorithms".
public enum CivilDate {
    /// Days since 1970-01-01 for a valid civil date.
    @inlinable
    public static func days(year: Int32, month: Int32, day: Int32) -> Int32 {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// The civil date of a day number.
    @inlinable
    public static func civil(fromDays z0: Int32) -> (year: Int32, month: Int32, day: Int32) {
        let z = z0 + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let y = yoe + era * 400
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (m <= 2 ? y + 1 : y, m, d)
    }

    @inlinable
    public static func isLeapYear(_ y: Int32) -> Bool { (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 }

    @inlinable
    public static func daysInMonth(year: Int32, month: Int32) -> Int32 {
        switch month {
        case 2: return isLeapYear(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Whether year/month/day name a real calendar day (years 1…9999).
    @inlinable
    public static func isValid(year: Int32, month: Int32, day: Int32) -> Bool {
        year >= 1 && year <= 9999 && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year: year, month: month)
    }
}
