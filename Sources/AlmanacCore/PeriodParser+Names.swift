/// Column names read as periods (for `unpivot`, whose new column is a period when every old name is one): every
/// spelling `PeriodParser.parse` reads, a bare year included (`2019`, `2019-Q1`, `T1/2024`, `Tháng 1/2023`,
/// `Năm 2023`, `Jan 2023`, `2023 Jan`, Excel's `Jan-23`).
extension PeriodParser {
    /// The period a column name spells, or why it cannot be one.
    public static func parseName(_ name: String) -> PeriodParse {
        parse(name, dayOrder: .dayFirst, allowBareYear: true)
    }
}
