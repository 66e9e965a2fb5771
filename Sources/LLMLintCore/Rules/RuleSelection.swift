/// Which rules a run uses beyond its config: `--select`, `--extend-select` and `--ignore`, each a list of
/// selectors (see `RuleSelection.matches`).
///
/// Applied to a rule set's rules in order: with `select`, exactly the rules it picks are on (a rule the
/// config disabled too: naming it asks for it); without, the config's choice; then `extendSelect` turns
/// on the rules it picks, and `ignore` turns off the rules it picks, last.
public struct RuleSelection: Sendable, Equatable {
  public var select: [String]?
  public var extendSelect: [String]
  public var ignore: [String]

  public init(select: [String]? = nil, extendSelect: [String] = [], ignore: [String] = []) {
    self.select = select
    self.extendSelect = extendSelect
    self.ignore = ignore
  }

  public var isEmpty: Bool { select == nil && extendSelect.isEmpty && ignore.isEmpty }

  /// Whether `selector` picks `rule`: `ALL`, the rule's id, its provider, or a prefix of its id that ends
  /// at a word (`openai-chat` picks `openai-chat-completions`, `openai-ch` picks nothing).
  public static func matches(_ selector: String, _ rule: Rule) -> Bool {
    selector == "ALL" || rule.id == selector || rule.provider == selector || rule.id.hasPrefix(selector + "-")
  }

  /// The selectors of all three lists that pick none of `rules`, each with a near match (`; did you mean
  /// 'openai'?`) among the rule ids and providers, or an empty suggestion.
  public func unknownSelectors(in rules: [Rule]) -> [(selector: String, suggestion: String)] {
    var known = rules.map(\.id)
    for rule in rules where !known.contains(rule.provider) { known.append(rule.provider) }
    var unknown: [(String, String)] = []
    for selector in (select ?? []) + extendSelect + ignore
    where !rules.contains(where: { Self.matches(selector, $0) }) && !unknown.contains(where: { $0.0 == selector }) {
      unknown.append((selector, suggestion(selector, known)))
    }
    return unknown
  }

  /// `rules` with `isEnabled` set as this selection says.
  public func apply(to rules: [Rule]) -> [Rule] {
    guard !isEmpty else { return rules }
    return rules.map { rule in
      var rule = rule
      if let select { rule.isEnabled = select.contains { Self.matches($0, rule) } }
      if extendSelect.contains(where: { Self.matches($0, rule) }) { rule.isEnabled = true }
      if ignore.contains(where: { Self.matches($0, rule) }) { rule.isEnabled = false }
      return rule
    }
  }
}

extension RuleSet {
  /// This rule set with `selection` applied to its rules (everything else kept).
  public func selecting(_ selection: RuleSelection) -> RuleSet {
    guard !selection.isEmpty else { return self }
    var copy = RuleSet(
      rules: selection.apply(to: rules), tracked: tracked, skipSegments: skipSegments, excludes: excludes,
      httpEndpoints: httpEndpoints, liteLLMCoverage: liteLLMCoverage)
    copy.trackedPathScope = trackedPathScope
    copy.perPathDisables = perPathDisables
    return copy
  }
}

extension ConfigLoader.Result {
  /// This result with `selection` applied to its rule set.
  public func selecting(_ selection: RuleSelection) -> ConfigLoader.Result {
    var copy = self
    copy.ruleSet = ruleSet.selecting(selection)
    return copy
  }
}
