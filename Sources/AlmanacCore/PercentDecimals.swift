/// How many decimals a column of percentages needs so that its smallest share is not shown as zero: one (12.3%), or
/// as many as make the smallest non-zero value show (0.04%, 0.004%), at most four.
public enum PercentDecimals {
    /// For fractions (0.0004 is 0.04%) at `rows` of `values`, those whose `isValid` holds.
    public static func needed(_ values: [Double], rows: Range<Int>, isValid: (Int) -> Bool) -> Int {
        var smallest = Double.infinity
        for r in rows where isValid(r) {
            let p = Swift.abs(values[r]) * 100
            if p > 0 && p < smallest { smallest = p }
        }
        if smallest >= 0.1 { return 1 }
        if smallest >= 0.01 { return 2 }
        if smallest >= 0.001 { return 3 }
        return 4
    }

    /// `fraction` as a percentage with `decimals` decimals; a value that rounds to zero is written without a sign
    /// (never `-0.0%`).
    public static func text(_ fraction: Double, decimals: Int, suffix: String = "%", signed: Bool = false) -> String {
        let p = fraction * 100
        let scale = [1.0, 10, 100, 1000, 10000][Swift.max(0, Swift.min(4, decimals))]
        // Printed as printf rounds (half to even), but a value that rounds to zero loses its sign.
        let value = (p * scale).rounded() == 0 ? 0 : p
        var s = String(format: "%.\(decimals)f", value)
        if signed && value > 0 { s = "+" + s }
        return s + suffix
    }
}
