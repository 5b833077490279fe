/// How a result table is printed.
public enum OutputFormat: String, Sendable, CaseIterable {
    case table, csv, json
}
