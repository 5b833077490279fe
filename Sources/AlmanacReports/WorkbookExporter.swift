import Foundation
import AlmanacCore
import AlmanacIO
import AlmanacXLSX

/// Runs the query of one sheet. The query engine implements this; tests use hand-built tables.
public protocol SheetQueryRunner {
    /// Runs `query` with `parameters` (canonical values, e.g. `period` → `2024-10`) and returns the table,
    /// the formula hints, the warnings and the datasets read. Errors are thrown (and stop the export).
    func run(query: SourceText, parameters: [String: String]) throws -> SheetResult
}

/// What a query produced for one sheet.
public struct SheetResult: Sendable {
    public var table: Table
    /// Formula hints by column name (used when the sheet sets `formulas = true`).
    public var formulaHints: [String: FormulaHint]
    /// Run-time warnings for the Notes sheet (diagnostics of severity warning).
    public var warnings: [SheetWarning]
    /// The datasets the query read, for provenance on the Notes sheet.
    public var datasets: [DatasetSpec]
    /// Every row a lenient load set aside, by source: the Notes sheet lists them all.
    public var rejected: [(source: String, rows: [RejectedRow])]
    /// Cells a warning concerns, by column: row → note (marked on the sheet, each with its note).
    public var marks: [String: [Int32: String]] = [:]

    public init(table: Table, formulaHints: [String: FormulaHint] = [:], warnings: [SheetWarning] = [], datasets: [DatasetSpec] = [],
                rejected: [(source: String, rows: [RejectedRow])] = []) {
        self.table = table
        self.formulaHints = formulaHints
        self.warnings = warnings
        self.datasets = datasets
        self.rejected = rejected
    }
}

/// How exports are written.
public struct ExportOptions: Sendable {
    /// Constant-memory mode for every workbook (nil: each workbook file's `constant_memory` decides, and without
    /// it the size of the results: any sheet over `SheetWriter.streamingThreshold` rows streams).
    public var constantMemory: Bool?
    public var almanacVersion: String
    /// The clock (fixed in tests).
    public var now: @Sendable () -> Date
    public var timeZone: TimeZone
    /// `fsync` before the atomic rename.
    public var syncBeforeRename: Bool
    /// Progress is reported every this-many rows while a sheet is written.
    public var progressInterval: Int

    public init(constantMemory: Bool? = nil, almanacVersion: String = AlmanacVersion.current, now: @escaping @Sendable () -> Date = { Date() },
                timeZone: TimeZone = .current, syncBeforeRename: Bool = true, progressInterval: Int = 50_000) {
        self.constantMemory = constantMemory
        self.almanacVersion = almanacVersion
        self.now = now
        self.timeZone = timeZone
        self.syncBeforeRename = syncBeforeRename
        self.progressInterval = progressInterval
    }
}

/// One sheet of a finished export, for the CLI to print.
public struct SheetSummary: Hashable, Sendable {
    public var name: String
    public var rows: Int
    public var columns: Int
    public var formulaCells: Int
    public var warnings: Int
    /// Set when the workbook file's name for the sheet was not valid in Excel and `name` was derived from it.
    public var renamed: SheetSpec.Renaming?
}

/// A finished export.
public struct ExportSummary: Sendable {
    public var workbookFile: String
    public var output: URL
    public var parameters: [ParameterValue]
    /// The data sheets in order (the Notes sheet, always last, is not listed).
    public var sheets: [SheetSummary]
}

/// Where a long export is.
public enum ExportProgress: Sendable, Equatable {
    /// Sheet `index` (1-based) of `count` is running its query.
    case runningQuery(sheet: String, index: Int, count: Int)
    /// Rows written so far on a sheet.
    case writingRows(sheet: String, written: Int, total: Int)
    case writingNotes
    /// The workbook is being assembled and saved.
    case saving(URL)
    case finished(URL)
}

/// A sheet whose query or writing failed; the workbook is not written.
public struct WorkbookExportError: Error, CustomStringConvertible, Sendable {
    public var file: String
    public var sheetIndex: Int
    public var sheetName: String
    /// What the sheet was doing when it failed.
    public enum Stage: Sendable, Equatable {
        /// Running the sheet's query.
        case query
        /// Writing the sheet's cells, charts and formats.
        case write
    }
    /// What the sheet was doing.
    public var stage: Stage
    public var underlying: Error

