import Foundation

/// The bundled demonstration data under `Data/demo/`: synthetic monthly trade, monthly tourism, quarterly NGO
/// disbursement and annual plans for Hà Giang and Cao Bằng, 2015–2024, calibrated so that the years the source
/// reports state (see `Data/seed/`) sum to the stated figures exactly.
///
/// Deterministic: one fixed SplitMix64 seed, and only `+ − × ÷` and rounding on doubles (no `sin`, `pow`, `exp`,
/// whose last bits differ between C libraries), so every platform writes the same bytes. Totals are split with the
/// largest-remainder method in whole cents (trade), whole arrivals, hundredths of a billion VND and whole USD, so a
/// calibrated year sums to its figure exactly.
///
/// Regenerate the committed files with
/// `almanac sample demo --out Data/demo` (a test checks the committed files are byte-identical to a fresh run).
public enum DemoData {
    public static let seed: UInt64 = 20_152_024
    public static let firstYear = 2015
    public static let lastYear = 2024
    static var years: ClosedRange<Int> { firstYear...lastYear }
    static var monthCount: Int { (lastYear - firstYear + 1) * 12 }

    /// The files, by name, in the order they are written.
    public static let fileNames = ["trade_monthly.csv", "tourism_monthly.csv", "aid_disbursement.csv", "plan_targets.csv"]

    /// Writes the four CSV files into `directory` (created if missing), each atomically.
    public static func write(to directory: String) throws {
        for (name, text) in files() {
            try FileWriting.write(Array(text.utf8), to: (directory as NSString).appendingPathComponent(name))
        }
    }

    /// The CSV texts, by file name, in `fileNames` order.
    public static func files() -> [(String, String)] {
        var rng = SplitMix64(seed: seed)
        let trade = Trade.generate(&rng)
        let tourism = Tourism.generate(&rng)
        let aid = Aid.generate(&rng)
        let plans = Plans.generate(&rng, trade: trade.annual, tourism: tourism.annual)
        return [("trade_monthly.csv", trade.csv), ("tourism_monthly.csv", tourism.csv), ("aid_disbursement.csv", aid), ("plan_targets.csv", plans)]
    }

    // MARK: Calibration targets

    /// Hà Giang import-export turnover (million USD) by year: 2020 and 2021 as stated in report C (174.8, 180.1);
    /// a smooth trend elsewhere (+8% a year up to 2019, a COVID dip in 2020, +4% then +7% a year after 2021).
    static func haGiangTradeCents(_ y: Int) -> Int64 {
        switch y {
        case 2020: return 17_480_000_000
        case 2021: return 18_010_000_000
        case ...2019:
            var v = 190_000_000.0
            for _ in y..<2019 { v /= 1.08 }
            return cents(v)
        default:
            var v = 180_100_000.0 * 1.04
            for _ in 2022..<y { v *= 1.07 }
            return cents(v)
        }
    }

    /// Cao Bằng import-export turnover (cents): 2016–2019 sum to 9.9 billion USD as stated in report B, growing
    /// 10% a year; 2015 and 2020–2024 follow from 2019 with COVID-era border closures and a recovery.
    static func caoBangTradeCents(_ y: Int) -> Int64 {
        let total: Int64 = 990_000_000_000
        let base = Double(total) / (1 + 1.1 + 1.21 + 1.331)
        let y2016 = Int64((base).rounded()), y2017 = Int64((base * 1.1).rounded()), y2018 = Int64((base * 1.21).rounded())
        let y2019 = total - y2016 - y2017 - y2018
        let after: [Double] = [0.85, 0.80, 0.74, 0.92, 1.03]   // 2020 … 2024, relative to 2019
        switch y {
        case 2015: return Int64((base / 1.1).rounded())
        case 2016: return y2016
        case 2017: return y2017
        case 2018: return y2018
        case 2019: return y2019
        default: return Int64((Double(y2019) * after[y - 2020]).rounded())
        }
    }

