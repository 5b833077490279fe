import Foundation

/// How to read `a/b/yyyy` dates. Vietnamese write the day first.
public enum DayOrder: Sendable, Hashable {
    case dayFirst, monthFirst
}

/// The outcome of reading one value as a period.
public enum PeriodParse: Equatable, Sendable {
    case period(Period)
    /// Shaped like a period but impossible (`2024-13`, `2024-Q5`, `31/02/2024`); the reason is for the user.
    case invalid(String)
    case notAPeriod
}

/// Reads the period spellings planners' files use:
/// `2024`; `2024-Q3`, `2024Q3`, `Q3/2024`, `Quý 3/2024`, `Quý III/2024`; `2024-10`, `2024/10`, `10/2024`, `T10/2024`,
/// `Tháng 10/2024`, `Tháng 10 năm 2024`; days `2024-10-15` (optionally `T00:00:00` or ` 00:00:00`), `15/10/2024`,
/// `15-10-2024`, `15.10.2024`; English month names `Jan 2023`, `2023 Jan`, `Jan-23` (`PeriodParser+English`). Byte-level on
/// the ASCII shapes (the hot path); Vietnamese words go through `String`.
public enum PeriodParser {
    /// Parses a UTF-8 field. `allowBareYear` reads `2024` as a year (only where a column is known to hold periods).
    public static func parse(_ b: UnsafeBufferPointer<UInt8>, dayOrder: DayOrder = .dayFirst, allowBareYear: Bool = true) -> PeriodParse {
        var lo = 0, hi = b.count
        while lo < hi, b[lo] == 0x20 || b[lo] == 0x09 { lo += 1 }
        while hi > lo, b[hi - 1] == 0x20 || b[hi - 1] == 0x09 { hi -= 1 }
        if lo == hi { return .notAPeriod }
        var ascii = true
        for i in lo..<hi where b[i] >= 0x80 { ascii = false; break }
        if ascii {
            let text = UnsafeBufferPointer(rebasing: b[lo..<hi])
            let r = parseASCII(text, dayOrder: dayOrder, allowBareYear: allowBareYear)
            // English month names (`Jan 2023`, `2023 Jan`, `Jan-23`): off the numeric hot path.
            if case .notAPeriod = r, text.count >= 5 { return parseEnglishMonth(ascii: text) }
            return r
        }
        return parseWords(String(decoding: UnsafeBufferPointer(rebasing: b[lo..<hi]), as: UTF8.self), dayOrder: dayOrder)
    }

    /// Parses a string (convenience over the byte parser).
    public static func parse(_ s: String, dayOrder: DayOrder = .dayFirst, allowBareYear: Bool = true) -> PeriodParse {
        var s = s
        return s.withUTF8 { parse($0, dayOrder: dayOrder, allowBareYear: allowBareYear) }
    }

    /// For an `a/b/yyyy` day: whether it reads as a valid date both day-first and month-first (nil: not that shape).
    public static func isDayMonthAmbiguous(_ b: UnsafeBufferPointer<UInt8>) -> Bool? {
        var c = Cursor(b)
        c.skipSpaces()
        guard let a = c.digits(1...2), c.separator(), let m = c.digits(1...2), c.separator(), let y = c.digits(4...4) else { return nil }
        return CivilDate.isValid(year: Int32(y), month: Int32(m), day: Int32(a)) && CivilDate.isValid(year: Int32(y), month: Int32(a), day: Int32(m))
    }

    // MARK: ASCII shapes

    static func parseASCII(_ b: UnsafeBufferPointer<UInt8>, dayOrder: DayOrder, allowBareYear: Bool) -> PeriodParse {
        var c = Cursor(b)
        // Leading letter forms: Q3/2024, T10/2024.
        if let ch = c.peek, ch | 0x20 == UInt8(ascii: "q") || ch | 0x20 == UInt8(ascii: "t") {
            c.advance()
            c.skipSpaces()
            guard let n = c.digits(1...2) else { return .notAPeriod }
            c.skipSpaces()
            guard c.separator(allowSpace: true) else { return .notAPeriod }
            c.skipSpaces()
            guard let y = c.digits(4...4), c.atEnd else { return .notAPeriod }
            return ch | 0x20 == UInt8(ascii: "q") ? quarter(y, n) : month(y, n)
        }
        guard let first = c.digitRun() else { return .notAPeriod }
        if first.count == 4 {
            let y = first.value
            if c.atEnd { return allowBareYear ? year(y) : .notAPeriod }
            // 2024Q3, 2024-Q3, 2024 Q3
            let save = c
            _ = c.separator(allowSpace: true)
            if let ch = c.peek, ch | 0x20 == UInt8(ascii: "q") {
                c.advance()
                guard let q = c.digits(1...1), c.atEnd else { return .notAPeriod }
                return quarter(y, q)
            }
            c = save
            guard let sep = c.peek, sep == UInt8(ascii: "-") || sep == UInt8(ascii: "/") || sep == UInt8(ascii: ".") else { return .notAPeriod }
            c.advance()
            guard let m = c.digits(1...2) else { return .notAPeriod }
            if c.atEnd { return sep == UInt8(ascii: ".") ? .notAPeriod : month(y, m) }
            guard c.peek == sep else { return .notAPeriod }
            c.advance()
            guard let d = c.digits(1...2), c.midnightTimeThenEnd() else { return .notAPeriod }
            return day(y, m, d)
        }
        guard first.count <= 2 else { return .notAPeriod }
        guard let sep = c.peek, sep == UInt8(ascii: "-") || sep == UInt8(ascii: "/") || sep == UInt8(ascii: ".") else { return .notAPeriod }
        c.advance()
        guard let second = c.digitRun() else { return .notAPeriod }
        if second.count == 4 {
            // 10/2024
            guard c.atEnd else { return .notAPeriod }
            return month(second.value, first.value)
        }
        guard second.count <= 2, c.peek == sep else { return .notAPeriod }
        c.advance()
        guard let y = c.digits(4...4), c.midnightTimeThenEnd() else { return .notAPeriod }
        return dayOrder == .dayFirst ? day(y, second.value, first.value) : day(y, first.value, second.value)
    }

