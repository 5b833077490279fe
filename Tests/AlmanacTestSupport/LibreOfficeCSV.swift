import Foundation

/// LibreOffice headless as a real client of the workbooks: converts every sheet of each file to CSV after
/// recalculating every formula, so formula cells show LibreOffice's own results, not the cached values we wrote.
public enum LibreOfficeCSV {
    static let candidates = ["/usr/bin/libreoffice", "/usr/bin/soffice", "/usr/lib/libreoffice/program/soffice",
                             "/opt/homebrew/bin/soffice", "/Applications/LibreOffice.app/Contents/MacOS/soffice"]

    /// The LibreOffice program; throws (failing the test, never skipping it) when none is installed.
    public static func executable() throws -> String {
        if let found = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0) }) { return found }
        throw ChildProcessFailure("LibreOffice is required to read workbooks back (CI installs libreoffice-calc-nogui); looked for "
                                  + candidates.joined(separator: ", "))
    }

    /// A private user profile (parallel runs do not clash) that recalculates every formula of .xlsx and .ods on load.
    static func profile(in folder: URL) throws -> URL {
        let profile = folder.appendingPathComponent("lo-profile-\(UUID().uuidString)", isDirectory: true)
        let user = profile.appendingPathComponent("user", isDirectory: true)
        try FileManager.default.createDirectory(at: user, withIntermediateDirectories: true)
        let xcu = """
        <?xml version="1.0" encoding="UTF-8"?>
        <oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
        <item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
        <item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="ODFRecalcMode" oor:op="fuse"><value>0</value></prop></item>
        </oor:items>
        """
        try Data(xcu.utf8).write(to: user.appendingPathComponent("registrymodifications.xcu"))
        return profile
    }

    /// Converts `files` in one LibreOffice run; returns, per file, its sheets' CSV rows keyed by the NFC sheet name.
    public static func convert(_ files: [URL], in folder: URL) throws -> [URL: [String: [[String]]]] {
        let soffice = try executable()
        let out = folder.appendingPathComponent("lo-csv-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
        let profile = try profile(in: folder)
        try ChildProcess.output(soffice, ["-env:UserInstallation=\(profile.absoluteString)", "--headless", "--norestore",
                                          "--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,false,false,false,false,-1",
                                          "--outdir", out.path] + files.map(\.path), timeout: 600)
        let produced = try FileManager.default.contentsOfDirectory(atPath: out.path)
        var result: [URL: [String: [[String]]]] = [:]
        for file in files {
            let stem = file.deletingPathExtension().lastPathComponent
            var sheets: [String: [[String]]] = [:]
            for name in produced where name.hasPrefix(stem + "-") && name.hasSuffix(".csv") {
                let sheet = String(name.dropFirst(stem.count + 1).dropLast(4)).precomposedStringWithCanonicalMapping
                sheets[sheet] = CSVText.parse(try String(contentsOf: out.appendingPathComponent(name), encoding: .utf8))
            }
            guard !sheets.isEmpty else {
                throw ChildProcessFailure("LibreOffice wrote no CSV for \(file.lastPathComponent) (got \(produced.sorted()))")
            }
            result[file] = sheets
        }
        return result
    }
}