    /// Tourism targets per year 2015–2024: arrivals, international arrivals, revenue in hundredths of a billion VND.
    /// Hà Giang: 2017 and 2022 as stated (reports D and A); 2016 revenue 708.0 and 2021 international 28,523 as
    /// derived from the stated "+13% on 2016" and "2.5 times 2021"; the other years chosen so that 2015–2022 has
    /// over 9.8 million arrivals (9.9 million), over 1.1 million international (1.13 million) and exactly 14,212
    /// billion VND of revenue, as report A states.
    static let haGiangTourism: [(arrivals: Int64, international: Int64, revenue: Int64)] = [
        (620_000, 130_000, 62_000),        // 2015
        (760_000, 150_000, 70_800),        // 2016: revenue derived (800 / 1.13)
        (900_000, 177_000, 80_000),        // 2017: stated
        (1_350_000, 230_000, 155_000),     // 2018
        (1_900_000, 300_000, 250_000),     // 2019
        (1_250_000, 40_000, 190_000),      // 2020
        (920_000, 28_523, 159_800),        // 2021: international derived (71,308 / 2.5)
        (2_200_000, 71_308, 453_600),      // 2022: stated
        (2_500_000, 150_000, 520_000),     // 2023
        (2_850_000, 250_000, 600_000),     // 2024
    ]
    /// Cao Bằng: synthetic throughout (no stated figure).
    static let caoBangTourism: [(arrivals: Int64, international: Int64, revenue: Int64)] = [
        (700_000, 40_000, 50_000), (800_000, 45_000, 58_000), (900_000, 52_000, 68_000), (1_050_000, 60_000, 82_000),
        (1_300_000, 70_000, 105_000), (850_000, 12_000, 70_000), (600_000, 3_000, 52_000), (1_200_000, 10_000, 110_000),
        (1_500_000, 35_000, 145_000), (1_700_000, 60_000, 170_000),
    ]

    /// Hà Giang NGO disbursement (USD) per year: 2021 as stated in report C (4,537,635); 2020 derived from its
    /// "1.9 times 2020" (2,388,229); other years synthetic, of a size that puts 2015–2022 near the stated
    /// 599.3 billion VND.
    static let haGiangAidUSD: [Int64] = [2_600_000, 2_900_000, 3_300_000, 3_400_000, 3_300_000, 2_388_229, 4_537_635,
                                         3_600_000, 3_500_000, 3_700_000]

    // MARK: Shapes (literal tables, no transcendental functions)

