import Foundation
/// A measure's unit: what its numbers count, so that reports pick formats and never add VND to USD.
public struct Unit: Hashable, Sendable, CustomStringConvertible {
    public enum Kind: String, Sendable {
        /// Money: `currency` says which, `scale` how many units one number is (1e6 for "million USD").
        case money
        /// Things counted: arrivals, projects, delegations.
        case count
        /// A ratio shown as a percentage.
        case percent
        /// A physical quantity (km, tonnes).
        case quantity
        /// A difference of two ratios, in percentage points (`diff(share)`: 0.012 is +1.2 pp).
        case points
        /// A multiple of another figure of the same quantity (`x / lag(x, 12)`: 1.9 is 1.90×).
        case multiple
    }

    public let name: String
    public let kind: Kind
    public let currency: String?
    public let scale: Double

    /// The units planners' datasets use. Names are matched case-insensitively.
    public static let known: [Unit] = {
        var u: [Unit] = []
        for cur in ["USD", "VND", "CNY", "EUR"] {
            u.append(Unit(name: cur, kind: .money, currency: cur, scale: 1))
            u.append(Unit(name: "thousand \(cur)", kind: .money, currency: cur, scale: 1e3))
            u.append(Unit(name: "million \(cur)", kind: .money, currency: cur, scale: 1e6))
            u.append(Unit(name: "billion \(cur)", kind: .money, currency: cur, scale: 1e9))
        }
        for c in ["arrivals", "visitors", "persons", "people", "delegations", "agreements", "projects", "programmes",
                  "conferences", "investors", "items", "cases", "count", "rows", "officials", "teams", "checkpoints", "NGOs"] {
            u.append(Unit(name: c, kind: .count, currency: nil, scale: 1))
        }
        u.append(Unit(name: "%", kind: .percent, currency: nil, scale: 0.01))
        u.append(Unit(name: "ratio", kind: .percent, currency: nil, scale: 1))
        u.append(Unit(name: "pp", kind: .points, currency: nil, scale: 1))
        u.append(Unit(name: "times", kind: .multiple, currency: nil, scale: 1))
        u.append(Unit(name: "VND per USD", kind: .quantity, currency: nil, scale: 1))
        for q in ["km", "tonnes", "index"] { u.append(Unit(name: q, kind: .quantity, currency: nil, scale: 1)) }
        return u
    }()

    /// The known unit of that name, or nil.
    public init?(named name: String) {
        let key = name.trimmingCharacters(in: .whitespaces).lowercased()
        guard let u = Unit.known.first(where: { $0.name.lowercased() == key }) else { return nil }
        self = u
    }

    init(name: String, kind: Kind, currency: String?, scale: Double) {
        self.name = name
        self.kind = kind
        self.currency = currency
        self.scale = scale
    }

    public var description: String { name }
}
