// The only files that talk to libxlsxwriter are CXlsx+*.swift: this one (error codes, workbook, worksheet),
// CXlsx+Format.swift and CXlsx+Chart.swift. Every C call lives in them, wrapped in a
// small typed value; every `lxw_error` becomes an `XLSXError` at once, with
// `lxw_strerror`'s text. No C pointer leaves the module: the wrappers are internal.
//
// Ownership (verified against libxlsxwriter 1.1.4 sources): the library copies
// every string it is given (file name, tmpdir, sheet names, document properties,
// number formats, chart titles and ranges, comments), so C strings only need to
// live for the duration of each call.

import CXlsxWriter
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Error-code conversion and library information.
enum LXW {
    /// Throws ``XLSXError/library(function:code:message:)`` unless `code` is `LXW_NO_ERROR`.
    @inline(__always)
    static func check(_ code: lxw_error, _ function: StaticString) throws {
        if code == LXW_NO_ERROR { return }
        throw error(code, function)
    }

    /// The Swift error for a libxlsxwriter error code.
    static func error(_ code: lxw_error, _ function: StaticString) -> XLSXError {
        let text = lxw_strerror(code).map { String(cString: $0) } ?? "unknown libxlsxwriter error"
        return .library(function: "\(function)", code: Int(code.rawValue), message: text)
    }

    /// The error for a constructor that returned NULL (libxlsxwriter's only signal there).
    static func nullResult(_ function: StaticString) -> XLSXError {
        error(LXW_ERROR_MEMORY_MALLOC_FAILED, function)
    }

    /// Runs `body` with `text` as a C string, refusing text with an embedded NUL
    /// (C would silently cut it there; Excel cannot store U+0000 anyway).
    @inline(__always)
    static func withCString<R>(_ text: String, _ what: @autoclosure () -> String,
                               _ body: (UnsafePointer<CChar>) -> R) throws -> R {
        let expected = text.utf8.count
        return try text.withCString { pointer in
            guard strlen(pointer) == expected else {
                throw XLSXError.invalidArgument("\(what()) contains a NUL character (U+0000), which Excel cannot store")
            }
            return body(pointer)
        }
    }

    /// `errno` as the last failed `workbook_close` left it (0 when unknown): the system's reason for the failure.
    nonisolated(unsafe) static var lastCloseErrno: Int32 = 0

    /// Runs `body` with stderr sent to a temporary file; afterwards everything written there is passed on to the real
    /// stderr except libxlsxwriter's own `[ERROR]`/`[WARNING]` lines (the Swift error says what failed, once).
    static func holdingBackMessages<R>(_ body: () -> R) -> R {
        fflush(stderr)
        let saved = dup(2)
        guard saved >= 0, let held = tmpfile() else {
            if saved >= 0 { close(saved) }
            return body()
        }
        dup2(fileno(held), 2)
        let result = body()
        fflush(stderr)
        dup2(saved, 2)
        close(saved)
        rewind(held)
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 4096)
        while true {
            let n = fread(&chunk, 1, chunk.count, held)
            if n <= 0 { break }
            bytes += chunk[0..<n]
        }
        fclose(held)
        let kept = String(decoding: bytes, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
            .filter { !$0.hasPrefix("[ERROR]") && !$0.hasPrefix("[WARNING]") }.joined(separator: "\n")
        if !kept.isEmpty { fputs(kept, stderr); fflush(stderr) }
        return result
    }

    /// The libxlsxwriter version string, e.g. "1.1.4".
    static var version: String { String(cString: lxw_version()) }
}

// MARK: - Workbook

/// A typed `lxw_workbook *`.
struct LXWWorkbook {
    let raw: UnsafeMutablePointer<lxw_workbook>

    /// `workbook_new_opt`: creates an in-memory workbook that will be written to `path` on close.
    static func open(path: String, constantMemory: Bool, tmpdir: String?, useZip64: Bool) throws -> LXWWorkbook {
        var options = lxw_workbook_options()
        options.constant_memory = constantMemory ? 1 : 0
        options.use_zip64 = useZip64 ? 1 : 0
        let tmp = tmpdir.map { strdup($0)! }
        defer { free(tmp) }
        options.tmpdir = tmp
        guard let raw = workbook_new_opt(path, &options) else { throw LXW.nullResult("workbook_new_opt") }
        return LXWWorkbook(raw: raw)
    }

