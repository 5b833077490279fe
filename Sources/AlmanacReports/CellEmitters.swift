import Foundation
import AlmanacCore
import AlmanacXLSX

/// Which rows of a column hold values, as raw words (nil: every row), for the hot loop.
struct RowMask {
    let words: [UInt64]?

    init(_ validity: Validity) {
        switch validity.storage {
        case .allValid: words = nil
        default: words = validity.words
        }
    }

    @inline(__always)
    func isValid(_ row: Int) -> Bool {
        guard let words else { return true }
        return words[row &>> 6] & (1 &<< UInt64(row & 63)) != 0
    }
}

/// The numbers of a numeric column as they are written (times the column's scale), null as nil.
struct NumericSource {
    let ints: [Int64]
    let doubles: [Double]
    let isInt: Bool
    let mask: RowMask
    let scale: Double

    init?(_ column: Column, scale: Double) {
        switch column.storage {
        case .int(let v): ints = v; doubles = []; isInt = true
        case .float(let v): ints = []; doubles = v; isInt = false
        default: return nil
        }
        mask = RowMask(column.validity)
        self.scale = scale
    }

    @inline(__always)
    func value(_ row: Int) -> Double? {
        guard mask.isValid(row) else { return nil }
        let v = isInt ? Double(ints[row]) : doubles[row]
        let scaled = scale == 1 ? v : v * scale
        return scaled.isFinite ? scaled : nil
    }
}

/// Excel date serials: days since 1899-12-30 (Excel's 1900 leap-year bug makes that exact from 1900-03-01).
enum ExcelDate {
    /// Serial of 1970-01-01.
    static let unixEpochSerial = 25_569
    /// Serial of 1900-03-01, the first date whose serial is plain day arithmetic.
    static let firstPlainSerial = 61
    /// Serial of 9999-12-31, Excel's last date.
    static let lastSerial = 2_958_465

    /// The serial for a day number (days since 1970-01-01), or nil outside 1900-03-01...9999-12-31.
    @inline(__always)
    static func serial(dayNumber: Int32) -> Double? {
        let s = Int(dayNumber) + unixEpochSerial
        return s >= firstPlainSerial && s <= lastSerial ? Double(s) : nil
    }

    @inline(__always)
    static func firstDay(ofMonth ordinal: Int32) -> Int32 {
        CivilDate.days(year: PeriodMath.floorDiv(ordinal, 12), month: PeriodMath.floorMod(ordinal, 12) + 1, day: 1)
    }
}

/// Writes one column's cells, row by row. One subclass per kind of cell keeps the hot loop free of
/// per-cell type switches, string building and format lookups.
class CellEmitter {
    let sheet: XLSXWorksheet
    let col: Int
    let format: XLSXFormat?
    /// Cells written as something other than planned (e.g. pre-1900 dates as text), for the sheet's warnings.
    var fallbackCells = 0
    /// Values that cannot be stored (NaN, ±infinity), left blank.
    var nonFiniteCells = 0

    init(sheet: XLSXWorksheet, col: Int, format: XLSXFormat?) {
        self.sheet = sheet
        self.col = col
        self.format = format
    }

    /// Writes table row `row` into sheet row `excelRow` (both zero-based).
    func emit(_ row: Int, _ excelRow: Int) throws {}

    /// The cell's text as displayed, for fitting the width; nil for an empty cell.
    func display(_ row: Int) -> String? { nil }
}

final class DoubleEmitter: CellEmitter {
    let values: [Double]
    let mask: RowMask
    let scale: Double
    let shape: DisplayText.NumberShape

    init(sheet: XLSXWorksheet, col: Int, format: XLSXFormat?, values: [Double], validity: Validity, scale: Double, numberFormat: NumberFormat?) {
        self.values = values
        self.mask = RowMask(validity)
        self.scale = scale
        self.shape = DisplayText.shape(of: numberFormat)
        super.init(sheet: sheet, col: col, format: format)
    }

    override func emit(_ row: Int, _ excelRow: Int) throws {
        guard mask.isValid(row) else { return }
        let v = scale == 1 ? values[row] : values[row] * scale
        guard v.isFinite else { nonFiniteCells += 1; return }
        try sheet.write(number: v, row: excelRow, col: col, format: format)
    }

    override func display(_ row: Int) -> String? {
        guard mask.isValid(row) else { return nil }
        return DisplayText.number(values[row] * scale, shape)
    }
}

final class IntEmitter: CellEmitter {
    let values: [Int64]
    let mask: RowMask
    let scale: Double
    let shape: DisplayText.NumberShape

    init(sheet: XLSXWorksheet, col: Int, format: XLSXFormat?, values: [Int64], validity: Validity, scale: Double, numberFormat: NumberFormat?) {
        self.values = values
        self.mask = RowMask(validity)
        self.scale = scale
        self.shape = DisplayText.shape(of: numberFormat)
        super.init(sheet: sheet, col: col, format: format)
    }

    override func emit(_ row: Int, _ excelRow: Int) throws {
        guard mask.isValid(row) else { return }
        try sheet.write(number: Double(values[row]) * scale, row: excelRow, col: col, format: format)
    }

    override func display(_ row: Int) -> String? {
        guard mask.isValid(row) else { return nil }
        return DisplayText.number(Double(values[row]) * scale, shape)
    }
}

final class BoolEmitter: CellEmitter {
    let values: [Bool]
    let mask: RowMask

