@_exported import AlmanacCore
@_exported import AlmanacDiagnostics
@_exported import AlmanacIO
@_exported import AlmanacQuery
@_exported import AlmanacReports