    /// `workbook_set_properties`.
    func setProperties(_ p: DocumentProperties) throws {
        var allocated: [UnsafeMutablePointer<CChar>] = []
        defer { allocated.forEach { free($0) } }
        func dup(_ s: String?) -> UnsafeMutablePointer<CChar>? {
            guard let s, let copy = strdup(s) else { return nil }
            allocated.append(copy)
            return copy
        }
        var props = lxw_doc_properties()
        props.title = dup(p.title)
        props.subject = dup(p.subject)
        props.author = dup(p.author)
        props.manager = dup(p.manager)
        props.company = dup(p.company)
        props.category = dup(p.category)
        props.keywords = dup(p.keywords)
        props.comments = dup(p.comments)
        props.status = dup(p.status)
        if let created = p.created {
            props.created = time_t(created.timeIntervalSince1970.rounded(.down))
        }
        try LXW.check(workbook_set_properties(raw, &props), "workbook_set_properties")
    }

    /// `workbook_add_worksheet`; the name must already be validated.
    func addWorksheet(name: String) throws -> LXWWorksheet {
        guard let ws = workbook_add_worksheet(raw, name) else {
            let code = workbook_validate_sheet_name(raw, name)
            throw code == LXW_NO_ERROR ? LXW.nullResult("workbook_add_worksheet") : LXW.error(code, "workbook_add_worksheet")
        }
        return LXWWorksheet(raw: ws)
    }

    /// `workbook_add_format` followed by the `format_set_*` calls for `style`.
    func addFormat(_ style: CellStyle) throws -> LXWFormat {
        guard let raw = workbook_add_format(raw) else { throw LXW.nullResult("workbook_add_format") }
        let format = LXWFormat(raw: raw)
        format.apply(style)
        return format
    }

    /// `workbook_add_chart` for `kind`.
    func addChart(_ kind: ChartSpec.Kind) throws -> LXWChart {
        let type: lxw_chart_type
        switch kind {
        case .line: type = LXW_CHART_LINE
        case .column: type = LXW_CHART_COLUMN
        case .stackedColumn: type = LXW_CHART_COLUMN_STACKED
        case .percentStackedColumn: type = LXW_CHART_COLUMN_STACKED_PERCENT
        case .bar: type = LXW_CHART_BAR
        case .stackedBar: type = LXW_CHART_BAR_STACKED
        case .pie: type = LXW_CHART_PIE
        }
        guard let chart = workbook_add_chart(raw, UInt8(type.rawValue)) else { throw LXW.nullResult("workbook_add_chart") }
        return LXWChart(raw: chart)
    }

    /// `workbook_close`: writes the file and frees the workbook, whatever the outcome. libxlsxwriter's own
    /// messages on stderr (`[ERROR] workbook_close(): …`) are held back: a failure becomes an error the caller words.
    consuming func close() throws {
        let raw = self.raw
        var saved: Int32 = 0
        let code = LXW.holdingBackMessages { () -> lxw_error in
            errno = 0
            let code = workbook_close(raw)
            saved = errno
            return code
        }
        LXW.lastCloseErrno = code == LXW_NO_ERROR ? 0 : saved
        try LXW.check(code, "workbook_close")
    }

    /// Frees the workbook without writing anything.
    ///
    /// `lxw_worksheet_free` does not close a constant-memory sheet's temporary file
    /// (normally closed while assembling), so close those first to avoid leaking them.
    consuming func discard(worksheets: [LXWWorksheet]) {
        for ws in worksheets {
            if let tmp = ws.raw.pointee.optimize_tmpfile {
                fclose(tmp)
                ws.raw.pointee.optimize_tmpfile = nil
                ws.raw.pointee.file = nil
            }
        }
        lxw_workbook_free(raw)
    }
}

// MARK: - Worksheet

