import Synchronization

/// Asks a running query to stop: `cancel()` from any thread; the engine looks before each step and throws
/// `QueryCancelled` (the REPL's Ctrl-C).
public final class QueryCancellation: Sendable {
    private let flag = Atomic<Bool>(false)

    public init() {}

    /// Stops the query at its next step.
    public func cancel() { flag.store(true, ordering: .relaxed) }

    public var isCancelled: Bool { flag.load(ordering: .relaxed) }
}

/// A query stopped by its `QueryCancellation` before it finished.
public struct QueryCancelled: Error, CustomStringConvertible {
    public var description: String { "the query was cancelled" }
}
