import AlmanacCore
import AlmanacKernels
import AlmanacDiagnostics

/// Growth of running totals that compares windows holding the same periods.
enum WindowComparison {
    /// `yoy(ytd(x))`: nil when the measure is not a running total (the plain growth applies).
    static func yoyOfWindow(_ call: inout SeriesInvocation, _ ev: inout ExprEvaluator, pair: (Double, Double) -> Double) throws -> Column? {
        nil
    }
}
