@_exported import AlmanacCore
@_exported import AlmanacDiagnostics
@_exported import AlmanacIO
@_exported import AlmanacEngine
@_exported import AlmanacReports
