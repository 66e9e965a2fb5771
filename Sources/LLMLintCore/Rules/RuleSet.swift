/// A name from the rule set (a tracked-context name, an SDK infix, an exclude glob) and where it came from.
public struct NamedItem: Sendable, Equatable, Encodable {
  public var name: String
  public var origin: Origin

  public init(_ name: String, origin: Origin) {
    self.name = name
    self.origin = origin
  }
}

/// A kind of construct that opens a tracked context, as `.llmlint.yml` names it under a language
/// (`tracked: python: context-managers:`).
public struct TrackedContextKind: Sendable, Hashable, Comparable, Encodable, CustomStringConvertible {
  public let name: String
  public init(_ name: String) { self.name = name }
  /// Python: `with`/`async with` items that call one of these (`with tracker.track_llm_call(...):`).
  public static let contextManagers = TrackedContextKind("context-managers")
  /// Python: decorators that name one of these (`@track_llm_call(...)`, `@x.track_llm_call`).
  public static let decorators = TrackedContextKind("decorators")
  /// Swift: closures passed to a call of one of these (`trackLLMCall { … }`).
  public static let closures = TrackedContextKind("closures")
  /// Python: modules whose clients track themselves (`langfuse.openai`): calls through them are tracked.
  public static let imports = TrackedContextKind("imports")
  public var description: String { name }
  public static func < (lhs: TrackedContextKind, rhs: TrackedContextKind) -> Bool { lhs.name < rhs.name }
}

/// The names of one kind of tracked context in one language (the language whose rules apply: `python`
/// for a notebook too).
public struct TrackedContextList: Sendable, Equatable, Encodable {
  public var language: String
  public var kind: TrackedContextKind
  public var names: [NamedItem]

  public init(language: String, kind: TrackedContextKind, names: [NamedItem]) {
    self.language = language
    self.kind = kind
    self.names = names
  }
}

/// The names that open a tracked context: per language and kind, and those every language shares.
public struct TrackedContexts: Sendable, Equatable, Encodable {
  /// Per language and kind, sorted by both (an array, not a dictionary: the facts cache's key prints it).
  public private(set) var contexts: [TrackedContextList] = []
  /// Functions whose bodies count as tracked (every language): wrappers known to run inside tracking.
  public var functions: [NamedItem] = []
  /// Path globs (gitignore syntax, relative to the config's directory) whose calls count as tracked.
  public var paths: [NamedItem] = []
  /// Functions that record a response's usage after the call (every language; `*` wildcards): a call whose
  /// result is passed to one later in the same block (`record_llm_usage(usage=resp.usage)`) is tracked.
  public var recorders: [NamedItem] = []

  public init(_ contexts: [TrackedContextList] = []) {
    for list in contexts { self[list.language, list.kind] += list.names }
  }

  /// The names of `kind` in `language` (a rules language's name: `python`, `swift`).
  public subscript(language: String, kind: TrackedContextKind) -> [NamedItem] {
    get { contexts.first { $0.language == language && $0.kind == kind }?.names ?? [] }
    set {
      if let index = contexts.firstIndex(where: { $0.language == language && $0.kind == kind }) {
        contexts[index].names = newValue
      } else {
        contexts.append(TrackedContextList(language: language, kind: kind, names: newValue))
        contexts.sort { ($0.language, $0.kind) < ($1.language, $1.kind) }
      }
    }
  }

  /// The names of `kind` for `language`'s rules language.
  public subscript(language: Language, kind: TrackedContextKind) -> [NamedItem] {
    self[language.rulesLanguage, kind]
  }
}

/// Whether a registered LiteLLM callback covers calls made through litellm.
public enum LiteLLMCoverage: String, Sendable, Equatable, CaseIterable, Encodable {
  /// Covered when some file of the project registers a callback (`litellm.callbacks = [...]`).
  case auto
  /// Always covered (the callback is registered where llmlint cannot see it).
  case on
  /// Never covered: every litellm call must be wrapped.
  case off
}

/// Which pattern of which rule a callee name leads to.
public struct PatternReference: Sendable, Equatable {
  public var rule: Int
  public var pattern: Int
}

