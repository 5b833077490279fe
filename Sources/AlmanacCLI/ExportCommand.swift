import ArgumentParser
import Foundation
import Almanac

/// `almanac export Workbooks/NAME.toml [--param k=v] [-o PATH]` or `almanac export --all`.
struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "export", abstract: "Build workbooks from workbook files (Workbooks/*.toml).")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "A workbook file.") var file: String?
    @Flag(help: "Build every workbook under --workbooks.") var all = false
    @Option(help: "The folder of workbook files for --all.") var workbooks: String = "Workbooks"
    @Option(name: .customLong("param"), help: "A parameter: --param period=2024-10 (repeatable).") var params: [String] = []
    @Option(name: .shortAndLong, help: "Output path (default: the workbook file's `output`).") var output: String?
    @Flag(help: "No progress lines on stderr.") var quiet = false

    func validate() throws {
        // One workbook goes to the file -o names, which must be an .xlsx (with --all, -o is a folder).
        if !all, let out = output, (out as NSString).pathExtension.lowercased() != "xlsx" {
            throw ValidationError("export writes an Excel workbook: -o must name a .xlsx file, not '\(out)' (a query's result is saved as CSV with almanac query … -o FILE.csv)")
        }
    }

    func run() throws {
        try reportingErrors { try perform() }
    }

    func perform() throws {
        do {
            let parameters = try parseParameters(params)
            // Saved queries resolve against the workbook's project folder; so does the data, unless --data-dir says
            // otherwise or ./Data exists here.
            var options = global
            if options.dataDir == "./Data", !FileManager.default.fileExists(atPath: "./Data") {
                let project = file.map { WorkbookSpec.projectDirectory(for: $0) } ?? (URL(fileURLWithPath: workbooks).deletingLastPathComponent().path)
                options.dataDir = (project as NSString).appendingPathComponent("Data")
            }
            // The command's provider: files by path and datasets alike lenient with --lenient, and the rows an
            // unpivot's steps set aside written to the rejected-rows report beside the loads' (as `query` does).
            let engine = try options.engine()
            var runner = EngineSheetRunner(engine: engine)
            runner.onResult = { try (engine.provider as? CommandTableProvider)?.recordStepRejections($0) }
            let exporter = WorkbookExporter(runner: runner)
            let progress: (ExportProgress) -> Void = { p in
                guard !quiet else { return }
                if case .writingRows(let sheet, let n, let total) = p, total > 50_000 {
                    FileHandle.standardError.write(Data("  \(sheet): \(n) of \(total) rows\n".utf8))
                }
            }
            if all {
                guard file == nil else { throw ValidationError("give a workbook file or --all, not both") }
                let outcomes = try exporter.exportAll(directory: URL(fileURLWithPath: workbooks), parameters: parameters,
                                                      outputDirectory: output.map { URL(fileURLWithPath: $0) }, progress: { _, p in progress(p) })
                var failed = 0
                for o in outcomes {
                    switch o.result {
                    case .success(let s): printSummary(s)
                    case .failure(let e):
                        failed += 1
                        FileHandle.standardError.write(Data(("error: " + ErrorText.describe(e) + "\n").utf8))
                    }
                }
                if failed > 0 { throw ExitCode(1) }
                return
            }
            guard let f = file else { throw ValidationError("give a workbook file, or --all") }
            let spec = try WorkbookSpec.load(file: f)
            let summary = try exporter.export(spec, parameters: parameters, output: output.map { URL(fileURLWithPath: $0) }, progress: progress)
            printSummary(summary)
        }
    }

    func printSummary(_ s: ExportSummary) {
        for sheet in s.sheets {
            print("  \(sheet.name): \(sheet.rows) row\(sheet.rows == 1 ? "" : "s"), \(sheet.columns) columns" + (sheet.formulaCells > 0 ? ", \(sheet.formulaCells) formula\(sheet.formulaCells == 1 ? "" : "s")" : "") + (sheet.warnings > 0 ? ", \(sheet.warnings) warning\(sheet.warnings == 1 ? "" : "s") (see Ghi chú)" : ""))
            if let r = sheet.renamed {
                FileHandle.standardError.write(Data("warning: \(s.workbookFile): sheet name \"\(r.declared)\" is not valid in Excel (\(r.problem)); written as \"\(sheet.name)\" (\(r.changes))\n".utf8))
            }
            if sheet.rows == 0 {
                FileHandle.standardError.write(Data("warning: sheet '\(sheet.name)' has no rows for these parameters\n".utf8))
            }
        }
        print("wrote \(s.output.path)")
    }
}

