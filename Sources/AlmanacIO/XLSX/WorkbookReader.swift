import Foundation
import AlmanacCore
import AlmanacDiagnostics

/// Reads a sheet of an Excel workbook (`.xlsx`) into a table. The sheet's XML is streamed (inflated and parsed a
/// piece at a time, never held whole); each cell is typed by its cell type and number format (numbers, shared,
/// inline and rich strings, booleans, dates by format in the 1900 or 1904 system, formulas by their saved value,
/// error cells as nulls), then the columns get the CSV reader's inference and column loops, so a workbook and the
/// same table saved as CSV load alike: `0902` stays text, `-` is null, first-of-month dates make months.
public enum WorkbookReader {
    /// Whether a path names a workbook by its extension (`.xlsx`, `.xlsm`), or one of the spreadsheet files Almanac
    /// recognises only to say what to do (`.xls`, `.xlsb`, `.ods`).
    public static func isSpreadsheetPath(_ path: String) -> Bool {
        let ext = (path as NSString).pathExtension.lowercased()
        return ["xlsx", "xlsm", "xls", "xlsb", "ods"].contains(ext)
    }

    /// The names of a workbook's sheets, in order.
    public static func sheetNames(path: String) throws -> [String] {
        let container = try WorkbookContainer(path: path)
        return try WorkbookParts.read(container).sheets.map(\.name)
    }

    /// The column names of a sheet's header, as a load names them (reads the header and the first rows only).
    public static func header(path: String, sheet: String? = nil, options: CSVOptions = CSVOptions()) throws -> [String] {
        var o = options
        o.maxRows = 1
        o.declaredTypes = [:]
        return try load(path: path, sheet: sheet, options: o).table.columns.map(\.name)
    }

    /// Loads a sheet (the first when `sheet` is nil). `options` are the CSV reader's: declared types, null markers,
    /// the number style of text cells, leniency, columns, the sample size and a row limit.
    public static func load(path: String, sheet: String? = nil, options: CSVOptions = CSVOptions()) throws -> LoadResult {
        let container = try WorkbookContainer(path: path)
        let parts = try WorkbookParts.read(container)
        let chosen = try pick(sheet, in: parts, file: path)
        let strings = try SharedStrings.read(container, part: parts.sharedStringsPart)
        // A workbook Almanac wrote: names, labels and units from its Notes sheet, and where the header is (below a
        // title). A Notes sheet it cannot read changes nothing.
        let notes = (try? AlmanacNotes.columnLines(container, parts, strings, sheet: chosen.name)) ?? nil

        var plans: [ColumnParsePlan]? = nil
        var merges: [(c0: Int, r0: Int, c1: Int, r1: Int)] = []
        var mergesKnown = false
        var switchedOrder = Set<Int>()
        var rereads = 0
        var footerFrom: Int? = nil
        var footerKnown = false
        while true {
            let batch = RowBatch(capacity: max(4096, options.sampleRows + 1))
            let pass = SheetPass(file: path, sheet: chosen.name, options: options, plans: plans, merges: merges)
            if let notes, !notes.isEmpty { pass.expectedHeader = notes.map(\.header); pass.expectedNames = notes.map(\.name) }
            pass.headerRowAsked = options.headerRow
            pass.footerFrom = footerFrom
            let scanner = SheetScanner(batch: batch, strings: strings, styleKinds: parts.styleKinds, date1904: parts.date1904,
                                       decimalMark: options.numberStyle.decimalMark)
            scanner.onBatch = { b in
                if pass.expectedRows == 0, let d = scanner.dimension { pass.expectedRows = d.r1 - d.r0 }
                return try pass.take(b)
            }
            try stream(container, part: chosen.part, sheet: chosen.name, scanner: scanner)
            guard pass.hasHeader, !pass.names.isEmpty else {
                throw WorkbookError(file: path, sheet: chosen.name, message: "the sheet is empty: it needs a header row naming its columns",
                                    hint: parts.sheets.count > 1 ? "sheets: " + parts.sheets.map { "'\($0.name)'" }.joined(separator: ", ") : nil)
            }
            // Merged cells at or above the header (their ranges are listed after the rows) decide where the header
            // is and name every column they span: read again with the ranges known.
            if !mergesKnown, scanner.merges.contains(where: { $0.r0 <= pass.headerLastRow && $0.c1 > $0.c0 }) {
                mergesKnown = true
                merges = scanner.merges
                plans = nil
                continue
            }
            // Footer lines below the table (or `skip_footer` rows): read again without them, so that they type nothing.
            if !footerKnown, !pass.stoppedEarly, let cut = pass.footerCut() {
                footerKnown = true
                footerFrom = cut
                plans = nil
                continue
            }
            if let k = pass.missingColumns.first {
                throw WorkbookError(file: path, sheet: chosen.name, message: "no column '\(k)'", hint: "columns: " + pass.names.joined(separator: ", "))
            }
            if let revised = try pass.revisedPlans(switchedOrder: &switchedOrder) {
                plans = revised
                rereads += 1
                continue
            }
            var report = LoadReport(file: path, bytes: fileSize(path), delimiter: 0)
            report.rereads = rereads
            report.sheet = chosen.name
            report.sheets = parts.sheets.map(\.name)
            report.rejected = pass.rejected
            report.locator = .sheet(rows: pass.rowNumbers, columns: Dictionary(pass.names.enumerated().map { ($1, $0 + pass.firstColumn) }, uniquingKeysWith: { a, _ in a }))
            var table = try pass.assemble(report: &report)
            pass.finishLayoutNotes()
            report.layout = pass.layoutNotes
            if let u = pass.unit {
                // The unit line's unit goes to the numbers (not to years or codes).
                var cols = table.columns
                for i in cols.indices where cols[i].dataType.isNumeric && cols[i].meta.unit == nil { cols[i].meta.unit = u }
                table = try Table(columns: cols)
            }
            if let notes, !notes.isEmpty { table = try AlmanacNotes.restore(table, notes, report: &report) }
            for (c, n) in scanner.errorCells {
                let i = c - pass.firstColumn
                if i >= 0 && i < pass.names.count { report.errorCells[pass.names[i], default: 0] += n }
            }
            if scanner.unsavedFormulas > 0 {
                let more = scanner.unsavedFormulas - scanner.unsavedFormulaCells.count
                let cells = scanner.unsavedFormulaCells.joined(separator: ", ")
                let subject = scanner.unsavedFormulas == 1 ? "cell \(cells) has a formula but no saved value"
                                                           : "cells \(cells)\(more > 0 ? " and \(more) more" : "") have formulas but no saved values"
                report.warnings.append("\(path), sheet '\(chosen.name)': \(subject) (read as empty): open and save it in Excel")
            }
            return LoadResult(table: table, report: report)
        }
    }

