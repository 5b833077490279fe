import AlmanacCore
import AlmanacDiagnostics

/// The sentences of the facts about what sums hold (`coverageDiffers`, `windowsDiffer`): English for the terminal,
/// Vietnamese for the Notes sheet. `QueryFact+Rendering.swift` hands these cases here.
extension QueryFact {
    var coverageEnglish: String {
        switch self {
        case .coverageDiffers(let call, let n, let dims, let matched, let suggestion, let diffs, let examples):
            let by = dims.isEmpty ? "" : " (series by \(dims.joined(separator: ", ")))"
            if dims.isEmpty {
                return "\(call): \(grouped(n)) row\(n == 1 ? " sums" : "s sum") another number of \(Self.unit(diffs))s than \(n == 1 ? "its" : "their") base; "
                    + "\(n == 1 ? "its" : "their") result is not like-for-like"
            }
            if matched {
                return "\(call): \(grouped(n)) row\(n == 1 ? "" : "s") compare\(n == 1 ? "s" : "") only the series present on both sides\(by); the others are left out"
            }
            return "\(call): \(grouped(n)) row\(n == 1 ? " sums" : "s sum") other series than \(n == 1 ? "its" : "their") base\(by); "
                + "\(n == 1 ? "its" : "their") result is not like-for-like" + (suggestion.map { " (\($0) compares only the series present on both sides)" } ?? "")
        case .coverageUnchecked(let dims):
            return "the database computed sums that a growth compares" + (dims.isEmpty ? "" : " (over \(dims.joined(separator: ", ")))")
                + "; whether each row and its base sum the same series and months is checked only when Almanac computes them: query the same data from a file to check"
        case .windowsDiffer(let call, let n, let matched, let suggestion, _, let nulled):
            if !nulled {
                return "\(call): \(grouped(n)) row\(n == 1 ? "'s window holds" : "s' windows hold") other periods than \(n == 1 ? "its" : "their") base's; "
                    + "a growth over \(n == 1 ? "it" : "them") would not compare alike"
            }
            if matched { return "\(call): \(grouped(n)) row\(n == 1 ? "" : "s") compare\(n == 1 ? "s" : "") only the periods present in both windows" }
            return "\(call): \(grouped(n)) row\(n == 1 ? "'s window holds" : "s' windows hold") other periods than \(n == 1 ? "its" : "their") base's; "
                + "\(n == 1 ? "its" : "their") result is null" + (suggestion.map { " (\($0) compares the periods present in both)" } ?? "")
        default: return ""
        }
    }

