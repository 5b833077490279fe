import Foundation
import Almanac
import AlmanacPostgres
import AlmanacSQL
import AlmanacTestSupport

/// `almanac-bench sql`: the benchmark file loaded into a throwaway PostgreSQL 15 (the tests' cluster), then, for QA
/// and QB, the time of the statement `almanac sql --dialect postgres` writes beside the best of the hand-written
/// forms an expert would try (a self-join on the integer period, and the RANGE window over it), once normalising the
/// text keys to NFC as the generated statement does, once trusting them as stored. Each statement is
/// timed as `SELECT count(*), count(growth) FROM (…)`, so that only the server's work is measured, never the
/// transfer of millions of rows; the counts show that every form computed the same number of growths.
enum SQLBenchmark {
    /// The hand-written forms, over the table `trade` with the month as text (`2024-10`), as loaded: with `nfc`, the
    /// text keys normalised as the generated statement does (the same results on NFD text), else trusted as stored.
    static let ordinal = "(12 * CAST(substr(period, 1, 4) AS integer) + CAST(substr(period, 6, 2) AS integer) - 1)"
    static func handWritten(nfc: Bool) -> [(query: String, form: String, sql: String)] {
        func c(_ name: String) -> String { nfc ? "\(PostgresDialect().nfc(name)) AS \(name)" : name }
        let suffix = nfc ? ", keys NFC" : ", keys as stored"
        let a = "WITH a AS (SELECT \(c("province")), \(c("flow")), \(ordinal) / 12 AS y, sum(value_usd) AS value FROM trade GROUP BY 1, 2, 3)"
        let t = "WITH t AS (SELECT \(ordinal) AS p, \(c("province")), \(c("partner")), \(c("flow")), \(c("product")), value_usd FROM trade)"
        return [
            ("QA", "self-join on the year" + suffix, """
                \(a)
                SELECT a.*, a.value / NULLIF(b.value, 0) - 1 AS growth
                FROM a LEFT JOIN a b ON a.province = b.province AND a.flow = b.flow AND b.y = a.y - 1
                """),
            ("QA", "RANGE window" + suffix, """
                \(a)
                SELECT a.*, a.value / NULLIF(max(value) OVER (PARTITION BY province, flow ORDER BY y RANGE BETWEEN 1 PRECEDING AND 1 PRECEDING), 0) - 1 AS growth
                FROM a
                """),
            ("QB", "self-join on the month" + suffix, """
                \(t)
                SELECT t.*, t.value_usd / NULLIF(b.value_usd, 0) - 1 AS growth
                FROM t LEFT JOIN t b ON t.province = b.province AND t.partner = b.partner AND t.flow = b.flow AND t.product = b.product AND b.p = t.p - 12
                """),
            ("QB", "RANGE window" + suffix, """
                \(t)
                SELECT t.*, value_usd / NULLIF(max(value_usd) OVER (PARTITION BY province, partner, flow, product ORDER BY p RANGE BETWEEN 12 PRECEDING AND 12 PRECEDING), 0) - 1 AS growth
                FROM t
                """),
        ]
    }

    static func run(file: String, repeats: Int) throws {
        let url = try PostgresCluster.shared()
        let db = try PostgresConnection(url: url)
        let t0 = Date()
        try db.execute("DROP TABLE IF EXISTS trade")
        try db.execute("CREATE TABLE trade (period text, province text, partner text, flow text, product text, value_usd double precision)")
        // The server reads the file itself (the cluster's owner can read /tmp); almanac is its superuser.
        try db.execute("COPY trade FROM \(PostgresDialect().stringLiteral(file)) (FORMAT csv, HEADER true)")
        try db.execute("ANALYZE trade")
        let rows = try db.query("SELECT count(*) FROM trade")[0].value(at: 0)
        print(String(format: "loaded %@ rows into PostgreSQL 15 in %.1f s (%@)", "\(rows)", Date().timeIntervalSince(t0), url))

        // The plan is bound against the file's own columns (its first rows), then compiled for the table.
        let sample = FileManager.default.temporaryDirectory.appendingPathComponent("almanac-bench-sql-\(getpid()).csv")
        defer { try? FileManager.default.removeItem(at: sample) }
        try head(of: file, lines: 2_000).write(to: sample, atomically: true, encoding: .utf8)
        let engine = QueryEngine(catalog: Catalog(directory: ".", file: "", datasets: [:]))
        let compiler = SQLCompiler(dialect: PostgresDialect()) { _ in .table("trade") }
        for (name, query, growth) in [("QA", QueryBenchmark.qa, "growth"), ("QB", QueryBenchmark.qb, "g")] {
            let text = query.replacingOccurrences(of: "from trade", with: "from \"\(sample.path)\"")
            let generated = try compiler.compile(try engine.check(.init(name: "\(name).aq", text: text)))
            let (tg, counts) = try time(db, generated, growth: growth, repeats: repeats)
            print(String(format: "%@ generated statement: %.2f s (%@)", name, tg, counts))
            for nfc in [true, false] {
                var best = Double.infinity
                for h in handWritten(nfc: nfc) where h.query == name {
                    let (th, hc) = try time(db, h.sql, growth: "growth", repeats: repeats)
                    print(String(format: "%@ hand-written, %@: %.2f s (%@)%@", name, h.form, th, hc, hc == counts ? "" : " — DIFFERENT COUNTS"))
                    best = min(best, th)
                }
                print(String(format: "%@: generated / best hand-written %@ = %.2f×", name, nfc ? "(keys NFC, the same results)" : "(keys as stored)", tg / best))
            }
        }
        try db.execute("DROP TABLE trade")
    }

    /// The best wall time of the statement counted on the server, and its counts (rows, non-null growths).
    static func time(_ db: PostgresConnection, _ sql: String, growth: String, repeats: Int) throws -> (Double, String) {
        let body = sql.trimmingCharacters(in: .whitespacesAndNewlines)
        let counted = "SELECT count(*), count(\(PostgresDialect().identifier(growth))) FROM (\n\(body)\n) AS q"
        var counts = ""
        let t = try BenchSupport.best(repeats) {
            let c = try db.query(counted)
            counts = "\(c[0].value(at: 0)) rows, \(c[1].value(at: 0)) growths"
        }
        return (t, counts)
    }

    /// The first `lines` lines of a file.
    static func head(of path: String, lines: Int) throws -> String {
        guard let h = FileHandle(forReadingAtPath: path) else { throw CocoaError(.fileReadNoSuchFile) }
        defer { try? h.close() }
        let data = h.readData(ofLength: 1 << 20)
        return String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false).prefix(lines).joined(separator: "\n") + "\n"
    }
}
