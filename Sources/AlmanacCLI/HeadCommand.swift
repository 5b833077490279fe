import ArgumentParser
import Foundation
import Almanac

struct HeadCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "head", abstract: "The first rows of a dataset or CSV file.")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "A catalog dataset name or a CSV path.") var name: String
    @Option(name: .short, parsing: .unconditional, help: "Rows to show.") var n: Int = 10

    func validate() throws {
        guard n >= 0 else { throw ValidationError("-n must be zero or more, got \(n)") }
    }

    func run() throws {
        try reportingErrors {
            // Read no more than the rows shown (or the inference sample, so that types match a full load).
            let (_, result, _) = try global.load(name, firstRows: max(n, CSVOptions().sampleRows))
            global.print(result.table.prefix(n), maxRows: n)
        }
    }
}
