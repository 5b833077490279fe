import AlmanacCore

/// Reads a worksheet's XML as it streams by and writes each cell's value, typed by the cell's type and its style's
/// number format, as text into a `RowBatch`; hands the batch on whenever it is full. Also notes merged ranges, error
/// cells and formulas without a saved value.
final class SheetScanner: XMLStreamHandler {
    enum CellType: UInt8 { case number, sharedString, inlineString, formulaString, boolean, error, isoDate }

    let batch: RowBatch
    let strings: SharedStrings
    let styleKinds: [NumberFormatKind]
    let date1904: Bool
    /// Replaces `.` in numbers (a dataset declared with a decimal comma reads its numeric cells the same way).
    let decimalMark: UInt8
    /// Called with each full batch (and the last); returns false to stop reading.
    var onBatch: (RowBatch) throws -> Bool = { _ in true }
    /// A problem that stops the read (a shared string index out of range), with its cell.
    private(set) var failure: WorkbookError?
    weak var stream: XMLStream?

    // Where the parse is.
    private var rowNumber = 0
    private var nextColumn = 0
    private var inSheetData = false
    private var inCell = false
    private var collecting = false
    private var inInline = false
    private var phonetic = 0
    private var cellColumn = 0
    private var cellType = CellType.number
    private var cellStyle = 0
    private var cellFormula = false
    private var cellHasValue = false
    private var valueStart = 0
    private var stopped = false
    /// The rows wanted are read: the rest of the sheet is only parsed for its merged ranges.
    private(set) var skipping = false

    /// Merged ranges (zero-based columns, 1-based rows), from `mergeCells` after the data.
    private(set) var merges: [(c0: Int, r0: Int, c1: Int, r1: Int)] = []
    /// Error cells (`#N/A`, `#DIV/0!`) by column, read as nulls.
    private(set) var errorCells: [Int: Int] = [:]
    /// Formulas with no saved value: how many, and the first few cells.
    private(set) var unsavedFormulas = 0
    private(set) var unsavedFormulaCells: [String] = []
    /// The `dimension` the sheet declares (its used range), when it does.
    private(set) var dimension: (c0: Int, r0: Int, c1: Int, r1: Int)?

    init(batch: RowBatch, strings: SharedStrings, styleKinds: [NumberFormatKind], date1904: Bool, decimalMark: UInt8) {
        self.batch = batch
        self.strings = strings
        self.styleKinds = styleKinds
        self.date1904 = date1904
        self.decimalMark = decimalMark
    }

    // MARK: Callbacks

    func start(_ name: UnsafePointer<CChar>, _ attributes: UnsafeMutablePointer<UnsafePointer<CChar>?>) {
        if stopped { return }
        let n = XMLName.local(name)
        if skipping {
            if UInt8(bitPattern: n[0]) == UInt8(ascii: "m"), XMLName.equal(n, "mergeCell"),
               let ref = XMLName.string(XMLName.attribute(attributes, "ref")), let r = CellName.range(ref) { merges.append(r) }
            return
        }
        switch UInt8(bitPattern: n[0]) {
        case UInt8(ascii: "c") where n[1] == 0 && inSheetData:
            startCell(attributes)
        case UInt8(ascii: "v") where n[1] == 0 && inCell:
            collecting = true
            cellHasValue = true
        case UInt8(ascii: "f") where n[1] == 0 && inCell:
            cellFormula = true
        case UInt8(ascii: "t") where n[1] == 0 && inInline:
            collecting = phonetic == 0
            cellHasValue = true
        case UInt8(ascii: "i") where XMLName.equal(n, "is") && inCell:
            inInline = true
        case UInt8(ascii: "r"):
            if XMLName.equal(n, "row") && inSheetData {
                rowNumber = XMLName.attribute(attributes, "r").map { Self.integer($0) } ?? rowNumber + 1
                nextColumn = 0
            } else if XMLName.equal(n, "rPh") {
                phonetic += 1
            }
        case UInt8(ascii: "s") where XMLName.equal(n, "sheetData"):
            inSheetData = true
        case UInt8(ascii: "m") where XMLName.equal(n, "mergeCell"):
            if let ref = XMLName.string(XMLName.attribute(attributes, "ref")), let r = CellName.range(ref) { merges.append(r) }
        case UInt8(ascii: "d") where XMLName.equal(n, "dimension"):
            if let ref = XMLName.string(XMLName.attribute(attributes, "ref")) { dimension = CellName.range(ref) }
        default:
            break
        }
    }

    func end(_ name: UnsafePointer<CChar>) {
        if stopped || skipping { return }
        let n = XMLName.local(name)
        switch UInt8(bitPattern: n[0]) {
        case UInt8(ascii: "v") where n[1] == 0:
            collecting = false
        case UInt8(ascii: "t") where n[1] == 0:
            collecting = false
        case UInt8(ascii: "c") where n[1] == 0 && inCell:
            endCell()
        case UInt8(ascii: "i") where XMLName.equal(n, "is"):
            inInline = false
        case UInt8(ascii: "r"):
            if XMLName.equal(n, "row") && inSheetData {
                batch.endRow(number: rowNumber)
                if batch.isFull { handOn() }
            } else if XMLName.equal(n, "rPh") {
                phonetic -= 1
            }
        case UInt8(ascii: "s") where XMLName.equal(n, "sheetData"):
            inSheetData = false
        default:
            break
        }
    }

