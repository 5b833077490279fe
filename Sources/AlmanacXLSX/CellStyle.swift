/// How a cell looks: font, fill, borders, alignment and number format.
///
/// A plain value: compare, hash and store it freely. Turn it into a reusable
/// handle with ``XLSXWorkbook/format(for:)``; each distinct style creates
/// exactly one libxlsxwriter format per workbook.
public struct CellStyle: Hashable, Sendable {
    /// Bold font.
    public var bold: Bool
    /// Italic font.
    public var italic: Bool
    /// Single underline.
    public var underline: Bool
    /// Font family, e.g. "Calibri"; `nil` keeps the workbook default.
    public var fontName: String?
    /// Font size in points (1…409); `nil` keeps the default (11).
    public var fontSize: Double?
    /// Font color; `nil` keeps automatic (black).
    public var fontColor: XLSXColor?
    /// Solid background fill; `nil` for none.
    public var backgroundColor: XLSXColor?
    /// Number format code; `nil` for General.
    public var numberFormat: NumberFormat?
    /// Horizontal alignment; `nil` for General.
    public var horizontalAlignment: HorizontalAlignment?
    /// Vertical alignment; `nil` for bottom.
    public var verticalAlignment: VerticalAlignment?
    /// Wrap text inside the cell.
    public var wrapText: Bool
    /// Indent level (0…15).
    public var indent: Int
    /// Border on all four sides; `nil` for none.
    public var border: BorderStyle?
    /// Color of the border; `nil` for automatic.
    public var borderColor: XLSXColor?

    /// Creates a style; every attribute defaults to Excel's default.
    public init(
        bold: Bool = false, italic: Bool = false, underline: Bool = false,
        fontName: String? = nil, fontSize: Double? = nil, fontColor: XLSXColor? = nil,
        backgroundColor: XLSXColor? = nil, numberFormat: NumberFormat? = nil,
        horizontalAlignment: HorizontalAlignment? = nil, verticalAlignment: VerticalAlignment? = nil,
        wrapText: Bool = false, indent: Int = 0,
        border: BorderStyle? = nil, borderColor: XLSXColor? = nil
    ) {
        self.bold = bold
        self.italic = italic
        self.underline = underline
        self.fontName = fontName
        self.fontSize = fontSize
        self.fontColor = fontColor
        self.backgroundColor = backgroundColor
        self.numberFormat = numberFormat
        self.horizontalAlignment = horizontalAlignment
        self.verticalAlignment = verticalAlignment
        self.wrapText = wrapText
        self.indent = indent
        self.border = border
        self.borderColor = borderColor
    }

    /// Excel's default look.
    public static let plain = CellStyle()

    /// Throws ``XLSXError/invalidStyle(_:)`` if libxlsxwriter or Excel cannot store this style.
    func validate() throws {
        if let size = fontSize, !(size >= 1 && size <= 409) {
            throw XLSXError.invalidStyle("font size \(size) is outside 1...409 points")
        }
        if let name = fontName {
            // libxlsxwriter copies into a 128-byte buffer; Excel allows 31 characters.
            if name.isEmpty || name.utf16.count > 31 || name.utf8.count > 127 {
                throw XLSXError.invalidStyle("font name \"\(name)\" must be 1...31 characters")
            }
        }
        if let format = numberFormat {
            if format.code.isEmpty || format.code.utf8.count > 127 {
                throw XLSXError.invalidStyle("number format \"\(format.code)\" must be 1...127 UTF-8 bytes")
            }
        }
        if !(0...15).contains(indent) {
            throw XLSXError.invalidStyle("indent \(indent) is outside 0...15")
        }
    }
}

/// A 24-bit RGB color, e.g. `XLSXColor(rgb: 0xC00000)`.
public struct XLSXColor: Hashable, Sendable {
    /// The color as 0xRRGGBB.
    public let rgb: UInt32

    /// Creates a color from 0xRRGGBB; higher bits are ignored.
    public init(rgb: UInt32) { self.rgb = rgb & 0xFF_FFFF }

    /// Black, 0x000000.
    public static let black = XLSXColor(rgb: 0x000000)
    /// White, 0xFFFFFF.
    public static let white = XLSXColor(rgb: 0xFFFFFF)
    /// Red, 0xFF0000 (Excel's standard "Red").
    public static let red = XLSXColor(rgb: 0xFF0000)
    /// Dark red, 0xC00000 (Excel's standard "Dark Red").
    public static let darkRed = XLSXColor(rgb: 0xC00000)
    /// Green, 0x00B050 (Excel's standard "Green").
    public static let green = XLSXColor(rgb: 0x00B050)
    /// Blue, 0x0070C0 (Excel's standard "Blue").
    public static let blue = XLSXColor(rgb: 0x0070C0)
    /// Light gray fill for header rows, 0xD9D9D9.
    public static let lightGray = XLSXColor(rgb: 0xD9D9D9)
}

/// An Excel number-format code such as `#,##0.0` or `dd/mm/yyyy`.
public struct NumberFormat: Hashable, Sendable, ExpressibleByStringLiteral {
    /// The format code exactly as Excel stores it.
    public let code: String

    /// Wraps a format code.
    public init(_ code: String) { self.code = code }
    /// Wraps a format code given as a literal.
    public init(stringLiteral value: String) { self.code = value }

    /// `#,##0` — whole number with thousands separators.
    public static let integerGrouped: NumberFormat = "#,##0"
    /// `#,##0.0` — one decimal, thousands separators.
    public static let oneDecimalGrouped: NumberFormat = "#,##0.0"
    /// `#,##0.00` — two decimals, thousands separators.
    public static let twoDecimalsGrouped: NumberFormat = "#,##0.00"
    /// `0.0%` — a fraction shown as a percentage with one decimal (0.125 → 12.5%).
    public static let percentOneDecimal: NumberFormat = "0.0%"
    /// `0` — whole number, no separators (use this for a plain year like 2024).
    public static let integer: NumberFormat = "0"
    /// `mm/yyyy` — month and year of a date value.
    public static let monthYear: NumberFormat = "mm/yyyy"
    /// `dd/mm/yyyy` — a date, day first.
    public static let dayMonthYear: NumberFormat = "dd/mm/yyyy"
    /// `yyyy` — the year of a *date* value (a plain number 2024 would show as 1905).
    public static let year: NumberFormat = "yyyy"
}

/// Horizontal cell alignment.
public enum HorizontalAlignment: Hashable, Sendable {
    /// Left.
    case left
    /// Centered.
    case center
    /// Right.
    case right
    /// Centered across the selection (a merge-free title look).
    case centerAcross
}

/// Vertical cell alignment.
public enum VerticalAlignment: Hashable, Sendable {
    /// Top.
    case top
    /// Centered.
    case center
    /// Bottom (Excel's default).
    case bottom
}

/// Cell border line style.
public enum BorderStyle: Hashable, Sendable {
    /// Thin line.
    case thin
    /// Medium line.
    case medium
    /// Thick line.
    case thick
    /// Dashed line.
    case dashed
    /// Dotted line.
    case dotted
    /// Double line.
    case double
    /// Hairline.
    case hair
}
