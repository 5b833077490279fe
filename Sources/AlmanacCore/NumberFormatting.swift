import Foundation

/// Number text for terminals and CSV: no exponent for ordinary magnitudes, shortest round-trip digits.
public enum NumberFormatting {
    /// `1234.5` → "1234.5"; integral doubles print without ".0"; never "inf" or "nan" (callers keep those out).
    public static func plain(_ v: Double) -> String {
        if v.isNaN || v.isInfinite { return "" }
        if v == v.rounded(), abs(v) < 1e15 { return String(Int64(v)) }
        return "\(v)"
    }

    /// Thousands separators for terminal tables: `1234567.891` → "1,234,567.89" (at most `fraction` digits, trailing zeros dropped).
    public static func grouped(_ v: Double, fraction: Int = 2) -> String {
        guard v.isFinite else { return "" }
        let fixed = String(format: "%.\(max(0, fraction))f", v)
        let parts = fixed.split(separator: ".", omittingEmptySubsequences: false)
        var intDigits = String(parts[0])
        let negative = intDigits.hasPrefix("-")
        if negative { intDigits.removeFirst() }
        var frac = parts.count > 1 ? String(parts[1]) : ""
        while frac.hasSuffix("0") { frac.removeLast() }
        let body = group(intDigits) + (frac.isEmpty ? "" : "." + frac)
        return negative && body.contains(where: { $0 != "0" && $0 != "." && $0 != "," }) ? "-" + body : body
    }

    static func group(_ digits: String) -> String {
        var out = ""
        out.reserveCapacity(digits.count + digits.count / 3)
        for (i, ch) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(ch)
        }
        return out
    }

    /// Integers with thousands separators.
    public static func grouped(_ v: Int64) -> String {
        (v < 0 ? "-" : "") + group(String(v.magnitude))
    }
}
