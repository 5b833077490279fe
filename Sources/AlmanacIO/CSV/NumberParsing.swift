import Foundation

/// What a field holds when read as a number.
enum NumberParse: Equatable {
    case int(Int64)
    case float(Double)
    /// Digits that must stay text: a leading zero (`0902`) or more than 15 significant digits.
    case keepText(String)
    /// A percentage (`12,5%`, `-3%`), as the fraction it writes (0.125, -0.03).
    case percent(Double)
    case notANumber
}

/// Byte-level number parsing: integers exactly, decimals with Clinger's fast path
/// (≤ 15 significant digits and a power of ten ≤ 22 are exact in one multiply or divide), `strtod` otherwise.
enum NumberParsing {
    static let powersOfTen: [Double] = (0...22).map { pow(10, Double($0)) }

    /// `fastParse` found an integer (`value` holds its `Int64` bits).
    static let fastInt: UInt8 = 1
    /// `fastParse` found a decimal (`value` holds its `Double` bits).
    static let fastFloat: UInt8 = 2

    /// The common shapes only — `-`? digits (no leading zero) [mark digits], at most 15 digits in all — with the
    /// same result as `parse` (the same Clinger fast-path arithmetic). Returns `fastInt` or `fastFloat` with the value's
    /// bits in `value`, or 0 for anything else, which `parse` then judges. No enum with a payload: the column loop
    /// stays free of retain/release. Requires `n > 0` and a style whose decimal mark is not a digit, `-` or the
    /// thousands separator (`ParseContext.fastNumbers`). `readable`: how many bytes may be loaded from `p` (the
    /// field's and what follows it in the file), at least `n`.
    @inline(__always)
    static func fastParse(_ p: UnsafePointer<UInt8>, _ n: Int, readable: Int, decimalMark: UInt8, powersOfTen: UnsafePointer<Double>,
                          value: inout UInt64) -> UInt8 {
        let negative = p[0] == UInt8(ascii: "-")
        var i = negative ? 1 : 0
        let digitsStart = i
        var m: UInt64 = 0
        if readable &- i >= 8 {
            // The integer digits from one 8-byte load: a digit test on all eight bytes, then three multiplies
            // combine the leading run (bytes after the field are never digits that count: the run stops at `n`).
            let x = UnsafeRawPointer(p + i).loadUnaligned(as: UInt64.self) ^ 0x3030_3030_3030_3030   // digits → 0…9
            let nonDigit = (((x & 0x7F7F_7F7F_7F7F_7F7F) &+ 0x7676_7676_7676_7676) | x) & 0x8080_8080_8080_8080
            let run = min(nonDigit == 0 ? 8 : nonDigit.trailingZeroBitCount &>> 3, n &- i)
            if run > 0 {
                var w = x &<< UInt64(64 &- 8 &* run)     // the run at the top; zero bytes below read as leading zeros
                w = ((w & 0x0F0F_0F0F_0F0F_0F0F) &* 2561) &>> 8
                w = ((w & 0x00FF_00FF_00FF_00FF) &* 6_553_601) &>> 16
                m = ((w & 0x0000_FFFF_0000_FFFF) &* 42_949_672_960_001) &>> 32
                i &+= run
            }
        }
        while i < n {
            let d = p[i] &- 0x30
            if d > 9 { break }
            m = m &* 10 &+ UInt64(d)
            i &+= 1
        }
        let intDigits = i &- digitsStart
        if intDigits == 0 || intDigits > 15 || (intDigits > 1 && p[digitsStart] == 0x30) { return 0 }
        if i == n { let v = Int64(bitPattern: m); value = UInt64(bitPattern: negative ? -v : v); return fastInt }
        guard p[i] == decimalMark else { return 0 }
        i &+= 1
        let fracStart = i
        while i < n {
            let d = p[i] &- 0x30
            if d > 9 { break }
            m = m &* 10 &+ UInt64(d)
            i &+= 1
        }
        let fracDigits = i &- fracStart
        if i != n || intDigits &+ fracDigits > 15 { return 0 }
        var d = Double(Int64(bitPattern: m))      // exact: m < 10^15
        d = fracDigits > 0 ? d / powersOfTen[fracDigits] : d * powersOfTen[0]
        value = (negative ? -d : d).bitPattern
        return fastFloat
    }

