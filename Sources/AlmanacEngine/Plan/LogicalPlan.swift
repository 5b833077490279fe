import AlmanacCore
import AlmanacDiagnostics

/// A node's place in its plan.
public struct NodeID: Hashable, Sendable, CustomStringConvertible {
    public let index: Int
    public var description: String { "#\(index)" }
}

/// One typed node of a bound query: a payload struct per kind, each holding its input, its output schema and its
/// fields (as DataFusion's `LogicalPlan` and DuckDB's `LogicalOperator` do).
public enum PlanNode: Sendable {
    case scan(ScanNode)
    case resume(ResumeNode)
    case filter(FilterNode)
    case derive(DeriveNode)
    case select(SelectNode)
    case aggregate(AggregateNode)
    case sort(SortNode)
    case take(TakeNode)
    case pivot(PivotNode)
    case join(JoinNode)
    case compare(CompareNode)
    case unpivot(UnpivotNode)

    /// The node whose rows this one consumes; nil for a source.
    public var input: NodeID? {
        switch self {
        case .scan, .resume: return nil
        case .filter(let n): return n.input
        case .derive(let n): return n.input
        case .select(let n): return n.input
        case .aggregate(let n): return n.input
        case .sort(let n): return n.input
        case .take(let n): return n.input
        case .pivot(let n): return n.input
        case .join(let n): return n.input
        case .compare(let n): return n.input
        case .unpivot(let n): return n.input
        }
    }

    /// The schema of the rows it produces.
    public var schema: Schema {
        switch self {
        case .scan(let n): return n.schema
        case .resume(let n): return n.schema
        case .filter(let n): return n.schema
        case .derive(let n): return n.schema
        case .select(let n): return n.schema
        case .aggregate(let n): return n.schema
        case .sort(let n): return n.schema
        case .take(let n): return n.schema
        case .pivot(let n): return n.schema
        case .join(let n): return n.schema
        case .compare(let n): return n.schema
        case .unpivot(let n): return n.schema
        }
    }

    /// The step's place in the query text.
    public var span: SourceSpan {
        switch self {
        case .scan(let n): return n.span
        case .resume(let n): return n.span
        case .filter(let n): return n.span
        case .derive(let n): return n.span
        case .select(let n): return n.span
        case .aggregate(let n): return n.span
        case .sort(let n): return n.span
        case .take(let n): return n.span
        case .pivot(let n): return n.span
        case .join(let n): return n.span
        case .compare(let n): return n.span
        case .unpivot(let n): return n.span
        }
    }

    /// Whether the node reads a dataset or file (its output's types come from the data).
    public var readsSource: Bool {
        switch self {
        case .scan, .join: return true
        default: return false
        }
    }

    /// The node with another input (when it has one).
    func withInput(_ id: NodeID) -> PlanNode {
        switch self {
        case .scan, .resume: return self
        case .filter(var n): n.input = id; return .filter(n)
        case .derive(var n): n.input = id; return .derive(n)
        case .select(var n): n.input = id; return .select(n)
        case .aggregate(var n): n.input = id; return .aggregate(n)
        case .sort(var n): n.input = id; return .sort(n)
        case .take(var n): n.input = id; return .take(n)
        case .pivot(var n): n.input = id; return .pivot(n)
        case .join(var n): n.input = id; return .join(n)
        case .compare(var n): n.input = id; return .compare(n)
        case .unpivot(var n): n.input = id; return .unpivot(n)
        }
    }
}

/// A bound query: its nodes in execution order (each node's input comes before it; the last is the result), with the
/// query text and parameters it was bound from. Nodes live in one array rather than a tree of boxes, so that a
/// pipeline of thousands of steps is walked and freed without recursion.
public struct LogicalPlan: Sendable {
    public private(set) var nodes: [PlanNode] = []
    public var source: SourceFile
    public var parameters: [String: String]
    /// What the binder noticed without refusing (a text literal that names a column: `"tỉnh"` where `tỉnh` was meant).
    public var warnings: [Diagnostic] = []
    /// Steps after a pivot, bound only once it has run (its columns come from the data).
    public var stepsAfterPivot = 0

    public init(source: SourceFile, parameters: [String: String]) {
        self.source = source
        self.parameters = parameters
    }

    /// The node that produces the result.
    public var root: PlanNode? { nodes.last }
    public var rootID: NodeID? { nodes.isEmpty ? nil : NodeID(index: nodes.count - 1) }

    public subscript(id: NodeID) -> PlanNode { nodes[id.index] }

    /// The schema of the result.
    public var outputSchema: Schema { nodes.last?.schema ?? Schema(fields: []) }

    /// Adds a node (its input must already be in the plan) and returns its id.
    @discardableResult
    public mutating func append(_ node: PlanNode) -> NodeID {
        precondition(node.input.map { $0.index < nodes.count } ?? true, "a plan node's input comes before it")
        nodes.append(node)
        return NodeID(index: nodes.count - 1)
    }

    /// Replaces a node in place (same input).
    mutating func replace(_ id: NodeID, with node: PlanNode) {
        nodes[id.index] = node
    }

    /// This plan followed by `next`, whose `resume` node stands for this plan's result: the whole query as it ran.
    func continued(by next: LogicalPlan) -> LogicalPlan {
        guard let top = rootID else { return next }
        var plan = self
        var ids: [Int: NodeID] = [:]
        for (i, node) in next.nodes.enumerated() {
            if case .resume = node { ids[i] = top; continue }
            let moved = node.input.map { node.withInput(ids[$0.index] ?? top) } ?? node
            ids[i] = plan.append(moved)
        }
        plan.warnings += next.warnings
        plan.stepsAfterPivot = next.stepsAfterPivot
        return plan
    }
}