    // MARK: Vietnamese word forms

    static let romanQuarters: [String: Int] = ["i": 1, "ii": 2, "iii": 3, "iv": 4]

    static func parseWords(_ raw: String, dayOrder: DayOrder) -> PeriodParse {
        var s = raw.nfc.lowercased()
        s = s.replacingOccurrences(of: " năm ", with: "/")
        func strip(_ prefix: String) -> Bool {
            guard s.hasPrefix(prefix) else { return false }
            s = String(s.dropFirst(prefix.count)).trimmingCharacters(in: .whitespaces)
            return true
        }
        if strip("tháng") {
            let parts = s.split(whereSeparator: { $0 == "/" || $0 == "-" || $0 == " " })
            guard parts.count == 2, let m = Int(parts[0]), let y = Int(parts[1]), parts[1].count == 4 else { return .notAPeriod }
            return month(y, m)
        }
        if strip("quý") {
            let parts = s.split(whereSeparator: { $0 == "/" || $0 == "-" || $0 == " " })
            guard parts.count == 2, let y = Int(parts[1]), parts[1].count == 4 else { return .notAPeriod }
            if let q = Int(parts[0]) ?? romanQuarters[String(parts[0])] { return quarter(y, q) }
            return .notAPeriod
        }
        if strip("năm") {
            guard s.count == 4, let y = Int(s) else { return .notAPeriod }
            return year(y)
        }
        return .notAPeriod
    }

    // MARK: Builders with range checks

    static func year(_ y: Int) -> PeriodParse {
        (1...9999).contains(y) ? .period(.year(Int32(y))) : .invalid("year \(y) is out of range")
    }
    static func quarter(_ y: Int, _ q: Int) -> PeriodParse {
        guard (1...9999).contains(y) else { return .invalid("year \(y) is out of range") }
        return (1...4).contains(q) ? .period(.quarter(Int32(y), Int32(q))) : .invalid("quarter \(q) does not exist (quarters are 1–4)")
    }
    static func month(_ y: Int, _ m: Int) -> PeriodParse {
        guard (1...9999).contains(y) else { return .invalid("year \(y) is out of range") }
        return (1...12).contains(m) ? .period(.month(Int32(y), Int32(m))) : .invalid("month \(m) does not exist")
    }
    static func day(_ y: Int, _ m: Int, _ d: Int) -> PeriodParse {
        guard (1...9999).contains(y) else { return .invalid("year \(y) is out of range") }
        guard (1...12).contains(m) else { return .invalid("month \(m) does not exist") }
        guard CivilDate.isValid(year: Int32(y), month: Int32(m), day: Int32(d)) else {
            return .invalid("day \(d) does not exist in \(y)-\(m < 10 ? "0" : "")\(m)")
        }
        return .period(.day(Int32(y), Int32(m), Int32(d)))
    }
}

/// A forward reader over the bytes of one field.
struct Cursor {
    let b: UnsafeBufferPointer<UInt8>
    var i = 0
    init(_ b: UnsafeBufferPointer<UInt8>) { self.b = b }

    var atEnd: Bool { i >= b.count }
    var peek: UInt8? { i < b.count ? b[i] : nil }
    mutating func advance() { i += 1 }
    mutating func skipSpaces() { while i < b.count, b[i] == 0x20 { i += 1 } }

    /// A run of ASCII digits (at most 9) with its length.
    mutating func digitRun() -> (value: Int, count: Int)? {
        var v = 0, n = 0
        while i < b.count, b[i] >= 0x30, b[i] <= 0x39 {
            if n == 9 { return nil }
            v = v * 10 + Int(b[i] - 0x30); n += 1; i += 1
        }
        return n == 0 ? nil : (v, n)
    }

    mutating func digits(_ len: ClosedRange<Int>) -> Int? {
        let save = i
        guard let r = digitRun(), len.contains(r.count) else { i = save; return nil }
        return r.value
    }

    mutating func separator(allowSpace: Bool = false) -> Bool {
        guard let ch = peek else { return false }
        if ch == UInt8(ascii: "/") || ch == UInt8(ascii: "-") || ch == UInt8(ascii: ".") || (allowSpace && ch == 0x20) {
            i += 1; return true
        }
        return false
    }

    /// Accepts the end, or a midnight time `T00:00[:00[.000]][Z]` / ` 00:00:00`, then the end.
    mutating func midnightTimeThenEnd() -> Bool {
        if atEnd { return true }
        guard let ch = peek, ch == UInt8(ascii: "T") || ch == 0x20 else { return false }
        i += 1
        guard digits(2...2) == 0, peek == UInt8(ascii: ":") else { return false }
        i += 1
        guard digits(2...2) == 0 else { return false }
        if peek == UInt8(ascii: ":") {
            i += 1
            guard digits(2...2) == 0 else { return false }
            if peek == UInt8(ascii: ".") {
                i += 1
                guard let r = digitRun(), r.value == 0 else { return false }
            }
        }
        if peek == UInt8(ascii: "Z") { i += 1 }
        return atEnd
    }
}
