/// Quoting of sheet names inside range references such as `'Hà Giang'!$A$1`.
///
/// libxlsxwriter 1.1.4 quotes a name when it contains any byte other than ASCII
/// letters, digits, `_` and `.` — which covers spaces and every Vietnamese letter.
/// It misses names made only of those characters that Excel still requires to be
/// quoted (rules observed by XlsxWriter's author, XlsxWriter issue #1078):
/// names starting with a digit or `.` (`2024`), names that are A1 references
/// (`AB12`), names starting with an R1C1 reference (`R1`, `C12`, `RC3x`) and
/// `R`, `C`, `RC`. For those this module supplies the quoted form itself.
extension SheetName {
    /// The form of `name` to use in a cell reference: quoted (apostrophes
    /// doubled) when Excel requires it, otherwise unchanged.
    public static func referenceForm(_ name: String) -> String {
        if libxlsxwriterQuotes(name) || needsQuotingBeyondLibxlsxwriter(name) {
            return "'" + name.replacingOccurrences(of: "'", with: "''") + "'"
        }
        return name
    }

    /// True when libxlsxwriter 1.1.4's `lxw_quote_sheetname` would quote `name`.
    static func libxlsxwriterQuotes(_ name: String) -> Bool {
        name.utf8.contains { !isPlainASCII($0) }
    }

    /// True when Excel needs `name` quoted but libxlsxwriter 1.1.4 would not quote it.
    static func needsQuotingBeyondLibxlsxwriter(_ name: String) -> Bool {
        let bytes = Array(name.utf8)
        guard let first = bytes.first, !libxlsxwriterQuotes(name) else { return false }
        // Rule 2: starts with a digit or ".".
        if isDigit(first) || first == UInt8(ascii: ".") { return true }
        let upper = bytes.map { ($0 >= 97 && $0 <= 122) ? $0 - 32 : $0 }
        // Rule 3: the whole name is an A1 reference within the sheet's limits.
        var letters = 0
        while letters < upper.count, isUpper(upper[letters]) { letters += 1 }
        if (1...3).contains(letters), letters < upper.count,
           upper[letters...].allSatisfy(isDigit),
           let row = number(upper[letters...]), row >= 1, row <= ExcelLimits.maxRows,
           columnNumber(upper[..<letters]) <= ExcelLimits.maxColumns {
            return true
        }
        // Rule 4a: starts with R<row>.
        if upper[0] == UInt8(ascii: "R"), let row = leadingNumber(upper.dropFirst()), row >= 1, row <= ExcelLimits.maxRows {
            return true
        }
        // Rule 4b: starts with C<col> or RC<col>.
        var rest = upper[...]
        if rest.first == UInt8(ascii: "R") { rest = rest.dropFirst() }
        if rest.first == UInt8(ascii: "C"), let col = leadingNumber(rest.dropFirst()), col >= 1, col <= ExcelLimits.maxColumns {
            return true
        }
        // Rule 4c: R, C, RC.
        return ["R", "C", "RC"].contains(String(decoding: upper, as: UTF8.self))
    }

    private static func isPlainASCII(_ b: UInt8) -> Bool {
        isDigit(b) || isUpper(b) || (b >= 97 && b <= 122) || b == UInt8(ascii: "_") || b == UInt8(ascii: ".")
    }

    private static func isDigit(_ b: UInt8) -> Bool { b >= 48 && b <= 57 }
    private static func isUpper(_ b: UInt8) -> Bool { b >= 65 && b <= 90 }

    /// The value of an all-digit slice, or nil when empty or absurdly long.
    private static func number(_ digits: ArraySlice<UInt8>) -> Int? {
        guard !digits.isEmpty, digits.count <= 9 else { return digits.isEmpty ? nil : Int.max }
        return digits.reduce(0) { $0 * 10 + Int($1 - 48) }
    }

    /// The value of the digits at the start of `bytes`, or nil if it doesn't start with one.
    private static func leadingNumber(_ bytes: ArraySlice<UInt8>) -> Int? {
        number(bytes.prefix(while: isDigit))
    }

    /// Column number (A = 1) of uppercase letters.
    private static func columnNumber(_ letters: ArraySlice<UInt8>) -> Int {
        letters.reduce(0) { $0 * 26 + Int($1 - 64) }
    }
}
