import Foundation
import AlmanacCore
import AlmanacXLSX

/// How the cells of one column are written: what kind of Excel value, which number format.
struct SheetColumnPlan {
    enum Kind: Equatable {
        /// An Excel number: the stored value times `scale` (0.01 for unit `%` shown as a percentage).
        case number(scale: Double)
        case boolean
        /// Dictionary text, written as strings.
        case text
        /// Numbers, booleans or periods written as their canonical text.
        case plainText
        /// A month (its first day) or a day, written as a date serial.
        case periodDate
        /// A year, written as the number 2024.
        case periodYear
        /// A period written as canonical text (`2024-Q3`).
        case periodText
    }

    let index: Int
    let name: String
    let header: String
    let kind: Kind
    /// `nil` for Excel's General format.
    let format: NumberFormat?

    /// The number format code for people (Notes, tests): `General` when none.
    var formatCode: String { format?.code ?? "General" }

    var isNumber: Bool { if case .number = kind { return true } else { return false } }
    var scale: Double { if case .number(let s) = kind { return s } else { return 1 } }
}

/// Chooses each column's plan from its type, unit, name and any override.
enum SheetColumnPlanner {
    static let percentFormat: NumberFormat = .percentOneDecimal

    /// Name tokens that mark a float column as a ratio shown in percent (when it has no unit).
    static let ratioNameTokens: Set<String> = [
        "growth", "share", "progress", "yoy", "pct", "percent", "percentage", "ratio",
        "tang_truong", "ty_trong", "ti_trong", "tien_do", "ty_le", "ti_le",
    ]

    static func plan(_ column: Column, index: Int, options: SheetOptions) -> SheetColumnPlan {
        let header = options.labels[column.name] ?? column.meta.label ?? column.name
        let (kind, format) = choose(column, options: options)
        return SheetColumnPlan(index: index, name: column.name, header: header, kind: kind, format: format)
    }

    /// The unit of a column, when its meta names a known one.
    static func unit(of column: Column) -> AlmanacCore.Unit? {
        column.meta.unit.flatMap { AlmanacCore.Unit(named: $0) }
    }

    static func choose(_ column: Column, options: SheetOptions) -> (SheetColumnPlan.Kind, NumberFormat?) {
        let override = options.formats[column.name]
        let unit = unit(of: column)
        switch column.storage {
        case .int, .float:
            let percentScale = unit?.kind == .percent ? unit!.scale : 1
            switch override {
            case .percent?: return (.number(scale: percentScale), percentFormat)
            case .amount?: return (.number(scale: 1), amountFormat(column))
            case .count?: return (.number(scale: 1), .integerGrouped)
            case .integer?: return (.number(scale: 1), .integer)
            case .text?: return (.plainText, nil)
            case .numberFormat(let code)?: return (.number(scale: 1), NumberFormat(code))
            case nil: break
            }
            if let unit {
                switch unit.kind {
                case .percent: return (.number(scale: unit.scale), percentFormat)
                case .count: return (.number(scale: 1), .integerGrouped)
                case .money, .quantity: return (.number(scale: 1), amountFormat(column))
                }
            }
            if case .float = column.storage, looksLikeRatio(column.name) {
                return (.number(scale: 1), percentFormat)
            }
            if case .int(let values) = column.storage {
                if looksLikeYear(column.name) || column.meta.role == .dimension || column.meta.role == .period
                    || (column.meta.role != .measure && allInYearRange(values, column.validity)) {
                    return (.number(scale: 1), .integer)
                }
                return (.number(scale: 1), .integerGrouped)
            }
            return (.number(scale: 1), amountFormat(column))
        case .bool:
            return override == .text ? (.plainText, nil) : (.boolean, nil)
        case .text:
            return (.text, nil)
        case .period(_, let frequency):
            if override == .text || options.periods == .text { return (.periodText, nil) }
            let custom: NumberFormat? = { if case .numberFormat(let c)? = override { return NumberFormat(c) } else { return nil } }()
            switch frequency {
            case .month: return (.periodDate, custom ?? .monthYear)
            case .day: return (.periodDate, custom ?? .dayMonthYear)
            case .year: return (.periodYear, custom ?? .integer)
            case .quarter: return (.periodText, nil)
            }
        }
    }

    /// Which overrides make sense for which column types (others are reported as problems).
    static func overrideProblem(_ presentation: ColumnPresentation, for column: Column) -> String? {
        switch (column.storage, presentation) {
        case (.int, _), (.float, _): return nil
        case (.bool, .text): return nil
        case (.text, .text): return nil
        case (.period, .text): return nil
        case (.period(_, let f), .numberFormat) where f != .quarter: return nil
        case (.period(_, .year), .integer): return nil
        default:
            return "'\(presentation)' does not apply to a \(column.dataType) column"
        }
    }