    @inline(__always)
    static func parse(_ p: UnsafePointer<UInt8>, _ n: Int, style: NumberStyle) -> NumberParse {
        var i = 0
        // Trim spaces and no-break spaces (quoted fields and spreadsheets' exports may carry them).
        var end = n
        while i < end { let w = spaceWidth(p, i, end); if w == 0 { break }; i += w }
        while end > i { let w = trailingSpaceWidth(p, i, end); if w == 0 { break }; end -= w }
        if i == end { return .notANumber }
        // A percentage: the number before `%` (a space may part them), read as the fraction it writes.
        if p[end - 1] == UInt8(ascii: "%") {
            var body = end - 1
            while body > i { let w = trailingSpaceWidth(p, i, body); if w == 0 { break }; body -= w }
            return percent(p + i, body - i, style: style)
        }
        var negative = false
        // Accounting negatives: (1.234) is -1.234.
        if end - i >= 3, p[i] == UInt8(ascii: "("), p[end - 1] == UInt8(ascii: ")") {
            negative = true
            i += 1
            end -= 1
        } else if p[i] == UInt8(ascii: "-") || p[i] == UInt8(ascii: "+") { negative = p[i] == UInt8(ascii: "-"); i += 1 }
        if i == end { return .notANumber }
        let digitsStart = i
        var mantissa: UInt64 = 0
        var significant = 0
        var intDigits = 0
        var dropped = 0
        let thousands = style.thousandsSeparator ?? 0xFF
        // Thousands groups must be well formed (1–3 digits, then groups of exactly 3): `12.34` in a file with `.` for
        // thousands is not 1234, and `1.2.3` is not 123.
        var sawSeparator = false
        var groupDigits = 0
        while i < end {
            let c = p[i]
            if c >= 0x30 && c <= 0x39 {
                if significant > 0 || c != 0x30 { significant += 1 }
                if significant <= 19 { mantissa = mantissa &* 10 &+ UInt64(c - 0x30) } else { dropped += 1 }
                intDigits += 1
                groupDigits += 1
                i += 1
            } else if intDigits > 0, case let w = separatorWidth(p, i, end, thousands), w > 0, i + w < end, p[i + w] >= 0x30, p[i + w] <= 0x39 {
                if sawSeparator ? groupDigits != 3 : groupDigits > 3 { return .notANumber }
                sawSeparator = true
                groupDigits = 0
                i += w
            } else { break }
        }
        if sawSeparator && groupDigits != 3 { return .notANumber }
        if intDigits > 1 && p[digitsStart] == 0x30 {
            // 0902, 02, 007: codes, not numbers. (0, 0.5 and -0 are numbers.)
            return .keepText(String(decoding: UnsafeBufferPointer(start: p + digitsStart, count: end - digitsStart), as: UTF8.self))
        }
        var fracDigits = 0
        var isFloat = false
        if i < end && p[i] == style.decimalMark {
            isFloat = true
            i += 1
            while i < end, p[i] >= 0x30, p[i] <= 0x39 {
                let c = p[i]
                if significant > 0 || c != 0x30 { significant += 1 }
                if significant <= 19 { mantissa = mantissa &* 10 &+ UInt64(c - 0x30); fracDigits += 1 }
                i += 1
            }
        }
        if intDigits == 0 && fracDigits == 0 && !(isFloat && i > digitsStart + 1) { return .notANumber }
        var exp10 = 0
        if i < end && (p[i] | 0x20) == UInt8(ascii: "e") {
            isFloat = true
            i += 1
            var expNeg = false
            if i < end && (p[i] == UInt8(ascii: "-") || p[i] == UInt8(ascii: "+")) { expNeg = p[i] == UInt8(ascii: "-"); i += 1 }
            var e = 0, ed = 0
            while i < end, p[i] >= 0x30, p[i] <= 0x39 { if e < 10_000 { e = e * 10 + Int(p[i] - 0x30) }; ed += 1; i += 1 }
            if ed == 0 { return .notANumber }
            exp10 = expNeg ? -e : e
        }
        if i != end { return .notANumber }
        if !isFloat {
            if significant > 15 {
                return .keepText(String(decoding: UnsafeBufferPointer(start: p + digitsStart, count: end - digitsStart), as: UTF8.self))
            }
            let v = Int64(mantissa)
            return .int(negative ? -v : v)
        }
        // Decimal: value = mantissa × 10^(exp10 − fracDigits + dropped)
        let e = exp10 - fracDigits + dropped
        if significant <= 15 && e >= -22 && e <= 22 {
            var d = Double(mantissa)
            d = e < 0 ? d / powersOfTen[-e] : d * powersOfTen[e]
            return .float(negative ? -d : d)
        }
        return slowParse(p, from: digitsStart, to: end, negative: negative, style: style)
    }

