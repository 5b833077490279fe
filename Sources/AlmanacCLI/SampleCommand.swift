import ArgumentParser
import Foundation
import Almanac

struct SampleCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "sample", abstract: "Write a deterministic synthetic table (for demos and benchmarks).")
    @Argument(help: "trade (a synthetic trade table of --rows rows), or demo (the bundled calibrated demo data: a folder of CSV files).") var kind: String
    @Option(parsing: .unconditional, help: "Rows to write.") var rows: Int = 10_000
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
            guard rows >= 0 else { throw ValidationError("--rows must be zero or more, got \(rows)") }
            let bound = TradeSample.rowBound()
            guard rows < bound else {
                throw ValidationError("--rows \(rows) is more than the trade sample holds: \(NumberFormatting.grouped(Int64(TradeSample.seriesLimit))) series × 120 months, less about 2% gaps (fewer than \(NumberFormatting.grouped(Int64(bound))) rows)")
            }
            let n = try TradeSample(rows: rows, seed: seed).write(to: out)
            if n < rows {
                print("wrote \(n) rows to \(out) (not the \(rows) asked: every series of the sample is complete)")
            } else {
                print("wrote \(Plural.count(n, "row")) to \(out)")
            }
        }
    }
}
