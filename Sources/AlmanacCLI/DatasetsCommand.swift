import ArgumentParser
import Foundation
import Almanac

struct DatasetsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "datasets", abstract: "List the datasets in the catalog.")
    @OptionGroup var global: GlobalOptions

    func run() throws {
        try reportingErrors {
            let cat = try global.catalog()
            let specs = cat.names.map { cat.datasets[$0]! }
            let table = try Table(columns: [
                .texts("name", specs.map(\.name)),
                .texts("title", specs.map { $0.title ?? "" }),
                .texts("period", specs.map { $0.periodColumns.joined(separator: "+") }),
                .texts("measures", specs.map(measureList)),
                .texts("source", specs.map { ($0.synthetic ? "SYNTHETIC; " : "") + ($0.source ?? "") }),
                // A missing file fails only the queries that use its dataset; the list says which.
                .texts("status", specs.map { $0.missingFile.map { "missing file: \($0)" } ?? "ok" }),
            ])
            global.print(table, maxRows: 1000)
        }
    }
}

/// `value_usd (USD), rows (count)`.
func measureList(_ spec: DatasetSpec) -> String {
    spec.measures.keys.sorted().map { k in "\(k) (\(spec.measures[k]!.unit))" }.joined(separator: ", ")
}
