/// The commented `.llmlint.yml` that `llmlint init` writes: the settings a team is likely to change, each
/// with its help and an example from its declaration (`ConfigKey`), then the names of the other keys; all
/// of it valid config that changes nothing until edited.
public enum StarterConfig {
  public static let fileName = ".llmlint.yml"

  /// The keys the starter sets, by path, with the value that changes nothing.
  static let entries: [(path: String, value: String)] = [
    ("extends", "default"),
    ("tracked.python.context-managers", "[]"), ("tracked.python.decorators", "[]"), ("tracked.swift.closures", "[]"),
    ("rules", "[]"), ("disable", "[]"), ("severity", "{}"), ("exclude", "[]"),
  ]

  /// Commented lines after a key's setting: a fuller example than its one-line one.
  static let extras: [String: [String]] = [
    "rules": [
      "#  - id: internal-llm-gateway", "#    provider: internal", "#    languages: [python]",
      "#    message: Internal LLM gateway call outside a tracked context", "#    patterns: [\"*.gateway.generate\"]",
    ],
    "exclude": ["#  - \"legacy/**\"", "#  - \"**/*_pb2.py\""],
  ]

  public static var text: String {
    var lines = [
      "# llmlint configuration. It extends the built-in rules (`llmlint rules` shows the merged result, where",
      "# every item comes from, and every key). Paths and globs are relative to this file's directory.",
    ]
    var opened: [String] = []
    for (path, value) in entries {
      guard let key = ConfigKey.all.first(where: { $0.path == path }) else { continue }
      // Open the maps on the way to the key (`tracked:`, `python:`) that the previous key did not open.
      let parents = path.split(separator: ".").dropLast().map(String.init)
      let shared = zip(opened, parents).prefix { $0 == $1 }.count
      if parents.isEmpty || shared == 0 {
        lines.append("")
        if let parent = parents.first, let top = ConfigKey.named(parent, in: .topLevel) {
          lines.append("# \(top.help).")
        }
      }
      for (depth, parent) in parents.enumerated().dropFirst(shared) {
        lines.append(String(repeating: "  ", count: depth) + parent + ":")
      }
      opened = parents
      let indent = String(repeating: "  ", count: parents.count)
      if parents.isEmpty { lines.append("# \(key.help).") }
      let setting = "\(indent)\(key.name): \(value)"
      if let extra = extras[path] {
        lines.append(setting)
        lines += extra
        continue
      }
      let comment = parents.isEmpty ? "# e.g. \(key.example)" : "# \(key.help): \(key.example)"
      lines.append(setting.padding(toLength: max(setting.count + 1, 28), withPad: " ", startingAt: 0) + comment)
    }
    let set = Set(entries.map { $0.path.split(separator: ".").first.map(String.init) ?? "" })
    let others = ConfigKey.names(.topLevel).filter { !set.contains($0) }
    lines += ["", "# More keys (`llmlint rules` describes each):"]
    var line = "#"
    for (index, name) in others.enumerated() {
      let word = " " + name + (index == others.count - 1 ? "." : ",")
      if line.count + word.count > 110 {
        lines.append(line)
        line = "#"
      }
      line += word
    }
    lines += [line, ""]
    return lines.joined(separator: "\n")
  }
}
