/// A1-style cell references.
public enum CellReference {
    /// Column letters for a zero-based index: 0 → A, 25 → Z, 26 → AA, 16383 → XFD.
    public static func columnLetters(_ index: Int) -> String {
        var n = max(index, 0) + 1
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

    /// `C5` for zero-based row 4, column 2 (negative indexes read as 0).
    public static func a1(row: Int, col: Int) -> String { columnLetters(col) + String(max(row, 0) + 1) }
}
