/// A JSON document built in memory with members in a fixed order, printed the same way every time.
///
/// Used by the SARIF and GitLab reporters, whose output must be byte-for-byte deterministic: members keep
/// the order they were given in, indentation is two spaces, numbers are integers.
public indirect enum JSONValue: Sendable, Equatable {
  case object([(String, JSONValue)])
  case array([JSONValue])
  case string(String)
  case integer(Int)
  case bool(Bool)
  case null

  public static func == (lhs: JSONValue, rhs: JSONValue) -> Bool {
    lhs.rendered() == rhs.rendered()
  }

  /// The value printed with two-space indentation and a final newline; empty arrays and objects as `[]`, `{}`.
  public func rendered() -> String {
    var output = ""
    write(to: &output, indent: 0)
    return output + "\n"
  }

  private func write(to output: inout String, indent: Int) {
    switch self {
    case .object(let members):
      guard !members.isEmpty else {
        output += "{}"
        return
      }
      output += "{\n"
      let inner = String(repeating: " ", count: indent + 2)
      for (index, (key, value)) in members.enumerated() {
        output += inner + JSON.string(key) + ": "
        value.write(to: &output, indent: indent + 2)
        output += index == members.count - 1 ? "\n" : ",\n"
      }
      output += String(repeating: " ", count: indent) + "}"
    case .array(let items):
      guard !items.isEmpty else {
        output += "[]"
        return
      }
      output += "[\n"
      let inner = String(repeating: " ", count: indent + 2)
      for (index, item) in items.enumerated() {
        output += inner
        item.write(to: &output, indent: indent + 2)
        output += index == items.count - 1 ? "\n" : ",\n"
      }
      output += String(repeating: " ", count: indent) + "]"
    case .string(let text): output += JSON.string(text)
    case .integer(let value): output += String(value)
    case .bool(let value): output += value ? "true" : "false"
    case .null: output += "null"
    }
  }
}
