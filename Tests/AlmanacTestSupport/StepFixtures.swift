import AlmanacCore

/// The tiny tables the golden step tests (`Tests/AlmanacEngineTests/Queries/steps/*.aq`) run against, in the
/// engine's tests and (loaded into PostgreSQL and DuckDB) in the SQL compiler's. Every figure is small and
/// round so each expected value can be checked by hand. Rows are deliberately NOT in (series, period)
/// order: time functions must align by period, never by row position.
public enum StepFixtures {
    /// Monthly values of two provinces with gaps: Hà Giang has no 2023-04..2023-12 and no 2024-02;
    /// Cao Bằng has a zero in 2023-02 (a zero base for growth).
    ///
    ///     Hà Giang  2023-01 100 · 2023-02 110 · 2023-03 120 · 2024-01 150 · 2024-03 180 · 2024-04 200
    ///     Cao Bằng  2023-01  50 · 2023-02   0 · 2024-01  60 · 2024-02  30
    public static let monthly = T.table(
        .texts("province", ["Cao Bằng", "Hà Giang", "Hà Giang", "Cao Bằng", "Hà Giang", "Hà Giang", "Cao Bằng", "Hà Giang", "Cao Bằng", "Hà Giang"]),
        T.months(["2024-02", "2023-02", "2024-04", "2023-01", "2023-01", "2024-01", "2024-01", "2023-03", "2023-02", "2024-03"]),
        .floats("value", [30, 110, 200, 50, 100, 150, 60, 120, 0, 180])
    )

    /// Trade lines (USD) by month, province, partner and flow; the data end in 2024-10 (an incomplete year).
    public static let trade = T.table(
        T.months(["2018-12", "2023-01", "2023-01", "2023-06", "2023-07", "2024-02", "2024-03", "2024-05", "2024-06", "2024-10", "2024-10"]),
        .texts("province", ["Hà Giang", "Hà Giang", "Hà Giang", "Hà Giang", "Cao Bằng", "Hà Giang", "Hà Giang", "Hà Giang", "Lào Cai", "Hà Giang", "Cao Bằng"]),
        .texts("partner", ["Trung Quốc", "Trung Quốc", "Hàn Quốc", "Trung Quốc", "Trung Quốc", "Trung Quốc", "Hàn Quốc", "Trung Quốc", "Trung Quốc", "Trung Quốc", "Trung Quốc"]),
        .texts("flow", ["export", "export", "export", "import", "export", "export", "export", "import", "export", "import", "import"]),
        .floats("value_usd", [9_000_000, 2_000_000, 1_000_000, 1_500_000, 7_000_000, 3_000_000, 1_500_000, 1_000_000, 500_000, 1_000_000, 4_000_000])
    )

    /// Three rows share (Hà Giang, export, 2021): time functions must refuse them.
    public static let lines = T.table(
        .texts("province", ["Hà Giang", "Hà Giang", "Hà Giang", "Hà Giang"]),
        .texts("flow", ["export", "export", "export", "export"]),
        T.years([2020, 2021, 2021, 2021]),
        .floats("value", [10, 4, 5, 6])
    )

    /// Report A: international agreements 2015–2022 by partner group (no period column).
    public static let agreements = T.table(
        .texts("partner", ["Trung Quốc", "khác"]),
        .ints("agreements", [88, 35])
    )

    /// Provinces for Vietnamese ordering, text functions, ranks with ties and nulls.
    public static let provinces = T.table(
        .texts("name", ["Điện Biên", "An Giang", nil, "Bạc Liêu", "Hà Nam", "Bắc Giang", "Hà Giang", "Cà Mau", "Đà Nẵng", "Hải Phòng"]),
        .texts("region", ["Tây Bắc", "Nam Bộ", nil, "Nam Bộ", "Đồng bằng", "Đông Bắc", "Đông Bắc", "Nam Bộ", "Trung Bộ", "Đồng bằng"]),
        .floats("value", [5, 7, 1, nil, 3, 7, 9, 2, 4, 6])
    )

    /// A lookup of regions (one row per region; "Tây Bắc" is missing on purpose). Region names are given
    /// here in NFD (decomposed) form; the data they are joined to are NFC.
    public static let regionCodes = T.table(
        .texts("region", ["Nam Bo\u{0323}\u{0302}", "Đo\u{0302}ng Ba\u{0306}\u{0301}c", "Đo\u{0302}\u{0300}ng ba\u{0306}\u{0300}ng", "Trung Bo\u{0323}\u{0302}"]),
        .texts("code", ["NB", "ĐB", "ĐBSH", "TB"])
    )

    /// A lookup with a duplicate key ("Nam Bộ" twice).
    public static let regionCodesDup = T.table(
        .texts("region", ["Nam Bộ", "Đông Bắc", "Nam Bộ"]),
        .texts("code", ["NB", "ĐB", "NB2"])
    )

    /// A lookup keyed by two columns (province, flow).
    public static let flowTargets = T.table(
        .texts("province", ["Hà Giang", "Hà Giang", "Cao Bằng"]),
        .texts("flow", ["export", "import", "export"]),
        .floats("target", [10_000_000, 2_000_000, 5_000_000])
    )

    /// Plans: a value and a target per province and year.
    public static let plan = T.table(
        .texts("province", ["Hà Giang", "Hà Giang", "Cao Bằng"]),
        T.years([2028, 2030, 2029]),
        .floats("value", [100, 130, 80]),
        .floats("target", [121, 121, 100])
    )

