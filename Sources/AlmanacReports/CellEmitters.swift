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

/// A computed column written as formulas over other cells of the row (and a base row), with the
/// column's own value cached; plain values wherever the formula cannot stand (see `FormulaHint`).
final class FormulaEmitter: CellEmitter {
    enum Resolved {
        case growth(value: NumericSource, letters: String, base: [Int32])
        case difference(value: NumericSource, letters: String, base: [Int32])
        case ratio(numerator: NumericSource, numeratorLetters: String, denominator: NumericSource, denominatorLetters: String)
        case expression(Compiled)
    }

    /// A `FormulaExpression` with its columns' numbers and letters; constants non-negative with their formula text.
    indirect enum Compiled {
        case cell(NumericSource, letters: String)
        case number(Double, text: String)
        case negate(Compiled)
        case binary(FormulaExpression.Operator, Compiled, Compiled)

        /// The formula text for one row (without `=`), its value computed as Excel will, and its precedence
        /// (0: + −, 1: × ÷, 2: unary minus, 3: a cell or constant). Nil when a cell is empty, a divisor is zero or
        /// a step is not finite.
        func render(_ row: Int, _ here: String) -> (text: String, value: Double, precedence: Int)? {
            switch self {
            case let .cell(source, letters):
                guard let v = source.value(row) else { return nil }
                return (letters + here, v, 3)
            case let .number(v, text):
                return (text, v, 3)
            case let .negate(x):
                guard let (t, v, p) = x.render(row, here) else { return nil }
                return ("-" + (p < 3 ? "(" + t + ")" : t), -v, 2)
            case let .binary(op, l, r):
                guard let (lt, lv, lp) = l.render(row, here), let (rt, rv, rp) = r.render(row, here) else { return nil }
                let p = op == .add || op == .subtract ? 0 : 1
                let v: Double
                switch op {
                case .add: v = lv + rv
                case .subtract: v = lv - rv
                case .multiply: v = lv * rv
                case .divide:
                    guard rv != 0 else { return nil }
                    v = lv / rv
                }
                guard v.isFinite else { return nil }
                // The tree's order stands: a right operand of the same precedence, and a negation on the right, keep
                // their parentheses (a + (b + c) is not always (a + b) + c in floating point; no "C5--D5").
                let left = lp < p ? "(" + lt + ")" : lt
                let right = rp <= p || rp == 2 ? "(" + rt + ")" : rt
                return (left + op.rawValue + right, v, p)
            }
        }
    }

    let own: NumericSource
    let resolved: Resolved
    let firstDataRow: Int
    let shape: DisplayText.NumberShape
    private(set) var formulaCells = 0
    /// Rows whose referenced cells held numbers but whose formula did not reproduce the column's value.
    private(set) var mismatchedCells = 0

    init(sheet: XLSXWorksheet, col: Int, format: XLSXFormat?, own: NumericSource, resolved: Resolved,
         firstDataRow: Int, numberFormat: NumberFormat?) {
        self.own = own
        self.resolved = resolved
        self.firstDataRow = firstDataRow
        self.shape = DisplayText.shape(of: numberFormat)
        super.init(sheet: sheet, col: col, format: format)
    }

    static func agrees(_ a: Double, _ b: Double) -> Bool {
        abs(a - b) <= 1e-9 * max(1, abs(a), abs(b))
    }

    /// The formula for `row` and the value it computes, or nil when a referenced cell is empty or a denominator is zero.
    func formula(_ row: Int, _ excelRow: Int) -> (String, Double)? {
        let here = String(excelRow + 1)
        switch resolved {
        case let .growth(value, letters, base), let .difference(value, letters, base):
            let b = Int(base[row])
            guard b >= 0, b < base.count, b != row, let v = value.value(row), let bv = value.value(b) else { return nil }
            let baseRef = letters + String(firstDataRow + b + 1)
            if case .growth = resolved {
                guard bv != 0 else { return nil }
                return ("=" + letters + here + "/" + baseRef + "-1", v / bv - 1)
            }
            return ("=" + letters + here + "-" + baseRef, v - bv)
        case let .ratio(n, nl, d, dl):
            guard let nv = n.value(row), let dv = d.value(row), dv != 0 else { return nil }
            return ("=" + nl + here + "/" + dl + here, nv / dv)
        case let .expression(compiled):
            guard let (text, value, _) = compiled.render(row, here) else { return nil }
            return ("=" + text, value)
        }
    }

    override func emit(_ row: Int, _ excelRow: Int) throws {
        guard let cached = own.value(row) else {
            if own.mask.isValid(row) { nonFiniteCells += 1 }
            return
        }
        if let (text, computed) = formula(row, excelRow) {
            if computed.isFinite, Self.agrees(computed, cached) {
                formulaCells += 1
                try sheet.writeFormula(text, cachedNumber: cached, row: excelRow, col: col, format: format)
                return
            }
            mismatchedCells += 1
        }
        try sheet.write(number: cached, row: excelRow, col: col, format: format)
    }

    override func display(_ row: Int) -> String? {
        own.value(row).map { DisplayText.number($0, shape) }
    }
}
