// Benchmark: SheetWriter vs the C baseline (scripts/xlsx_c_baseline.c) on the same cells.
// Not a test. Build and run with scripts/bench_reports.sh, which compiles this file against the
// release build of the package's modules.
//
// Usage: bench_sheetwriter ROWS OUTPUT.xlsx [--in-memory]
// Prints: rows=N seconds=S vmhwm_kb start=… after_table=… end=…
import Foundation
import AlmanacCore
import AlmanacXLSX
import AlmanacReports

func vmHWM() -> Int {
    guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return -1 }
    for line in status.split(separator: "\n") where line.hasPrefix("VmHWM:") {
        return Int(line.split(separator: " ", omittingEmptySubsequences: true)[1]) ?? -1
    }
    return -1
}

let arguments = CommandLine.arguments
guard arguments.count >= 3, let rows = Int(arguments[1]) else {
    FileHandle.standardError.write(Data("usage: bench_sheetwriter ROWS OUTPUT.xlsx [--in-memory]\n".utf8))
    exit(2)
}
let output = URL(fileURLWithPath: arguments[2])
let constantMemory = !arguments.contains("--in-memory")
let hwmStart = vmHWM()

// The same cells as xlsx_c_baseline.c.
let provinces = ["Hà Giang", "Cao Bằng", "Lào Cai", "Điện Biên", "Thừa Thiên Huế", "Đắk Lắk", "Bà Rịa - Vũng Tàu", "Cà Mau"]
var ordinals = [Int32](repeating: 0, count: rows)
var province = [Int32](repeating: 0, count: rows)
var indicator = [Int32](repeating: 0, count: rows)
var value = [Double](repeating: 0, count: rows)
var change = [Double](repeating: 0, count: rows)
var count = [Int64](repeating: 0, count: rows)
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
    Column(name: "province", storage: .text(province, TextDictionary(uniqueNFC: provinces.map { $0.precomposedStringWithCanonicalMapping })),
           meta: ColumnMeta(label: "Tỉnh")),
    Column(name: "indicator", storage: .text(indicator, TextDictionary(uniqueNFC: (0..<50).map { "Chỉ tiêu \($0)" })),
           meta: ColumnMeta(label: "Chỉ tiêu")),
    Column(name: "value", storage: .float(value), meta: ColumnMeta(label: "Giá trị")),
    Column(name: "change", storage: .float(change), meta: ColumnMeta(label: "Thay đổi")),
    Column(name: "count", storage: .int(count), meta: ColumnMeta(label: "Số lượng")),
])
ordinals = []; province = []; indicator = []; value = []; change = []; count = []
let hwmTable = vmHWM()

let options = SheetOptions(formats: ["value": .numberFormat("#,##0.0"), "change": .percent, "count": .count])
let start = DispatchTime.now().uptimeNanoseconds
try XLSXWorkbook.write(to: output, options: .init(constantMemory: constantMemory, syncBeforeRename: false)) { wb in
    _ = try SheetWriter(workbook: wb).write(table, name: "Dữ liệu", options: options)
}
let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
let hwmEnd = vmHWM()
print(String(format: "rows=%d constant_memory=%@ seconds=%.3f vmhwm_kb start=%d after_table=%d end=%d",
             rows, constantMemory ? "yes" : "no", seconds, hwmStart, hwmTable, hwmEnd))
