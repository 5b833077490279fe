import AlmanacCore

/// How a computed column may be written as a live Excel formula over other cells of the same sheet,
/// supplied by whoever computed the column (the query engine knows that `growth` is `value / value[base] − 1`).
///
/// The column's own values stay the truth: a formula is written only where the sheet asks for formulas,
/// every referenced cell holds a number, no denominator is zero, and the formula reproduces the column's
/// value (within 1e-9 relative); its value is cached in the file so the workbook reads right before Excel
/// recalculates. Anywhere else the plain value is written (or nothing, for null).
public enum FormulaHint: Hashable, Sendable {
    /// `value[row] / value[baseRow[row]] − 1`, written as `=C5/C3-1`. `baseRow[row]` is the index (in the
    /// same table) of the row holding the base value, or −1 when there is none.
    case growth(value: String, baseRow: [Int32])
    /// `numerator[row] / denominator[row]`, written as `=C3/D3`.
    case ratio(numerator: String, denominator: String)
    /// `value[row] − value[baseRow[row]]`, written as `=C5-C3`.
    case difference(value: String, baseRow: [Int32])
    /// Arithmetic over columns of the same row, written with that row's cells: `value / last_year - 1` as
    /// `=D5/E5-1`. Written only where every column it reads is in the table (numbers, on the sheet) and every
    /// constant can be written exactly; elsewhere the column's values.
    case expression(FormulaTree)

    /// The columns the formula reads (each once, in order of first use).
    public var referencedColumns: [String] {
        switch self {
        case .growth(let v, _), .difference(let v, _): return [v]
        case .ratio(let n, let d): return [n, d]
        case .expression(let e): return e.columns
        }
    }
}

/// Numbers as formula text that Excel reads back as the same Double.
public enum FormulaNumber {
    /// `x` as Excel formula text (`1000000`, `0.25`, `1.5E-7`), or nil when it cannot be written so that Excel
    /// reads exactly `x`: not finite, negative (write a unary minus), or more than 15 significant digits (Excel keeps
    /// only 15 of a typed constant).
    public static func text(_ x: Double) -> String? {
        guard x.isFinite, x >= 0 else { return nil }
        if x == 0 { return "0" }
        // Swift's description is the shortest text that reads back as x: "1000000.0", "0.1", "1e-07", "1.5e+20".
        let s = "\(x)"
        var mantissa = Substring(s)
        var exponent = 0
        if let e = s.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            mantissa = s[..<e]
            guard let v = Int(s[s.index(after: e)...].replacingOccurrences(of: "+", with: "")) else { return nil }
            exponent = v
        }
        let parts = mantissa.split(separator: ".", omittingEmptySubsequences: false)
        let fraction = parts.count > 1 ? parts[1] : ""
        // x = digits × 10^power
        var digits = String((parts[0] + fraction).drop { $0 == "0" })
        var power = exponent - fraction.count
        while digits.hasSuffix("0") { digits.removeLast(); power += 1 }
        guard !digits.isEmpty, digits.count <= 15, digits.allSatisfy(\.isASCII), digits.allSatisfy(\.isNumber) else { return nil }
        let pointAt = digits.count + power  // digits before the decimal point
        let text: String
        if power >= 0 && pointAt <= 15 {
            text = digits + String(repeating: "0", count: power)
        } else if power < 0 && pointAt > 0 {
            text = digits.prefix(pointAt) + "." + digits.dropFirst(pointAt)
        } else if power < 0 && pointAt > -5 {
            text = "0." + String(repeating: "0", count: -pointAt) + digits
        } else {
            let e = pointAt - 1
            text = String(digits.prefix(1)) + (digits.count > 1 ? "." + digits.dropFirst() : "") + "E" + (e < 0 ? "-" : "+") + String(abs(e))
        }
        return Double(text) == x ? text : nil
    }
}
