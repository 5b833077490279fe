import Synchronization

/// Counts of work whose growth tests hold to the size of what changes (a pipeline of thousands of steps must cost in
/// proportion to them, not to their square). Relaxed atomic adds: cheap enough to leave on, never read on a hot path.
package enum WorkCounters {
    /// Names entered into a name index (a table's, a schema's) by a build over every column.
    package static let namesIndexed = Atomic<Int>(0)
    /// Formulas a lineage update looked at.
    package static let lineageVisits = Atomic<Int>(0)
}
