/// The text of `llmlint rules`: every active rule with its provider, languages, patterns, import gate and
/// origin, then the tracked contexts and excludes with theirs.
public enum RulesListing {
  public static func render(_ ruleSet: RuleSet, configPath: String?) -> String {
    var output = "Config: \(configPath ?? "none (built-in rules only)")\n\n"
    output += "Rules (\(ruleSet.rules.count)):\n"
    for rule in ruleSet.rules {
      let state = rule.isEnabled ? rule.severity.rawValue : "disabled"
      output += "  \(rule.id)  [\(rule.provider); \(rule.languages.map(\.rawValue).joined(separator: ", ")); \(state)]  from \(rule.origin)\n"
      output += "    patterns: \(rule.patterns.map(\.text).joined(separator: ", "))\n"
      if !rule.imports.isEmpty {
        output += "    only in files importing: \(rule.imports.joined(separator: ", "))\n"
      }
      output += "    message: \(rule.message)\n"
    }
    output += "\nTracked contexts:\n"
    let groups: [(String, [NamedItem])] = [
      ("python with-statement context managers", ruleSet.tracked.pythonContextManagers),
      ("python decorators", ruleSet.tracked.pythonDecorators),
      ("swift closures passed to", ruleSet.tracked.swiftClosures),
    ]
    for (title, items) in groups {
      output += "  \(title):\n"
      if items.isEmpty { output += "    (none)\n" }
      for item in items { output += "    \(item.name)  from \(item.origin)\n" }
    }
    if !ruleSet.skipSegments.isEmpty {
      output += "\nSDK infixes skipped in call chains:\n"
      for item in ruleSet.skipSegments { output += "    \(item.name)  from \(item.origin)\n" }
    }
    if !ruleSet.excludes.isEmpty {
      output += "\nExcluded paths:\n"
      for item in ruleSet.excludes { output += "    \(item.name)  from \(item.origin)\n" }
    }
    return output
  }
}
