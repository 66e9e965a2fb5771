/// A JSON array of finding objects, keys in a fixed order, one object a line for readable diffs.
public struct JSONReporter: Reporter {
  public init() {}

  public func render(_ result: ScanResult) -> String {
    guard !result.findings.isEmpty else { return "[]\n" }
    var output = "[\n"
    for (index, finding) in result.findings.enumerated() {
      output += "  {"
      output += "\"path\": \(JSON.string(finding.path)), "
      output += "\"line\": \(finding.line), \"column\": \(finding.column), \"endColumn\": \(finding.endColumn), "
      output += "\"endLine\": \(finding.endLine), "
      output += "\"rule\": \(JSON.string(finding.ruleID)), \"provider\": \(JSON.string(finding.provider)), "
      output += "\"severity\": \(JSON.string(finding.severity.rawValue)), \"message\": \(JSON.string(finding.message)), "
      output += "\"callee\": \(JSON.string(finding.callee))"
      output += index == result.findings.count - 1 ? "}\n" : "},\n"
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