    static func looksLikeRatio(_ name: String) -> Bool {
        let folded = name.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
            .replacingOccurrences(of: "đ", with: "d")
        let tokens = folded.split(whereSeparator: { !$0.isLetter && !$0.isNumber }).map(String.init)
        if tokens.contains(where: { ratioNameTokens.contains($0) }) { return true }
        // Two-word Vietnamese terms written with spaces or underscores.
        let joined = tokens.joined(separator: "_")
        return ratioNameTokens.contains { $0.contains("_") && joined.contains($0) }
    }

    static func looksLikeYear(_ name: String) -> Bool {
        let folded = name.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
        let tokens = folded.split(whereSeparator: { !$0.isLetter && !$0.isNumber })
        return tokens.contains { $0 == "year" || $0 == "nam" }
    }

    static func allInYearRange(_ values: [Int64], _ validity: Validity) -> Bool {
        var any = false
        for i in 0..<values.count where validity.isValid(i) {
            guard (1800...2200).contains(values[i]) else { return false }
            any = true
        }
        return any
    }

    /// `#,##0` for whole numbers or values mostly of 1,000 and above; otherwise one decimal, or two
    /// when the values are mostly below 10 or some need a second decimal to be shown exactly; more when a value
    /// is so small that two decimals would show it as 0.00 (three of its digits: 0.001235 gets `#,##0.00000`, shown 0.00124).
    static func amountFormat(_ column: Column) -> NumberFormat {
        guard case .float(let values) = column.storage else { return .integerGrouped }
        return amountFormat(values, column.validity)
    }

    static func amountFormat(_ values: [Double], _ validity: Validity) -> NumberFormat {
        var valid = 0, small = 0, tiny = 0, fractional = 0, needTwo = 0
        var smallestNonzero = Double.infinity
        let check: (Int) -> Void = { i in
            let v = values[i]
            guard v.isFinite else { return }
            valid += 1
            let a = abs(v)
            if a > 0 { smallestNonzero = min(smallestNonzero, a) }
            if a < 1000 { small += 1 }
            if a < 10 { tiny += 1 }
            let tolerance = 1e-9 * max(1, a)
            if abs(v - v.rounded()) > tolerance {
                fractional += 1
                let tenths = v * 10
                if abs(tenths - tenths.rounded()) > tolerance * 10 { needTwo += 1 }
            }
        }
        switch validity.storage {
        case .allValid: for i in 0..<values.count { check(i) }
        case .allNull: break
        case .bitmap: for i in 0..<values.count where validity.isValid(i) { check(i) }
        }
        if fractional == 0 || small * 2 < valid { return .integerGrouped }
        // A value two decimals would show as 0.00 (0.001235) gets the decimals that show three of its digits.
        if smallestNonzero < 0.005 {
            let decimals = min(10, Int((-log10(smallestNonzero)).rounded(.up)) + 2)
            return NumberFormat("#,##0." + String(repeating: "0", count: decimals))
        }
        if tiny * 2 >= valid || needTwo > 0 { return .twoDecimalsGrouped }
        return .oneDecimalGrouped
    }
}

/// Text as a number format would display it, for fitting column widths.
enum DisplayText {
    struct NumberShape {
        var decimals: Int
        var grouped: Bool
        var percent: Bool
    }

    static func shape(of format: NumberFormat?) -> NumberShape {
        guard let code = format?.code else { return NumberShape(decimals: -1, grouped: false, percent: false) }
        let section = code.split(separator: ";", omittingEmptySubsequences: false).first.map(String.init) ?? code
        var decimals = 0
        if let dot = section.firstIndex(of: ".") {
            decimals = section[section.index(after: dot)...].prefix { $0 == "0" || $0 == "#" }.count
        }
        return NumberShape(decimals: decimals, grouped: section.contains(","), percent: section.contains("%"))
    }

    /// `1234567.891` with 2 decimals, grouped → "1,234,567.89"; General (decimals −1) → shortest digits.
    static func number(_ v: Double, _ shape: NumberShape) -> String {
        guard v.isFinite else { return "" }
        let x = shape.percent ? v * 100 : v
        if shape.decimals < 0 { return NumberFormatting.plain(x) }
        var text = String(format: "%.\(shape.decimals)f", x)
        if shape.grouped {
            let negative = text.hasPrefix("-")
            if negative { text.removeFirst() }
            let parts = text.split(separator: ".", maxSplits: 1)
            let digits = Array(parts[0])
            var out = ""
            for (i, ch) in digits.enumerated() {
                if i > 0 && (digits.count - i) % 3 == 0 { out.append(",") }
                out.append(ch)
            }
            text = (negative ? "-" : "") + out + (parts.count > 1 ? "." + parts[1] : "")
        }
        return shape.percent ? text + "%" : text
    }

    /// The shown width of a date format: `mm/yyyy` → "10/2024" (the code's own length for numeric parts).
    static func dateWidthSample(_ format: NumberFormat?) -> String {
        let code = format?.code ?? "dd/mm/yyyy"
        var s = code.replacingOccurrences(of: "mmmm", with: "September").replacingOccurrences(of: "mmm", with: "Sep")
        s = s.replacingOccurrences(of: "\"", with: "").replacingOccurrences(of: "\\", with: "")
        return s
    }
}
