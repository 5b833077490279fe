import AlmanacCore
import AlmanacEngine
import AlmanacTestSupport

/// The golden step tests' tables (`StepFixtures`, shared with the SQL compiler's tests) and the engine over them.
typealias Fixtures = StepFixtures

extension StepFixtures {
    static func engine() -> QueryEngine { QueryEngine(provider: InMemoryProvider(all)) }
}

/// The tiny-table builders, for the engine's tests that do not import the support module themselves.
typealias T = AlmanacTestSupport.T