/// A typed `lxw_worksheet *`. Rows and columns are already range-checked.
struct LXWWorksheet {
    let raw: UnsafeMutablePointer<lxw_worksheet>

    @inline(__always)
    func writeNumber(_ row: UInt32, _ col: UInt16, _ value: Double, _ format: LXWFormat?) throws {
        try LXW.check(worksheet_write_number(raw, row, col, value, format?.raw), "worksheet_write_number")
    }

    /// `worksheet_write_string` always stores text as a string, never as a formula,
    /// even when it starts with `=`, `+`, `-` or `@`.
    @inline(__always)
    func writeString(_ row: UInt32, _ col: UInt16, _ text: String, _ format: LXWFormat?) throws {
        let code = try LXW.withCString(text, "text for row \(row), column \(col)") {
            worksheet_write_string(raw, row, col, $0, format?.raw)
        }
        try LXW.check(code, "worksheet_write_string")
    }

    func writeBlank(_ row: UInt32, _ col: UInt16, _ format: LXWFormat?) throws {
        try LXW.check(worksheet_write_blank(raw, row, col, format?.raw), "worksheet_write_blank")
    }

    func writeFormula(_ row: UInt32, _ col: UInt16, _ formula: String, _ format: LXWFormat?, cachedNumber: Double) throws {
        let code = try LXW.withCString(formula, "formula for row \(row), column \(col)") {
            worksheet_write_formula_num(raw, row, col, $0, format?.raw, cachedNumber)
        }
        try LXW.check(code, "worksheet_write_formula_num")
    }

    func writeFormula(_ row: UInt32, _ col: UInt16, _ formula: String, _ format: LXWFormat?, cachedString: String) throws {
        let code = try LXW.withCString(formula, "formula for row \(row), column \(col)") { f in
            try? LXW.withCString(cachedString, "") { worksheet_write_formula_str(raw, row, col, f, format?.raw, $0) }
        }
        guard let code else {
            throw XLSXError.invalidArgument("cached text for row \(row), column \(col) contains a NUL character (U+0000), which Excel cannot store")
        }
        try LXW.check(code, "worksheet_write_formula_str")
    }

    func writeBoolean(_ row: UInt32, _ col: UInt16, _ value: Bool, _ format: LXWFormat?) throws {
        try LXW.check(worksheet_write_boolean(raw, row, col, value ? 1 : 0, format?.raw), "worksheet_write_boolean")
    }

    func writeDate(_ row: UInt32, _ col: UInt16, year: Int, month: Int, day: Int, _ format: LXWFormat?) throws {
        var dt = lxw_datetime(year: Int32(year), month: Int32(month), day: Int32(day), hour: 0, min: 0, sec: 0)
        try LXW.check(worksheet_write_datetime(raw, row, col, &dt, format?.raw), "worksheet_write_datetime")
    }

    func writeComment(_ row: UInt32, _ col: UInt16, _ text: String) throws {
        let code = try LXW.withCString(text, "comment for row \(row), column \(col)") {
            worksheet_write_comment(raw, row, col, $0)
        }
        try LXW.check(code, "worksheet_write_comment")
    }

    func setColumns(_ first: UInt16, _ last: UInt16, width: Double, _ format: LXWFormat?) throws {
        try LXW.check(worksheet_set_column(raw, first, last, width, format?.raw), "worksheet_set_column")
    }

    func setRow(_ row: UInt32, height: Double, _ format: LXWFormat?) throws {
        try LXW.check(worksheet_set_row(raw, row, height, format?.raw), "worksheet_set_row")
    }

    /// Replaces the name libxlsxwriter uses in defined names (autofilter, print
    /// areas) when its own quoting would be wrong; see `SheetName+Quoting.swift`.
    func fixQuotedName(_ name: String) {
        guard SheetName.needsQuotingBeyondLibxlsxwriter(name) else { return }
        free(raw.pointee.quoted_name)
        raw.pointee.quoted_name = strdup(SheetName.referenceForm(name))
    }

