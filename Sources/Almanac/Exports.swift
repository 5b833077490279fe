// The facade's public API: what the command line, the benchmarks and an embedding program use. Core's values and
// the diagnostics are the vocabulary of everything else and come whole; of the other layers, only these names.
@_exported import AlmanacCore
@_exported import AlmanacDiagnostics

// The engine: run or check a query over a provider of sources.
@_exported import struct AlmanacEngine.QueryEngine
@_exported import struct AlmanacEngine.QueryResult
// A result's facts, typed (what tools and tests key on; each renders in English and Vietnamese).
@_exported import struct AlmanacEngine.LocatedFact
@_exported import enum AlmanacEngine.QueryFact
@_exported import struct AlmanacEngine.CoverageDifference
@_exported import class AlmanacEngine.QueryCancellation
@_exported import struct AlmanacEngine.QueryCancelled
@_exported import struct AlmanacEngine.LogicalPlan
@_exported import enum AlmanacEngine.PlanPrinter
@_exported import struct AlmanacEngine.Schema
@_exported import protocol AlmanacEngine.TableProvider
@_exported import protocol AlmanacEngine.PlanPushdown
@_exported import struct AlmanacEngine.SourceHandle
@_exported import enum AlmanacEngine.SourceResolution
@_exported import struct AlmanacEngine.SourceTable
@_exported import enum AlmanacEngine.FunctionCatalog
@_exported import struct AlmanacEngine.FunctionDefinition

// Sources: the catalog and files.
@_exported import struct AlmanacIO.Catalog
@_exported import struct AlmanacIO.DatasetSpec
@_exported import struct AlmanacIO.DatabaseTable
@_exported import enum AlmanacIO.CSVReader
@_exported import struct AlmanacIO.CSVOptions
@_exported import enum AlmanacIO.TextEncoding
@_exported import enum AlmanacIO.WorkbookReader
@_exported import struct AlmanacIO.WorkbookError
@_exported import enum AlmanacIO.TableFile
@_exported import struct AlmanacIO.LoadResult
@_exported import struct AlmanacIO.LoadReport
@_exported import enum AlmanacIO.CSVWriter
@_exported import enum AlmanacIO.JSONWriter
@_exported import enum AlmanacIO.TerminalTable
@_exported import enum AlmanacIO.OutputFormat
@_exported import struct AlmanacIO.TradeSample
@_exported import enum AlmanacIO.DemoData

// Reports: workbooks.
@_exported import struct AlmanacReports.WorkbookExporter
@_exported import struct AlmanacReports.ExportSummary
@_exported import struct AlmanacReports.SheetWriter
@_exported import struct AlmanacReports.SheetOptions
@_exported import struct AlmanacReports.WorkbookSpec
@_exported import enum AlmanacReports.ExportProgress
@_exported import struct AlmanacReports.WorkbookExportOutcome
@_exported import enum AlmanacIO.DatasetDescription