    /// Border trade by month: Tết in January–February, a rise towards the year's end.
    static let tradeSeason: [Double] = [0.92, 0.78, 1.00, 1.02, 1.03, 1.00, 0.98, 1.00, 1.03, 1.06, 1.08, 1.10]
    /// Months when border crossings were closed or congested (2020-02 … 2020-05, 2021-12 … 2022-04).
    static func tradeCovid(_ m: Int) -> Double {
        switch m {
        case month(2020, 2): return 0.45
        case month(2020, 3): return 0.65
        case month(2020, 4): return 0.75
        case month(2020, 5): return 0.90
        case month(2021, 12): return 0.70
        case month(2022, 1): return 0.60
        case month(2022, 2): return 0.70
        case month(2022, 3): return 0.80
        case month(2022, 4): return 0.90
        default: return 1
        }
    }
    /// Tourists by month in the northern mountains: Tết and spring blossoms, the buckwheat-flower autumn.
    static let tourismSeason: [Double] = [1.05, 1.15, 0.95, 0.85, 0.80, 0.75, 0.80, 0.85, 0.95, 1.25, 1.35, 1.25]
    /// Domestic travel restrictions by month (2020 and 2021 waves).
    static func tourismCovid(_ m: Int) -> Double {
        let table: [Int: Double] = [
            month(2020, 2): 0.50, month(2020, 3): 0.30, month(2020, 4): 0.05, month(2020, 5): 0.50, month(2020, 6): 0.80,
            month(2020, 7): 0.90, month(2020, 8): 0.50, month(2020, 9): 0.80,
            month(2021, 2): 0.40, month(2021, 3): 0.60, month(2021, 5): 0.30, month(2021, 6): 0.20, month(2021, 7): 0.05,
            month(2021, 8): 0.02, month(2021, 9): 0.05, month(2021, 10): 0.40, month(2021, 11): 0.60, month(2021, 12): 0.60,
            month(2022, 1): 0.70, month(2022, 2): 0.60, month(2022, 3): 0.80,
        ]
        return table[m] ?? 1
    }
    /// The international share's monthly shape: borders closed from February 2020, reopened from March 2022.
    static func internationalOpen(_ m: Int) -> Double {
        switch m {
        case month(2020, 2): return 0.40
        case month(2020, 3): return 0.10
        case month(2020, 4)...month(2021, 12): return 0.03
        case month(2022, 1)...month(2022, 2): return 0.25
        case month(2022, 3): return 0.35
        case month(2022, 4)...month(2022, 6): return 0.60
        case month(2022, 7)...month(2022, 12): return 1.00
        default: return 1
        }
    }
    /// NGO disbursement by quarter: slow starts, a year-end rush.
    static let aidQuarter: [Double] = [0.60, 0.90, 1.00, 1.50]

    // MARK: Trade

    struct Product { let code: String; let name: String; let flow: String; let season: [Double] }
    static let products: [Product] = [
        Product(code: "0902", name: "Chè", flow: "export", season: [0.6, 0.6, 0.9, 1.2, 1.3, 1.3, 1.2, 1.2, 1.1, 1.0, 0.9, 0.7]),
        Product(code: "0906", name: "Quế", flow: "export", season: [1.0, 0.8, 0.9, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.1, 1.1, 1.1]),
        Product(code: "0909", name: "Hoa hồi", flow: "export", season: [0.8, 0.6, 0.7, 0.8, 0.8, 0.8, 0.9, 1.3, 1.5, 1.4, 1.2, 1.0]),
        Product(code: "0714", name: "Sắn lát khô", flow: "export", season: [1.4, 1.2, 1.2, 0.9, 0.7, 0.6, 0.6, 0.6, 0.8, 1.0, 1.3, 1.5]),
        Product(code: "2602", name: "Quặng mangan", flow: "export", season: [1.0, 0.8, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.1]),
        Product(code: "0808", name: "Táo và lê", flow: "import", season: [1.4, 1.3, 0.8, 0.6, 0.5, 0.5, 0.6, 0.8, 1.1, 1.3, 1.4, 1.5]),
        Product(code: "0703", name: "Hành và tỏi", flow: "import", season: [1.2, 1.1, 1.0, 0.9, 0.9, 0.9, 0.9, 0.9, 1.0, 1.0, 1.1, 1.2]),
        Product(code: "3102", name: "Phân bón đạm", flow: "import", season: [0.9, 1.3, 1.5, 1.2, 0.8, 0.8, 1.1, 1.1, 0.8, 0.7, 0.8, 0.9]),
        Product(code: "8432", name: "Máy nông nghiệp", flow: "import", season: [0.8, 0.8, 1.1, 1.2, 1.1, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0]),
        Product(code: "5208", name: "Vải bông", flow: "import", season: [0.9, 0.7, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.1, 1.1, 1.1, 1.1]),
    ]

