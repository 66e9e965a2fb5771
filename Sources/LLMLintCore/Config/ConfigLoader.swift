import Foundation

/// Builds the active `RuleSet` from the built-in catalogue (`rules.yml`, compiled into the binary) and an
/// optional `.llmlint.yml`, and reports every config error with file, line and column.
///
/// A config with bad entries keeps its valid parts: each bad entry (a setting, a rule, a list item) is
/// reported with file:line:column and skipped, and the rest applies. A file that is not readable YAML at
/// all is not applied: the run goes on with the built-in rules, and the problems say so.
public enum ConfigLoader {
  /// Names a config file may have, in order of preference.
  public static let fileNames = [".llmlint.yml", ".llmlint.yaml"]

  /// The result of loading: the rule set to use, the config file applied (if any) and the problems met.
  public struct Result: Sendable {
    public var ruleSet: RuleSet
    /// The applied config as displayed, or `nil`.
    public var configPath: String?
    public var problems: [Problem]
    /// The directory of the applied config on the file system: the base of its exclude globs.
    public var configBaseDirectory: String? = nil
  }

  /// The built-in catalogue's bytes, exactly as `rules.yml` at the package root.
  public static var builtInBytes: [UInt8] { PackageResources.rules_yml }

  /// The built-in rule set alone. A broken catalogue is a bug of ours; it yields an empty rule set and the
  /// problems, never a crash.
  public static func builtIn() -> Result {
    let (builder, problems) = builtInBuilder()
    return Result(ruleSet: builder.ruleSet(), configPath: nil, problems: problems)
  }

  /// The built-in catalogue read into a builder, so a user config applies on top of it (a copy: `Builder`
  /// is a value). Read once per process: a tree with a config per package loads hundreds of configs.
  private static func builtInBuilder() -> (Builder, [Problem]) { builtInParsed }

  private static let builtInParsed: (Builder, [Problem]) = {
    var builder = Builder()
    let problems = builder.apply(bytes: builtInBytes, file: nil, isUser: false)
    return (builder, problems)
  }()

  /// Loads `explicitPath` if given, or else the nearest config found from `directory` upward (stopping at
  /// the directory that holds `.git`), on top of the built-in catalogue.
  /// `displayPath` turns a file system path into the path shown in messages.
  public static func load(
    explicitPath: String?, searchingFrom directory: String, displayPath: (String) -> String = { $0 }
  ) -> Result {
    let (base, baseProblems) = builtInBuilder()
    guard baseProblems.isEmpty else { return Result(ruleSet: base.ruleSet(), configPath: nil, problems: baseProblems) }
    let path: String
    if let explicitPath {
      path = explicitPath
    } else if let found = discover(from: directory) {
      path = found
    } else {
      return Result(ruleSet: base.ruleSet(), configPath: nil, problems: [])
    }
    let shown = displayPath(path)
    guard let data = FileManager.default.contents(atPath: path) else {
      var isDirectory: ObjCBool = false
      let exists = FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory)
      let reason = !exists ? "no such file" : isDirectory.boolValue ? "is a directory" : "cannot be read"
      return Result(
        ruleSet: base.ruleSet(), configPath: nil,
        problems: [Problem(.config, path: shown, message: "config \(reason); using the built-in rules")])
    }
    var builder = base
    var problems = builder.apply(bytes: [UInt8](data), file: shown, isUser: true)
    if builder.lastDocumentUnreadable {
      return Result(
        ruleSet: base.ruleSet(), configPath: shown,
        problems: problems + [
          Problem(.config, path: shown, message: "config not applied because of the errors above; using the built-in rules")
        ])
    }
    if !problems.isEmpty {
      let count = problems.count == 1 ? "1 error: its entry" : "\(problems.count) errors: their entries"
      problems.append(Problem(.config, path: shown, message: "\(count) skipped; the rest of this config applies"))
    }
    let currentDirectory = FileManager.default.currentDirectoryPath
    let absolute = path.hasPrefix("/") ? path : currentDirectory + "/" + path
    let directory = (absolute as NSString).deletingLastPathComponent
    var ruleSet = builder.ruleSet()
    ruleSet.trackedPathScope = TrackedPathScope(configDirectory: directory, currentDirectory: currentDirectory)
    return Result(ruleSet: ruleSet, configPath: shown, problems: problems, configBaseDirectory: directory)
  }

  /// The nearest config file from `directory` upward, stopping after the directory that holds `.git`.
  public static func discover(from directory: String) -> String? {
    var current = URL(fileURLWithPath: directory).standardizedFileURL.path
    let manager = FileManager.default
    while true {
      for name in fileNames {
        let candidate = current == "/" ? "/" + name : current + "/" + name
        var isDirectory: ObjCBool = false
        if manager.fileExists(atPath: candidate, isDirectory: &isDirectory), !isDirectory.boolValue {
          return candidate
        }
      }
      if manager.fileExists(atPath: current + "/.git") { return nil }
      let parent = (current as NSString).deletingLastPathComponent
      if parent == current || parent.isEmpty { return nil }
      current = parent
    }
  }
}