    init(sheet: XLSXWorksheet, col: Int, values: [Bool], validity: Validity) {
        self.values = values
        self.mask = RowMask(validity)
        super.init(sheet: sheet, col: col, format: nil)
    }

    override func emit(_ row: Int, _ excelRow: Int) throws {
        guard mask.isValid(row) else { return }
        try sheet.writeBoolean(values[row], row: excelRow, col: col)
    }

    override func display(_ row: Int) -> String? {
        guard mask.isValid(row) else { return nil }
        return values[row] ? "TRUE" : "FALSE"
    }
}

/// Dictionary text: each distinct string is converted once; cells are written as strings, never formulas.
final class TextEmitter: CellEmitter {
    let codes: [Int32]
    let strings: [String]
    let mask: RowMask

    init(sheet: XLSXWorksheet, col: Int, codes: [Int32], dictionary: TextDictionary, validity: Validity) {
        self.codes = codes
        self.strings = dictionary.values
        self.mask = RowMask(validity)
        super.init(sheet: sheet, col: col, format: nil)
    }

    override func emit(_ row: Int, _ excelRow: Int) throws {
        guard mask.isValid(row) else { return }
        try sheet.write(string: strings[Int(codes[row])], row: excelRow, col: col)
    }

    override func display(_ row: Int) -> String? {
        guard mask.isValid(row) else { return nil }
        return strings[Int(codes[row])]
    }
}

/// Any column written as canonical text (a `text` override, or periods as text). Period texts are cached.
final class PlainTextEmitter: CellEmitter {
    let column: Column
    let mask: RowMask
    private var periodCache: [Int32: String] = [:]

    init(sheet: XLSXWorksheet, col: Int, column: Column) {
        self.column = column
        self.mask = RowMask(column.validity)
        super.init(sheet: sheet, col: col, format: nil)
    }

    func text(_ row: Int) -> String {
        switch column.storage {
        case .int(let v): return String(v[row])
        case .float(let v): return NumberFormatting.plain(v[row])
        case .bool(let v): return v[row] ? "true" : "false"
        case .text(let c, let d): return d.values[Int(c[row])]
        case .period(let o, let f):
            let ordinal = o[row]
            if let s = periodCache[ordinal] { return s }
            let s = PeriodFormat.string(ordinal, f)
            if periodCache.count < 100_000 { periodCache[ordinal] = s }
            return s
        }
    }

    override func emit(_ row: Int, _ excelRow: Int) throws {
        guard mask.isValid(row) else { return }
        if case .float(let v) = column.storage, !v[row].isFinite { nonFiniteCells += 1; return }
        try sheet.write(string: text(row), row: excelRow, col: col)
    }

    override func display(_ row: Int) -> String? {
        guard mask.isValid(row) else { return nil }
        return text(row)
    }
}

/// Months (first day) and days as Excel dates; outside Excel's calendar as canonical text.
final class PeriodDateEmitter: CellEmitter {
    let ordinals: [Int32]
    let frequency: Frequency
    let mask: RowMask
    let sample: String

    init(sheet: XLSXWorksheet, col: Int, format: XLSXFormat?, ordinals: [Int32], frequency: Frequency,
         validity: Validity, numberFormat: NumberFormat?) {
        precondition(frequency == .month || frequency == .day)
        self.ordinals = ordinals
        self.frequency = frequency
        self.mask = RowMask(validity)
        self.sample = DisplayText.dateWidthSample(numberFormat)
        super.init(sheet: sheet, col: col, format: format)
    }

    @inline(__always)
    func dayNumber(_ row: Int) -> Int32 {
        let o = ordinals[row]
        return frequency == .day ? o : ExcelDate.firstDay(ofMonth: o)
    }

    override func emit(_ row: Int, _ excelRow: Int) throws {
        guard mask.isValid(row) else { return }
        let day = dayNumber(row)
        if let serial = ExcelDate.serial(dayNumber: day) {
            try sheet.write(number: serial, row: excelRow, col: col, format: format)
            return
        }
        let c = CivilDate.civil(fromDays: day)
        if c.year == 1900, let format {
            // January and February 1900: let the XLSX layer apply Excel's leap-year quirk.
            try sheet.writeDate(year: Int(c.year), month: Int(c.month), day: Int(c.day), row: excelRow, col: col, format: format)
            return
        }
        fallbackCells += 1
        try sheet.write(string: PeriodFormat.string(ordinals[row], frequency), row: excelRow, col: col)
    }

    override func display(_ row: Int) -> String? {
        guard mask.isValid(row) else { return nil }
        return sample
    }
}

/// Years as the numbers they are.
final class PeriodYearEmitter: CellEmitter {
    let ordinals: [Int32]
    let mask: RowMask

    init(sheet: XLSXWorksheet, col: Int, format: XLSXFormat?, ordinals: [Int32], validity: Validity) {
        self.ordinals = ordinals
        self.mask = RowMask(validity)
        super.init(sheet: sheet, col: col, format: format)
    }

    override func emit(_ row: Int, _ excelRow: Int) throws {
        guard mask.isValid(row) else { return }
        try sheet.write(number: Double(ordinals[row]), row: excelRow, col: col, format: format)
    }

    override func display(_ row: Int) -> String? {
        guard mask.isValid(row) else { return nil }
        return String(ordinals[row])
    }
}