/// The active rules, tracked contexts and excludes after merging the catalogue with a config, plus the
/// lookups compiled from them once at start-up.
public struct RuleSet: Sendable {
  public let rules: [Rule]
  public let tracked: TrackedContexts
  /// Chain segments skipped between the receiver and the callee: SDK infixes such as `with_raw_response`
  /// and `with_options(...)`.
  public let skipSegments: [NamedItem]
  /// Exclude globs (gitignore syntax), each relative to the directory of the file that named it.
  public let excludes: [NamedItem]
  /// Hosts and URL paths that make a raw HTTP call an LLM call (`api.openai.com`, `/chat/completions`).
  public let httpEndpoints: [NamedItem]
  public let liteLLMCoverage: LiteLLMCoverage
  /// What a LiteLLM callback registration must register to count (`litellm-callbacks`): string integrations
  /// (`langfuse`) and class names, an instance of one of these classes or of a project class deriving from
  /// one (or from `liteLLMLoggerBase`) counting.
  public let liteLLMCallbacks: [NamedItem]
  /// LiteLLM's base class for loggers: an instance of a project class deriving from it records usage.
  public static let liteLLMLoggerBase = "CustomLogger"

  /// Per rules language (indexed by `Language.tableIndex`), callee name -> the patterns ending in that name.
  let calleeTables: [NameTable<[PatternReference]>]
  /// Per tracked-context list (indexed like `tracked.contexts`), its names.
  private let contextNameTables: [NameTable<Bool>]
  let skipSegmentNames: NameTable<Bool>
  let trackedFunctionNames: NameTable<Bool>
  /// `httpEndpoints`, lower-cased, for substring search in string literals.
  let httpNeedles: [[UInt8]]
  /// Per rule (indexed like `rules`): its `httpPaths`, lower-cased.
  let httpPathNeedles: [[[UInt8]]]
  /// Every string a raw HTTP finding may need in the file (`httpNeedles` and every rule's paths): the
  /// prefilter's endpoints.
  let prefilterEndpointNeedles: [[UInt8]]
  /// Ids of the rules a registered LiteLLM callback covers.
  let liteLLMCoveredRuleIDs: Set<String>
  /// `tracked.paths` compiled; empty when there are none.
  let trackedPathGlobs: GlobSet
  /// The base `trackedPathGlobs` were compiled with (for `trackedPathEntry`).
  let trackedPathBase: String
  /// Python provider module names: the roots of the Python rules' whole-path patterns (`litellm` in
  /// `litellm.completion`) and of their `imports`. Imported from anywhere, such a name is the provider.
  let providerModules: NameTable<Bool>
  /// `tracked.recorders` as bytes, `*` wildcards kept.
  let recorderPatterns: [[UInt8]]
  /// Where `tracked.paths` are relative to: the declaring config's directory (`isTrackedPath`).
  var trackedPathScope = TrackedPathScope()
  /// Rules turned off under path globs of the config (`per-path`, `per-file-ignores`), relative to the
  /// config's directory (`trackedPathScope`).
  public internal(set) var perPathDisables: [PerPathDisable] = []