// MARK: - Building the rule set from YAML

/// Accumulates rules, tracked names, infixes and excludes from one or more YAML documents.
struct Builder {
  var rules: [Rule] = []
  var tracked = TrackedContexts()
  var skipSegments: [NamedItem] = []
  var excludes: [NamedItem] = []
  var httpEndpoints: [NamedItem] = []
  var liteLLMCoverage = LiteLLMCoverage.auto
  var perPathDisables: [PerPathDisable] = []
  /// Whether the last document given to `apply` was not readable YAML (then nothing of it applied).
  var lastDocumentUnreadable = false
  var liteLLMCallbacks: [NamedItem] = []

  func ruleSet(trackedPathBase: String = "") -> RuleSet {
    var ruleSet = RuleSet(
      rules: rules, tracked: tracked, skipSegments: skipSegments, excludes: excludes, httpEndpoints: httpEndpoints,
      liteLLMCoverage: liteLLMCoverage, liteLLMCallbacks: liteLLMCallbacks, trackedPathBase: trackedPathBase)
    ruleSet.perPathDisables = perPathDisables
    return ruleSet
  }

  // The keys of each section, from their one declaration (`ConfigKey`): a key not declared there is
  // reported as unknown before any `switch` below sees it.
  static var topLevelKeys: [String] { ConfigKey.names(.topLevel) }
  static var perPathKeys: [String] { ConfigKey.names(.perPath) }
  static var ruleKeys: [String] { ConfigKey.names(.rule) }
  static var trackedKeys: [String] { ConfigKey.names(.tracked) }
  static var pythonTrackedKeys: [String] { ConfigKey.names(.trackedPython) }
  static var swiftTrackedKeys: [String] { ConfigKey.names(.trackedSwift) }

  /// "unknown key 'x' (did you mean 'y'?)" for a key `section` does not declare.
  static func unknownKey(_ key: String, in section: ConfigKey.Section) -> String {
    "unknown key '\(key)'\(suggestion(key, ConfigKey.names(section)))"
  }

  /// A declared key that reached a `switch` without a case: a bug of ours, which the test that loads
  /// every key's example finds.
  static func unread(_ key: String, in section: ConfigKey.Section) -> String {
    "key '\(section.rawValue)\(key)' is declared but not read"
  }

