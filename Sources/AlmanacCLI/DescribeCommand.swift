import ArgumentParser
import Foundation
import Almanac

struct DescribeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "describe", abstract: "Schema, rows, period range, nulls and distinct values of a dataset or CSV file.")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "A catalog dataset name or a CSV path.") var name: String

    func run() throws {
        try reportingErrors {
            let (spec, result, rejects) = try global.load(name)
            switch global.format {
            case .table: print(DatasetDescription.render(name: name, spec: spec, result: result, rejectsPath: rejects), terminator: "")
            case .json: print(DatasetDescription.json(name: name, spec: spec, result: result, rejectsPath: rejects), terminator: "")
            case .csv: global.print(try DatasetDescription.columnTable(result: result))
            }
        }
    }
}
