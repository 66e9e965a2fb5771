/// GitHub Actions workflow commands: one `::warning` (or `::notice`, `::error`) line per finding, which
/// the runner turns into an annotation on the pull request.
///
/// ```
/// ::warning file=app/chat.py,line=12,col=5,endLine=14,title=llmlint/openai-chat-completions::OpenAI chat …
/// ```
///
/// Escaping follows the workflow-commands spec
/// (https://docs.github.com/actions/using-workflows/workflow-commands-for-github-actions, and the runner's
/// `ActionCommand.cs`): in the message `%`, `\r`, `\n` become `%25`, `%0D`, `%0A`; in property values `:`
/// and `,` also become `%3A` and `%2C`. Paths are as reported (relative to the current directory), so run
/// llmlint from the repository root. Suppressed findings are not printed.
public struct GitHubReporter: Reporter {
  public init() {}

  public func render(_ result: ScanResult) -> String {
    var output = ""
    for finding in result.findings {
      output += line(for: finding)
      output += "\n"
    }
    return output
  }

  /// The workflow command for `finding`.
  public func line(for finding: Finding) -> String {
    let command: String
    switch finding.severity {
    case .info: command = "notice"
    case .warning: command = "warning"
    case .error: command = "error"
    }
    let properties = [
      // The called name, on one line; `endColumn` just past it, as SARIF's (and ruff's GitHub output) have it.
      ("file", finding.path), ("line", String(finding.line)), ("col", String(finding.column)),
      ("endLine", String(finding.line)), ("endColumn", String(finding.endColumn)),
      ("title", "llmlint/\(finding.ruleID)"),
    ]
    let list = properties.map { "\($0.0)=\(Self.escapeProperty($0.1))" }.joined(separator: ",")
    return "::\(command) \(list)::\(Self.escapeData(finding.message))"
  }

  /// The workflow command for a problem of the run: `::warning file=…,line=…,col=…,title=llmlint::…`, the
  /// location properties left out when unknown.
  public func line(for problem: Problem) -> String {
    var properties: [(String, String)] = []
    if let path = problem.path {
      properties.append(("file", path))
      if let line = problem.line {
        properties.append(("line", String(line)))
        if let column = problem.column { properties.append(("col", String(column))) }
      }
    }
    properties.append(("title", "llmlint"))
    let list = properties.map { "\($0.0)=\(Self.escapeProperty($0.1))" }.joined(separator: ",")
    return "::warning \(list)::\(Self.escapeData(problem.message))"
  }

  /// A command's message: `%` → `%25`, `\r` → `%0D`, `\n` → `%0A`.
  public static func escapeData(_ text: String) -> String {
    escape(text, property: false)
  }

  /// A command's property value: as `escapeData`, and `:` → `%3A`, `,` → `%2C`.
  public static func escapeProperty(_ text: String) -> String {
    escape(text, property: true)
  }

  private static func escape(_ text: String, property: Bool) -> String {
    var output = ""
    for scalar in text.unicodeScalars {
      switch scalar {
      case "%": output += "%25"
      case "\r": output += "%0D"
      case "\n": output += "%0A"
      case ":" where property: output += "%3A"
      case "," where property: output += "%2C"
      default: output.unicodeScalars.append(scalar)
      }
    }
    return output
  }
}
