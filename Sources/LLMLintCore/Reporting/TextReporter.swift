/// `path:line:column: warning: message [rule-id]`, one finding a line; on a terminal, each followed by the
/// source line and a caret under the call. With `ReportOptions.showSuppressed` the hidden findings are
/// listed among them, each ending ` (suppressed: REASON)` (or ` (suppressed)` with no reason written).
public struct TextReporter: Reporter {
  public let options: ReportOptions

  /// Source lines longer than this (in bytes) are not echoed: minified or generated code.
  public static let maximumEchoedLine = 400

  public init(options: ReportOptions = ReportOptions()) {
    self.options = options
  }

  public func render(_ result: ScanResult) -> String {
    var output = ""
    var findings = result.findings
    if options.showSuppressed {
      findings = (findings + result.suppressed).sorted(by: Finding.ordered)
    }
    for finding in findings {
      output += line(for: finding)
      if let suppression = finding.suppression {
        output += suppression.justification.isEmpty ? " (suppressed)" : " (suppressed: \(suppression.justification))"
      }
      output += "\n"
      if options.showSource, let excerpt = excerpt(for: finding) { output += excerpt }
    }
    return output
  }

  /// The one-line form of `finding`.
  public func line(for finding: Finding) -> String {
    // In a notebook, the cell and the line and column within it (`nb.ipynb:cell 3:2:5`), as ruff shows them.
    let location = finding.location + ":"
    let level = finding.severity.rawValue
    guard options.color else { return "\(location) \(level): \(finding.message) [\(finding.ruleID)]" }
    let levelColor = finding.severity == .error ? "\u{1B}[1;31m" : finding.severity == .warning ? "\u{1B}[1;33m" : "\u{1B}[1;36m"
    return "\u{1B}[1m\(location)\u{1B}[0m \(levelColor)\(level):\u{1B}[0m \(finding.message) \u{1B}[2m[\(finding.ruleID)]\u{1B}[0m"
  }

  /// The finding's source line (the called name's) and, under it, `^~~~` under the called name
  /// (`column..<endColumn`). Tabs before it are kept so the caret lines up. `nil` when there is no line to
  /// show or it is too long.
  public func excerpt(for finding: Finding) -> String? {
    let bytes = Array(finding.sourceLine.utf8)
    guard !bytes.isEmpty, bytes.count <= Self.maximumEchoedLine else { return nil }
    // Byte offset of the finding's column (columns count scalars: UTF-8 lead bytes).
    var start = 0
    var column = 1
    // The source line is the analysed one: in a notebook, the cell's line.
    let target = finding.cell?.column ?? finding.column
    while start < bytes.count, column < target {
      start += 1
      while start < bytes.count, bytes[start] & 0xC0 == 0x80 { start += 1 }
      column += 1
    }
    guard column == target, start < bytes.count else { return nil }
    var pad = ""
    for byte in bytes[0..<start] where byte & 0xC0 != 0x80 { pad += byte == ASCII.tab ? "\t" : " " }
    var remaining = 0
    for byte in bytes[start...] where byte & 0xC0 != 0x80 { remaining += 1 }
    let width = max(1, min(finding.endColumn - finding.column, remaining))
    let marker = "^" + String(repeating: "~", count: max(0, width - 1))
    let gutter = "    "
    if options.color {
      return "\(gutter)\(finding.sourceLine)\n\(gutter)\(pad)\u{1B}[1;32m\(marker)\u{1B}[0m\n"
    }
    return "\(gutter)\(finding.sourceLine)\n\(gutter)\(pad)\(marker)\n"
  }
}
