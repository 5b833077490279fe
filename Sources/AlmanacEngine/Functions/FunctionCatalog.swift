/// Every function the language knows, gathered from the family files under Functions/: the binder, the evaluator,
/// did-you-mean, the REPL's help and the README check all read this one list.
public enum FunctionCatalog {
    /// In the order the docs list them: aggregates, scalar functions, functions along a series.
    public static let all: [FunctionDefinition] =
        AggregateFunctions.all
        + PeriodFunctions.coarsening + NumberFunctions.all + ConditionalFunctions.all + TextFunctionFamily.all + PeriodFunctions.making
        + GrowthFunctions.all + CumulativeFunctions.all + [IndexFunction.definition] + CrossSectionFunctions.all + PlanFunctions.all

    static let byName: [String: FunctionDefinition] = Dictionary(uniqueKeysWithValues: all.map { ($0.id.rawValue, $0) })

    /// The definition of a name as written (any case), or nil.
    public static func definition(named name: String) -> FunctionDefinition? { byName[name.lowercased()] }

    /// The definition of a bound function.
    static func definition(_ id: FunctionID) -> FunctionDefinition {
        guard let d = byName[id.rawValue] else { preconditionFailure("function \(id) has no definition") }
        return d
    }

    public static var names: [String] { all.map(\.id.rawValue) }

    /// The names of one kind, in catalog order.
    public static func names(of kind: FunctionKind) -> [String] { all.filter { $0.kind == kind }.map(\.id.rawValue) }
}
