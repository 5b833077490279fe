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
