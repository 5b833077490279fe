/// What a cell's number format makes of its number: a plain number, a date, a date with a time, a time of day, or a
/// date shown as its month (`mm/yyyy`) or year (`yyyy`). Excel stores dates as numbers; only the format tells them
/// apart.
enum NumberFormatKind: UInt8, Sendable {
    case number = 0
    case date = 1
    case dateTime = 2
    case time = 3
    case month = 4
    case year = 5
    /// A number shown with decimals (`0.0`, `#,##0.00`, `0.0%`): a decimal number even when it is whole.
    case decimal = 6

    /// Built-in formats (ECMA-376 §18.8.30, and the East Asian date formats Excel also numbers): 14–17 dates, 18–21
    /// times, 22 a date and time, 45–47 times (minutes and seconds, elapsed hours).
    static func builtIn(_ id: Int) -> NumberFormatKind {
        switch id {
        case 17: return .month
        case 14...16, 27...31, 34...36, 50...58: return .date
        case 22: return .dateTime
        case 18...21, 32, 33, 45...47: return .time
        case 2, 4, 7, 8, 10, 11, 39, 40, 43, 44, 48: return .decimal
        default: return .number
        }
    }

    /// The kind of a custom format code, from its first section: date tokens `d`, `y` (and `m` when it is not
    /// minutes: not right after `h` nor right before `s`), time tokens `h`, `s`. Quoted text, escaped characters
    /// (`\x`), padding (`_x`, `*x`) and bracketed parts (`[Red]`, `[$-42A]`) are not tokens; `[h]` and `[mm]` are
    /// elapsed times.
    static func custom(_ code: String) -> NumberFormatKind {
        var tokens: [UInt8] = []   // lower-cased letters among d m y h s, in order
        var elapsed = false
        var decimals = false       // a `.` followed by a digit placeholder: `0.0`, `#.##`
        let b = Array(code.utf8)
        var i = 0
        scan: while i < b.count {
            let c = b[i]
            switch c {
            case UInt8(ascii: ";"): break scan
            case UInt8(ascii: "\""):
                i += 1
                while i < b.count && b[i] != UInt8(ascii: "\"") { i += 1 }
            case UInt8(ascii: "\\"), UInt8(ascii: "_"), UInt8(ascii: "*"):
                i += 1
            case UInt8(ascii: "."):
                if i + 1 < b.count, [UInt8(ascii: "0"), UInt8(ascii: "#"), UInt8(ascii: "?")].contains(b[i + 1]) { decimals = true }
            case UInt8(ascii: "["):
                var j = i + 1
                var inner: [UInt8] = []
                while j < b.count && b[j] != UInt8(ascii: "]") { inner.append(b[j] | 0x20); j += 1 }
                if !inner.isEmpty && inner.allSatisfy({ $0 == UInt8(ascii: "h") || $0 == UInt8(ascii: "m") || $0 == UInt8(ascii: "s") }) {
                    elapsed = true
                    tokens.append(inner[0])
                }
                i = j
            default:
                let l = c | 0x20
                if l == UInt8(ascii: "d") || l == UInt8(ascii: "m") || l == UInt8(ascii: "y") || l == UInt8(ascii: "h") || l == UInt8(ascii: "s") {
                    if tokens.last != l || (i > 0 && (b[i - 1] | 0x20) != l) { tokens.append(l) }
                }
                // `AM/PM`, `A/P`: a time marker, whose letters are not tokens.
                if l == UInt8(ascii: "a") {
                    let rest = String(decoding: b[i...].prefix(5), as: UTF8.self).lowercased()
                    let skip = rest.hasPrefix("am/pm") ? 5 : rest.hasPrefix("a/p") ? 3 : 0
                    if skip > 0 {
                        tokens.append(UInt8(ascii: "h"))
                        i += skip
                        continue scan
                    }
                }
                if l == UInt8(ascii: "e") || l == UInt8(ascii: "g") {
                    // `General`, `E+`: skip the word, whose letters could look like tokens.
                    if l == UInt8(ascii: "g") { while i < b.count && (b[i] | 0x20) >= UInt8(ascii: "a") && (b[i] | 0x20) <= UInt8(ascii: "z") { i += 1 }; continue scan }
                }
            }
            i += 1
        }
        if !tokens.isEmpty || elapsed { return dateKind(tokens, elapsed: elapsed) }
        return decimals ? .decimal : .number
    }

    private static func dateKind(_ tokens: [UInt8], elapsed: Bool) -> NumberFormatKind {
        var date = false, time = elapsed, day = false, month = false
        for (k, t) in tokens.enumerated() {
            switch t {
            case UInt8(ascii: "d"): date = true; day = true
            case UInt8(ascii: "y"): date = true
            case UInt8(ascii: "h"), UInt8(ascii: "s"): time = true
            default:   // m: minutes right after h or right before s
                let afterH = k > 0 && tokens[k - 1] == UInt8(ascii: "h")
                let beforeS = k + 1 < tokens.count && tokens[k + 1] == UInt8(ascii: "s")
                if !(afterH || beforeS) { date = true; month = true }
            }
        }
        if date && !time && !day { return month ? .month : .year }
        if date { return time ? .dateTime : .date }
        return time ? .time : .number
    }
}
