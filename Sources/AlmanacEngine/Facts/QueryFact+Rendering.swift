import AlmanacCore
import AlmanacDiagnostics

/// The facts' sentences: English for the terminal, Vietnamese for a workbook's Notes sheet. Wording lives only here
/// (and, for the coverage of sums, in QueryFact+CoverageRendering.swift).
extension QueryFact {
    public var english: String {
        switch self {
        case .textNamesColumn(let name):
            return "\"\(name)\" is the text \"\(name)\", not the column '\(name)'"
        case .rejectedRows(let source, let n, _, _):
            return "\(n) row\(n == 1 ? "" : "s") of '\(source)' \(n == 1 ? "was" : "were") set aside by the lenient load"
        case .joinUnmatched(let rows, let dataset, let keys):
            return "join: \(grouped(rows)) row\(rows == 1 ? "" : "s") found no match in '\(dataset)' on \(keys.joined(separator: ", ")); their looked-up columns are empty"
        case .pivotNulls(let n, let column):
            return "pivot: \(n) row\(n == 1 ? " has" : "s have") no value in '\(column)' and \(n == 1 ? "was" : "were") left out"
        case .compareEmpty(let ranges, _):
            return "compare: " + ranges.map { "\($0.series) series \($0.series == 1 ? "has" : "have") no rows in \($0.range)" }.joined(separator: " and ")
                + "; their sums there are empty (null), not zero"
        case .comparePartial(let ranges, _, _, _):
            return "compare: " + ranges.map { "\($0.series) series \($0.series == 1 ? "has" : "have") only some of the \($0.periods) periods of \($0.range)" }
                .joined(separator: " and ") + "; their sums cover only the periods present"
        case .incompleteStart(let period, let have, let of, let unit, let whole, let from):
            return "\(period) has only \(have) of \(of) \(unit)s in the data (from \(from)); its total is not a full \(whole == .year ? "year" : "quarter")'s"
        case .incompleteEnd(let period, let have, let of, let unit, let start, let through):
            let extent = start.map { "\($0) … \(through)" } ?? "through \(through)"
            return "\(period) has only \(have) of \(of) \(unit)s in the data (\(extent)); compare it with the same \(unit)s of earlier years (ytd), not with full years"
        case .growthGaps(let call, let n, let base, let zero, _):
            return "\(call): \(grouped(n)) row\(n == 1 ? " has" : "s have") no value for \(base.english)\(zero ? " (or it is zero)" : ""); \(n == 1 ? "its" : "their") result is null"
        case .overflow(let call, let n):
            return "\(call): \(grouped(n)) row\(n == 1 ? "'s" : "s'") result is beyond the largest number (about ±1.8e308); \(n == 1 ? "it is" : "they are") null"
        case .cumulativeGaps(let call, let n, let of):
            return "\(call): \(grouped(n)) of \(grouped(of)) rows add up a window with missing or empty periods; those totals cover only the periods present"
        case .indexBaseMissing(let call, let n, let base, _):
            return "\(call): \(n) series \(n == 1 ? "has" : "have") no value at \(base) (or it is zero); \(n == 1 ? "its" : "their") index is null"
        case .coverageDiffers, .windowsDiffer, .coverageUnchecked:
            return coverageEnglish
        case .unpivotNulls(let n, let column):
            return "unpivot: \(grouped(n)) empty cell\(n == 1 ? " was" : "s were") left out of '\(column)'; write 'unpivot … keep nulls' to keep \(n == 1 ? "it as a row" : "them as rows")"
        case .unpivotRejected(let source, let n, _):
            return "unpivot: \(grouped(n)) cell\(n == 1 ? "" : "s") of '\(source)' that \(n == 1 ? "is" : "are") not a number \(n == 1 ? "was" : "were") set aside (--lenient)"
        case .unpivotNamesText(let column, .notAPeriod(let name, let periods)):
            return "unpivot: '\(column)' is text: '\(name)' is not a period like \(periods.joined(separator: ", "))"
        case .unpivotNamesText(let column, .mixedFrequencies(let fs)):
            return "unpivot: '\(column)' is text: the names are periods of different frequencies (\(fs.joined(separator: ", ")))"
        case .totalMismatch(let source, let n, let checked, _):
            return "'\(source)': \(grouped(n)) of \(grouped(checked)) figures of its total rows (set aside at load) differ from the sum of the rows they total by more than rounding; check the table for a typing error"
        case .cagrSpan, .cagrUndefined, .targetMissing, .filterNoMatch, .baseBeforeData, .loadWarnings, .errorCells:
            return endpointEnglish
        }
    }

