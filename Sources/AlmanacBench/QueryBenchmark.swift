import Foundation
import Almanac

/// A provider over tables already in memory, so query timings exclude loading.
final class MemoryProvider: TableProvider {
    let tables: [String: Table]
    init(_ tables: [String: Table]) { self.tables = tables }
    var datasetNames: [String] { tables.keys.sorted() }
    func resolve(_ name: String, quoted: Bool) -> SourceRef? { tables[name] != nil ? .memory(name) : nil }
    func schema(of source: SourceRef) throws -> Schema { Schema(tables[source.displayName]!) }
    func load(_ source: SourceRef, columns: Set<String>?) throws -> LoadResult {
        LoadResult(table: tables[source.displayName]!, report: LoadReport(file: source.displayName, bytes: 0, delimiter: 44))
    }
}

/// The query targets: QA (aggregate by province, flow, year, then yoy), QB (yoy on every raw monthly series), and
/// end to end from the CSV file; DuckDB's figures for the same queries in the same run when it is installed.
enum QueryBenchmark {
    static let qa = """
    from trade
    aggregate value = sum(value_usd) by province, flow, year = year(period)
    derive growth = yoy(value)
    """
    static let qb = """
    from trade
    derive g = yoy(value_usd)
    """

    static func run(file: String, repeats: Int) throws {
        let loaded = try CSVReader.load(path: file).table
        let engine = QueryEngine(provider: MemoryProvider(["trade": loaded]))
        var qaRows = 0, qbNonNull = 0
        let tA = try BenchSupport.best(repeats) { qaRows = try engine.run(qa).table.rowCount }
        let tB = try BenchSupport.best(repeats) {
            let r = try engine.run(qb).table
            qbNonNull = r.rowCount - (r.column(named: "g")?.nullCount ?? 0)
        }
        print(String(format: "QA aggregate + yoy (in memory): %.3f s, %d rows", tA, qaRows))
        print(String(format: "QB yoy on every raw series (in memory): %.3f s, %d non-null results", tB, qbNonNull))
        let e2eQuery = qa.replacingOccurrences(of: "from trade", with: "from \"\(file)\"")
        let tE = try BenchSupport.best(repeats) {
            // A fresh engine each time: nothing cached between runs.
            _ = try QueryEngine(catalog: Catalog(directory: ".", file: "", datasets: [:])).run(e2eQuery)
        }
        print(String(format: "end to end from CSV (load + QA): %.3f s", tE))
        print(String(format: "peak RSS %.0f MB", BenchSupport.peakRSSMB()))
        if let out = BenchSupport.pythonScript("scripts/bench/duckdb_query.py", args: [file]) {
            let f = out.split(separator: " ")
            print("duckdb (same run, 2 threads): QA \(f[0]) s (\(f[1]) rows), QB \(f[2]) s (\(f[3]) rows, self-join), end to end \(f[4]) s")
        } else {
            print("duckdb: not installed (pip install duckdb) — no peer figure")
        }
    }
}