    public var description: String {
        let what = switch stage {
        case .query: "the query failed"
        case .write: "writing the sheet failed"
        }
        return "\(file): sheet \(sheetIndex) \"\(sheetName)\": \(what):\n" + String(describing: underlying)
    }
}

/// The outcome of one workbook file in `exportAll`.
public struct WorkbookExportOutcome: Sendable {
    public var file: String
    public var result: Result<ExportSummary, Error>
}

/// Builds workbooks from workbook files: runs each sheet's query, writes the sheets in order and the
/// Notes sheet last, and saves atomically (a failed export leaves an earlier file at the path untouched).
public struct WorkbookExporter {
    public var runner: any SheetQueryRunner
    public var options: ExportOptions

    public init(runner: any SheetQueryRunner, options: ExportOptions = ExportOptions()) {
        self.runner = runner
        self.options = options
    }

    /// Exports one workbook.
    ///
    /// - Parameters:
    ///   - parameters: overrides of the declared parameters (raw text; canonicalised by type).
    ///   - output: a file to write instead of the workbook's `output` template.
    ///   - ignoreUnknownParameters: skip overrides the workbook does not declare.
    ///   - progress: called on the calling thread as the export advances.
    @discardableResult
    public func export(_ spec: WorkbookSpec, parameters overrides: [String: String] = [:], output: URL? = nil,
                       ignoreUnknownParameters: Bool = false,
                       progress: ((ExportProgress) -> Void)? = nil) throws -> ExportSummary {
        let parameters = try spec.resolveParameters(overrides, ignoreUnknown: ignoreUnknownParameters)
        var values: [String: String] = [:]
        for p in parameters { values[p.name] = p.value }
        let url = output ?? spec.outputURL(parameters: parameters)
        let started = options.now()
        // Titles may name parameters: "Báo cáo tháng {period}" → "Báo cáo tháng 2024-12".
        let title = spec.title.map { OutputTemplate.title($0, values: values) }
        let properties = DocumentProperties(
            title: title, subject: spec.subject ?? title.map { "Almanac: \($0)" },
            author: "Almanac", company: nil, keywords: "Almanac",
            comments: "Tạo bởi Almanac \(options.almanacVersion) từ \(spec.file)"
                + (parameters.isEmpty ? "" : " (" + parameters.map(\.description).joined(separator: ", ") + ")"),
            created: started)
        // Every query runs, and every option naming a column is checked against its result, before the file is
        // opened: a failing sheet writes nothing, and the row counts decide whether the workbook streams its rows
        // (constant memory) when neither the caller nor the file says.
        var prepared: [(sheet: SheetSpec, result: SheetResult, options: SheetOptions, ranAt: Date)] = []
        for sheet in spec.sheets {
            progress?(.runningQuery(sheet: sheet.name, index: sheet.index, count: spec.sheets.count))
            let ranAt = options.now()
            let result: SheetResult
            do { result = try runner.run(query: sheet.query, parameters: values) } catch {
                throw WorkbookExportError(file: spec.file, sheetIndex: sheet.index, sheetName: sheet.name, stage: .query, underlying: error)
            }
            var sheetOptions = sheet.options
            sheetOptions.title = sheet.options.title.map { OutputTemplate.title($0, values: values) }
            sheetOptions.formulaHints = result.formulaHints
            sheetOptions.cellMarks = result.marks
            let problems = SheetWriter.problems(result.table, options: sheetOptions)
            if let first = problems.first {
                var e = WorkbookSpecError(file: spec.file, sheetIndex: sheet.index, sheetName: sheet.name,
                                          field: first.field, message: first.message, hint: first.hint)
                if problems.count > 1 {
                    e.message += " (and \(problems.count - 1) more: " + problems.dropFirst().map { "'\($0.field)'" }.joined(separator: ", ") + ")"
                }
                throw e
            }
            prepared.append((sheet, result, sheetOptions, ranAt))
        }
        let largest = prepared.map(\.result.table.rowCount).max() ?? 0
        let xlsxOptions = XLSXWorkbook.Options(
            constantMemory: options.constantMemory ?? spec.constantMemory ?? (largest > SheetWriter.streamingThreshold),
            syncBeforeRename: options.syncBeforeRename)

        return try XLSXWorkbook.write(to: url, options: xlsxOptions, properties: properties) { workbook in
            var writer = SheetWriter(workbook: workbook)
            writer.progressInterval = options.progressInterval
            var notes = WorkbookNotes(title: title, workbookFile: spec.file, generatedAt: started,
                                      almanacVersion: options.almanacVersion, timeZone: options.timeZone, parameters: parameters)
            var summaries: [SheetSummary] = []
            for (sheet, result, sheetOptions, ranAt) in prepared {
                let written: WrittenSheet
                do {
                    let total = result.table.rowCount
                    written = try writer.write(result.table, name: sheet.name, options: sheetOptions) { n in
                        progress?(.writingRows(sheet: sheet.name, written: n, total: total))
                    }
                } catch {
                    throw WorkbookExportError(file: spec.file, sheetIndex: sheet.index, sheetName: sheet.name, stage: .write, underlying: error)
                }
                var warnings = result.warnings + written.warnings
                if let r = sheet.renamed {
                    warnings.append(SheetWarning(
                        message: "Tên trang “\(r.declared)” trong tệp sổ không dùng được trong Excel; trang được đặt tên “\(written.name)”.",
                        id: "report.sheet-renamed", hints: ["Give the sheet a valid name in \(spec.file) to keep it as written."],
                        notes: [r.problem, r.changes].filter { !$0.isEmpty }))
                }
                if result.table.rowCount == 0 {
                    let given = parameters.map(\.description).joined(separator: ", ")
                    warnings.append(SheetWarning(message: "Trang tính không có dòng nào" + (given.isEmpty ? "" : " với \(given)") + ": dữ liệu không có kỳ này, hoặc các bước lọc không để lại dòng nào.",
                                                 id: "report.empty-sheet", hints: ["The sheet has no rows for these parameters; check the period against the data's range (almanac describe)."]))
                }
                notes.sheets.append(SheetNotes(
                    sheetName: written.name, query: sheet.query, parameters: parameters, datasets: result.datasets, rejected: result.rejected,
                    warnings: warnings, generatedAt: ranAt, rows: written.rows, columns: written.columns,
                    columnLines: SheetNotes.columnLines(result.table, written: written)))
                summaries.append(SheetSummary(name: written.name, rows: written.rows, columns: written.columns,
                                              formulaCells: written.formulaCells, warnings: warnings.count, renamed: sheet.renamed))
            }
            progress?(.writingNotes)
            try NotesSheet.write(notes, into: workbook)
            progress?(.saving(url))
            return ExportSummary(workbookFile: spec.file, output: url, parameters: parameters, sheets: summaries)
        }
        .also { progress?(.finished($0.output)) }
    }

