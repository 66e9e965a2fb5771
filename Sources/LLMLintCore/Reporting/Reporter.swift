/// Output formats of a scan's findings.
public enum OutputFormat: String, Sendable, CaseIterable {
  case text
  case json
  /// SARIF 2.1.0, for code scanning.
  case sarif
  /// GitHub Actions workflow commands (pull-request annotations).
  case github
  /// GitLab Code Quality report.
  case gitlab

  /// The reporter that renders this format.
  public func reporter(options: ReportOptions) -> any Reporter {
    switch self {
    case .text: return TextReporter(options: options)
    case .json: return JSONReporter(options: options)
    case .sarif: return SARIFReporter(options: options)
    case .github: return GitHubReporter()
    case .gitlab: return GitLabReporter()
    }
  }
}

/// How the output looks, decided by the command line (isatty, NO_COLOR, FORCE_COLOR), and what some
/// formats carry besides the findings.
public struct ReportOptions: Sendable {
  /// Colour escapes in text output.
  public var color: Bool
  /// Text output: the source line and a caret under the call after each finding (when stdout is a terminal).
  public var showSource: Bool
  /// The tool version, for formats that carry it.
  public var toolVersion: String
  /// The active rules, for formats that describe them (SARIF `tool.driver.rules`).
  public var rules: [Rule]
  /// The absolute directory relative paths are relative to (SARIF `%SRCROOT%`); `nil` leaves it out.
  public var sourceRoot: String?
  /// `--show-suppressed`: text and JSON also list the findings a comment or the baseline hides, with the
  /// reason (SARIF always carries them, as suppressed results).
  public var showSuppressed: Bool

  public init(
    color: Bool = false, showSource: Bool = false, toolVersion: String = LLMLint.version, rules: [Rule] = [],
    sourceRoot: String? = nil, showSuppressed: Bool = false
  ) {
    self.color = color
    self.showSource = showSource
    self.toolVersion = toolVersion
    self.rules = rules
    self.sourceRoot = sourceRoot
    self.showSuppressed = showSuppressed
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
  /// Where the tool is documented (SARIF `tool.driver.informationUri`).
  public static let informationURI = "https://github.com/llmlint/llmlint"
}
