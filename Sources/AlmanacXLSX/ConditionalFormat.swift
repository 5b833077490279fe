/// A conditional format: cells in a range whose value matches ``rule`` are
/// drawn with ``style`` (only font, fill, border and number format apply).
///
/// Apply it with ``XLSXWorksheet/addConditionalFormat(_:firstRow:firstCol:lastRow:lastCol:)``.
public struct ConditionalFormat: Hashable, Sendable {
    /// A comparison of the cell's value with constants.
    public enum Rule: Hashable, Sendable {
        /// value < x
        case lessThan(Double)
        /// value ≤ x
        case lessThanOrEqual(Double)
        /// value > x
        case greaterThan(Double)
        /// value ≥ x
        case greaterThanOrEqual(Double)
        /// value = x
        case equal(Double)
        /// value ≠ x
        case notEqual(Double)
        /// low ≤ value ≤ high
        case between(Double, Double)
        /// value < low or value > high
        case notBetween(Double, Double)
        /// Every cell of the range, whatever its value (a mark on chosen cells).
        case always
    }

    /// When the style applies.
    public var rule: Rule
    /// How matching cells look.
    public var style: CellStyle

    /// Creates a conditional format.
    public init(_ rule: Rule, style: CellStyle) {
        self.rule = rule
        self.style = style
    }

    /// Negative numbers in a red font.
    public static let negativeInRed = ConditionalFormat(.lessThan(0), style: CellStyle(fontColor: .red))
    /// Positive numbers in a green font.
    public static let positiveInGreen = ConditionalFormat(.greaterThan(0), style: CellStyle(fontColor: .green))
    /// A light orange fill on every cell of the range: cells a warning concerns.
    public static let markedCell = ConditionalFormat(.always, style: CellStyle(backgroundColor: XLSXColor(rgb: 0xFCE4D6)))

    func validate() throws {
        let numbers: [Double]
        switch rule {
        case let .lessThan(x), let .lessThanOrEqual(x), let .greaterThan(x),
             let .greaterThanOrEqual(x), let .equal(x), let .notEqual(x):
            numbers = [x]
        case let .between(a, b), let .notBetween(a, b):
            numbers = [a, b]
            guard a <= b else {
                throw XLSXError.invalidArgument("conditional format range \(a)...\(b) has low > high")
            }
        case .always:
            numbers = []
        }
        guard numbers.allSatisfy({ $0.isFinite }) else {
            throw XLSXError.invalidArgument("conditional format values must be finite numbers")
        }
    }
}
