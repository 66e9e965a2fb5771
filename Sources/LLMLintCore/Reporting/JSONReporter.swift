/// A JSON array of finding objects, keys in a fixed order, one object a line for readable diffs.
///
/// Each object carries a `fingerprint` (see `Fingerprint`: stable when code above the call moves). With
/// `ReportOptions.showSuppressed` the findings a comment or the baseline hides are in the array too, in
/// output order, each with `"suppressed": {"kind": "inSource"|"baseline", "reason": "…"}`; objects of
/// reported findings have no `suppressed` key.
public struct JSONReporter: Reporter {
  public let options: ReportOptions

  public init(options: ReportOptions = ReportOptions()) {
    self.options = options
  }

  public func render(_ result: ScanResult) -> String {
    let prints = Fingerprint.fingerprints(for: result)
    var entries = result.findings.indices.map { (finding: result.findings[$0], print: prints.findings[$0]) }
    if options.showSuppressed {
      entries += result.suppressed.indices.map { (finding: result.suppressed[$0], print: prints.suppressed[$0]) }
      entries.sort { Finding.ordered($0.finding, $1.finding) }
    }
    guard !entries.isEmpty else { return "[]\n" }
    var output = "[\n"
    for (index, entry) in entries.enumerated() {
      let finding = entry.finding
      output += "  {"
      output += "\"path\": \(JSON.string(finding.path)), "
      output += "\"line\": \(finding.line), \"column\": \(finding.column), \"endColumn\": \(finding.endColumn), "
      output += "\"endLine\": \(finding.endLine), "
      if let cell = finding.cell {
        // A notebook's finding: `line` and `column` are the .ipynb file's; these are the cell's.
        output += "\"cell\": {\"index\": \(cell.cell), \"line\": \(cell.line), \"column\": \(cell.column)}, "
      }
      output += "\"rule\": \(JSON.string(finding.ruleID)), \"provider\": \(JSON.string(finding.provider)), "
      output +=
        "\"severity\": \(JSON.string(finding.severity.rawValue)), \"message\": \(JSON.string(finding.message)), "
      output += "\"callee\": \(JSON.string(finding.callee)), \"fingerprint\": \(JSON.string(entry.print))"
      if let suppression = finding.suppression {
        output += ", \"suppressed\": {\"kind\": \(JSON.string(suppression.kind.rawValue)), "
        output += "\"reason\": \(JSON.string(suppression.justification))}"
      }
      output += index == entries.count - 1 ? "}\n" : "},\n"
    }
    return output + "]\n"
  }
}

/// JSON text helpers (RFC 8259).
public enum JSON {
  /// `text` as a JSON string literal: quotes, backslashes and control characters escaped.
  public static func string(_ text: String) -> String {
    var output = "\""
    for scalar in text.unicodeScalars {
      switch scalar {
      case "\"": output += "\\\""
      case "\\": output += "\\\\"
      case "\n": output += "\\n"
      case "\r": output += "\\r"
      case "\t": output += "\\t"
      case let control where control.value < 0x20 || control.value == 0x7F:
        let hex = String(control.value, radix: 16)
        output += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
      default: output.unicodeScalars.append(scalar)
      }
    }
    return output + "\""
  }
}
