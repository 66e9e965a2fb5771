/// `path:line:column: warning: message [rule-id]`, one finding a line.
public struct TextReporter: Reporter {
  public let options: ReportOptions

  public init(options: ReportOptions = ReportOptions()) {
    self.options = options
  }

  public func render(_ result: ScanResult) -> String {
    var output = ""
    for finding in result.findings {
      output += line(for: finding)
      output += "\n"
    }
    return output
  }

  /// The one-line form of `finding`.
  public func line(for finding: Finding) -> String {
    let location = "\(finding.path):\(finding.line):\(finding.column):"
    let level = finding.severity.rawValue
    guard options.color else { return "\(location) \(level): \(finding.message) [\(finding.ruleID)]" }
    let levelColor = finding.severity == .error ? "\u{1B}[1;31m" : finding.severity == .warning ? "\u{1B}[1;33m" : "\u{1B}[1;36m"
    return "\u{1B}[1m\(location)\u{1B}[0m \(levelColor)\(level):\u{1B}[0m \(finding.message) \u{1B}[2m[\(finding.ruleID)]\u{1B}[0m"
  }
}