    func setPageSetup(landscape: Bool, paper: UInt8, fitWidth: UInt16, fitHeight: UInt16,
                      repeatRows: (UInt32, UInt32)?, footer: String?) throws {
        if landscape { worksheet_set_landscape(raw) } else { worksheet_set_portrait(raw) }
        worksheet_set_paper(raw, paper)
        if fitWidth > 0 || fitHeight > 0 { worksheet_fit_to_pages(raw, fitWidth, fitHeight) }
        if let (first, last) = repeatRows {
            try LXW.check(worksheet_repeat_rows(raw, first, last), "worksheet_repeat_rows")
        }
        if let footer {
            let code = try LXW.withCString(footer, "footer") { worksheet_set_footer(raw, $0) }
            try LXW.check(code, "worksheet_set_footer")
        }
    }

    func freezePanes(_ row: UInt32, _ col: UInt16) {
        worksheet_freeze_panes(raw, row, col)
    }

    func autofilter(_ r1: UInt32, _ c1: UInt16, _ r2: UInt32, _ c2: UInt16) throws {
        try LXW.check(worksheet_autofilter(raw, r1, c1, r2, c2), "worksheet_autofilter")
    }

    func mergeRange(_ r1: UInt32, _ c1: UInt16, _ r2: UInt32, _ c2: UInt16, _ text: String, _ format: LXWFormat?) throws {
        let code = try LXW.withCString(text, "merged text at row \(r1), column \(c1)") {
            worksheet_merge_range(raw, r1, c1, r2, c2, $0, format?.raw)
        }
        try LXW.check(code, "worksheet_merge_range")
    }

    func insertChart(_ row: UInt32, _ col: UInt16, _ chart: LXWChart, xScale: Double, yScale: Double) throws {
        var options = lxw_chart_options()
        options.x_scale = xScale
        options.y_scale = yScale
        try LXW.check(worksheet_insert_chart_opt(raw, row, col, chart.raw, &options), "worksheet_insert_chart_opt")
    }

    func conditionalFormat(_ r1: UInt32, _ c1: UInt16, _ r2: UInt32, _ c2: UInt16,
                           rule: ConditionalFormat.Rule, _ format: LXWFormat) throws {
        var cf = lxw_conditional_format()
        cf.type = UInt8(LXW_CONDITIONAL_TYPE_CELL.rawValue)
        let criteria: lxw_conditional_criteria
        switch rule {
        case let .lessThan(x): criteria = LXW_CONDITIONAL_CRITERIA_LESS_THAN; cf.value = x
        case let .lessThanOrEqual(x): criteria = LXW_CONDITIONAL_CRITERIA_LESS_THAN_OR_EQUAL_TO; cf.value = x
        case let .greaterThan(x): criteria = LXW_CONDITIONAL_CRITERIA_GREATER_THAN; cf.value = x
        case let .greaterThanOrEqual(x): criteria = LXW_CONDITIONAL_CRITERIA_GREATER_THAN_OR_EQUAL_TO; cf.value = x
        case let .equal(x): criteria = LXW_CONDITIONAL_CRITERIA_EQUAL_TO; cf.value = x
        case let .notEqual(x): criteria = LXW_CONDITIONAL_CRITERIA_NOT_EQUAL_TO; cf.value = x
        case let .between(a, b): criteria = LXW_CONDITIONAL_CRITERIA_BETWEEN; cf.min_value = a; cf.max_value = b
        case let .notBetween(a, b): criteria = LXW_CONDITIONAL_CRITERIA_NOT_BETWEEN; cf.min_value = a; cf.max_value = b
        case .always:
            // A formula rule that is always true (libxlsxwriter copies the string).
            cf.type = UInt8(LXW_CONDITIONAL_TYPE_FORMULA.rawValue)
            cf.format = format.raw
            let code = "TRUE".withCString { text -> lxw_error in
                cf.value_string = UnsafeMutablePointer(mutating: text)
                return worksheet_conditional_format_range(raw, r1, c1, r2, c2, &cf)
            }
            try LXW.check(code, "worksheet_conditional_format_range")
            return
        }
        cf.criteria = UInt8(criteria.rawValue)
        cf.format = format.raw
        try LXW.check(worksheet_conditional_format_range(raw, r1, c1, r2, c2, &cf), "worksheet_conditional_format_range")
    }
}