  /// Applies one document; returns its problems (empty when it was applied whole). A user config's bad
  /// entries are skipped and the rest applies; the built-in catalogue applies only whole. A document that
  /// is not readable YAML changes nothing (`lastDocumentUnreadable`).
  mutating func apply(bytes: [UInt8], file: String?, isUser: Bool) -> [Problem] {
    var context = Context(file: file)
    lastDocumentUnreadable = false
    let root: YAMLNode
    do {
      root = try YAMLReader.parse(bytes)
    } catch {
      lastDocumentUnreadable = true
      return [Problem(.config, path: file ?? "built-in rules.yml", line: error.line, column: error.column, message: error.message)]
    }
    if case .null = root.value { return [] }
    guard let entries = root.map else {
      context.error(root, "expected a map of settings at the top level, found \(root.shapeName)")
      lastDocumentUnreadable = true
      return context.problems
    }
    var copy = self
    let extendsEntry = entries.first { $0.key == "extends" }
    if let extendsEntry {
      if !isUser {
        context.error(extendsEntry, "'extends' belongs in a user config")
      } else if let value = context.scalar(extendsEntry.value, "'default' or 'none'") {
        switch value {
        case "default": break
        case "none":
          copy.rules = []
          copy.tracked = TrackedContexts()
          copy.skipSegments = []
          copy.httpEndpoints = []
          copy.liteLLMCallbacks = []
        default: context.error(extendsEntry.value, "unknown value '\(value)' for 'extends' (expected 'default' or 'none')")
        }
      }
    }
    // Per-path settings name rules by selector: read once every rule of the document is known.
    var perPathEntries: [(entry: YAMLEntry, rubyShape: Bool)] = []
    for entry in entries {
      guard Self.topLevelKeys.contains(entry.key) else {
        context.error(entry, Self.unknownKey(entry.key, in: .topLevel))
        continue
      }
      switch entry.key {
      case "per-path", "per-file-ignores": perPathEntries.append((entry, entry.key == "per-file-ignores"))
      case "version":
        if let value = context.scalar(entry.value, "1"), value != "1" {
          context.error(entry.value, "unsupported version '\(value)' (expected 1)")
        }
      case "extends": break
      case "tracked": copy.readTracked(entry.value, &context)
      case "skip-segments":
        copy.skipSegments += context.names(entry.value, what: "identifiers", validate: Self.isIdentifier)
      case "exclude":
        for (text, item) in context.scalars(entry.value) {
          do {
            _ = try GlobPattern(text)
            copy.excludes.append(NamedItem(text, origin: Origin(file: file, line: item.line)))
          } catch {
            context.error(item, "\(error)")
          }
        }
      case "http-endpoints":
        copy.httpEndpoints += context.names(entry.value, what: "hosts or URL paths", validate: { !$0.isEmpty && !$0.contains(" ") })
      case "litellm-callback-coverage":
        if let value = context.scalar(entry.value, "auto, on or off") {
          if let mode = LiteLLMCoverage(rawValue: value) {
            copy.liteLLMCoverage = mode
          } else {
            context.error(entry.value, "unknown value '\(value)' for 'litellm-callback-coverage' (expected auto, on or off)")
          }
        }
      case "litellm-callbacks":
        copy.liteLLMCallbacks += context.names(
          entry.value, what: "integration or class names", validate: { !$0.isEmpty && !$0.contains(" ") })
      case "rules": copy.readRules(entry.value, &context)
      case "disable":
        // Each id keeps its node, so an unknown one is reported with its column.
        for (id, node) in context.scalars(entry.value) {
          if !Rule.isWellFormedID(id) {
            context.error(node, "'\(id)' is not one of the rule ids expected here")
          } else if let index = copy.rules.firstIndex(where: { $0.id == id }) {
            copy.rules[index].isEnabled = false
          } else {
            context.error(node, "cannot disable unknown rule '\(id)'\(suggestion(id, copy.rules.map(\.id)))")
          }
        }
      case "severity":
        guard let map = context.map(entry.value) else { continue }
        for item in map {
          guard let level = context.scalar(item.value, "info, warning or error") else { continue }
          guard let severity = Severity(rawValue: level) else {
            context.error(item.value, "unknown severity '\(level)' (expected info, warning or error)")
            continue
          }
          if let index = copy.rules.firstIndex(where: { $0.id == item.key }) {
            copy.rules[index].severity = severity
          } else {
            context.error(item, "unknown rule '\(item.key)'\(suggestion(item.key, copy.rules.map(\.id)))")
          }
        }
      default:
        context.error(entry, Self.unread(entry.key, in: .topLevel))
      }
    }
    for (entry, listShape) in perPathEntries { copy.readPerPath(entry, listShape: listShape, &context) }
    if context.problems.isEmpty || isUser { self = copy }
    return context.problems
  }

