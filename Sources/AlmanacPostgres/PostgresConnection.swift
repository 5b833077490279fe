import AlmanacCore
import CLibPQ
import Foundation

/// One connection to a PostgreSQL server through libpq. Not shared between threads: open one per task.
/// The URL is libpq's (`postgresql://user@host:port/db`); a password comes from PGPASSWORD or ~/.pgpass as libpq
/// reads them.
public final class PostgresConnection {
    private let conn: OpaquePointer
    /// `host:port` for messages.
    public let server: String
    public let user: String
    public let database: String

    /// Connects, or throws one sentence naming the server and what to check.
    public init(url: String) throws {
        guard let c = PQconnectdb(url) else {
            throw PostgresError(.connection, "could not start a PostgreSQL connection to \(url): the system is out of memory")
        }
        func text(_ p: UnsafeMutablePointer<CChar>?) -> String { p.map { String(cString: $0) } ?? "" }
        let host = text(PQhost(c)), port = text(PQport(c))
        let server = (host.isEmpty ? "localhost" : host) + ":" + (port.isEmpty ? "5432" : port)
        let user = text(PQuser(c)), database = text(PQdb(c))
        guard PQstatus(c) == CONNECTION_OK else {
            let raw = text(PQerrorMessage(c))
            PQfinish(c)
            throw PostgresError.connection(raw, server: server, user: user, database: database)
        }
        self.conn = c
        self.server = server
        self.user = user
        self.database = database
    }

    deinit { PQfinish(conn) }

    /// Runs a statement that returns no rows (DDL, SET, …).
    public func execute(_ sql: String) throws {
        let r = try run(sql, table: nil)
        PQclear(r)
    }

    /// Runs `COPY … FROM STDIN` and sends it these bytes (CSV, say) as the data.
    public func copyIn(_ sql: String, data: [UInt8], table: String? = nil) throws {
        let r = try run(sql, table: table)
        PQclear(r)
        let sent = data.withUnsafeBufferPointer { b in
            b.baseAddress!.withMemoryRebound(to: CChar.self, capacity: b.count) { PQputCopyData(conn, $0, Int32(b.count)) }
        }
        guard sent == 1, PQputCopyEnd(conn, nil) == 1 else {
            throw PostgresError(.connection, "the connection to PostgreSQL at \(server) failed while sending data: check that the server is still running")
        }
        while let done = PQgetResult(conn) {
            defer { PQclear(done) }
            if PQresultStatus(done) != PGRES_COMMAND_OK {
                let state = PQresultErrorField(done, Int32(UInt8(ascii: "C"))).map { String(cString: $0) } ?? ""
                let primary = PQresultErrorField(done, Int32(UInt8(ascii: "M"))).map { String(cString: $0) } ?? ""
                throw PostgresError.query(sqlState: state, primary: primary, server: server, table: table)
            }
        }
    }

    /// Runs one statement and returns its result as columns, typed from the result's type OIDs: integers as int,
    /// floating and numeric as float, booleans as bool, everything else as text. `table` names the table the
    /// statement reads, for the error a missing column gets.
    public func query(_ sql: String, table: String? = nil) throws -> [Column] {
        let r = try run(sql, table: table)
        defer { PQclear(r) }
        let rows = Int(PQntuples(r)), fields = Int(PQnfields(r))
        var columns: [Column] = []
        columns.reserveCapacity(fields)
        for f in 0..<fields {
            let name = String(cString: PQfname(r, Int32(f)))
            columns.append(Self.column(r, field: Int32(f), name: name, rows: rows))
        }
        return columns
    }

    /// The columns of a table (`schema.table` or a bare name on the search path) with their Almanac types, in order;
    /// empty when there is no such table.
    public func columns(ofTable table: String) throws -> [(name: String, type: DataType)] {
        let columns = try query("SELECT * FROM \(Self.quotedTable(table)) WHERE false", table: table)
        return columns.map { ($0.name, $0.dataType) }
    }

    /// `"schema"."table"` from `schema.table`.
    public static func quotedTable(_ table: String) -> String {
        table.split(separator: ".", omittingEmptySubsequences: false)
            .map { "\"" + $0.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }.joined(separator: ".")
    }

    private func run(_ sql: String, table: String?) throws -> OpaquePointer {
        guard let r = PQexec(conn, sql) else {
            throw PostgresError(.connection, "the connection to PostgreSQL at \(server) was lost: check that the server is still running")
        }
        switch PQresultStatus(r) {
        case PGRES_TUPLES_OK, PGRES_COMMAND_OK, PGRES_COPY_IN, PGRES_COPY_OUT:
            return r
        default:
            let state = PQresultErrorField(r, Int32(UInt8(ascii: "C"))).map { String(cString: $0) } ?? ""
            let primary = PQresultErrorField(r, Int32(UInt8(ascii: "M"))).map { String(cString: $0) }
                ?? String(cString: PQerrorMessage(conn))
            PQclear(r)
            if state.isEmpty { throw PostgresError(.connection, "the connection to PostgreSQL at \(server) failed (\(PostgresError.firstLine(primary))): check that the server is still running") }
            throw PostgresError.query(sqlState: state, primary: primary, server: server, table: table)
        }
    }

    /// One result field as a column. Cells arrive as text (libpq's text format); numbers are parsed in place from
    /// the C string, without a Swift String per cell.
    private static func column(_ r: OpaquePointer, field f: Int32, name: String, rows: Int) -> Column {
        let oid = PQftype(r, f)
        switch oid {
        case 20, 21, 23, 26:  // int8, int2, int4, oid
            var values = [Int64?](repeating: nil, count: rows)
            for i in 0..<rows where PQgetisnull(r, Int32(i), f) == 0 { values[i] = strtoll(PQgetvalue(r, Int32(i), f), nil, 10) }
            return .ints(name, values)
        case 700, 701, 1700:  // float4, float8, numeric
            var values = [Double?](repeating: nil, count: rows)
            for i in 0..<rows where PQgetisnull(r, Int32(i), f) == 0 { values[i] = strtod(PQgetvalue(r, Int32(i), f), nil) }
            return .floats(name, values)
        case 16:  // bool: 't' or 'f'
            var values = [Bool?](repeating: nil, count: rows)
            for i in 0..<rows where PQgetisnull(r, Int32(i), f) == 0 { values[i] = PQgetvalue(r, Int32(i), f).pointee == CChar(UInt8(ascii: "t")) }
            return .bools(name, values)
        default:  // text, varchar, date and anything else: its text
            var values = [String?](repeating: nil, count: rows)
            for i in 0..<rows where PQgetisnull(r, Int32(i), f) == 0 { values[i] = String(cString: PQgetvalue(r, Int32(i), f)) }
            return .texts(name, values)
        }
    }
}
