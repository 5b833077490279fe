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
            ])
            global.print(table, maxRows: 1000)
        }
    }
}

/// `value_usd (USD), rows (count)`.
func measureList(_ spec: DatasetSpec) -> String {
    spec.measures.keys.sorted().map { k in "\(k) (\(spec.measures[k]!.unit))" }.joined(separator: ", ")
}

struct DescribeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "describe", abstract: "Schema, rows, period range, nulls and distinct values of a dataset or CSV file.")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "A catalog dataset name or a CSV path.") var name: String
    @Flag(help: "Load leniently: set bad rows aside and list them.") var lenient = false

    func run() throws {
        try reportingErrors {
            let (spec, result) = try global.load(name, lenient: lenient)
            print(DatasetDescription.render(name: name, spec: spec, result: result), terminator: "")
        }
    }
}

struct HeadCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "head", abstract: "The first rows of a dataset or CSV file.")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "A catalog dataset name or a CSV path.") var name: String
    @Option(name: .short, help: "Rows to show.") var n: Int = 10

    func run() throws {
        try reportingErrors {
            guard n >= 0 else { throw ValidationError("-n must be zero or more") }
            let (_, result) = try global.load(name)
            global.print(result.table.prefix(n), maxRows: n)
        }
    }
}

struct SampleCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "sample", abstract: "Write a deterministic synthetic table (for demos and benchmarks).")
    @Argument(help: "trade (a synthetic trade table of --rows rows), or demo (the bundled calibrated demo data: a folder of CSV files).") var kind: String
    @Option(help: "Rows to write.") var rows: Int = 10_000
    @Option(help: "Output CSV path.") var out: String
    @Option(help: "Random seed.") var seed: UInt64 = 42

    func run() throws {
        try reportingErrors {
            if kind == "demo" {
                try DemoData.write(to: out)
                print("wrote \(DemoData.fileNames.joined(separator: ", ")) to \(out)")
                return
            }
            guard kind == "trade" else { throw ValidationError("unknown sample '\(kind)'; available: trade, demo") }
            guard rows >= 0 else { throw ValidationError("--rows must be zero or more") }
            let n = try TradeSample(rows: rows, seed: seed).write(to: out)
            print("wrote \(n) rows to \(out)")
        }
    }
}
