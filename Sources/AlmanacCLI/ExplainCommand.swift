import ArgumentParser
import Foundation
import Almanac

struct ExplainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "explain", abstract: "Print the bound plan of a query.")
    @OptionGroup var global: GlobalOptions
    @OptionGroup var source: QuerySource

    func run() throws {
        try reportingErrors {
            let engine = QueryEngine(catalog: try global.catalog())
            let plan = try engine.check(try source.sourceFile(), parameters: try source.parameters())
            print(PlanPrinter.render(plan), terminator: "")
        }
    }
}
