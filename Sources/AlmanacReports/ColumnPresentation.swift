import AlmanacDiagnostics
import Foundation
import AlmanacIO

/// How a column's cells are shown, overriding what its type and unit would choose
/// (`[sheets.formats]` in a workbook file).
public enum ColumnPresentation: Hashable, Sendable, CustomStringConvertible {
    /// A ratio shown as a percentage, `0.0%` (0.125 → 12.5%). Values in unit `%` are divided by 100.
    case percent
    /// An amount: `#,##0`, or `#,##0.0` / `#,##0.00` when the values are mostly below 1,000 and have fractions.
    case amount
    /// Things counted: `#,##0`.
    case count
    /// A plain whole number such as a year: `0`.
    case integer
    /// Written as text (numbers as their plain digits, periods in canonical form `2024-10`).
    case text
    /// A raw Excel number-format code, e.g. `#,##0.000` or `0.00"x"`.
    case numberFormat(String)

    /// The keywords accepted in workbook files.
    public static let keywords = ["percent", "amount", "count", "integer", "text"]

    /// Reads a workbook file's value: a keyword or a raw format code.
    ///
    /// A word made only of letters that is not a keyword is rejected (it is almost certainly a
    /// misspelt keyword, not a format code); the error text carries a did-you-mean.
    public static func parse(_ value: String) -> Result<ColumnPresentation, PresentationError> {
        let trimmed = value.trimmingCharacters(in: .whitespaces)
        switch trimmed.lowercased() {
        case "percent", "%": return .success(.percent)
        case "amount": return .success(.amount)
        case "count": return .success(.count)
        case "integer": return .success(.integer)
        case "text": return .success(.text)
        default: break
        }
        if trimmed.isEmpty { return .failure(PresentationError(message: "the format is empty", hint: hintText(nil))) }
        if trimmed.allSatisfy({ $0.isLetter }) {
            let close = Suggestions.closest(to: trimmed, among: keywords)
            return .failure(PresentationError(message: "'\(trimmed)' is neither a format keyword nor an Excel format code",
                                              hint: hintText(close)))
        }
        if trimmed.utf8.count > 127 {
            return .failure(PresentationError(message: "the format code is longer than 127 bytes", hint: nil))
        }
        return .success(.numberFormat(trimmed))
    }

    private static func hintText(_ close: String?) -> String {
        (close.map { "did you mean '\($0)'? " } ?? "") + "use percent, amount, count, integer, text or an Excel format such as \"#,##0.00\""
    }

    public var description: String {
        switch self {
        case .percent: return "percent"
        case .amount: return "amount"
        case .count: return "count"
        case .integer: return "integer"
        case .text: return "text"
        case .numberFormat(let code): return code
        }
    }
}

/// Why a format value was rejected.
public struct PresentationError: Error, Hashable, Sendable {
    public var message: String
    public var hint: String?
}