    var coverageEnglishNotes: [String] {
        switch self {
        case .coverageDiffers(_, _, let dims, let matched, _, let diffs, let examples):
            let label = Self.label(dims)
            var notes = diffs.map { d -> String in
                let at = d.period + (d.series.map { " " + $0 } ?? "")
                var parts: [String] = []
                if matched && d.membersDiffer && d.sharesNone {
                    parts.append("\(at) and \(d.basePeriod) have no \(label) in common (\(Self.list(d.current, d.currentCount)); \(Self.list(d.base, d.baseCount))): null")
                } else if matched && d.membersDiffer {
                    if d.onlyCurrentCount > 0 { parts.append("\(label) \(Self.list(d.onlyCurrent, d.onlyCurrentCount)) left out of \(at) (not in \(d.basePeriod))") }
                    if d.onlyBaseCount > 0 { parts.append("\(label) \(Self.list(d.onlyBase, d.onlyBaseCount)) left out of \(d.basePeriod) (not in \(d.period))") }
                } else if d.membersDiffer && d.currentCount <= 4 && d.baseCount <= 4 {
                    parts.append("\(at) sums \(label) \(Self.list(d.current, d.currentCount))\(d.onlyBaseCount == 0 ? "" : d.onlyCurrentCount == 0 ? " only" : "")")
                    parts.append("\(d.basePeriod) sums \(Self.list(d.base, d.baseCount))\(d.onlyCurrentCount == 0 ? "" : d.onlyBaseCount == 0 ? " only" : "")")
                } else if d.membersDiffer {
                    parts.append("\(at) sums \(d.currentCount) series, \(d.basePeriod) sums \(d.baseCount)")
                    if d.onlyCurrentCount > 0 { parts.append("only in \(d.period): \(Self.list(d.onlyCurrent, d.onlyCurrentCount))") }
                    if d.onlyBaseCount > 0 { parts.append("only in \(d.basePeriod): \(Self.list(d.onlyBase, d.onlyBaseCount))") }
                }
                if let c = d.currentPeriods, let b = d.basePeriods, c != b, let u = d.periodUnit {
                    parts.append("\(parts.isEmpty ? at : d.period) sums \(c) \(u)\(c == 1 ? "" : "s"), \(d.basePeriod) \(b)")
                }
                return parts.joined(separator: "; ")
            }
            if examples > diffs.count { notes.append("… and \(grouped(examples - diffs.count)) more") }
            return notes
        case .windowsDiffer(_, let n, _, _, let diffs, _):
            var notes = diffs.map { d in
                "\(d.period + (d.series.map { " " + $0 } ?? "")) sums \(d.current.joined(separator: ", ")); \(d.basePeriod) sums \(d.base.joined(separator: ", "))"
            }
            if n > diffs.count { notes.append("… and \(grouped(n - diffs.count)) more row\(n - diffs.count == 1 ? "" : "s")") }
            return notes
        default: return []
        }
    }

    var coverageVietnamese: LocalizedText {
        switch self {
        case .coverageDiffers(let call, let n, let dims, let matched, let suggestion, let diffs, let examples):
            let label = Self.label(dims)
            let by = dims.isEmpty ? "" : " (chuỗi theo \(dims.joined(separator: ", ")))"
            let message: String
            if dims.isEmpty {
                message = "\(call): \(vi(n)) dòng cộng số \(Self.unit(diffs).vietnamese) khác với kỳ gốc; kết quả không phải so sánh cùng cơ cấu"
            } else if matched {
                message = "\(call): \(vi(n)) dòng chỉ so sánh các chuỗi số liệu có ở cả hai kỳ\(by); các chuỗi còn lại không được tính"
            } else {
                message = "\(call): \(vi(n)) dòng cộng các chuỗi số liệu khác với kỳ gốc\(by); kết quả không phải so sánh cùng cơ cấu"
                    + (suggestion.map { " (viết \($0) để chỉ so các chuỗi có ở cả hai kỳ)" } ?? "")
            }
            var notes = diffs.map { Self.vietnameseLine($0, label: label, matched: matched) }
            if examples > diffs.count { notes.append("… và \(vi(examples - diffs.count)) trường hợp khác.") }
            return LocalizedText(message, notes: notes)
        case .coverageUnchecked(let dims):
            return LocalizedText("Cơ sở dữ liệu đã tính các tổng được so sánh tăng trưởng" + (dims.isEmpty ? "" : " (cộng qua \(dims.joined(separator: ", ")))")
                                 + "; việc kiểm tra mỗi dòng và kỳ gốc có cùng các chuỗi số liệu và cùng số tháng hay không chỉ làm được khi Almanac tự tính: hãy chạy truy vấn trên tệp dữ liệu để kiểm tra")
        case .windowsDiffer(let call, let n, let matched, let suggestion, let diffs, let nulled):
            let message = !nulled
                ? "\(call): \(vi(n)) dòng có cửa sổ lũy kế gồm các kỳ khác với kỳ gốc; tăng trưởng tính trên chúng không phải so sánh cùng kỳ"
                : matched
                ? "\(call): \(vi(n)) dòng chỉ so sánh các kỳ có số liệu ở cả hai cửa sổ cộng dồn"
                : "\(call): \(vi(n)) dòng so sánh hai cửa sổ cộng dồn gồm các kỳ khác nhau; kết quả để trống" + (suggestion.map { " (viết \($0) để chỉ so các kỳ có ở cả hai)" } ?? "")
            var notes = diffs.map { d in
                "\(d.period + (d.series.map { " " + $0 } ?? "")) gồm \(d.current.joined(separator: ", ")); \(d.basePeriod) gồm \(d.base.joined(separator: ", "))."
            }
            if n > diffs.count { notes.append("… và \(vi(n - diffs.count)) dòng khác.") }
            return LocalizedText(message, notes: notes)
        default: return LocalizedText("")
        }
    }

