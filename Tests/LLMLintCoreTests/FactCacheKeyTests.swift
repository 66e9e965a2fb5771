import Testing

@testable import LLMLintCore

/// The facts cache's file name carries a digest of the rule set: a config change that could change a file's
/// facts must give another cache, and the same rule set the same one in every process.
@Suite struct FactCacheKeyTests {
  static let base = ConfigLoader.builtIn().ruleSet

  static func ruleSet(rules: [Rule]? = nil, tracked: TrackedContexts? = nil) -> RuleSet {
    RuleSet(
      rules: rules ?? base.rules, tracked: tracked ?? base.tracked, skipSegments: base.skipSegments,
      excludes: base.excludes, httpEndpoints: base.httpEndpoints, liteLLMCoverage: base.liteLLMCoverage)
  }

  static let item = NamedItem("added_name", origin: Origin(file: nil, line: 1))

  @Test func theSameRuleSetGivesTheSameKey() {
    #expect(FactCache.fingerprint(Self.ruleSet()) == FactCache.fingerprint(ConfigLoader.builtIn().ruleSet))
  }

  /// Printed order is the key's input, so no type in it may hold a set or a dictionary (whose order is
  /// seeded per process).
  @Test func nothingInTheKeyHasAProcessDependentOrder() {
    func unordered(_ value: Any, depth: Int = 0) -> String? {
      let mirror = Mirror(reflecting: value)
      if mirror.displayStyle == .set || mirror.displayStyle == .dictionary { return "\(mirror.subjectType)" }
      guard depth < 12 else { return nil }
      for child in mirror.children {
        if let found = unordered(child.value, depth: depth + 1) { return found }
      }
      return nil
    }
    let set = Self.base
    let parts: [Any] = [
      set.rules, set.tracked, set.skipSegments, set.httpEndpoints, set.trackedPathGlobs.patterns, set.trackedPathScope,
    ]
    for part in parts {
      #expect(unordered(part) == nil)
    }
  }

  /// Every tracked-context list changes the key: each language's kinds (keyed by language) and the shared
  /// lists. The list of fields is checked against the type's stored properties, so a field added later fails
  /// here until it is listed.
  @Test func everyTrackedContextFieldChangesTheKey() {
    var fields: [(String, WritableKeyPath<TrackedContexts, [NamedItem]>)] = [
      ("functions", \.functions), ("paths", \.paths), ("recorders", \.recorders),
    ]
    // The keyed lists: the built-in config's, and one a language has no list of yet.
    let keyed: [(String, TrackedContextKind)] = [
      ("python", .contextManagers), ("python", .decorators), ("python", .imports), ("swift", .closures),
      ("swift", .decorators),
    ]
    for (language, kind) in keyed {
      fields.append(("\(language).\(kind)", \TrackedContexts.[language, kind]))
    }
    let stored = Mirror(reflecting: Self.base.tracked).children.compactMap(\.label)
    #expect(Set(stored) == ["contexts", "functions", "paths", "recorders"])
    #expect(Self.base.tracked.contexts.count >= 3)
    let original = FactCache.fingerprint(Self.ruleSet())
    var seen: Set<String> = [original]
    for (name, field) in fields {
      var tracked = Self.base.tracked
      tracked[keyPath: field].append(NamedItem(name == "paths" ? "vendor/**" : "added_name", origin: Self.item.origin))
      let key = FactCache.fingerprint(Self.ruleSet(tracked: tracked))
      #expect(!seen.contains(key), "tracked.\(name) does not change the cache key")
      seen.insert(key)
    }
  }

