/// The text of `llmlint rules`: every active rule with its provider, languages, patterns, import gate and
/// origin, then the tracked contexts and excludes with theirs, then every config key.
public enum RulesListing {
  public static func render(_ ruleSet: RuleSet, configPath: String?) -> String {
    var output = "Config: \(configPath ?? "none (built-in rules only)")\n\n"
    output += "Rules (\(ruleSet.rules.count)):\n"
    for rule in ruleSet.rules {
      let state = rule.isEnabled ? rule.severity.rawValue : "disabled"
      output +=
        "  \(rule.id)  [\(rule.provider); \(rule.languages.map(\.rawValue).joined(separator: ", ")); \(state)]  from \(rule.origin)\n"
      output += "    patterns: \(rule.patterns.map(\.text).joined(separator: ", "))\n"
      if !rule.imports.isEmpty {
        output += "    only in files importing: \(rule.imports.joined(separator: ", "))\n"
      }
      if !rule.receivers.isEmpty {
        let mode = rule.requireReceiver ? "must be bound in the file to" : "when bound in the file, must come from"
        output += "    receiver \(mode): \(rule.receivers.joined(separator: ", "))\n"
      }
      if rule.isHTTP { output += "    only when the URL argument names an LLM endpoint (see HTTP endpoints)\n" }
      if rule.isHTTP, !rule.httpPaths.isEmpty {
        output += "    or when it ends in one of these paths and the body names a model: "
        output += rule.httpPaths.joined(separator: ", ") + "\n"
      }
      if rule.coveredByLiteLLMCallback { output += "    covered by a registered LiteLLM callback\n" }
      output += "    message: \(rule.message)\n"
    }
    output += "\nTracked contexts:\n"
    let groups: [(String, [NamedItem])] = [
      ("python with-statement context managers", ruleSet.tracked["python", .contextManagers]),
      ("python decorators", ruleSet.tracked["python", .decorators]),
      ("swift closures passed to", ruleSet.tracked["swift", .closures]),
    ]
    for (title, items) in groups {
      output += "  \(title):\n"
      if items.isEmpty { output += "    (none)\n" }
      for item in items { output += "    \(item.name)  from \(item.origin)\n" }
    }
    let more: [(String, [NamedItem])] = [
      ("functions whose bodies are tracked", ruleSet.tracked.functions),
      ("python modules whose clients track themselves", ruleSet.tracked["python", .imports]),
      ("paths whose calls are tracked", ruleSet.tracked.paths),
      ("recorders (given the call's result later in its block)", ruleSet.tracked.recorders),
    ]
    for (title, items) in more where !items.isEmpty {
      output += "  \(title):\n"
      for item in items { output += "    \(item.name)  from \(item.origin)\n" }
    }
    output += "  functions whose every call site in the scanned project is tracked (transitively)\n"
    output += "\nLiteLLM callback coverage: \(ruleSet.liteLLMCoverage.rawValue)"
    let covered = ruleSet.rules.filter(\.coveredByLiteLLMCallback).map(\.id)
    switch ruleSet.liteLLMCoverage {
    case .auto:
      output += " (calls of \(covered.joined(separator: ", ")) count as covered when a file of the project registers"
      output += " a LiteLLM callback that records usage: litellm.callbacks / success_callback assigned, appended or"
      output += " extended with an instance of a project class deriving from \(RuleSet.liteLLMLoggerBase) or from a"
      output += " class below, or with one of the integrations below; the first such registration covers them, and"
      output += " findings not covered name a registration that shows none)\n"
    case .on: output += " (calls of \(covered.joined(separator: ", ")) always count as covered)\n"
    case .off: output += " (no call counts as covered)\n"
    }
    if ruleSet.liteLLMCoverage == .auto, !ruleSet.liteLLMCallbacks.isEmpty {
      output += "  LiteLLM callbacks that record usage (integrations and classes):\n"
      for item in ruleSet.liteLLMCallbacks { output += "    \(item.name)  from \(item.origin)\n" }
    }
    if !ruleSet.httpEndpoints.isEmpty {
      output += "\nHTTP endpoints (raw HTTP calls naming one of these are LLM calls):\n"
      for item in ruleSet.httpEndpoints { output += "    \(item.name)  from \(item.origin)\n" }
    }
    if !ruleSet.skipSegments.isEmpty {
      output += "\nSDK infixes skipped in call chains:\n"
      for item in ruleSet.skipSegments { output += "    \(item.name)  from \(item.origin)\n" }
    }
    if !ruleSet.excludes.isEmpty {
      output += "\nExcluded paths:\n"
      for item in ruleSet.excludes { output += "    \(item.name)  from \(item.origin)\n" }
    }
    if !ruleSet.perPathDisables.isEmpty {
      output += "\nRules off per path (per-path, per-file-ignores):\n"
      for setting in ruleSet.perPathDisables {
        output += "    \(setting.glob.name): \(setting.ruleIDs.joined(separator: ", "))  from \(setting.glob.origin)\n"
      }
    }
    return output + "\n" + configKeys
  }

  /// Every key of `.llmlint.yml` (`ConfigKey.all`): its path and what it does, then its value and an example.
  public static var configKeys: String {
    var output = "Config keys (.llmlint.yml; `llmlint init` writes a starter):\n"
    for key in ConfigKey.all {
      output += "  \(key.path)  \(key.help)\n      \(key.kind); e.g. \(key.example)\n"
    }
    return output
  }
}

extension RulesListing {
  /// `llmlint rules --format json`: an array of rule objects, keys in a fixed order, one rule a line.
  public static func json(_ ruleSet: RuleSet) -> String {
    guard !ruleSet.rules.isEmpty else { return "[]\n" }
    func strings(_ items: [String]) -> String { "[" + items.map(JSON.string).joined(separator: ", ") + "]" }
    var lines: [String] = []
    for rule in ruleSet.rules {
      var line = "  {\"id\": \(JSON.string(rule.id)), \"provider\": \(JSON.string(rule.provider)), "
      line += "\"languages\": \(strings(rule.languages.map(\.rawValue))), \"enabled\": \(rule.isEnabled), "
      line +=
        "\"severity\": \(JSON.string(rule.severity.rawValue)), \"patterns\": \(strings(rule.patterns.map(\.text))), "
      line += "\"imports\": \(strings(rule.imports)), \"receivers\": \(strings(rule.receivers)), "
      line += "\"requireReceiver\": \(rule.requireReceiver), \"http\": \(rule.isHTTP), "
      line += "\"coveredByLiteLLMCallback\": \(rule.coveredByLiteLLMCallback), "
      line += "\"message\": \(JSON.string(rule.message)), \"origin\": \(JSON.string(rule.origin.description))}"
      lines.append(line)
    }
    return "[\n" + lines.joined(separator: ",\n") + "\n]\n"
  }
}
