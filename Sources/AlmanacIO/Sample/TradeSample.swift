import Foundation

/// A deterministic synthetic monthly trade table, `period, province, partner, flow, product, value_usd`, for demos
/// and benchmarks: series (province × partner × flow × product) over months from 2015-01, each with a trend and a
/// season, and about 2% of (series, month) rows left out on purpose so that gaps are exercised.
public struct TradeSample {
    public var rows: Int
    public var seed: UInt64
    public var months: Int
    public var missingRate: Double

    public init(rows: Int, seed: UInt64 = 42, months: Int = 120, missingRate: Double = 0.02) {
        self.rows = rows
        self.seed = seed
        self.months = months
        self.missingRate = missingRate
    }

    public static let header = "period,province,partner,flow,product,value_usd\n"

    /// The series the sample can hold: each a distinct (province, partner, flow, product).
    public static var seriesLimit: Int {
        SampleNames.provinces.count * SampleNames.partners.count * 2 * SampleNames.productCount
    }

    /// More rows than any sample of `months` months can hold (every series complete, with no gap): asking for
    /// this many or more is an error. A request just below it may still get fewer rows, as about 2% are gaps.
    public static func rowBound(months: Int = 120) -> Int { seriesLimit * months }

    /// Writes the CSV to a file (atomically: a temporary file renamed into place) and returns the rows written.
    @discardableResult
    public func write(to path: String) throws -> Int {
        var written = 0
        try FileWriting.write(to: path) { fd in
            var failed: Int32 = 0
            generate { chunk, n in
                if failed == 0 { _ = FileWriting.writeAll(fd, chunk, &failed) }
                written = n
            }
            return failed
        }
        return written
    }

    /// The CSV text (small samples and tests).
    public func text() -> String {
        var out: [UInt8] = []
        generate { chunk, _ in out.append(contentsOf: chunk) }
        return String(decoding: out, as: UTF8.self)
    }

    /// Produces the CSV in blocks of bytes; `emit` receives each block and the rows so far.
    func generate(_ emit: (UnsafeBufferPointer<UInt8>, Int) -> Void) {
        var rng = SplitMix64(seed: seed)
        let provinces = SampleNames.provinces.map { Array($0.utf8) }
        let partners = SampleNames.partners.map { Array($0.utf8) }
        let products = (0..<SampleNames.productCount).map { Array(SampleNames.product($0).utf8) }
        let flows = [Array("export".utf8), Array("import".utf8)]
        // Each series is a distinct (province, partner, flow, product); never more series than combinations.
        let combinations = TradeSample.seriesLimit
        let seriesCount = min(combinations, max(1, Int((Double(rows) / (Double(months) * (1 - missingRate))).rounded(.up)) + 1))
        var buf: [UInt8] = []
        buf.reserveCapacity(1 << 20)
        buf.append(contentsOf: Array(TradeSample.header.utf8))
        var count = 0
        // Periods as text once.
        let periodText = (0..<months).map { m -> [UInt8] in
            let y = 2015 + m / 12, mo = m % 12 + 1
            return Array("\(y)-\(mo < 10 ? "0" : "")\(mo)".utf8)
        }
        let season = (0..<12).map { 1 + 0.18 * sin(Double($0) / 12 * 2 * .pi) }
        outer: for s in 0..<seriesCount {
            let p = s % provinces.count
            let q = (s / provinces.count) % partners.count
            let fl = (s / (provinces.count * partners.count)) % 2
            let pr = (s / (provinces.count * partners.count * 2)) % products.count
            let base = 20_000 + rng.nextDouble() * 480_000
            let growth = -0.03 + rng.nextDouble() * 0.15
            for m in 0..<months {
                let r = rng.nextDouble()
                if r < missingRate { continue }
                if count == rows { break outer }
                let noise = 0.85 + 0.3 * rng.nextDouble()
                let value = base * pow(1 + growth, Double(m) / 12) * season[m % 12] * noise
                buf.append(contentsOf: periodText[m]); buf.append(44)
                buf.append(contentsOf: provinces[p]); buf.append(44)
                buf.append(contentsOf: partners[q]); buf.append(44)
                buf.append(contentsOf: flows[fl]); buf.append(44)
                buf.append(contentsOf: products[pr]); buf.append(44)
                appendCents(&buf, Int64((value * 100).rounded()))
                buf.append(10)
                count += 1
                if buf.count > (1 << 20) - 256 {
                    buf.withUnsafeBufferPointer { emit($0, count) }
                    buf.removeAll(keepingCapacity: true)
                }
            }
        }
        buf.withUnsafeBufferPointer { emit($0, count) }
    }

    /// `1234567` → "12345.67".
    func appendCents(_ buf: inout [UInt8], _ cents: Int64) {
        var digits: [UInt8] = []
        var v = cents
        repeat { digits.append(UInt8(v % 10) + 48); v /= 10 } while v > 0
        while digits.count < 3 { digits.append(48) }
        for k in stride(from: digits.count - 1, through: 2, by: -1) { buf.append(digits[k]) }
        buf.append(46)
        buf.append(digits[1]); buf.append(digits[0])
    }
}

/// A small, fast, reproducible random generator (SplitMix64).
public struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    public init(seed: UInt64) { state = seed }
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    /// Uniform in [0, 1).
    public mutating func nextDouble() -> Double { Double(next() >> 11) * 0x1.0p-53 }
}
