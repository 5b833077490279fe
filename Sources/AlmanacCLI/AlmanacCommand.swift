import ArgumentParser
import Foundation
import Almanac

/// `almanac`: the command line of the Almanac engine.
@main
struct AlmanacCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "almanac",
        abstract: "Analytics for provincial planners: trade, aid and tourism series, queries, and Excel workbooks.",
        subcommands: [QueryCommand.self, ExportCommand.self, CheckCommand.self, ExplainCommand.self, SQLCommand.self, ReplCommand.self, DatasetsCommand.self, DescribeCommand.self, HeadCommand.self, SampleCommand.self])
}
