import AlmanacCore
import AlmanacDiagnostics

/// The ids and sentences of the facts about endpoints (`cagr`, targets), filters that match nothing, base years before
/// the data and what a load noted. English for the terminal, Vietnamese for a workbook's Notes sheet; the wording of
/// these cases lives only here (QueryFact+Rendering.swift hands them over).
extension QueryFact {
    var endpointID: DiagnosticID {
        switch self {
        case .cagrSpan: return "query.cagr-span"
        case .cagrUndefined: return "query.cagr-undefined"
        case .targetMissing: return "query.target-missing"
        case .filterNoMatch: return "query.filter-no-match"
        case .baseBeforeData: return "query.base-before-data"
        case .loadWarnings: return "query.load-warnings"
        case .errorCells: return "query.error-cells"
        default: return "query.fact"
        }
    }

    var endpointEnglish: String {
        switch self {
        case .cagrSpan(let call, let groups, let of, let table, let examples):
            if of == 1, let only = examples.first {
                return "\(call) runs over \(only), the first and last periods with a value, not the table's \(table)"
            }
            let its = groups == 1 ? "its" : "their"
            return "\(call): \(grouped(groups)) of \(grouped(of)) groups \(groups == 1 ? "has" : "have") values over other periods than the table's \(table); "
                + "\(its) growth runs between \(its) own first and last periods"
        case .cagrUndefined(let call, let groups, let of, let reason, let examples):
            if of == 1, reason == .noValues, examples.isEmpty { return "\(call): no row has a value, so the result is null" }
            if of == 1, let only = examples.first {
                switch reason {
                case .noValues: return "\(call): \(only) has no value in any period, so the result is null"
                case .startNotPositive: return "\(call): the start (\(only)) is zero or below; growth from there has no rate, so the result is null"
                case .endNegative: return "\(call): the end (\(only)) is below zero, so the result is null"
                case .singlePeriod: return "\(call): the only period with a value is \(only); a growth needs two, so the result is null"
                }
            }
            let subject = groups == 1 ? "1 group" : "\(grouped(groups)) groups"
            let s = groups == 1 ? "s" : ""
            switch reason {
            case .startNotPositive:
                return "\(call): \(subject) start\(s) at zero or below; growth from there has no rate, so \(groups == 1 ? "its" : "their") result is null"
            case .endNegative:
                return "\(call): \(subject) end\(s) below zero; \(groups == 1 ? "its" : "their") result is null"
            case .singlePeriod:
                return "\(call): \(subject) \(groups == 1 ? "has" : "have") a value in one period only; a growth needs two, so \(groups == 1 ? "its" : "their") result is null"
            case .noValues:
                return "\(call): \(subject) \(groups == 1 ? "has" : "have") no value in any period, so \(groups == 1 ? "its" : "their") result is null"
            }
        case .targetMissing(let call, let rows, let zeros, _):
            let what = zeros == 0 ? "no target" : zeros == rows ? "a target of zero" : "no target or a target of zero (\(grouped(zeros)))"
            return "\(call): \(grouped(rows)) row\(rows == 1 ? " has" : "s have") a value but \(what); \(rows == 1 ? "its" : "their") result is null"
        case .filterNoMatch(let column, let value, let suggestions):
            let base = "where: no row has \(column) = \"\(value)\", so it keeps no row by that value"
            return suggestions.isEmpty ? base : base + "; did you mean " + suggestions.map { "\"\($0)\"" }.joined(separator: " or ") + "?"
        case .baseBeforeData(let call, let rows, let base, let missing):
            return "\(call): no data for \(periodList(missing.map(\.text))), \(base.english); \(grouped(rows)) row\(rows == 1 ? " has" : "s have") no base to compare with, "
                + "so \(rows == 1 ? "its" : "their") result (and what is computed from it) is blank"
        case .loadWarnings(let source, let messages):
            // A load's messages name their file already (`book.xlsx, sheet 'Dữ liệu': …`).
            if messages.count == 1 { return messages[0].hasPrefix(source) ? messages[0] : "reading '\(source)': \(messages[0])" }
            return "reading '\(source)': \(messages.count) warnings"
        case .errorCells(let source, _, let counts):
            let n = counts.reduce(0, +)
            return "'\(source)': \(grouped(n)) spreadsheet error cell\(n == 1 ? " (#N/A, #DIV/0! and the like) was" : "s (#N/A, #DIV/0! and the like) were") read as empty"
        default: return ""
        }
    }

    var endpointEnglishNotes: [String] {
        switch self {
        case .cagrSpan(_, _, let of, _, let examples):
            return of == 1 || examples.isEmpty ? [] : ["for example \(examples.joined(separator: "; "))"]
        case .cagrUndefined(_, _, let of, _, let examples):
            return of == 1 || examples.isEmpty ? [] : ["for example \(examples.joined(separator: "; "))"]
        case .targetMissing(_, _, _, let periods):
            return periods.isEmpty ? [] : ["for example in \(periods.joined(separator: ", "))"]
        case .loadWarnings(_, let messages):
            return messages.count == 1 ? [] : messages
        case .errorCells(_, let columns, let counts):
            return ["by column: " + zip(columns, counts).map { "\($0) \($1)" }.joined(separator: ", ")]
        default: return []
        }
    }

    var endpointVietnamese: LocalizedText {
        switch self {
        case .cagrSpan(let call, let groups, let of, let table, let examples):
            if of == 1, let only = examples.first {
                return LocalizedText("\(call) tính trong \(only) (kỳ đầu và kỳ cuối có số liệu), không phải \(table) của cả bảng")
            }
            return LocalizedText("\(call): \(vi(groups))/\(vi(of)) nhóm có số liệu trong khoảng kỳ khác với cả bảng (\(table)); tăng trưởng của chúng tính giữa kỳ đầu và kỳ cuối có số liệu của từng nhóm",
                                 notes: examples.isEmpty ? [] : ["Ví dụ: \(examples.joined(separator: "; "))."])
        case .cagrUndefined(let call, let groups, let of, let reason, let examples):
            if of == 1, reason == .noValues, examples.isEmpty { return LocalizedText("\(call): không có dòng nào có số liệu, nên kết quả để trống") }
            if of == 1, let only = examples.first {
                switch reason {
                case .noValues: return LocalizedText("\(call): \(only) không có số liệu ở kỳ nào, nên kết quả để trống")
                case .startNotPositive: return LocalizedText("\(call): giá trị kỳ đầu (\(only)) bằng 0 hoặc âm; không tính được tốc độ tăng trưởng từ đó, nên kết quả để trống")
                case .endNegative: return LocalizedText("\(call): giá trị kỳ cuối (\(only)) âm, nên kết quả để trống")
                case .singlePeriod: return LocalizedText("\(call): chỉ có số liệu ở kỳ \(only); cần ít nhất hai kỳ để tính tăng trưởng, nên kết quả để trống")
                }
            }
            let why: String
            switch reason {
            case .startNotPositive: why = "có giá trị kỳ đầu bằng 0 hoặc âm; không tính được tốc độ tăng trưởng từ đó"
            case .endNegative: why = "có giá trị kỳ cuối âm"
            case .singlePeriod: why = "chỉ có số liệu ở một kỳ; cần ít nhất hai kỳ để tính tăng trưởng"
            case .noValues: why = "không có số liệu ở kỳ nào"
            }
            return LocalizedText("\(call): \(vi(groups))/\(vi(of)) nhóm \(why), nên kết quả để trống",
                                 notes: examples.isEmpty ? [] : ["Ví dụ: \(examples.joined(separator: "; "))."])
        case .targetMissing(let call, let rows, let zeros, let periods):
            let what = zeros == 0 ? "không có chỉ tiêu" : zeros == rows ? "chỉ tiêu bằng 0" : "không có chỉ tiêu hoặc chỉ tiêu bằng 0 (\(vi(zeros)) dòng)"
            return LocalizedText("\(call): \(vi(rows)) dòng có số liệu nhưng \(what); kết quả của các dòng này để trống",
                                 notes: periods.isEmpty ? [] : ["Ví dụ ở kỳ \(periods.joined(separator: ", "))."])
        case .filterNoMatch(let column, let value, let suggestions):
            let base = "where: không có dòng nào có \(column) = \"\(value)\", nên điều kiện này không giữ lại dòng nào"
            return LocalizedText(suggestions.isEmpty ? base : base + "; có phải là " + suggestions.map { "\"\($0)\"" }.joined(separator: " hoặc ") + "?")
        case .baseBeforeData(let call, let rows, let base, let missing):
            return LocalizedText("\(call): không có số liệu của \(periodList(missing.map(\.text), vietnamese: true)) (\(base.vietnamese)) để so sánh; \(vi(rows)) dòng không có kỳ gốc nên kết quả (và các số tính từ đó) để trống")
        case .loadWarnings(let source, let messages):
            // The load's own messages are English text (LoadReport.warnings): quoted as they are, below a Vietnamese line.
            return LocalizedText("Khi đọc '\(source)': \(vi(messages.count)) cảnh báo của bước nạp dữ liệu (nguyên văn bên dưới); số liệu đọc từ các ô này có thể thiếu",
                                 notes: messages)
        case .errorCells(let source, let columns, let counts):
            return LocalizedText("'\(source)': \(vi(counts.reduce(0, +))) ô lỗi của bảng tính (#N/A, #DIV/0!, …) được đọc là ô trống",
                                 notes: ["Theo cột: " + zip(columns, counts).map { "\($0) \($1)" }.joined(separator: ", ") + "."])
        default: return LocalizedText("")
        }
    }

    /// `2014-06`, `2014-01, 2014-02`, or `6 periods from 2014-01 to 2014-06`.
    private func periodList(_ p: [String], vietnamese: Bool = false) -> String {
        guard p.count > 3, let first = p.first, let last = p.last else { return p.joined(separator: ", ") }
        return vietnamese ? "\(p.count) kỳ từ \(first) đến \(last)" : "\(p.count) periods from \(first) to \(last)"
    }
}

extension Period {
    /// `2014-06`, `2014-Q1`, `2014`: as the terminal prints it.
    var text: String { PeriodFormat.string(ordinal, frequency) }
}