    /// The number a percentage writes, divided by 100. A file whose decimal mark is `.` and that groups no thousands
    /// may still write percentages with a decimal comma (`12,5%`, as Vietnamese offices do): read as such.
    static func percent(_ p: UnsafePointer<UInt8>, _ n: Int, style: NumberStyle) -> NumberParse {
        if n == 0 || p[n - 1] == UInt8(ascii: "%") { return .notANumber }
        var r = parse(p, n, style: style)
        if case .notANumber = r, style == .standard {
            var commas = 0, dots = 0
            for k in 0..<n { if p[k] == UInt8(ascii: ",") { commas += 1 } else if p[k] == UInt8(ascii: ".") { dots += 1 } }
            if commas == 1 && dots == 0 { r = parse(p, n, style: .vietnamese) }
        }
        switch r {
        case .int(let v): return .percent(Double(v) / 100)
        case .float(let d): return .percent(d / 100)
        case .keepText(let t):
            // A leading zero (`05%`) is still a percentage; sixteen digits are not one to trust.
            guard t.count <= 15, let d = Double(t) else { return .notANumber }
            return .percent(d / 100)
        case .percent, .notANumber: return .notANumber
        }
    }

    /// The width of a space at `i` (1 for ` `, 2 for U+00A0 no-break space, 3 for U+202F narrow no-break space), or 0.
    @inline(__always)
    static func spaceWidth(_ p: UnsafePointer<UInt8>, _ i: Int, _ end: Int) -> Int {
        let c = p[i]
        if c == 0x20 { return 1 }
        if c == 0xC2, i + 1 < end, p[i + 1] == 0xA0 { return 2 }
        if c == 0xE2, i + 2 < end, p[i + 1] == 0x80, p[i + 2] == 0xAF { return 3 }
        return 0
    }

    /// The width of a space that ends at `end` (after `start`), or 0.
    @inline(__always)
    static func trailingSpaceWidth(_ p: UnsafePointer<UInt8>, _ start: Int, _ end: Int) -> Int {
        let c = p[end - 1]
        if c == 0x20 { return 1 }
        if c == 0xA0, end - 2 >= start, p[end - 2] == 0xC2 { return 2 }
        if c == 0xAF, end - 3 >= start, p[end - 2] == 0x80, p[end - 3] == 0xE2 { return 3 }
        return 0
    }

    /// The width of a thousands separator at `i`: the style's, or a no-break space (which spreadsheets use to group
    /// digits whatever the style), or 0.
    @inline(__always)
    static func separatorWidth(_ p: UnsafePointer<UInt8>, _ i: Int, _ end: Int, _ thousands: UInt8) -> Int {
        if p[i] == thousands { return 1 }
        if p[i] == 0x20 { return 0 }
        return spaceWidth(p, i, end)
    }

    /// `strtod` on a cleaned copy (thousands separators removed, decimal mark as `.`).
    static func slowParse(_ p: UnsafePointer<UInt8>, from: Int, to: Int, negative: Bool, style: NumberStyle) -> NumberParse {
        var buf = [CChar]()
        buf.reserveCapacity(to - from + 2)
        if negative { buf.append(CChar(UInt8(ascii: "-"))) }
        var k = from
        while k < to {
            let c = p[k]
            k += 1
            if let t = style.thousandsSeparator, c == t { continue }
            // No-break spaces grouping digits (their bytes are not digits, the mark or an exponent).
            if c == 0xC2 || c == 0xA0 || c == 0xE2 || c == 0x80 || c == 0xAF { continue }
            buf.append(CChar(bitPattern: c == style.decimalMark ? UInt8(ascii: ".") : c))
        }
        buf.append(0)
        let d = buf.withUnsafeBufferPointer { strtod($0.baseAddress!, nil) }
        return d.isFinite ? .float(d) : .notANumber
    }
}