  public init(
    rules: [Rule], tracked: TrackedContexts, skipSegments: [NamedItem] = [], excludes: [NamedItem] = [],
    httpEndpoints: [NamedItem] = [], liteLLMCoverage: LiteLLMCoverage = .auto, liteLLMCallbacks: [NamedItem] = [],
    trackedPathBase: String = ""
  ) {
    self.rules = Self.namingConfiguredConstructs(rules, tracked)
    self.tracked = tracked
    self.skipSegments = skipSegments
    self.excludes = excludes
    self.httpEndpoints = httpEndpoints
    self.liteLLMCoverage = liteLLMCoverage
    self.liteLLMCallbacks = liteLLMCallbacks
    liteLLMCoveredRuleIDs = Set(rules.filter(\.coveredByLiteLLMCallback).map(\.id))
    httpNeedles = httpEndpoints.map { Array($0.name.lowercased().utf8) }.filter { !$0.isEmpty }
    self.trackedPathBase = trackedPathBase
    httpPathNeedles = rules.map { $0.httpPaths.map { Array($0.lowercased().utf8) }.filter { !$0.isEmpty } }
    var prefilterNeedles = httpNeedles
    for needle in httpPathNeedles.joined() where !prefilterNeedles.contains(needle) { prefilterNeedles.append(needle) }
    prefilterEndpointNeedles = prefilterNeedles
    trackedPathGlobs = (try? GlobSet(patterns: tracked.paths.map(\.name), base: trackedPathBase)) ?? GlobSet()
    // Per callee name, the most specific pattern first: more segments, then more labels, then a whole
    // path before `*.`, then an import-gated rule before an ungated one, then catalogue order. The first
    // pattern that matches a call decides it, so `*.chat.completions.create` claims a call before
    // `*.completions.create`, whatever order the rules were written in.
    var byName: [[UInt8]: [PatternReference]] = [:]
    var names: [[UInt8]] = []
    for (ruleIndex, rule) in rules.enumerated() {
      for (patternIndex, pattern) in rule.patterns.enumerated() where !rule.languages.isEmpty {
        if byName[pattern.calleeName] == nil { names.append(pattern.calleeName) }
        byName[pattern.calleeName, default: []].append(PatternReference(rule: ruleIndex, pattern: patternIndex))
      }
    }
    func specificity(_ reference: PatternReference) -> (Int, Int, Int, Int, Int) {
      let rule = rules[reference.rule]
      let pattern = rule.patterns[reference.pattern]
      return (
        -pattern.segments.count, -pattern.labels.count, pattern.anyReceiver ? 1 : 0, rule.imports.isEmpty ? 1 : 0,
        reference.rule
      )
    }
    var tables = [NameTable<[PatternReference]>](repeating: NameTable(), count: Languages.ruleLanguages.count)
    for name in names {
      let sorted = byName[name]!.sorted { specificity($0) < specificity($1) }
      for language in Language.allCases {
        let forLanguage = sorted.filter { rules[$0.rule].languages.contains(language) }
        if !forLanguage.isEmpty { tables[language.tableIndex].insert(name, forLanguage) }
      }
    }
    calleeTables = tables
    contextNameTables = tracked.contexts.map { Self.table($0.names) }
    skipSegmentNames = Self.table(skipSegments)
    trackedFunctionNames = Self.table(tracked.functions)
    var providers = NameTable<Bool>()
    for rule in rules where rule.languages.contains(where: { $0.syntax.importsBindNames }) {
      for pattern in rule.patterns where !pattern.anyReceiver && pattern.segments.count > 1 {
        providers.insert(pattern.segments[0], true)
      }
      for module in rule.imports {
        if let root = module.split(separator: ".").first { providers.insert(Array(root.utf8), true) }
      }
    }
    providerModules = providers
    recorderPatterns = tracked.recorders.map { Array($0.name.utf8) }
  }

  private static func table(_ items: [NamedItem]) -> NameTable<Bool> {
    var table = NameTable<Bool>()
    for item in items { table.insert(Array(item.name.utf8), true) }
    return table
  }

  /// The enabled rules that apply to `language`.
  public func rules(for language: Language) -> [Rule] {
    rules.filter { $0.isEnabled && $0.languages.contains { $0.name == language.rulesLanguage } }
  }

  /// The names of the tracked contexts of `kind` in `language`, compiled.
  func contextNames(_ language: Language, _ kind: TrackedContextKind) -> NameTable<Bool> {
    let index = tracked.contexts.firstIndex { $0.language == language.rulesLanguage && $0.kind == kind }
    return index.map { contextNameTables[$0] } ?? NameTable()
  }

  /// The callee table of `language`'s rules.
  func calleeTable(_ language: Language) -> NameTable<[PatternReference]> { calleeTables[language.tableIndex] }
}

extension RuleSet {
  /// The built-in messages' advice, per language, and the construct it names.
  static let defaultAdvice: [(language: Language, kind: TrackedContextKind, text: String, name: String, suffix: String)] = [
    (.python, .contextManagers, "track_llm_call(...)", "track_llm_call", "(...)"),
    (.swift, .closures, "trackLLMCall { ... }", "trackLLMCall", " { ... }"),
  ]

  /// `rules` with the built-in messages naming the project's own tracking construct: with a context manager
  /// (Python) or closure (Swift) declared in a config file, "wrap it in track_llm_call(...)" becomes "wrap it
  /// in usage_scope(...)" — the last one declared, the config's latest word. Messages a config wrote are
  /// left as written.
  static func namingConfiguredConstructs(_ rules: [Rule], _ tracked: TrackedContexts) -> [Rule] {
    var replacements: [(Language, String, String)] = []
    for advice in defaultAdvice {
      let declared = tracked[advice.language, advice.kind]
      guard let configured = declared.last(where: { $0.origin.file != nil }), configured.name != advice.name else {
        continue
      }
      replacements.append((advice.language, advice.text, configured.name + advice.suffix))
    }
    guard !replacements.isEmpty else { return rules }
    return rules.map { rule in
      guard rule.origin.file == nil else { return rule }
      var rule = rule
      for (language, text, replacement) in replacements where rule.languages.contains(language) {
        rule.message = rule.message.replacing(text, with: replacement)
      }
      return rule
    }
  }
}