    struct Gate { let province: String; let name: String; let weight: Double; let codes: [String]; let others: [(String, String, Double)] }
    /// Border gates and the goods each carries (by HS code); `others` are series with partners other than China.
    static let gates: [Gate] = [
        Gate(province: "Hà Giang", name: "Thanh Thủy", weight: 1.0,
             codes: ["0902", "0906", "0909", "0714", "0808", "0703", "3102", "8432", "5208"],
             others: [("Đài Loan", "0902", 0.08), ("Hồng Kông", "0909", 0.06)]),
        Gate(province: "Hà Giang", name: "Xín Mần", weight: 0.25, codes: ["0902", "0714", "3102", "0703"], others: []),
        Gate(province: "Hà Giang", name: "Phó Bảng", weight: 0.20, codes: ["0909", "0906", "0808", "8432"], others: []),
        Gate(province: "Cao Bằng", name: "Trà Lĩnh", weight: 0.80, codes: ["2602", "0714", "0906", "3102", "0808", "8432"], others: []),
        Gate(province: "Cao Bằng", name: "Tà Lùng", weight: 1.0,
             codes: ["2602", "0909", "0714", "0902", "5208", "8432", "0703", "3102"],
             others: [("Hàn Quốc", "5208", 0.07), ("Nhật Bản", "8432", 0.05)]),
        Gate(province: "Cao Bằng", name: "Sóc Giang", weight: 0.30, codes: ["0906", "0909", "0703", "0808"], others: []),
    ]

    struct TradeSeries { let gate: Gate; let partner: String; let product: Product; let base: Double; let growth: Double }

    enum Trade {
        static let header = "period,province,border_gate,partner,flow,product,hs_code,value_usd\n"

        static func generate(_ rng: inout SplitMix64) -> (csv: String, annual: [String: [Int: Int64]]) {
            let byCode = Dictionary(uniqueKeysWithValues: products.map { ($0.code, $0) })
            var series: [TradeSeries] = []
            for g in gates {
                for c in g.codes {
                    let p = byCode[c]!
                    let flowWeight = p.flow == "export" ? 0.9 : 1.1
                    series.append(TradeSeries(gate: g, partner: "Trung Quốc", product: p,
                                              base: g.weight * flowWeight * (0.6 + 0.8 * rng.nextDouble()),
                                              growth: -0.02 + 0.10 * rng.nextDouble()))
                }
                for (partner, c, w) in g.others {
                    series.append(TradeSeries(gate: g, partner: partner, product: byCode[c]!,
                                              base: g.weight * w * (0.6 + 0.8 * rng.nextDouble()),
                                              growth: -0.02 + 0.10 * rng.nextDouble()))
                }
            }
            // Weights for every (series, month); about 1.5% of them dropped so that gaps exist.
            var weight = [[Double?]](repeating: [Double?](repeating: nil, count: monthCount), count: series.count)
            for (s, ser) in series.enumerated() {
                for m in 0..<monthCount {
                    let noise = 0.85 + 0.30 * rng.nextDouble()
                    let drop = rng.nextDouble() < 0.015
                    if drop { continue }
                    let t = 1 + ser.growth * Double(m) / 12
                    weight[s][m] = ser.base * max(0.2, t) * ser.product.season[m % 12] * tradeSeason[m % 12] * tradeCovid(firstMonth + m) * noise
                }
            }
            // Split each (province, year) total over its rows.
            var value = [[Int64]](repeating: [Int64](repeating: 0, count: monthCount), count: series.count)
            var annual: [String: [Int: Int64]] = [:]
            for province in ["Hà Giang", "Cao Bằng"] {
                for y in years {
                    let total = province == "Hà Giang" ? haGiangTradeCents(y) : caoBangTradeCents(y)
                    annual[province, default: [:]][y] = total
                    var cells: [(Int, Int)] = []
                    var ws: [Double] = []
                    for (s, ser) in series.enumerated() where ser.gate.province == province {
                        for m in (y - firstYear) * 12 ..< (y - firstYear + 1) * 12 {
                            if let w = weight[s][m] { cells.append((s, m)); ws.append(w) }
                        }
                    }
                    for (k, v) in distribute(total, ws).enumerated() { value[cells[k].0][cells[k].1] = v }
                }
            }
            var out = header
            out.reserveCapacity(series.count * monthCount * 80)
            for m in 0..<monthCount {
                let period = monthText(firstMonth + m)
                for (s, ser) in series.enumerated() where weight[s][m] != nil {
                    out += "\(period),\(ser.gate.province),\(ser.gate.name),\(ser.partner),\(ser.product.flow),\(ser.product.name),\(ser.product.code),\(fixed(value[s][m], 2))\n"
                }
            }
            return (out, annual)
        }
    }

