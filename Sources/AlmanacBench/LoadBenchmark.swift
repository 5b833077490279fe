import Foundation
import Almanac

/// CSV load: rows/s, MB/s, peak RSS; pandas and DuckDB on the same file when installed.
enum LoadBenchmark {
    static func run(file: String, repeats: Int) throws {
        let size = Double((try FileManager.default.attributesOfItem(atPath: file)[.size] as? NSNumber)?.intValue ?? 0) / 1e6
        var rows = 0
        var sum = 0.0
        let t = try BenchSupport.best(repeats) {
            let r = try CSVReader.load(path: file)
            rows = r.table.rowCount
            if case .float(let v)? = r.table.column(named: "value_usd")?.storage { sum = v.reduce(0, +) }
        }
        print(String(format: "almanac load: %d rows, %.0f MB in %.3f s  (%.1f M rows/s, %.0f MB/s), peak RSS %.0f MB, sum(value_usd) %.2f",
                     rows, size, t, Double(rows) / t / 1e6, size / t, BenchSupport.peakRSSMB(), sum))
        // The same file with its periods as dates `01/10/2024` and as quarters `Quý IV/2024` (parsed once per
        // distinct value): each should load within 1.2× of the ISO-month file.
        for (label, variant) in [("dd/mm/yyyy", PeriodVariant.dayFirstDate), ("Quý III/2024", PeriodVariant.vietnameseQuarter)] {
            let path = try PeriodVariant.file(from: file, variant)
            var n = 0
            let tv = try BenchSupport.best(repeats) { n = try CSVReader.load(path: path).table.rowCount }
            print(String(format: "almanac load, periods as %@: %d rows in %.3f s (%.2f× the ISO-month file)", label, n, tv, tv / t))
        }
        let pandas = """
        import sys, time, pandas as pd
        best = 1e9
        for _ in range(2):
            t = time.perf_counter(); df = pd.read_csv(sys.argv[1]); best = min(best, time.perf_counter() - t)
        print("%.3f %d %.2f" % (best, len(df), df.value_usd.sum()))
        """
        if let out = BenchSupport.python(pandas, args: [file]) { print("pandas read_csv (same file, same run): \(out.split(separator: " ")[0]) s, rows \(out.split(separator: " ")[1]), sum \(out.split(separator: " ")[2])") }
        else { print("pandas: not installed (pip install pandas) — no peer figure") }
        let duck = """
        import sys, time, duckdb
        con = duckdb.connect(); con.execute("SET threads=2"); con.execute("SET enable_progress_bar=false")
        best = 1e9
        for _ in range(2):
            con.execute("DROP TABLE IF EXISTS t")
            t = time.perf_counter(); con.execute("CREATE TABLE t AS SELECT * FROM read_csv_auto(?)", [sys.argv[1]]); best = min(best, time.perf_counter() - t)
        print("%.3f %d" % (best, con.execute("select count(*) from t").fetchone()[0]))
        """
        if let out = BenchSupport.python(duck, args: [file]) { print("duckdb CREATE TABLE from CSV, 2 threads (same run): \(out.split(separator: " ")[0]) s") }
        else { print("duckdb: not installed (pip install duckdb) — no peer figure") }
    }
}

/// The bench file rewritten with another spelling of its period column (the first field, `YYYY-MM`).
enum PeriodVariant {
    case dayFirstDate, vietnameseQuarter

    static func file(from source: String, _ v: PeriodVariant) throws -> String {
        let path = source + (v == .dayFirstDate ? ".ddmmyyyy.csv" : ".quy.csv")
        if FileManager.default.fileExists(atPath: path) { return path }
        let data = try Data(contentsOf: URL(fileURLWithPath: source))
        var out = [UInt8]()
        out.reserveCapacity(data.count + data.count / 8)
        let roman = ["I", "II", "III", "IV"].map { Array("Quý \($0)/".utf8) }
        data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) in
            let b = raw.bindMemory(to: UInt8.self)
            var i = 0
            var header = true
            while i < b.count {
                var end = i
                while end < b.count && b[end] != 10 { end += 1 }
                // A data line opens with YYYY-MM, then a comma.
                if !header, end - i > 8, b[i + 4] == UInt8(ascii: "-"), b[i + 7] == UInt8(ascii: ",") {
                    let year = b[(i)..<(i + 4)], mm = b[(i + 5)..<(i + 7)]
                    if v == .dayFirstDate {
                        out += Array("01/".utf8); out += mm; out.append(UInt8(ascii: "/")); out += year
                    } else {
                        let m = Int(mm[mm.startIndex] - 48) * 10 + Int(mm[mm.startIndex + 1] - 48)
                        out += roman[(m - 1) / 3]; out += year
                    }
                    out += b[(i + 7)..<end]
                } else {
                    out += b[i..<end]
                }
                header = false
                out.append(10)
                i = end + 1
            }
        }
        try Data(out).write(to: URL(fileURLWithPath: path))
        return path
    }
}
