import AlmanacCore

/// How a growth (or last year's value) of year-to-date totals words the windows it compares: the periods each
/// holds, the cells' notes and the order its examples come in. The local check (`WindowComparison`) and the
/// database's statements (AlmanacSQL's `SQLCompiler+WindowFacts.swift`) both word them here.
package enum WindowFacts {
    /// The periods a window holds, given as bits (bit k: the k-th period of the year that starts at `yearStart`):
    /// `2024-01, 2024-03`.
    package static func periodNames(_ mask: UInt64, yearStart: Int32, _ f: Frequency) -> [String] {
        var out: [String] = []
        var m = mask
        while m != 0 {
            out.append(PeriodFormat.string(yearStart + Int32(m.trailingZeroBitCount), f))
            m &= m - 1
        }
        return out
    }

    /// The note of a cell whose window holds other periods than its base's: `at` holds `current`, `from` holds
    /// `base`. `nulled`: a growth, left empty (or, `matched`, computed over the periods in both); else last year's
    /// total, kept.
    package static func markText(at: String, from: String, current: [String], base: [String], matched: Bool, nulled: Bool) -> String {
        let lead = !nulled ? "Cửa sổ lũy kế khác kỳ gốc: "
            : matched ? "So sánh các kỳ có ở cả hai cửa sổ lũy kế: " : "Hai cửa sổ lũy kế gồm các kỳ khác nhau, để trống: "
        return lead + "\(at) gồm \(current.joined(separator: ", ")); \(from) gồm \(base.joined(separator: ", "))."
    }

    /// The note of a year-to-date cell a month of whose window sums other series than the same month of its base's.
    package static func coverageMarkText(at: String, from: String, matched: Bool) -> String {
        (matched ? "So sánh cùng cơ cấu: " : "Không cùng cơ cấu với kỳ gốc: ")
            + "có tháng trong lũy kế \(at) gồm các chuỗi số liệu khác với cùng tháng của \(from) (xem cảnh báo)."
    }

    /// The rows a warning names, in the order it names them: earliest period first, then the series in key order
    /// (Vietnamese order for text, as `SeriesExamples`), whatever order the rows came in.
    /// - Parameters: `ordinals`: each row's period; `keys`: the series keys' values, one entry per row.
    package static func exampleOrder(ordinals: [Int32], keys: [Column]) -> [Int] {
        let byKey = SeriesExamples.order(keys, count: ordinals.count)
        var rank = [Int](repeating: 0, count: ordinals.count)
        for (j, r) in byKey.enumerated() where r < rank.count { rank[r] = j }
        return ordinals.indices.sorted { (ordinals[$0], rank[$0]) < (ordinals[$1], rank[$1]) }
    }

    /// The warning's fact: `rows` rows compare windows of other periods; `differences`, its first examples.
    package static func fact(call: String, rows: Int, matched: Bool, nulled: Bool, differences: [WindowDifference]) -> QueryFact {
        let suggestion = matched || !nulled ? nil : String(call.dropLast()) + ", matched)"
        return .windowsDiffer(call: call, rows: rows, matched: matched, suggestion: suggestion, differences: differences, nulled: nulled)
    }
}
