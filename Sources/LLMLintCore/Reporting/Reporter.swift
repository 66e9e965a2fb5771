/// Output formats of a scan's findings.
public enum OutputFormat: String, Sendable, CaseIterable {
  case text
  case json

  /// The reporter that renders this format.
  public func reporter(options: ReportOptions) -> any Reporter {
    switch self {
    case .text: return TextReporter(options: options)
    case .json: return JSONReporter()
    }
  }
}

/// How the terminal looks, decided by the command line (isatty, NO_COLOR, FORCE_COLOR).
public struct ReportOptions: Sendable {
  /// Colour escapes in text output.
  public var color: Bool
  /// The tool version, for formats that carry it.
  public var toolVersion: String

  public init(color: Bool = false, toolVersion: String = LLMLint.version) {
    self.color = color
    self.toolVersion = toolVersion
  }
}

/// Renders the findings of a scan for standard output.
public protocol Reporter: Sendable {
  /// The whole output for `result`; empty when there is nothing to print in this format.
  func render(_ result: ScanResult) -> String
}

/// The tool's identity.
public enum LLMLint {
  public static let version = "0.1.0"
  public static let name = "llmlint"
}