    /// A lookup with a period column of its own that is not a join key (a target year), like the catalog's `targets`.
    public static let provinceTargets = T.table(
        .texts("province", ["Hà Giang", "Cao Bằng"]),
        T.years([2030, 2030]),
        .floats("target", [1060, 500])
    )

    /// A year boundary for ytd: 2023-11 … 2024-02 (January–October 2023 absent).
    public static let fiscal = T.table(
        T.months(["2024-01", "2023-11", "2024-02", "2023-12"]),
        .floats("value", [5, 10, 7, 20])
    )

    /// Integer parts of periods, a text period and a day period.
    public static let parts = T.table(
        .ints("year", [2024, 2023]),
        .ints("month", [3, 12]),
        .ints("quarter", [2, 4]),
        .texts("label", ["2024-10", "2023-01"]),
        .periods("day", [.day(2024, 2, 29), .day(2023, 12, 31)], frequency: .day, meta: ColumnMeta(role: .dimension)),
        .floats("amount", [-2.5, 10])
    )

    /// Division and nulls: a / b with zero and null divisors.
    public static let ratios = T.table(
        .texts("k", ["a", "b", "c", "d"]),
        .floats("num", [1, 1, 0, nil]),
        .floats("den", [4, 0, 0, 2])
    )

    /// Two period columns, neither marked as the period key.
    public static let twoPeriods = T.table(
        .texts("k", ["a", "a"]),
        .periods("start", [.year(2020), .year(2021)], frequency: .year, meta: ColumnMeta(role: .dimension)),
        .periods("end", [.year(2021), .year(2022)], frequency: .year, meta: ColumnMeta(role: .dimension)),
        .floats("value", [1, 2])
    )

    /// No period column at all, but an integer year.
    public static let yearly = T.table(
        .texts("k", ["a", "a"]),
        .ints("year", [2020, 2021]),
        .floats("value", [1, 2])
    )

    /// Measures with declared units, as the catalog gives them: aid in USD with the VND equivalent in billions, and
    /// arrivals. 2020: 1,000,000 USD = 23 billion VND; 2021: 2,000,000 USD = 48 billion VND.
    public static let aid = T.table(
        .texts("province", ["Hà Giang", "Hà Giang"]),
        T.years([2020, 2021]),
        .floats("value_usd", [1_000_000, 2_000_000], meta: ColumnMeta(role: .measure, unit: "USD")),
        .floats("vnd_bn", [23, 48], meta: ColumnMeta(role: .measure, unit: "billion VND")),
        .floats("arrivals", [500, 700], meta: ColumnMeta(role: .measure, unit: "arrivals"))
    )

    /// Arrivals (thousands) by province, one column per year, as offices send them; Cao Bằng has no 2020 figure.
    ///
    ///     province  unit        2019   2020   2021
    ///     Hà Giang  nghìn lượt  1200   350.5   800
    ///     Cao Bằng  nghìn lượt   900    —      600
    public static let wide = T.table(
        .texts("province", ["Hà Giang", "Cao Bằng"]),
        .texts("unit", ["nghìn lượt", "nghìn lượt"]),
        .ints("2019", [1200, 900], meta: ColumnMeta(unit: "thousand arrivals")),
        .floats("2020", [350.5, nil], meta: ColumnMeta(unit: "thousand arrivals")),
        .ints("2021", [800, 600], meta: ColumnMeta(unit: "thousand arrivals"))
    )

    /// Months as English column names; a year column read as text (`Mar 2024`: one office wrote "n/a").
    ///
    ///     province  Jan 2024  Feb 2024  Mar 2024
    ///     Hà Giang      10        12    "15"
    ///     Cao Bằng       4         5    "n/a"
    public static let wideMonths = T.table(
        .texts("province", ["Hà Giang", "Cao Bằng"]),
        .ints("Jan 2024", [10, 4]),
        .ints("Feb 2024", [12, 5]),
        .texts("Mar 2024", ["15", "n/a"])
    )

    public static var all: [String: Table] {
        ["monthly": monthly, "trade": trade, "lines": lines, "agreements": agreements, "provinces": provinces,
         "region_codes": regionCodes, "region_codes_dup": regionCodesDup, "flow_targets": flowTargets, "province_targets": provinceTargets, "plan": plan, "fiscal": fiscal,
         "parts": parts, "ratios": ratios, "two_periods": twoPeriods, "yearly": yearly, "aid": aid, "wide": wide, "wide_months": wideMonths]
    }

}

/// Builders for tiny tables.
public enum T {
    public static func table(_ columns: Column...) -> Table { table(columns) }
    public static func table(_ columns: [Column]) -> Table { try! Table(columns: columns) }
    public static func months(_ list: [String?], name: String = "period") -> Column {
        .periods(name, list.map { $0.map(month) }, frequency: .month)
    }
    public static func years(_ list: [Int32?], name: String = "period") -> Column {
        .periods(name, list.map { $0.map { Period.year($0) } }, frequency: .year)
    }
    public static func quarters(_ list: [String?], name: String = "period") -> Column {
        .periods(name, list.map { $0.map(quarter) }, frequency: .quarter)
    }
    /// "2024-03" → March 2024.
    public static func month(_ s: String) -> Period {
        let p = s.split(separator: "-")
        return .month(Int32(p[0])!, Int32(p[1])!)
    }
    /// "2024-Q3" → Q3 2024.
    public static func quarter(_ s: String) -> Period {
        let p = s.split(separator: "-")
        return .quarter(Int32(p[0])!, Int32(p[1].dropFirst())!)
    }
}
