import Foundation
import AlmanacCore

/// Helpers shared by the test targets.
public enum TestSupport {
    /// A fresh temporary folder, removed at process exit by the OS's tmp cleaning; unique per call.
    public static func temporaryDirectory(_ label: String = "almanac") -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("\(label)-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// Writes text to a file in a fresh folder and returns its path.
    public static func writeTemporary(_ text: String, name: String = "data.csv") -> String {
        let url = temporaryDirectory().appendingPathComponent(name)
        try? Data(text.utf8).write(to: url)
        return url.path
    }

    /// The package root (for bundled Data/, Queries/, Workbooks/).
    public static var packageRoot: URL {
        var url = URL(fileURLWithPath: #filePath)
        while url.path != "/" {
            url.deleteLastPathComponent()
            if FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) { return url }
        }
        return URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
    }

    /// All rows of a table as values.
    public static func rows(_ t: Table) -> [[Value]] { (0..<t.rowCount).map { t.row($0) } }

    /// One column's values.
    public static func values(_ t: Table, _ name: String) -> [Value] {
        guard let c = t.column(named: name) else { return [] }
        return (0..<c.count).map { c.value(at: $0) }
    }
}
