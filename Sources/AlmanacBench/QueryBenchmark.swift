import Foundation
import Almanac
import AlmanacKernels

/// A provider over tables already in memory, so query timings exclude loading.
final class MemoryProvider: TableProvider {
    let tables: [String: Table]
    init(_ tables: [String: Table]) { self.tables = tables }
    var datasetNames: [String] { tables.keys.sorted() }
    func resolve(_ name: String, quoted: Bool) -> SourceResolution {
        tables[name] != nil ? .found(SourceHandle(key: name, displayName: name)) : .unknown
    }
    func schema(of source: SourceHandle) throws -> Schema { Schema(tables[source.key]!) }
    func load(_ source: SourceHandle, columns: Set<String>?) throws -> SourceTable { SourceTable(table: tables[source.key]!) }
}

/// The query targets: QA (aggregate by province, flow, year, then yoy), QB (yoy on every raw monthly series), and
/// end to end from the CSV file; DuckDB's figures for the same queries in the same run when it is installed, and
/// whether the two agree value by value (DuckDB's results written out after its timings, matched on their keys).
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
        var qaResult = Table.empty, qbResult = Table.empty
        let tA = try BenchSupport.best(repeats) { qaResult = try engine.run(qa).table }
        let tB = try BenchSupport.best(repeats) { qbResult = try engine.run(qb).table }
        let qbNonNull = qbResult.rowCount - (qbResult.column(named: "g")?.nullCount ?? 0)
        print(String(format: "QA aggregate + yoy (in memory): %.3f s, %d rows", tA, qaResult.rowCount))
        print(String(format: "QB yoy on every raw series (in memory): %.3f s, %d non-null results", tB, qbNonNull))
        let e2eQuery = qa.replacingOccurrences(of: "from trade", with: "from \"\(file)\"")
        let tE = try BenchSupport.best(repeats) {
            // A fresh engine each time: nothing cached between runs.
            _ = try QueryEngine(catalog: Catalog(directory: ".", file: "", datasets: [:])).run(e2eQuery)
        }
        print(String(format: "end to end from CSV (load + QA): %.3f s", tE))
        print(String(format: "peak RSS %.0f MB", BenchSupport.peakRSSMB()))
        // The peer writes the results it timed into a folder of its own, after timing them; they are compared here,
        // after every figure above was taken.
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("almanac-bench-duckdb-\(getpid())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        if let out = BenchSupport.pythonScript("scripts/bench/duckdb_query.py", args: [file, folder.path]) {
            let f = out.split(separator: " ")
            print("duckdb (same run, 2 threads): QA \(f[0]) s (\(f[1]) rows), QB \(f[2]) s (\(f[3]) rows, self-join), end to end \(f[4]) s")
            print("agreement, QA growth: " + (try QueryAgreement.compare(almanac: qaResult, value: "growth", peer: folder.appendingPathComponent("qa.csv").path,
                                                      keys: ["province", "flow", "year"], peerValue: "growth")))
            print("agreement, QA value:  " + (try QueryAgreement.compare(almanac: qaResult, value: "value", peer: folder.appendingPathComponent("qa.csv").path,
                                                           keys: ["province", "flow", "year"], peerValue: "value")))
            print("agreement, QB growth: " + (try QueryAgreement.compare(almanac: qbResult, value: "g", peer: folder.appendingPathComponent("qb.csv").path,
                                                      keys: ["province", "partner", "flow", "product", "period"], peerValue: "growth")))
        } else {
            print("duckdb: not installed (pip install duckdb) — no peer figure")
        }
    }
}

/// Whether Almanac's result and the peer's agree value by value: rows matched on their keys (a hash join), then
/// each pair compared — both null, or both numbers within a relative 1e-9 (sums added in another order differ in
/// the last bits).
enum QueryAgreement {
    static let tolerance = 1e-9

    static func compare(almanac: Table, value: String, peer path: String, keys: [String], peerValue: String) throws -> String {
        let peer = try CSVReader.load(path: path).table
        guard let a = almanac.column(named: value), let p = peer.column(named: peerValue) else { return "no column '\(value)' to compare" }
        let ak = keys.compactMap { almanac.column(named: $0) }, pk = keys.compactMap { peer.column(named: $0) }
        guard ak.count == keys.count, pk.count == keys.count else { return "the key columns \(keys) are not on both sides" }
        let match = try HashJoin.left(leftKeys: ak, lookupKeys: pk)
        let (av, aValid) = numbers(a), (pv, pValid) = numbers(p)
        var compared = 0, bothValues = 0, disagreeing = 0, maxRel = 0.0
        var first: [String] = []
        func row(_ i: Int) -> String { "(" + ak.map { $0.value(at: i).description }.joined(separator: ", ") + ")" }
        func note(_ i: Int, _ what: String) {
            disagreeing += 1
            if first.count < 5 { first.append("\(row(i)): \(what)") }
        }
        match.lookupRows.withUnsafeBufferPointer { rows in
            for i in 0..<rows.count {
                let j = Int(rows[i])
                guard j >= 0 else { note(i, "no such row in duckdb's result"); continue }
                compared += 1
                switch (aValid.isValid(i), pValid.isValid(j)) {
                case (false, false): continue
                case (true, true):
                    bothValues += 1
                    let x = av[i], y = pv[j]
                    let scale = max(abs(x), abs(y))
                    let rel = scale == 0 ? 0 : abs(x - y) / scale
                    maxRel = max(maxRel, rel)
                    if !(rel <= tolerance) { note(i, "almanac \(x), duckdb \(y)") }
                case (let ax, _):
                    note(i, ax ? "almanac \(av[i]), duckdb null" : "almanac null, duckdb \(pv[j])")
                }
            }
        }
        let missing = peer.rowCount - compared
        if disagreeing == 0 && missing == 0 {
            return "agree: \(NumberFormatting.grouped(Int64(compared))) values (\(NumberFormatting.grouped(Int64(bothValues))) non-null), "
                + String(format: "max relative difference %.1e", maxRel)
        }
        var text = "DISAGREE: \(NumberFormatting.grouped(Int64(disagreeing))) of \(NumberFormatting.grouped(Int64(almanac.rowCount))) rows"
        if missing > 0 { text += ", \(NumberFormatting.grouped(Int64(missing))) rows of duckdb's result have no match here" }
        return text + "; first: " + first.joined(separator: "; ")
    }

    /// A numeric column as doubles and validity.
    static func numbers(_ c: Column) -> ([Double], Validity) {
        switch c.storage {
        case .float(let v): return (v, c.validity)
        case .int(let v): return (v.map(Double.init), c.validity)
        default: return ([Double](repeating: 0, count: c.count), .allNull(c.count))
        }
    }
}