  /// Every field of a rule that decides what it matches changes the key.
  @Test func everyRuleFieldChangesTheKey() {
    let changes: [(String, (inout Rule) -> Void)] = [
      ("id", { $0.id += "-x" }), ("provider", { $0.provider += "x" }),
      ("languages", { $0.languages = $0.languages.count == 1 ? Language.allCases : [.python] }),
      ("patterns", { $0.patterns.removeLast() }), ("imports", { $0.imports.append("somewhere") }),
      ("severity", { $0.severity = $0.severity == .error ? .info : .error }), ("message", { $0.message += "!" }),
      ("origin", { $0.origin = Origin(file: "other.yml", line: 99) }), ("receivers", { $0.receivers.append("Thing") }),
      ("requireReceiver", { $0.requireReceiver.toggle() }), ("isHTTP", { $0.isHTTP.toggle() }),
      ("httpPaths", { $0.httpPaths.append("/generate") }),
      ("coveredByLiteLLMCallback", { $0.coveredByLiteLLMCallback.toggle() }), ("isEnabled", { $0.isEnabled.toggle() }),
    ]
    let rules = Self.base.rules
    let index = rules.firstIndex { $0.patterns.count > 1 }!
    let stored = Mirror(reflecting: rules[index]).children.compactMap(\.label)
    #expect(Set(stored) == Set(changes.map(\.0)))
    let original = FactCache.fingerprint(Self.ruleSet())
    for (name, change) in changes {
      var changed = rules
      change(&changed[index])
      #expect(FactCache.fingerprint(Self.ruleSet(rules: changed)) != original, "rule.\(name) does not change the key")
    }
  }

  @Test func otherRuleSetFieldsChangeTheKey() {
    let original = FactCache.fingerprint(Self.ruleSet())
    let base = Self.base
    let variants = [
      RuleSet(
        rules: base.rules, tracked: base.tracked, skipSegments: base.skipSegments + [Self.item],
        httpEndpoints: base.httpEndpoints, liteLLMCoverage: base.liteLLMCoverage),
      RuleSet(
        rules: base.rules, tracked: base.tracked, skipSegments: base.skipSegments,
        httpEndpoints: base.httpEndpoints + [Self.item], liteLLMCoverage: base.liteLLMCoverage),
      RuleSet(
        rules: base.rules, tracked: base.tracked, skipSegments: base.skipSegments, httpEndpoints: base.httpEndpoints,
        liteLLMCoverage: base.liteLLMCoverage == .off ? .on : .off),
    ]
    for variant in variants { #expect(FactCache.fingerprint(variant) != original) }
    var tracked = base.tracked
    tracked.paths.append(NamedItem("vendor/**", origin: Self.item.origin))
    let here = RuleSet(rules: base.rules, tracked: tracked, trackedPathBase: "")
    let below = RuleSet(rules: base.rules, tracked: tracked, trackedPathBase: "app")
    #expect(FactCache.fingerprint(here) != FactCache.fingerprint(below))
  }

  /// The digest reads a value's structure, not only its characters: where each string and array ends, which
  /// field a value is under, and whether a value is there at all.
  @Test func theDigestTellsStructureApart() {
    struct Pair: Encodable {
      var first: String
      var second: String
    }
    struct Swapped: Encodable {
      var second: String
      var first: String
    }
    struct Maybe: Encodable { var value: Int? }
    let digests: [UInt64] = [
      FingerprintEncoder.digest([["a"], ["b"]]), FingerprintEncoder.digest([["a", "b"]]),
      FingerprintEncoder.digest(["ab"]), FingerprintEncoder.digest(["a", "b"]), FingerprintEncoder.digest([String]()),
      FingerprintEncoder.digest([""]), FingerprintEncoder.digest(Pair(first: "a", second: "b")),
      FingerprintEncoder.digest(Pair(first: "b", second: "a")),
      FingerprintEncoder.digest(Swapped(second: "b", first: "a")),
      FingerprintEncoder.digest(Maybe(value: nil)), FingerprintEncoder.digest(Maybe(value: 0)),
      FingerprintEncoder.digest([1]), FingerprintEncoder.digest(["1"]), FingerprintEncoder.digest([true]),
    ]
    #expect(Set(digests).count == digests.count)
    #expect(
      FingerprintEncoder.digest(Pair(first: "a", second: "b"))
        == FingerprintEncoder.digest(Pair(first: "a", second: "b")))
    #expect(
      FingerprintEncoder.digest(Self.base.rules) == FingerprintEncoder.digest(ConfigLoader.builtIn().ruleSet.rules))
  }
}