    /// The sheet asked for (by name, NFC; a unique case-insensitive match also counts), or the first worksheet.
    static func pick(_ name: String?, in parts: WorkbookParts, file: String) throws -> WorkbookParts.Sheet {
        let names = parts.sheets.map(\.name)
        let listing = names.map { "'\($0)'" }.joined(separator: ", ")
        guard let name else {
            guard let first = parts.sheets.first(where: \.isWorksheet) else {
                throw WorkbookError(file: file, message: "the workbook has no worksheet", hint: names.isEmpty ? nil : "sheets: " + listing)
            }
            return first
        }
        let wanted = name.precomposedStringWithCanonicalMapping
        let sheet = parts.sheets.first { $0.name == wanted }
            ?? { let m = parts.sheets.filter { $0.name.lowercased() == wanted.lowercased() }; return m.count == 1 ? m[0] : nil }()
        guard let sheet else {
            let close = Suggestions.closest(to: wanted, among: names)
            throw WorkbookError(file: file, message: "no sheet '\(name)' in the workbook",
                                hint: (close.map { "did you mean '\($0)'? " } ?? "") + "sheets: " + listing)
        }
        guard sheet.isWorksheet else {
            throw WorkbookError(file: file, sheet: sheet.name, message: "this sheet is a chart, not a table", hint: "sheets: " + listing)
        }
        return sheet
    }

    /// Streams a sheet part through the scanner, locating what goes wrong.
    static func stream(_ container: WorkbookContainer, part: String, sheet: String, scanner: SheetScanner) throws {
        let xml = XMLStream(handler: scanner)
        scanner.stream = xml
        do {
            try container.stream(part) { piece in
                try xml.parse(piece, final: false)
                return !xml.stopped
            }
            if !xml.stopped { try xml.parse(UnsafeRawBufferPointer(start: nil, count: 0), final: true) }
        } catch let e as XMLStreamError {
            throw WorkbookError(file: container.path, sheet: sheet, message: "the workbook is damaged: the sheet is not well-formed XML (\(e.message), line \(e.line) of its part)",
                                hint: "open it in Excel and save it again")
        }
        do { try scanner.finish() } catch var e as WorkbookError {
            if e.file.isEmpty { e.file = container.path; e.sheet = sheet }
            throw e
        }
    }

    static func fileSize(_ path: String) -> Int {
        ((try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? NSNumber)?.intValue ?? 0
    }
}