  /// `per-path: {GLOB: {disable: [SELECTOR, ...]}}` or `per-file-ignores: {GLOB: [SELECTOR, ...]}`; a
  /// selector is a rule id, a provider or an id prefix (see `RuleSelection.matches`). A bad glob or
  /// selector is reported and skipped.
  private mutating func readPerPath(_ entry: YAMLEntry, listShape: Bool, _ context: inout Context) {
    guard let globs = context.map(entry.value) else { return }
    for item in globs {
      let globs: GlobSet
      do {
        globs = try GlobSet(patterns: [item.key])
      } catch {
        context.error(item, "\(error)")
        continue
      }
      var selectorsNode = item.value
      if !listShape {
        guard let settings = context.map(item.value) else { continue }
        var disable: YAMLNode? = nil
        for setting in settings {
          if setting.key == "disable" {
            disable = setting.value
          } else {
            let expected = Self.perPathKeys.joined(separator: ", ")
            context.error(setting, Self.unknownKey(setting.key, in: .perPath) + " (expected: \(expected))")
          }
        }
        guard let disable else { continue }
        selectorsNode = disable
      }
      var ids: [String] = []
      for (selector, node) in context.scalars(selectorsNode) {
        let picked = rules.filter { RuleSelection.matches(selector, $0) }.map(\.id)
        if picked.isEmpty {
          let known = rules.map(\.id) + Set(rules.map(\.provider)).sorted()
          context.error(node, "'\(selector)' names no rule, provider or rule-id prefix\(suggestion(selector, known))")
        }
        for id in picked where !ids.contains(id) { ids.append(id) }
      }
      if !ids.isEmpty {
        perPathDisables.append(
          PerPathDisable(glob: NamedItem(item.key, origin: context.origin(item)), ruleIDs: ids, globs: globs))
      }
    }
  }

  private mutating func readTracked(_ node: YAMLNode, _ context: inout Context) {
    guard let entries = context.map(node) else { return }
    for entry in entries {
      guard Self.trackedKeys.contains(entry.key) else {
        context.error(entry, Self.unknownKey(entry.key, in: .tracked))
        continue
      }
      switch entry.key {
      case "python":
        guard let inner = context.map(entry.value) else { continue }
        for item in inner {
          guard Self.pythonTrackedKeys.contains(item.key) else {
            context.error(item, Self.unknownKey(item.key, in: .trackedPython))
            continue
          }
          if item.key == "imports" {
            tracked["python", .imports] += context.names(item.value, what: "module names", validate: Self.isDottedName)
            continue
          }
          if item.key == "recorders" {
            tracked.recorders += context.names(item.value, what: "function names", validate: Self.isNamePattern)
            continue
          }
          let names = context.names(item.value, what: "identifiers", validate: Self.isIdentifier)
          switch item.key {
          case "context-managers": tracked["python", .contextManagers] += names
          case "decorators": tracked["python", .decorators] += names
          case "functions": tracked.functions += names
          default: context.error(item, Self.unread(item.key, in: .trackedPython))
          }
        }
      case "swift":
        guard let inner = context.map(entry.value) else { continue }
        for item in inner {
          guard Self.swiftTrackedKeys.contains(item.key) else {
            context.error(item, Self.unknownKey(item.key, in: .trackedSwift))
            continue
          }
          if item.key == "recorders" {
            tracked.recorders += context.names(item.value, what: "function names", validate: Self.isNamePattern)
            continue
          }
          let names = context.names(item.value, what: "identifiers", validate: Self.isIdentifier)
          switch item.key {
          case "closures": tracked["swift", .closures] += names
          case "functions": tracked.functions += names
          default: context.error(item, Self.unread(item.key, in: .trackedSwift))
          }
        }
      case "paths":
        // Checked here as `exclude` is: a bad glob would otherwise drop every tracked path without a word.
        for (text, item) in context.scalars(entry.value) {
          do {
            _ = try GlobPattern(text)
            tracked.paths.append(NamedItem(text, origin: Origin(file: context.file, line: item.line)))
          } catch {
            context.error(item, "\(error)")
          }
        }
      default:
        context.error(entry, Self.unread(entry.key, in: .tracked))
      }
    }
  }