    // MARK: Tourism

    enum Tourism {
        static let header = "period,province,arrivals,international,domestic,revenue_bn_vnd\n"

        static func generate(_ rng: inout SplitMix64) -> (csv: String, annual: [String: [Int: (Int64, Int64)]]) {
            let provinces: [(String, [(arrivals: Int64, international: Int64, revenue: Int64)], Double)] = [
                ("Hà Giang", haGiangTourism, 1.0), ("Cao Bằng", caoBangTourism, 0.9),
            ]
            var rows: [[String]] = [[String]](repeating: [], count: monthCount)
            var annual: [String: [Int: (Int64, Int64)]] = [:]
            for (province, targets, seasonStrength) in provinces {
                for y in years {
                    let t = targets[y - firstYear]
                    annual[province, default: [:]][y] = (t.arrivals, t.revenue)
                    var wa: [Double] = [], wi: [Double] = [], wr: [Double] = []
                    for mo in 0..<12 {
                        let m = month(y, mo + 1)
                        // Cao Bằng's season is flatter: pull it towards 1.
                        let season = 1 + (tourismSeason[mo] - 1) * seasonStrength
                        let a = season * tourismCovid(m) * (0.93 + 0.14 * rng.nextDouble())
                        wa.append(a)
                        wi.append(a * internationalOpen(m) * (0.90 + 0.20 * rng.nextDouble()))
                        wr.append(a * (0.95 + 0.10 * rng.nextDouble()))
                    }
                    let arrivals = distribute(t.arrivals, wa)
                    let international = distribute(t.international, wi)
                    let revenue = distribute(t.revenue, wr)
                    for mo in 0..<12 {
                        let m = month(y, mo + 1)
                        let i = m - firstMonth
                        rows[i].append("\(monthText(m)),\(province),\(arrivals[mo]),\(international[mo]),\(arrivals[mo] - international[mo]),\(fixed(revenue[mo], 2))\n")
                    }
                }
            }
            return (header + rows.joined().joined(), annual)
        }
    }

    // MARK: Aid

    enum Aid {
        static let header = "period,province,channel,sector,disbursed_usd\n"
        static let sectors = ["Y tế", "Giáo dục", "Sinh kế và nông nghiệp", "Nước sạch và vệ sinh môi trường"]

        static func generate(_ rng: inout SplitMix64) -> String {
            var out = header
            for y in years {
                // Sector mix of the year; health weighs more in the COVID years.
                var mix = sectors.indices.map { _ in 0.7 + 0.6 * rng.nextDouble() }
                if y == 2020 || y == 2021 { mix[0] *= 2 }
                var cells: [Double] = []
                for q in 0..<4 { for s in sectors.indices { cells.append(aidQuarter[q] * mix[s] * (0.8 + 0.4 * rng.nextDouble())) } }
                let values = distribute(haGiangAidUSD[y - firstYear], cells)
                for q in 0..<4 {
                    for s in sectors.indices {
                        out += "\(y)-Q\(q + 1),Hà Giang,NGO,\(sectors[s]),\(values[q * sectors.count + s])\n"
                    }
                }
            }
            return out
        }
    }

    // MARK: Plans

    enum Plans {
        static let header = "period,province,trade_turnover_plan,arrivals_plan,revenue_plan_bn_vnd\n"

