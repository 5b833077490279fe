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

    /// The columns the formula reads.
    public var referencedColumns: [String] {
        switch self {
        case .growth(let v, _), .difference(let v, _): return [v]
        case .ratio(let n, let d): return [n, d]
        }
    }
}

/// A1-style cell references.
public enum CellReference {
    /// Column letters for a zero-based index: 0 → A, 25 → Z, 26 → AA, 16383 → XFD.
    public static func columnLetters(_ index: Int) -> String {
        precondition(index >= 0)
        var n = index + 1
        var scalars: [UnicodeScalar] = []
        while n > 0 {
            let r = (n - 1) % 26
            scalars.append(UnicodeScalar(UInt8(65 + r)))
            n = (n - 1) / 26
        }
        var s = ""
        s.unicodeScalars.append(contentsOf: scalars.reversed())
        return s
    }

    /// `C5` for zero-based row 4, column 2.
    public static func a1(row: Int, col: Int) -> String { columnLetters(col) + String(row + 1) }
}