  private mutating func readRules(_ node: YAMLNode, _ context: inout Context) {
    guard let items = context.list(node, "a list of rules") else { return }
    var seen: [String: Int] = [:]
    for item in items {
      guard let entries = context.map(item) else { continue }
      // A rule with any error in its entry is skipped whole: half a rule could match what was not meant.
      let problemsBefore = context.problems.count
      var fields: [String: YAMLEntry] = [:]
      for entry in entries {
        if Self.ruleKeys.contains(entry.key) {
          fields[entry.key] = entry
        } else {
          context.error(
            entry, Self.unknownKey(entry.key, in: .rule) + " (expected one of: \(Self.ruleKeys.joined(separator: ", ")))")
        }
      }
      guard let idEntry = fields["id"] else {
        context.error(item, "rule without 'id'")
        continue
      }
      guard let id = context.scalar(idEntry.value, "a rule id") else { continue }
      guard Rule.isWellFormedID(id) else {
        context.error(idEntry.value, "invalid rule id '\(id)' (expected lower-case words joined by '-', such as 'openai-chat-completions')")
        continue
      }
      if let first = seen[id] {
        context.error(idEntry.value, "duplicate rule id '\(id)' (first defined on line \(first))")
        continue
      }
      seen[id] = idEntry.line
      let existing = rules.firstIndex { $0.id == id }
      var rule = existing.map { rules[$0] }
        ?? Rule(id: id, provider: "", languages: [], patterns: [], message: "", origin: context.origin(idEntry))
      rule.origin = context.origin(idEntry)
      if let entry = fields["provider"], let value = context.scalar(entry.value, "a provider name") { rule.provider = value }
      if let entry = fields["message"], let value = context.scalar(entry.value, "a message") { rule.message = value }
      if let entry = fields["severity"], let value = context.scalar(entry.value, "info, warning or error") {
        if let severity = Severity(rawValue: value) {
          rule.severity = severity
        } else {
          context.error(entry.value, "unknown severity '\(value)' (expected info, warning or error)")
        }
      }
      if let entry = fields["languages"] {
        rule.languages = []
        for item in context.names(entry.value, what: "languages", validate: { Language(rawValue: $0) != nil }) {
          rule.languages.append(Language(rawValue: item.name)!)
        }
      }
      if let entry = fields["imports"] {
        rule.imports = context.names(entry.value, what: "module names", validate: Self.isDottedName).map(\.name)
      }
      if let entry = fields["http-paths"] {
        let isPath: (String) -> Bool = { $0.count > 1 && $0.hasPrefix("/") && !$0.contains(" ") }
        rule.httpPaths = context.names(entry.value, what: "URL paths starting with '/'", validate: isPath).map(\.name)
      }
      if let entry = fields["receivers"] {
        rule.receivers = context.names(entry.value, what: "constructor or type names", validate: Self.isReceiverName).map(\.name)
      }
      for (key, path) in [("require-receiver", \Rule.requireReceiver), ("http", \Rule.isHTTP), ("covered-by-litellm-callback", \Rule.coveredByLiteLLMCallback)] {
        if let entry = fields[key], let value = context.boolean(entry.value) { rule[keyPath: path] = value }
      }
      if let entry = fields["patterns"] {
        rule.patterns = []
        for item in context.scalars(entry.value) {
          do {
            rule.patterns.append(try CallPattern(item.text))
          } catch {
            context.error(item.node, error.message)
          }
        }
      }
      for (key, value) in [("provider", rule.provider), ("message", rule.message)] where value.isEmpty {
        context.error(idEntry, "rule '\(id)' has no '\(key)'")
      }
      if rule.patterns.isEmpty { context.error(idEntry, "rule '\(id)' has no 'patterns'") }
      if rule.languages.isEmpty { context.error(idEntry, "rule '\(id)' has no 'languages' (python, swift)") }
      if context.problems.count > problemsBefore { continue }
      if let existing {
        rules[existing] = rule
      } else {
        rules.append(rule)
      }
    }
  }

  /// An identifier that may hold `*` wildcards (`record_*usage*`).
  static func isNamePattern(_ text: String) -> Bool {
    !text.isEmpty && text.contains(where: { $0 != "*" })
      && text.utf8.allSatisfy { ASCII.isIdentifierContinue($0) || $0 == UInt8(ascii: "*") }
  }

  static func isIdentifier(_ text: String) -> Bool {
    guard let first = text.utf8.first, ASCII.isIdentifierStart(first) else { return false }
    return text.utf8.allSatisfy(ASCII.isIdentifierContinue)
  }