        /// Each year's plan is the best result of the three years before (of those in the data) raised by a planned
        /// 8–12%, so that plans set during COVID aim at recovering the earlier level; the 2015 plan is 2015's own level
        /// ± 3%. Rounded as plans are: to 0.1 million USD (Hà Giang) or 1 million USD (Cao Bằng), 10,000 arrivals and
        /// 10 billion VND.
        static func generate(_ rng: inout SplitMix64, trade: [String: [Int: Int64]], tourism: [String: [Int: (Int64, Int64)]]) -> String {
            var out = header
            for y in years {
                for province in ["Hà Giang", "Cao Bằng"] {
                    let from = y == firstYear ? [y] : Array(max(firstYear, y - 3)..<y)
                    let g1 = y == firstYear ? 0.97 + 0.06 * rng.nextDouble() : 1.08 + 0.04 * rng.nextDouble()
                    let g2 = y == firstYear ? 0.97 + 0.06 * rng.nextDouble() : 1.08 + 0.04 * rng.nextDouble()
                    let g3 = y == firstYear ? 0.97 + 0.06 * rng.nextDouble() : 1.08 + 0.04 * rng.nextDouble()
                    let tradeStep: Double = province == "Hà Giang" ? 10_000_000 : 100_000_000   // cents in 0.1 / 1 million USD
                    let bestTrade = from.map { trade[province]![$0]! }.max()!
                    let tradePlan = Int64((Double(bestTrade) * g1 / tradeStep).rounded()) * Int64(tradeStep)
                    let arr = from.map { tourism[province]![$0]!.0 }.max()!
                    let rev = from.map { tourism[province]![$0]!.1 }.max()!
                    let arrivalsPlan = Int64((Double(arr) * g2 / 10_000).rounded()) * 10_000
                    let revenuePlan = Int64((Double(rev) * g3 / 1_000).rounded()) * 10
                    out += "\(y),\(province),\(fixed(tradePlan / 10_000_000, 1)),\(arrivalsPlan),\(revenuePlan)\n"
                }
            }
            return out
        }
    }

    // MARK: Helpers

    static var firstMonth: Int { month(firstYear, 1) }
    /// A month as a running number (year × 12 + month − 1).
    static func month(_ y: Int, _ m: Int) -> Int { y * 12 + m - 1 }
    static func monthText(_ m: Int) -> String {
        let mo = m % 12 + 1
        return "\(m / 12)-\(mo < 10 ? "0" : "")\(mo)"
    }
    static func cents(_ usd: Double) -> Int64 { Int64((usd * 100).rounded()) }

    /// `fixed(123456, 2)` → "1234.56".
    static func fixed(_ v: Int64, _ decimals: Int) -> String {
        precondition(v >= 0)
        var s = String(v)
        while s.count <= decimals { s = "0" + s }
        guard decimals > 0 else { return s }
        s.insert(".", at: s.index(s.endIndex, offsetBy: -decimals))
        return s
    }

    /// Splits `total` in proportion to `weights`, in whole units that sum to `total` exactly (largest remainder,
    /// ties to the earlier cell).
    static func distribute(_ total: Int64, _ weights: [Double]) -> [Int64] {
        guard !weights.isEmpty else { return [] }
        let sum = weights.reduce(0, +)
        let raw = weights.map { Double(total) * $0 / sum }
        var parts = raw.map { Int64($0.rounded(.down)) }
        var left = total - parts.reduce(0, +)
        let order = raw.indices.sorted { a, b in
            let fa = raw[a] - Double(parts[a]), fb = raw[b] - Double(parts[b])
            return fa != fb ? fa > fb : a < b
        }
        var k = 0
        while left > 0 { parts[order[k % order.count]] += 1; left -= 1; k += 1 }
        while left < 0 { let i = order[order.count - 1 - k % order.count]; if parts[i] > 0 { parts[i] -= 1; left += 1 }; k += 1 }
        return parts
    }
}
