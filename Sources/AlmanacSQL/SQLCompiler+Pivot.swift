import AlmanacCore
import AlmanacDiagnostics
import AlmanacEngine

/// Pivots in two phases: a first statement lists the distinct values of the pivot column, the engine names and orders
/// the pivot's columns from them as the local pivot does (`QueryEngine.continuing(_:pivotValues:)`: Vietnamese
/// order for text, NFC), and the pivot compiles to conditional aggregation with the later steps on top.
extension SQLCompiler {
    /// The statement listing the distinct values (null included) of the column the plan's final pivot spreads, as one
    /// column `value` (periods as their integer ordinals).
    public func pivotValuesStatement(_ plan: LogicalPlan) throws -> String {
        guard let top = plan.rootID, let pivot = plan.unresolvedPivot else {
            throw DiagnosticError(.internalError("the plan does not end in a pivot whose values are unknown"))
        }
        let (ctes, last) = try chain(plan.nodes[..<top.index], plan)
        return with(ctes) + "\nSELECT DISTINCT \(dialect.identifier(pivot.column)) AS \(dialect.identifier("value"))\nFROM \(dialect.identifier(last.name))\n"
    }

    /// The statement for the whole plan, its pivots included: for each pivot, `values` runs the statement
    /// `pivotValuesStatement` writes (in the database the final statement will run in) and returns its one column;
    /// it also gets the plan so far, whose final pivot the statement is for (to compute the values another way:
    /// `QueryEngine.pivotValues`), and returns nil when it cannot have them (the error then says the pivot needs
    /// them).
    public func compile(_ plan: LogicalPlan, engine: QueryEngine, values: (_ statement: String, _ plan: LogicalPlan) throws -> [Value]?) throws -> String {
        var plan = plan
        while let pivot = plan.unresolvedPivot {
            guard let raw = try values(try pivotValuesStatement(plan), plan) else { throw pivotNeedsValues(pivot.span) }
            plan = try engine.continuing(plan, pivotValues: raw)
        }
        return try compile(plan)
    }
}