    public var englishNotes: [String] {
        switch self {
        case .rejectedRows(_, let n, let lines, let reasons):
            var notes = zip(lines, reasons).map { "line \($0): \($1)" }
            if n > lines.count { notes.append("… and \(n - lines.count) more; the full list goes with the result (the rejected-rows report, the workbook's Notes sheet)") }
            return notes
        case .unpivotRejected(_, let n, let examples):
            return examples + (n > examples.count ? ["… and \(grouped(n - examples.count)) more; the full list goes with the result (the workbook's Notes sheet)"] : [])
        case .compareEmpty(_, let examples), .indexBaseMissing(_, _, _, let examples):
            return examples.isEmpty ? [] : ["for example \(examples.joined(separator: ", "))"]
        case .comparePartial(_, let example, let present, let of):
            return present > 0 ? ["for example \(example ?? "the table"): \(present) of \(of)"] : []
        case .growthGaps(_, _, _, _, let periods):
            return ["for example in \(periods.joined(separator: ", "))"]
        case .coverageDiffers, .windowsDiffer, .coverageUnchecked:
            return coverageEnglishNotes
        case .totalMismatch(_, let n, _, let examples):
            var notes = examples.map { m in
                "\(m.place.english) (\(m.label)): \(m.measure) = \(m.figure(m.total)), but its \(m.parts) row\(m.parts == 1 ? "" : "s") sum to \(m.figure(m.sum)) (off by \(m.difference()))"
            }
            if n > examples.count { notes.append("… and \(n - examples.count) more (almanac describe lists them)") }
            return notes
        case .cagrSpan, .cagrUndefined, .targetMissing, .filterNoMatch, .baseBeforeData, .loadWarnings, .errorCells:
            return endpointEnglishNotes
        default: return []
        }
    }

