/// The text of `llmlint rule ID`: what a rule matches (call patterns, receivers, imports), why it
/// matters, an example that triggers it and one that does not, and how to track the call.
///
/// The examples are built from the rule itself (its first pattern, import gate, receiver and, for raw
/// HTTP rules, the rule set's first LLM endpoint) and the rule set's tracked-context names, so they hold
/// for user rules too; a test lints every built-in rule's examples and checks that the first gives exactly
/// this rule's finding and the second none.
public enum RuleDocs {
  /// An example of `rule`: source text in its first language.
  public struct Example: Sendable, Equatable {
    public var language: Language
    public var text: String
  }

  /// The whole page for `rule` of `ruleSet`.
  public static func render(_ rule: Rule, in ruleSet: RuleSet) -> String {
    let language = rule.languages.first ?? .python
    let state = rule.isEnabled ? rule.severity.rawValue : "disabled"
    var output = "\(rule.id)  [\(rule.provider); \(rule.languages.map(\.rawValue).joined(separator: ", ")); \(state)]\n"
    output += "  defined in \(rule.origin)\n\n"
    output += "What it matches:\n"
    output += "  calls: \(rule.patterns.map(\.text).joined(separator: ", "))\n"
    output += "    (`*.` is any receiver; a dotted path is a module function, followed through import aliases)\n"
    if !rule.imports.isEmpty {
      output += "  only in files importing: \(rule.imports.joined(separator: ", ")) (or a submodule)\n"
    }
    if !rule.receivers.isEmpty {
      let mode =
        rule.requireReceiver
        ? "the receiver must be bound in the file to" : "a receiver bound in the file must come from"
      output += "  \(mode): \(rule.receivers.joined(separator: ", "))\n"
    }
    if rule.isHTTP {
      output += "  only when the URL argument names an LLM endpoint: "
      output += ruleSet.httpEndpoints.prefix(4).map(\.name).joined(separator: ", ")
      output += ruleSet.httpEndpoints.count > 4 ? ", … (`llmlint rules` lists them)\n" : "\n"
      if !rule.httpPaths.isEmpty {
        output += "  or, under any base URL, when the URL ends in one of these paths and the body names a model:\n"
        output += "    \(rule.httpPaths.joined(separator: ", "))\n"
      }
    }
    if rule.coveredByLiteLLMCallback {
      output += "  calls through litellm: covered when the project registers a LiteLLM callback\n"
    }
    output += "\nWhy it matters:\n"
    output += "  \(rule.message).\n"
    output += "  Each such call is billed (or, on device, used) by the \(rule.provider) API; outside a tracked\n"
    output += "  context its tokens, cost and latency never reach the usage log, a silent gap in the cost data.\n"
    output += "\nTriggers it:\n"
    output += indent(triggering(rule, in: ruleSet).text)
    output += "\nDoes not trigger it (tracked):\n"
    output += indent(tracked(rule, in: ruleSet).text)
    output += "\nHow to track the call:\n"
    switch language {
    case .python:
      let manager = ruleSet.tracked[.python, .contextManagers].first?.name ?? "track_llm_call"
      output += "  Run it inside `with tracker.\(manager)(provider=..., model=...) as usage_log:` and record the\n"
      output += "  response's usage there, or decorate its function with `@\(manager)(...)`. A wrapper of your own\n"
      output += "  that tracks goes in .llmlint.yml: tracked.python.context-managers, decorators or functions.\n"
    default:
      let closure = ruleSet.tracked[.swift, .closures].first?.name ?? "trackLLMCall"
      output += "  Make the call in a closure passed to `\(closure)(provider:model:) { ... }`. A wrapper of your\n"
      output += "  own that tracks goes in .llmlint.yml: tracked.swift.closures or functions.\n"
    }
    output +=
      "  A call that is billed elsewhere: `\(language.commentIntroducer) llmlint: ignore[\(rule.id)] reason`.\n"
    return output
  }

  /// Code in which `rule` finds one call.
  public static func triggering(_ rule: Rule, in ruleSet: RuleSet) -> Example {
    let (language, header, call) = parts(rule, in: ruleSet)
    switch language {
    case .python: return Example(language: language, text: header + "result = \(call)\n")
    default: return Example(language: language, text: header + "let result = try await \(call)\n")
    }
  }

  /// The same call inside the rule set's first tracked context: no finding.
  public static func tracked(_ rule: Rule, in ruleSet: RuleSet) -> Example {
    let (language, header, call) = parts(rule, in: ruleSet)
    switch language {
    case .python:
      let manager = ruleSet.tracked[.python, .contextManagers].first?.name ?? "track_llm_call"
      return Example(
        language: language,
        text: header + "with tracker.\(manager)(provider=\"\(rule.provider)\", model=\"m\"):\n    result = \(call)\n")
    default:
      let closure = ruleSet.tracked[.swift, .closures].first?.name ?? "trackLLMCall"
      return Example(
        language: language,
        text: header
          + "let result = try await \(closure)(provider: \"\(rule.provider)\", model: \"m\") {\n  try await \(call)\n}\n"
      )
    }
  }

  /// The language, the lines before the call (imports, a receiver binding) and the call itself.
  private static func parts(_ rule: Rule, in ruleSet: RuleSet) -> (Language, String, String) {
    let language = rule.languages.first ?? .python
    guard let pattern = rule.patterns.first else { return (language, "", "") }
    let segments = pattern.segments.map { String(decoding: $0, as: UTF8.self) }
    var header = ""
    var imports = rule.imports
    if !pattern.anyReceiver, segments.count > 1, !imports.contains(where: { $0 == segments[0] }) {
      if language == .python, imports.isEmpty { imports.append(segments[0]) }
    }
    for module in imports.prefix(1) { header += "import \(module)\n" }
    var receiver = "client"
    if pattern.anyReceiver, rule.requireReceiver, let constructor = rule.receivers.first {
      let made = constructor.replacingOccurrences(of: "*", with: "Text")
      header += language == .python ? "client = \(made)()\n" : "let client = \(made)()\n"
    } else if pattern.anyReceiver, language == .swift, let constructor = rule.receivers.first,
      !constructor.contains("*")
    {
      header += "let client = \(constructor)()\n"
    }
    if !header.isEmpty { header += "\n" }
    let callee = pattern.anyReceiver ? ([receiver] + segments).joined(separator: ".") : segments.joined(separator: ".")
    receiver = callee
    var arguments: String
    switch language {
    case .python:
      arguments = "model=\"m\""
      if rule.isHTTP {
        let endpoint = ruleSet.httpEndpoints.first?.name ?? "api.openai.com"
        let url =
          endpoint.hasPrefix("/") ? "https://llm.example.com\(endpoint)" : "https://\(endpoint)/v1/chat/completions"
        arguments = "\"\(url)\", json=body"
      }
    default:
      let labels = pattern.labels.map { String(decoding: $0, as: UTF8.self) }
      arguments = labels.map { $0 == "_" ? "input" : "\($0): input" }.joined(separator: ", ")
      if rule.isHTTP {
        let endpoint = ruleSet.httpEndpoints.first?.name ?? "api.openai.com"
        let label = labels.first.map { $0 == "_" ? "" : "\($0): " } ?? ""
        arguments = "\(label)URLRequest(url: URL(string: \"https://\(endpoint)/v1/chat/completions\")!)"
      }
    }
    return (language, header, "\(receiver)(\(arguments))")
  }

  private static func indent(_ text: String) -> String {
    text.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map { $0.isEmpty ? "\n" : "    \($0)\n" }
      .joined()
  }
}
