import Foundation

/// A PostgreSQL failure as one plain sentence that names the server (host and port), and the table or column when
/// the server names one, and says what to check. Never libpq's raw multi-line message.
public struct PostgresError: Error, CustomStringConvertible, LocalizedError, Equatable, Sendable {
    /// What went wrong, in general terms.
    public enum Kind: String, Sendable {
        case refused, authentication, missingDatabase, missingTable, missingColumn, query, connection, resultType
    }

    public var kind: Kind
    public var message: String

    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    public var description: String { message }
    public var errorDescription: String? { message }

    /// The server's first line without libpq's prefixes (`connection to server at … failed: FATAL:  `).
    static func firstLine(_ raw: String) -> String {
        var line = raw.split(whereSeparator: \.isNewline).map(String.init).first(where: { !$0.isEmpty }) ?? raw
        for marker in ["failed: ", "FATAL:", "ERROR:"] {
            if let r = line.range(of: marker, options: .backwards) { line = String(line[r.upperBound...]) }
        }
        return line.trimmingCharacters(in: .whitespaces)
    }

    /// The first name in double quotes (`relation "trade" does not exist` → trade).
    static func quotedName(_ text: String) -> String? {
        let parts = text.split(separator: "\"", omittingEmptySubsequences: false)
        return parts.count >= 3 ? String(parts[1]) : nil
    }

    /// Classifies a failed connection.
    package static func connection(_ raw: String, server: String, user: String, database: String) -> PostgresError {
        let lower = raw.lowercased()
        if lower.contains("connection refused") || lower.contains("no such file or directory") {
            return PostgresError(.refused, "PostgreSQL at \(server) refused the connection: check that the server is running and listens on that host and port")
        }
        if lower.contains("password authentication failed") || lower.contains("no password supplied") {
            return PostgresError(.authentication, "PostgreSQL at \(server) rejected the password of user '\(user)': check PGPASSWORD or ~/.pgpass (the catalog holds no password)")
        }
        if lower.contains("database") && lower.contains("does not exist") {
            return PostgresError(.missingDatabase, "PostgreSQL at \(server) has no database '\(database)': check the database name at the end of the dataset's `database` URL")
        }
        if lower.contains("role") && lower.contains("does not exist") {
            return PostgresError(.authentication, "PostgreSQL at \(server) has no user '\(user)': check the user name in the dataset's `database` URL")
        }
        let line = firstLine(raw)
        return PostgresError(.connection, "could not connect to PostgreSQL at \(server) (\(line.isEmpty ? "no reason given" : line)): check the dataset's `database` URL and that the server accepts connections from this machine")
    }

    /// Classifies a failed statement from its SQLSTATE and primary message.
    package static func query(sqlState: String, primary: String, server: String, table: String?) -> PostgresError {
        let name = quotedName(primary)
        switch sqlState {
        case "42P01":
            let t = name ?? table ?? "?"
            return PostgresError(.missingTable, "PostgreSQL at \(server) has no table '\(t)': check the dataset's `table` in the catalog and the database it points to")
        case "42703":
            let c = name.map { $0.split(separator: ".").last.map(String.init) ?? $0 } ?? "?"
            let inTable = table.map { " in table '\($0)'" } ?? ""
            return PostgresError(.missingColumn, "PostgreSQL at \(server) has no column '\(c)'\(inTable): check the column names in the query and the catalog against the table")
        case "42883" where primary.contains("unaccent("):
            return PostgresError(.query, "PostgreSQL at \(server) has no unaccent extension, which fold() needs: run `CREATE EXTENSION unaccent` in the database (Debian's postgresql package ships it)")
        default:
            let line = firstLine(primary)
            return PostgresError(.query, "PostgreSQL at \(server) could not run the query (\(line), SQLSTATE \(sqlState)): check the query against the table's columns and types")
        }
    }
}
