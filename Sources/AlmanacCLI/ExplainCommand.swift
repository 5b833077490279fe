import ArgumentParser
import Foundation
import Almanac

struct ExplainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "explain", abstract: "Print the bound plan of a query.")
    @OptionGroup var global: GlobalOptions
    @OptionGroup var source: QuerySource

    func run() throws {
        try reportingErrors {
            // As `query`: files by path need no data folder.
            let engine = try global.engine()
            let file = try source.sourceFile()
            let plan = try engine.check(file, parameters: try source.parameters())
            print(PlanPrinter.render(plan), terminator: "")
            if let remote = engine.provider as? PlanPushdown, let place = remote.location(of: plan) { print("runs in " + place) }
            // A pivot's columns are known only once it runs: say how many steps follow it.
            let more = plan.stepsAfterPivot
            if more > 0 {
                print("… and \(more) more step\(more == 1 ? "" : "s") after the pivot, bound when its columns are known (run the query to see them)")
            }
        }
    }
}
