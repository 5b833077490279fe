import Foundation

/// Reads the parts of a zip package (an .xlsx) with Python's zipfile: an independent reader of what we wrote.
public enum ZipParts {
    /// The names of every part.
    public static func names(in url: URL) throws -> [String] {
        let listing = try ChildProcess.output("/usr/bin/env", ["python3", "-c",
            "import sys, zipfile; print('\\n'.join(zipfile.ZipFile(sys.argv[1]).namelist()))", url.path])
        return String(decoding: listing, as: UTF8.self).split(separator: "\n").map(String.init)
    }

    /// The text of one part, e.g. `xl/worksheets/sheet1.xml`.
    public static func text(_ part: String, in url: URL) throws -> String {
        let data = try ChildProcess.output("/usr/bin/env", ["python3", "-c",
            "import sys, zipfile; sys.stdout.buffer.write(zipfile.ZipFile(sys.argv[1]).read(sys.argv[2]))", url.path, part])
        return String(decoding: data, as: UTF8.self)
    }
}