    /// One difference as a Vietnamese reader reads it (a Notes line, a cell's note): `2024-03 gồm gate A, B; 2023-03 chỉ gồm B.`
    static func vietnameseLine(_ d: CoverageDifference, label: String, matched: Bool) -> String {
        let at = d.period + (d.series.map { " " + $0 } ?? "")
        var parts: [String] = []
        if matched && d.membersDiffer && d.sharesNone {
            parts.append("\(at) và \(d.basePeriod) không có \(label) nào chung (\(Self.list(d.current, d.currentCount)); \(Self.list(d.base, d.baseCount))): để trống")
        } else if matched && d.membersDiffer {
            if d.onlyCurrentCount > 0 { parts.append("\(at) bỏ qua \(label) \(Self.list(d.onlyCurrent, d.onlyCurrentCount)) (không có ở \(d.basePeriod))") }
            if d.onlyBaseCount > 0 { parts.append("\(d.basePeriod) bỏ qua \(label) \(Self.list(d.onlyBase, d.onlyBaseCount)) (không có ở \(d.period))") }
        } else if d.membersDiffer && d.currentCount <= 4 && d.baseCount <= 4 {
            parts.append("\(at) \(d.onlyBaseCount > 0 && d.onlyCurrentCount == 0 ? "chỉ gồm" : "gồm") \(label) \(Self.list(d.current, d.currentCount))")
            parts.append("\(d.basePeriod) \(d.onlyCurrentCount > 0 && d.onlyBaseCount == 0 ? "chỉ gồm" : "gồm") \(Self.list(d.base, d.baseCount))")
        } else if d.membersDiffer {
            parts.append("\(at) gồm \(Self.viCount(d.currentCount)) chuỗi, \(d.basePeriod) gồm \(Self.viCount(d.baseCount))")
            if d.onlyCurrentCount > 0 { parts.append("chỉ có ở \(d.period): \(Self.list(d.onlyCurrent, d.onlyCurrentCount))") }
            if d.onlyBaseCount > 0 { parts.append("chỉ có ở \(d.basePeriod): \(Self.list(d.onlyBase, d.onlyBaseCount))") }
        }
        if let c = d.currentPeriods, let b = d.basePeriods, c != b, let u = d.periodUnit {
            parts.append("\(parts.isEmpty ? at : d.period) gồm \(c) \(u.vietnamese), \(d.basePeriod) gồm \(b) \(u.vietnamese)")
        }
        return parts.joined(separator: "; ") + "."
    }

    /// `gate`, or `(gate, lane)` over several dimensions.
    static func label(_ dims: [String]) -> String { dims.count == 1 ? dims[0] : "(" + dims.joined(separator: ", ") + ")" }

    /// A count as a Vietnamese reader writes it: 12.345.
    static func viCount(_ n: Int) -> String { NumberFormatting.grouped(Int64(n)).replacingOccurrences(of: ",", with: ".") }

    /// `A, B`, or `A, B, C, …` when more than those shown.
    static func list(_ names: [String], _ count: Int) -> String { names.joined(separator: ", ") + (count > names.count ? ", …" : "") }

    /// The finer periods' unit of the differences (months, by default).
    static func unit(_ diffs: [CoverageDifference]) -> Frequency { diffs.lazy.compactMap(\.periodUnit).first ?? .month }
}
