import XCTest
import AlmanacCore
@testable import AlmanacKernels

/// Values of a masked result as optionals.
func opt<T>(_ m: Masked<T>) -> [T?] { (0..<m.count).map { m[$0] } }

/// Values of a column as `Value`s.
func vals(_ c: Column) -> [Value] { (0..<c.count).map { c.value(at: $0) } }

/// Doubles of a masked result, rounded to 1e-9 for comparisons.
func approx(_ m: Masked<Double>) -> [Double?] { opt(m).map { $0.map { ($0 * 1e9).rounded() / 1e9 } } }

func r9(_ x: Double?) -> Double? { x.map { ($0 * 1e9).rounded() / 1e9 } }

func months(_ list: [(Int32, Int32)?]) -> Column {
    .periods("period", list.map { $0.map { Period.month($0.0, $0.1) } }, frequency: .month)
}
