import Foundation
import Almanac

/// Workbook input: the workbook `almanac query -o` writes from the benchmark file (1,000,000 × 6 by default), read by
/// Almanac's reader and by python-calamine (Rust's calamine) in the same run, each in its own process so that peak
/// RSS is the reader's own.
enum XLSXReadBenchmark {
    static func run(rows: Int, repeats: Int) throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("almanac-bench-xlsx-read").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let csv = dir + "/trade-\(rows).csv", book = dir + "/trade-\(rows).xlsx"
        if !FileManager.default.fileExists(atPath: book) {
            let n = try TradeSample(rows: rows, seed: 42).write(to: csv)
            let t0 = Date()
            // What `almanac query 'from "trade.csv"' -o trade.xlsx` does.
            let query = SourceFile(name: "<query>", text: "from \"\(csv)\"")
            let result = try QueryEngine(catalog: Catalog(directory: dir, file: dir + "/catalog.toml", datasets: [:])).run(query)
            try Output.write(result, to: book, query: query, parameters: [:], provenance: nil)
            print(String(format: "wrote %d rows × 6 to %@ in %.1f s (%.0f MB)", n, book, Date().timeIntervalSince(t0),
                         Double(WorkbookFileSize.of(book)) / 1e6))
        }
        var ours: [Double] = [], ourRSS = 0.0, ourRows = ""
        for _ in 0..<max(1, repeats) {
            guard let out = BenchSupport.shell("'\(CommandLine.arguments[0])' xlsx-read-once --file '\(book)'") else { print("almanac: the read failed"); return }
            let f = out.split(separator: " ")
            ours.append(Double(f[0]) ?? .nan); ourRSS = max(ourRSS, Double(f[1]) ?? 0); ourRows = String(f[2])
        }
        let calamine = """
        import sys, time, resource
        from python_calamine import CalamineWorkbook
        best = 1e9
        for _ in range(int(sys.argv[2])):
            t = time.perf_counter()
            rows = CalamineWorkbook.from_path(sys.argv[1]).get_sheet_by_index(0).to_python()
            best = min(best, time.perf_counter() - t)
        print("%.3f %.0f %d" % (best, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, len(rows) - 1))
        """
        let a = ours.min() ?? .nan
        print(String(format: "xlsx read %@ rows × 6: almanac %.3f s (best of %d), peak RSS %.0f MB", ourRows, a, ours.count, ourRSS))
        if let out = BenchSupport.python(calamine, args: [book, String(max(1, repeats))]) {
            let f = out.split(separator: " ")
            let c = Double(f[0]) ?? .nan
            print(String(format: "python-calamine (same file, same run): %.3f s, peak RSS %@ MB, rows %@; ratio almanac/calamine %.2f (target ≤ 1.5)",
                         c, String(f[1]), String(f[2]), a / c))
        } else {
            print("python-calamine: not installed (pip install python-calamine) — no peer figure")
        }
    }

    /// One read in this process: seconds, peak RSS in MB, rows.
    static func once(file: String) throws {
        let t0 = DispatchTime.now().uptimeNanoseconds
        let r = try WorkbookReader.load(path: file)
        let t = Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e9
        print(String(format: "%.3f %.1f %d", t, BenchSupport.peakRSSMB(), r.table.rowCount))
    }
}

enum WorkbookFileSize {
    static func of(_ path: String) -> Int { ((try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? NSNumber)?.intValue ?? 0 }
}
