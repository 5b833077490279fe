/// A problem with the catalog file or one of its entries, naming the entry and field.
public struct CatalogError: Error, CustomStringConvertible, Equatable, Sendable {
    public var file: String
    public var dataset: String?
    public var field: String?
    public var message: String
    public var hint: String?

    public init(file: String, dataset: String? = nil, field: String? = nil, message: String, hint: String? = nil) {
        self.file = file
        self.dataset = dataset
        self.field = field
        self.message = message
        self.hint = hint
    }

    public var description: String {
        var s = file
        if let d = dataset { s += ": dataset '\(d)'" }
        if let f = field { s += ", field '\(f)'" }
        s += ": " + message
        if let h = hint { s += "\n  hint: " + h }
        return s
    }
}