    public var vietnamese: LocalizedText {
        switch self {
        case .textNamesColumn(let name):
            return LocalizedText("\"\(name)\" là chuỗi văn bản \"\(name)\", không phải cột '\(name)'", notes: ["Muốn chỉ cột, viết tên cột trong dấu `\(name)`."])
        case .rejectedRows(let source, let n, let lines, let reasons):
            var notes = zip(lines, reasons).map { "dòng \($0): \($1)" }
            if n > lines.count { notes.append("… và \(n - lines.count) dòng khác; danh sách đầy đủ có trong báo cáo các dòng bị loại") }
            return LocalizedText("\(vi(n)) dòng của '\(source)' bị để riêng khi đọc ở chế độ bỏ qua dòng lỗi", notes: notes)
        case .joinUnmatched(let rows, let dataset, let keys):
            return LocalizedText("join: \(vi(rows)) dòng không tìm thấy dòng tương ứng trong '\(dataset)' theo \(keys.joined(separator: ", ")); các cột tra cứu của chúng để trống")
        case .pivotNulls(let n, let column):
            return LocalizedText("pivot: \(vi(n)) dòng không có giá trị ở cột '\(column)' nên không được đưa vào")
        case .compareEmpty(let ranges, let examples):
            return LocalizedText("compare: " + ranges.map { "\(vi($0.series)) chuỗi số liệu không có dòng nào trong \($0.range)" }.joined(separator: " và ")
                                 + "; tổng của chúng ở đó để trống, không phải bằng 0", notes: examples.isEmpty ? [] : ["Ví dụ: \(examples.joined(separator: ", "))."])
        case .comparePartial(let ranges, let example, let present, let of):
            return LocalizedText("compare: " + ranges.map { "\(vi($0.series)) chuỗi số liệu chỉ có một phần trong \($0.periods) kỳ của \($0.range)" }.joined(separator: " và ")
                                 + "; tổng của chúng chỉ gồm các kỳ có số liệu",
                                 notes: present > 0 ? ["Ví dụ \(example ?? "cả bảng"): có \(present)/\(of) kỳ."] : [])
        case .incompleteStart(let period, let have, let of, let unit, let whole, let from):
            return LocalizedText("\(period) chỉ có \(have)/\(of) \(unit.vietnamese) trong dữ liệu (từ \(from)); tổng của kỳ này không phải của cả \(whole.vietnamese)")
        case .incompleteEnd(let period, let have, let of, let unit, let start, let through):
            let extent = start.map { "\($0) … \(through)" } ?? "đến hết \(through)"
            return LocalizedText("\(period) chỉ có \(have)/\(of) \(unit.vietnamese) trong dữ liệu (\(extent)); hãy so sánh với cùng các \(unit.vietnamese) đó của những năm trước (lũy kế, ytd), không so với cả năm")
        case .growthGaps(let call, let n, let base, let zero, let periods):
            return LocalizedText("\(call): \(vi(n)) dòng không có số liệu của \(base.vietnamese)\(zero ? " (hoặc số liệu bằng 0)" : ""); kết quả của các dòng này để trống",
                                 notes: ["Ví dụ ở kỳ \(periods.joined(separator: ", "))."])
        case .overflow(let call, let n):
            return LocalizedText("\(call): kết quả của \(vi(n)) dòng vượt quá số lớn nhất có thể lưu (khoảng ±1,8e308) nên để trống")
        case .cumulativeGaps(let call, let n, let of):
            return LocalizedText("\(call): \(vi(n))/\(vi(of)) dòng cộng dồn qua các kỳ thiếu hoặc trống số liệu; các tổng đó chỉ gồm các kỳ có số liệu")
        case .indexBaseMissing(let call, let n, let base, let examples):
            return LocalizedText("\(call): \(vi(n)) chuỗi số liệu không có giá trị tại kỳ gốc \(base) (hoặc giá trị bằng 0); chỉ số của chúng để trống",
                                 notes: examples.isEmpty ? [] : ["Ví dụ: \(examples.joined(separator: ", "))."])
        case .coverageDiffers, .windowsDiffer, .coverageUnchecked:
            return coverageVietnamese
        case .unpivotNulls(let n, let column):
            return LocalizedText("unpivot: \(vi(n)) ô trống không được đưa vào cột '\(column)'; viết 'unpivot … keep nulls' để giữ chúng thành dòng")
        case .unpivotRejected(let source, let n, let examples):
            return LocalizedText("unpivot: \(vi(n)) ô của '\(source)' không phải là số nên được để riêng (chế độ bỏ qua dòng lỗi)",
                                 notes: examples + (n > examples.count ? ["… và \(vi(n - examples.count)) ô khác; danh sách đầy đủ có trong báo cáo các dòng bị loại"] : []))
        case .unpivotNamesText(let column, .notAPeriod(let name, let periods)):
            return LocalizedText("unpivot: cột '\(column)' để dạng văn bản vì '\(name)' không phải là một kỳ như \(periods.joined(separator: ", "))")
        case .unpivotNamesText(let column, .mixedFrequencies(let fs)):
            let names = fs.map { f in Frequency.allCases.first { $0.description == f }?.vietnamese ?? f }
            return LocalizedText("unpivot: cột '\(column)' để dạng văn bản vì tên các cột là các kỳ khác tần suất (\(names.joined(separator: ", ")))")
        case .totalMismatch(let source, let n, let checked, let examples):
            var notes = examples.map { m in
                "\(m.place.vietnamese) (\(m.label)): \(m.measure) ghi \(m.figure(m.total, vietnamese: true)) nhưng \(vi(m.parts)) dòng thành phần cộng lại bằng \(m.figure(m.sum, vietnamese: true)) (lệch \(m.difference(vietnamese: true)))"
            }
            if n > examples.count { notes.append("… và \(vi(n - examples.count)) số liệu khác (xem almanac describe)") }
            return LocalizedText("'\(source)': \(vi(n))/\(vi(checked)) số liệu ở các dòng tổng (đã để riêng khi đọc) lệch với tổng các dòng thành phần quá mức làm tròn; hãy kiểm tra bảng xem có gõ nhầm số không",
                                 notes: notes)
        case .cagrSpan, .cagrUndefined, .targetMissing, .filterNoMatch, .baseBeforeData, .loadWarnings, .errorCells:
            return endpointVietnamese
        }
    }

    func grouped(_ n: Int) -> String { NumberFormatting.grouped(Int64(n)) }
    /// A count as a Vietnamese reader writes it: 12.345.
    func vi(_ n: Int) -> String { grouped(n).replacingOccurrences(of: ",", with: ".") }
}

extension GrowthBase {
    var english: String {
        switch self {
        case .previousPeriod: return "the previous period"
        case .yearEarlier: return "the same period a year earlier"
        case .periodsEarlier(let n, let f): return "the period \(n) \(f)s earlier"
        case .periodsLater(let n, let f): return "the period \(n) \(f)\(n == 1 ? "" : "s") later"
        }
    }

    var vietnamese: String {
        switch self {
        case .previousPeriod: return "kỳ trước"
        case .yearEarlier: return "cùng kỳ năm trước"
        case .periodsEarlier(let n, let f): return "kỳ \(n) \(f.vietnamese) trước đó"
        case .periodsLater(let n, let f): return "kỳ \(n) \(f.vietnamese) sau đó"
        }
    }
}

extension Frequency {
    /// The unit's Vietnamese name: tháng, quý, năm, ngày.
    var vietnamese: String {
        switch self {
        case .day: return "ngày"
        case .month: return "tháng"
        case .quarter: return "quý"
        case .year: return "năm"
        }
    }
}