    func text(_ p: UnsafePointer<CChar>, _ n: Int) {
        guard collecting && !skipping else { return }
        p.withMemoryRebound(to: UInt8.self, capacity: n) { batch.appendText($0, n) }
    }

    /// Hands the last rows on (after the stream ends).
    func finish() throws {
        if !stopped && !skipping && batch.rows > 0 { handOn() }
        if let f = failure { throw f }
        if let e = handOffError { throw e }
    }

    private var handOffError: Error?

    private func handOn() {
        do {
            if try !onBatch(batch) { skipping = true }
        } catch {
            handOffError = error
            stop()
        }
        batch.removeAll()
    }

    private func stop() {
        stopped = true
        stream?.stop()
    }

    // MARK: Cells

    private func startCell(_ attributes: UnsafeMutablePointer<UnsafePointer<CChar>?>) {
        inCell = true
        cellFormula = false
        cellHasValue = false
        cellType = .number
        cellStyle = 0
        cellColumn = nextColumn
        var i = 0
        while let k = attributes[i], let v = attributes[i + 1] {
            switch (UInt8(bitPattern: k[0]), UInt8(bitPattern: k[1])) {
            case (UInt8(ascii: "r"), 0):
                if let ref = CellName.parse(v) { cellColumn = ref.column }
            case (UInt8(ascii: "s"), 0):
                cellStyle = Self.integer(v)
            case (UInt8(ascii: "t"), 0):
                switch (UInt8(bitPattern: v[0]), UInt8(bitPattern: v[1])) {
                case (UInt8(ascii: "s"), 0): cellType = .sharedString
                case (UInt8(ascii: "s"), _): cellType = .formulaString
                case (UInt8(ascii: "i"), _): cellType = .inlineString
                case (UInt8(ascii: "b"), _): cellType = .boolean
                case (UInt8(ascii: "e"), _): cellType = .error
                case (UInt8(ascii: "d"), _): cellType = .isoDate
                default: cellType = .number
                }
            default: break
            }
            i += 2
        }
        nextColumn = cellColumn + 1
        valueStart = batch.arenaCount
    }

    private func endCell() {
        inCell = false
        collecting = false
        inInline = false
        let start = valueStart
        let n = batch.arenaCount - start
        if !cellHasValue || n == 0 {
            if cellFormula && cellType != .formulaString && cellType != .inlineString {
                unsavedFormulas += 1
                if unsavedFormulaCells.count < 5 { unsavedFormulaCells.append(CellName.reference(column: cellColumn, row: rowNumber)) }
            }
            batch.truncateText(to: start)
            return
        }
        switch cellType {
        case .number:
            let kind = cellStyle < styleKinds.count ? styleKinds[cellStyle] : .number
            switch kind {
            case .number: finishNumber(start, n, decimal: false)
            case .decimal: finishNumber(start, n, decimal: true)
            default: CellText.rewriteSerial(batch, from: start, kind: kind, date1904: date1904)
            }
        case .sharedString:
            let index = CellText.integer(batch.arena.base! + start, n)
            batch.truncateText(to: start)
            let batch = self.batch
            let ok = strings.withString(index ?? -1) { (s: UnsafeBufferPointer<UInt8>) -> Bool in
                if let b = s.baseAddress, s.count > 0 { batch.appendText(b, s.count) }
                return true
            } != nil
            if !ok && failure == nil {
                failure = WorkbookError(file: "", cell: CellName.reference(column: cellColumn, row: rowNumber),
                                        message: "the cell refers to shared string \(index.map(String.init) ?? "?"), which the workbook does not have",
                                        hint: "the workbook is damaged: open it in Excel and save it again")
                stop()
            }
        case .inlineString, .formulaString:
            break
        case .boolean:
            let v = batch.arena.base![start]
            batch.truncateText(to: start)
            let t: StaticString = v == UInt8(ascii: "1") || v == UInt8(ascii: "t") || v == UInt8(ascii: "T") ? "true" : "false"
            batch.appendText(t.utf8Start, t.utf8CodeUnitCount)
        case .error:
            errorCells[cellColumn, default: 0] += 1
            batch.truncateText(to: start)
            return
        case .isoDate:
            CellText.rewriteISODate(batch, from: start)
        }
        if batch.arenaCount > start { batch.addCell(column: cellColumn, start: start) }
    }

    /// A number as written, with adjustments for the CSV rules: an integer of more than 15 digits (Excel keeps 15),
    /// or any whole number under a format with decimals (`decimal`), is marked as a decimal (`708.0`): not a code,
    /// not an integer; and the decimal mark follows the dataset's.
    @inline(__always)
    private func finishNumber(_ start: Int, _ n: Int, decimal: Bool) {
        let p = batch.arena.base! + start
        var digits = 0, plain = true
        for k in 0..<n {
            let c = p[k]
            if c >= 0x30 && c <= 0x39 { digits &+= 1 } else if c != UInt8(ascii: "-") { plain = false; if c == UInt8(ascii: ".") && decimalMark != c { p[k] = decimalMark } }
        }
        if plain && (digits > 15 || decimal) {
            let dst = batch.reserveText(2)
            dst[0] = decimalMark; dst[1] = 0x30
            batch.commitText(2)
        }
    }

    @inline(__always)
    static func integer(_ p: UnsafePointer<CChar>) -> Int {
        var v = 0, i = 0
        while true {
            let d = UInt8(bitPattern: p[i]) &- 0x30
            if d > 9 || v > 1 << 40 { return v }
            v = v &* 10 &+ Int(d)
            i += 1
        }
    }
}
