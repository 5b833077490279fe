import Foundation
import AlmanacXLSX

/// A problem with a sheet option that names a column: the field (`chart.y`, `labels.valeu`, …),
/// what is wrong, and a did-you-mean hint.
public struct ColumnProblem: Hashable, Sendable, CustomStringConvertible {
    /// The option, as a workbook file spells it: `chart.x`, `chart.y`, `labels.NAME`, `formats.NAME`,
    /// `conditional.negative_red`, `conditional.positive_green`, `formula hint NAME`.
    public var field: String
    public var message: String
    public var hint: String?

    public init(field: String, message: String, hint: String? = nil) {
        self.field = field
        self.message = message
        self.hint = hint
    }

    public var description: String {
        "field '\(field)': \(message)" + (hint.map { "\n  hint: \($0)" } ?? "")
    }
}

/// Errors turning a table into a worksheet.
public enum ReportError: Error, CustomStringConvertible, Sendable {
    /// More rows than an Excel sheet holds below the header.
    case tooManyRows(sheet: String, rows: Int, maxRows: Int)
    /// More columns than an Excel sheet holds.
    case tooManyColumns(sheet: String, columns: Int, maxColumns: Int)
    /// Options that name columns the table does not have, or cannot apply to them.
    case columnProblems(sheet: String, problems: [ColumnProblem])
    /// The XLSX layer refused a write on this sheet.
    case sheetWrite(sheet: String, error: XLSXError)

    public var description: String {
        switch self {
        case let .tooManyRows(sheet, rows, maxRows):
            return "sheet \"\(sheet)\": the result has \(Self.grouped(rows)) rows, but an Excel sheet holds at most "
                + "\(Self.grouped(maxRows)) rows below its header; filter or aggregate the query, or split it over several sheets"
        case let .tooManyColumns(sheet, columns, maxColumns):
            return "sheet \"\(sheet)\": the result has \(Self.grouped(columns)) columns, but an Excel sheet holds at most "
                + "\(Self.grouped(maxColumns)); select fewer columns or pivot fewer values"
        case let .columnProblems(sheet, problems):
            return "sheet \"\(sheet)\": " + problems.map(\.description).joined(separator: "\n")
        case let .sheetWrite(sheet, error):
            return "sheet \"\(sheet)\": \(error)"
        }
    }

    static func grouped(_ n: Int) -> String {
        let digits = Array(String(n.magnitude))
        var out = ""
        for (i, ch) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(ch)
        }
        return (n < 0 ? "-" : "") + out
    }
}
