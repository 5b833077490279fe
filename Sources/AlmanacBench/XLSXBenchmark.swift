import Foundation
import Almanac
import AlmanacXLSX

/// The workbook target: our writer (SheetWriter over the libxlsxwriter wrapper) against a plain C program using
/// libxlsxwriter on the same cells (scripts/xlsx_c_baseline.c, compiled with cc), in constant-memory mode;
/// each measured in its own process so that peak RSS is the writer's own.
enum XLSXBenchmark {
    /// Writes `rows` × 6 cells like the C baseline and prints seconds and peak RSS (run in a child process).
    static func writeOnce(rows: Int, output: String) throws {
        let provinces = ["Hà Giang", "Cao Bằng", "Lào Cai", "Điện Biên", "Thừa Thiên Huế", "Đắk Lắk", "Bà Rịa - Vũng Tàu", "Cà Mau"]
        var ordinals = [Int32](repeating: 0, count: rows), province = [Int32](repeating: 0, count: rows)
        var indicator = [Int32](repeating: 0, count: rows), value = [Double](repeating: 0, count: rows)
        var change = [Double](repeating: 0, count: rows), count = [Int64](repeating: 0, count: rows)
        for i in 0..<rows {
            ordinals[i] = Period.month(Int32(2000 + (i / 12) % 25), Int32(i % 12 + 1)).ordinal
            province[i] = Int32(i % 8)
            indicator[i] = Int32(i % 50)
            value[i] = Double(i) * 1.5
            change[i] = Double((i % 200) - 100) / 1000
            count[i] = Int64(i % 1000)
        }
        let table = try Table(columns: [
            Column(name: "period", storage: .period(ordinals, .month), meta: ColumnMeta(role: .period, label: "Kỳ")),
            Column(name: "province", storage: .text(province, TextDictionary(uniqueNFC: provinces.map { $0.precomposedStringWithCanonicalMapping })), meta: ColumnMeta(label: "Tỉnh")),
            Column(name: "indicator", storage: .text(indicator, TextDictionary(uniqueNFC: (0..<50).map { "Chỉ tiêu \($0)" })), meta: ColumnMeta(label: "Chỉ tiêu")),
            Column(name: "value", storage: .float(value), meta: ColumnMeta(label: "Giá trị")),
            Column(name: "change", storage: .float(change), meta: ColumnMeta(label: "Thay đổi")),
            Column(name: "count", storage: .int(count), meta: ColumnMeta(label: "Số lượng")),
        ])
        ordinals = []; province = []; indicator = []; value = []; change = []; count = []
        let options = SheetOptions(formats: ["value": .numberFormat("#,##0.0"), "change": .percent, "count": .count])
        let before = BenchSupport.currentRSSMB()
        let t0 = DispatchTime.now().uptimeNanoseconds
        try XLSXWorkbook.write(to: URL(fileURLWithPath: output), options: .init(constantMemory: true, syncBeforeRename: false)) { wb in
            _ = try SheetWriter(workbook: wb).write(table, name: "Dữ liệu", options: options)
        }
        print(String(format: "%.3f %.1f %.1f", Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e9, BenchSupport.peakRSSMB(), before))
    }

    static func run(sizes: [Int]) throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("almanac-bench-xlsx").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let cBinary = dir + "/xlsx_c_baseline"
        let cc = BenchSupport.shell("cc -O2 -o \(cBinary) scripts/xlsx_c_baseline.c $(pkg-config --cflags --libs xlsxwriter)")
        for n in sizes {
            var swiftTimes: [Double] = [], swiftRSS = 0.0, swiftBefore = 0.0, cTimes: [Double] = [], cRSS = 0.0
            for _ in 0..<3 {
                if let out = BenchSupport.shell("'\(CommandLine.arguments[0])' xlsx-once --rows \(n) --out \(dir)/swift-\(n).xlsx") {
                    let f = out.split(separator: " ")
                    swiftTimes.append(Double(f[0]) ?? .nan)
                    let peak = Double(f[1]) ?? 0, before = f.count > 2 ? Double(f[2]) ?? 0 : 0
                    if peak - before >= swiftRSS - swiftBefore { swiftRSS = peak; swiftBefore = before }
                }
                if cc != nil, let out = BenchSupport.shell("/usr/bin/time -f 'rss=%M' \(cBinary) \(n) \(dir)/c-\(n).xlsx 2>&1") {
                    if let s = out.range(of: #"seconds=[0-9.]+"#, options: .regularExpression) { cTimes.append(Double(out[s].dropFirst(8)) ?? .nan) }
                    if let r = out.range(of: #"rss=[0-9]+"#, options: .regularExpression) { cRSS = max(cRSS, (Double(out[r].dropFirst(4)) ?? 0) / 1024) }
                }
            }
            let s = swiftTimes.min() ?? .nan
            // The writer's own memory is the peak above the process just before writing (Foundation's runtime and the
            // n-row table it writes, which the C program never holds): the figure that must stay flat as n grows.
            print(String(format: "xlsx %d rows × 6: almanac %.3f s, peak RSS %.0f MB (%.0f MB before writing: runtime + table; writer's own %.1f MB)",
                         n, s, swiftRSS, swiftBefore, swiftRSS - swiftBefore)
                  + (cTimes.isEmpty ? "; C baseline: not built (needs cc and libxlsxwriter-dev)"
                                    : String(format: "; plain C libxlsxwriter (same run) %.3f s, peak RSS %.0f MB; ratio %.2f", cTimes.min()!, cRSS, s / cTimes.min()!)))
        }
    }
}
