/// Column widths from displayed text, since libxlsxwriter 1.1.4 has no autofit.
///
/// Widths are in Excel character units (the width of a digit in the default
/// font). A text's width is its number of grapheme clusters — so "Hà Giang"
/// is 8 whether it is stored precomposed or decomposed — with East Asian wide
/// and fullwidth characters (and emoji) counting 2.
public enum ColumnWidth {
    /// Excel's default column width.
    public static let excelDefault = 8.43
    /// Extra width for the drop-down button of an autofilter header.
    public static let autofilterButton = 2.0

    /// The display width of `text` in character units.
    public static func displayWidth(of text: String) -> Int {
        var width = 0
        for character in text {
            guard let first = character.unicodeScalars.first else { continue }
            if first.value < 0x20 || first.value == 0x7F { continue }  // control: invisible
            width += isWide(character) ? 2 : 1
        }
        return width
    }

    /// The widest line of `text` (cells may contain line breaks).
    public static func widestLine(of text: String) -> Int {
        text.split(separator: "\n", omittingEmptySubsequences: false)
            .map { displayWidth(of: String($0)) }.max() ?? 0
    }

    /// A column width that fits every text in `texts`, clamped to `minimum...maximum`.
    ///
    /// - Parameters:
    ///   - texts: the texts as displayed (format numbers before passing them in).
    ///   - minimum: the narrowest width to return.
    ///   - maximum: the widest width to return (Excel's limit is 255).
    ///   - padding: added to the widest text so it doesn't touch the border.
    ///   - autofilterButton: reserve room for a filter button (pass true for the
    ///     header of an autofiltered column).
    public static func fit<S: Sequence>(_ texts: S, minimum: Double = 6, maximum: Double = 60,
                                        padding: Double = 1, autofilterButton: Bool = false) -> Double
        where S.Element == String
    {
        var widest = 0
        for text in texts { widest = max(widest, widestLine(of: text)) }
        var width = Double(widest) + padding + (autofilterButton ? Self.autofilterButton : 0)
        width = min(max(width, minimum), maximum)
        return min(max(width, 0), ExcelLimits.maxColumnWidth)
    }

    /// A column width for a header and its values; the header gets the filter
    /// button room when `autofilter` is true.
    public static func fit<S: Sequence>(header: String, values: S, minimum: Double = 6, maximum: Double = 60,
                                        padding: Double = 1, autofilter: Bool = false) -> Double
        where S.Element == String
    {
        let headerWidth = fit([header], minimum: minimum, maximum: maximum, padding: padding, autofilterButton: autofilter)
        let valuesWidth = fit(values, minimum: minimum, maximum: maximum, padding: padding)
        return max(headerWidth, valuesWidth)
    }

    /// True for East Asian Wide/Fullwidth characters and emoji presentation.
    static func isWide(_ character: Character) -> Bool {
        for scalar in character.unicodeScalars {
            if scalar.properties.isEmojiPresentation { return true }
            if isWideScalar(scalar.value) { return true }
        }
        return false
    }

    private static func isWideScalar(_ v: UInt32) -> Bool {
        switch v {
        case 0x1100...0x115F,   // Hangul Jamo initials
             0x2E80...0x303E,   // CJK radicals, punctuation
             0x3041...0x33FF,   // Hiragana, Katakana, CJK symbols
             0x3400...0x4DBF,   // CJK Extension A
             0x4E00...0x9FFF,   // CJK Unified Ideographs
             0xA000...0xA4CF,   // Yi
             0xAC00...0xD7A3,   // Hangul syllables
             0xF900...0xFAFF,   // CJK compatibility ideographs
             0xFE30...0xFE4F,   // CJK compatibility forms
             0xFF00...0xFF60,   // Fullwidth forms
             0xFFE0...0xFFE6,
             0x20000...0x3FFFD: // CJK Extensions B…
            return true
        default:
            return false
        }
    }
}