    /// Exports every `*.toml` in `directory` (sorted by name). A failing workbook does not stop the others.
    ///
    /// - Parameters:
    ///   - parameters: overrides applied to each workbook that declares them (others ignore them).
    ///   - outputDirectory: write each workbook there (under its own file name) instead of its `output` folder.
    public func exportAll(directory: URL, parameters: [String: String] = [:], outputDirectory: URL? = nil,
                          progress: ((_ file: String, _ progress: ExportProgress) -> Void)? = nil) throws -> [WorkbookExportOutcome] {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: directory.path)
                .filter { $0.hasSuffix(".toml") && !$0.hasPrefix(".") }.sorted()
        } catch {
            throw WorkbookSpecError(file: directory.path, message: "cannot list workbook files: \(error.localizedDescription)")
        }
        return names.map { name in
            let file = directory.appendingPathComponent(name).path
            do {
                let spec = try WorkbookSpec.load(file: file)
                var output: URL? = nil
                if let outputDirectory {
                    let resolved = spec.outputURL(parameters: try spec.resolveParameters(parameters, ignoreUnknown: true))
                    output = outputDirectory.appendingPathComponent(resolved.lastPathComponent)
                }
                let summary = try export(spec, parameters: parameters, output: output, ignoreUnknownParameters: true) {
                    progress?(file, $0)
                }
                return WorkbookExportOutcome(file: file, result: .success(summary))
            } catch {
                return WorkbookExportOutcome(file: file, result: .failure(error))
            }
        }
    }
}

extension ExportSummary {
    fileprivate func also(_ body: (ExportSummary) -> Void) -> ExportSummary {
        body(self)
        return self
    }
}
