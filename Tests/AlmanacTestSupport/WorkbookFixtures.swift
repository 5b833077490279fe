import Foundation

/// Workbooks for the reader's tests, made by independent tools: openpyxl writes them (`scripts/xlsx_fixture.py`),
/// LibreOffice saves them again (so that formulas carry saved values, as Excel's files do), and python-calamine
/// (`scripts/xlsx_calamine.py`) reads them as the reference. Each tool is required, never skipped: CI installs them.
public enum WorkbookFixtures {
    nonisolated(unsafe) static var made: Result<URL, Error>?

    /// The folder holding typed.xlsx, epoch1904.xlsx and quirk1900.xlsx as openpyxl wrote them (made once per run).
    public static func folder() throws -> URL {
        if let made { return try made.get() }
        let result = Result { () throws -> URL in
            let dir = TestSupport.temporaryDirectory("xlsx-fixtures")
            try ChildProcess.output("/usr/bin/env", ["python3", TestSupport.packageRoot.appendingPathComponent("scripts/xlsx_fixture.py").path, dir.path])
            return dir
        }
        made = result
        return try result.get()
    }

    /// `file` saved again by LibreOffice (headless, recalculating formulas) as .xlsx, in a new folder.
    public static func resavedByLibreOffice(_ file: URL) throws -> URL {
        let soffice = try LibreOfficeCSV.executable()
        let folder = TestSupport.temporaryDirectory("lo-resave")
        let profile = try LibreOfficeCSV.profile(in: folder)
        let out = folder.appendingPathComponent("out", isDirectory: true)
        try ChildProcess.output(soffice, ["-env:UserInstallation=\(profile.absoluteString)", "--headless", "--norestore",
                                          "--convert-to", "xlsx:Calc MS Excel 2007 XML", "--outdir", out.path, file.path], timeout: 600)
        let saved = out.appendingPathComponent(file.lastPathComponent)
        guard FileManager.default.fileExists(atPath: saved.path) else { throw ChildProcessFailure("LibreOffice did not save \(file.lastPathComponent)") }
        return saved
    }

    /// CSV files converted to .xlsx by LibreOffice in one run, read with its CSV filter options `infilter` (such as
    /// `44,34,76,1,7/2`: comma-separated, UTF-8, column 7 as text); the workbooks are in the returned folder.
    public static func convertedByLibreOffice(_ files: [URL], infilter: String = "44,34,76,1") throws -> URL {
        let soffice = try LibreOfficeCSV.executable()
        let folder = TestSupport.temporaryDirectory("lo-convert")
        let profile = try LibreOfficeCSV.profile(in: folder)
        let out = folder.appendingPathComponent("out", isDirectory: true)
        try ChildProcess.output(soffice, ["-env:UserInstallation=\(profile.absoluteString)", "--headless", "--norestore", "--infilter=CSV:\(infilter)",
                                          "--convert-to", "xlsx:Calc MS Excel 2007 XML", "--outdir", out.path] + files.map(\.path), timeout: 600)
        return out
    }

    /// A sheet's cells as python-calamine reads them: rows of JSON values (dates as text, empty and error cells null).
    public static func calamine(_ file: URL, sheet: String? = nil) throws -> [[Any?]] {
        let script = TestSupport.packageRoot.appendingPathComponent("scripts/xlsx_calamine.py").path
        let data = try ChildProcess.output("/usr/bin/env", ["python3", script, file.path] + (sheet.map { [$0] } ?? []))
        guard let rows = try JSONSerialization.jsonObject(with: data) as? [[Any]] else { throw ChildProcessFailure("calamine printed no rows") }
        return rows.map { $0.map { $0 is NSNull ? nil : $0 } }
    }

    /// Runs a python3 snippet (openpyxl, zipfile) with arguments.
    public static func python(_ code: String, _ args: [String]) throws {
        try ChildProcess.output("/usr/bin/env", ["python3", "-c", code] + args)
    }
}