  /// A dotted name whose parts may hold `*` wildcards (`Chat*`, `cohere.Client`).
  static func isReceiverName(_ text: String) -> Bool {
    !text.isEmpty && text.split(separator: ".", omittingEmptySubsequences: false).allSatisfy { part in
      !part.isEmpty && part.utf8.allSatisfy { ASCII.isIdentifierContinue($0) || $0 == UInt8(ascii: "*") }
    }
  }

  static func isDottedName(_ text: String) -> Bool {
    text.split(separator: ".", omittingEmptySubsequences: false).allSatisfy { isIdentifier(String($0)) }
  }
}

/// Error collection while reading one config document.
private struct Context {
  let file: String?
  var problems: [Problem] = []

  init(file: String?) { self.file = file }

  func origin(_ entry: YAMLEntry) -> Origin { Origin(file: file, line: entry.line) }

  mutating func error(_ node: YAMLNode, _ message: String) {
    problems.append(Problem(.config, path: file ?? "built-in rules.yml", line: node.line, column: node.column, message: message))
  }

  mutating func error(_ entry: YAMLEntry, _ message: String) {
    problems.append(Problem(.config, path: file ?? "built-in rules.yml", line: entry.line, column: entry.column, message: message))
  }

  mutating func scalar(_ node: YAMLNode, _ expected: String) -> String? {
    if let text = node.scalar { return text }
    error(node, "expected \(expected), found \(node.shapeName)")
    return nil
  }

  mutating func boolean(_ node: YAMLNode) -> Bool? {
    guard let text = scalar(node, "true or false") else { return nil }
    switch text {
    case "true": return true
    case "false": return false
    default:
      error(node, "expected true or false, found '\(text)'")
      return nil
    }
  }

  mutating func map(_ node: YAMLNode) -> [YAMLEntry]? {
    if let entries = node.map { return entries }
    if case .null = node.value { return [] }
    error(node, "expected a map, found \(node.shapeName)")
    return nil
  }

  mutating func list(_ node: YAMLNode, _ expected: String) -> [YAMLNode]? {
    if let items = node.list { return items }
    if case .null = node.value { return [] }
    error(node, "expected \(expected), found \(node.shapeName)")
    return nil
  }

  /// A scalar or a list of scalars, each with its node.
  mutating func scalars(_ node: YAMLNode) -> [(text: String, node: YAMLNode)] {
    if let text = node.scalar { return [(text, node)] }
    guard let items = list(node, "a list") else { return [] }
    var result: [(String, YAMLNode)] = []
    for item in items {
      if let text = scalar(item, "a scalar") { result.append((text, item)) }
    }
    return result
  }

  /// A scalar or list of scalars that each pass `validate`, as named items with their origin.
  mutating func names(_ node: YAMLNode, what: String, validate: (String) -> Bool) -> [NamedItem] {
    var result: [NamedItem] = []
    for (text, item) in scalars(node) {
      if validate(text) {
        result.append(NamedItem(text, origin: Origin(file: file, line: item.line)))
      } else {
        error(item, "'\(text)' is not one of the \(what) expected here")
      }
    }
    return result
  }
}

/// ` (did you mean 'x'?)` when a known word is within a small edit distance of `word`, else "".
public func suggestion(_ word: String, _ known: [String]) -> String {
  var best: (String, Int)? = nil
  for candidate in known {
    let distance = editDistance(Array(word.utf8), Array(candidate.utf8))
    if distance <= max(2, candidate.utf8.count / 3), distance < (best?.1 ?? Int.max) { best = (candidate, distance) }
  }
  return best.map { " (did you mean '\($0.0)'?)" } ?? ""
}

/// Levenshtein distance over bytes.
public func editDistance(_ a: [UInt8], _ b: [UInt8]) -> Int {
  if a.isEmpty { return b.count }
  if b.isEmpty { return a.count }
  var previous = Array(0...b.count)
  var current = [Int](repeating: 0, count: b.count + 1)
  for i in 1...a.count {
    current[0] = i
    for j in 1...b.count {
      current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
    }
    swap(&previous, &current)
  }
  return previous[b.count]
}
