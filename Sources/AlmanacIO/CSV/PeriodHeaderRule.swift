import AlmanacCore

/// When a column's values make it a period: the header's part of inference, and the notes that say why.
///
/// A header that names time (`TimeWords`: `period`, `tháng`, `kỳ`, `month`, `date`, `ngày` …), or a column the catalog
/// names as the period (`period = "code"`), is a period column when its values are shaped as periods. Under any other
/// header only shapes that no code takes make one: ISO months and quarters (`2024-10`, `2024-Q3`), full dates
/// (`15/10/2024`), words (`Tháng 10/2024`, `Quý III/2024`, `T10/2024`). A number, a separator and a year (`1/2023`,
/// `02-2023`, `3.2023`) is as often a code (a batch, a form, a licence) as a month, so a column of nothing else
/// stays text under a header that does not name time — with a note that says how to read it as periods.
enum PeriodHeaderRule {
    /// Whether the header (or the catalog) says the column holds time.
    static func namesTime(_ name: String, options: CSVOptions) -> Bool {
        TimeWords.isTimeHeader(name) || options.periodNames.contains(name)
    }

    /// Why a column under a time header is a period: its header (or the catalog) and a value.
    static func timeNote(_ name: String, _ f: Frequency, options: CSVOptions, example: String, first: Bool) -> String {
        let why = TimeWords.isTimeHeader(name) ? "header '\(name)' names time" : "the catalog names '\(name)' the period"
        return "period (\(f)): \(why) and " + (first ? "its first value '\(example)' is shaped as one" : "its values are shaped as periods, such as '\(example)'")
    }

    /// Why a column under another header is a period: every value is shaped as one, in a shape codes do not take.
    static func shapeNote(_ name: String, _ f: Frequency, example: String) -> String {
        "period (\(f)): every value is shaped as one, such as '\(example)' (a shape codes do not take), though the header '\(name)' does not name time"
    }

    /// Under a header that does not name time: the note of a column of periods that are only number/year pairs
    /// (`1/2023`), kept as text; nil when some value is shaped unmistakably.
    static func codesNote(_ name: String, _ values: [String]) -> String? {
        guard let first = values.first, values.allSatisfy(isNumberAndYear) else { return nil }
        return "kept as text: values look like periods (such as '\(first)') but the header '\(name)' does not name time; set period = \"\(name)\" in the catalog to use it"
    }

    /// `1/2023`, `02-2023`, `3.2023`: one or two digits, a separator, four digits, nothing else (spaces aside).
    static func isNumberAndYear(_ v: String) -> Bool {
        var digitsBefore = 0, digitsAfter = 0, separators = 0
        for b in v.utf8 where b != 0x20 && b != 0x09 {
            if b >= 0x30 && b <= 0x39 {
                if separators == 0 { digitsBefore += 1 } else { digitsAfter += 1 }
            } else if (b == UInt8(ascii: "/") || b == UInt8(ascii: "-") || b == UInt8(ascii: ".")) && separators == 0 && digitsBefore > 0 {
                separators = 1
            } else {
                return false
            }
        }
        return separators == 1 && (1...2).contains(digitsBefore) && digitsAfter == 4
    }
}
