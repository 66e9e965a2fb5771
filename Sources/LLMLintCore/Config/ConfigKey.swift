/// One key of `.llmlint.yml`, declared once (in the style of ripgrep's `flags/defs.rs` and ruff's options
/// table): the config parser's key checks and its "unknown key … did you mean", the `llmlint rules` and
/// `--help` listings, the starter config of `llmlint init` and the README test all read `ConfigKey.all`,
/// so a key cannot be read without being documented, or the other way round.
public struct ConfigKey: Sendable {
  /// Where the key sits in the document.
  public enum Section: String, Sendable, CaseIterable {
    case topLevel = ""
    case tracked = "tracked."
    case trackedPython = "tracked.python."
    case trackedSwift = "tracked.swift."
    /// A key of one rule, in the `rules` list.
    case rule = "rules[]."
    /// A key of one glob's settings under `per-path`.
    case perPath = "per-path.GLOB."
  }

  public var name: String
  public var section: Section
  /// What the value is: `a list of identifiers`, `auto, on or off`.
  public var kind: String
  /// What the key does, one line.
  public var help: String
  /// A value for the key (YAML, one line), loaded by a test in the document `document` builds.
  public var example: String

  /// The key's full path: `tracked.python.context-managers`, `rules[].id`, `per-path.GLOB.disable`.
  public var path: String { section.rawValue + name }

  public init(_ name: String, in section: Section, kind: String, help: String, example: String) {
    self.name = name
    self.section = section
    self.kind = kind
    self.help = help
    self.example = example
  }

  /// Every key, section by section, in the order `llmlint rules` lists them.
  public static let all: [ConfigKey] = topLevel + tracked + trackedLanguages + rule + perPath

  /// The names of the keys of `section`, in declaration order (for "expected one of" and "did you mean").
  public static func names(_ section: Section) -> [String] { namesBySection[section] ?? [] }

  /// Worked out once: the parser asks for a section's names at every mapping it reads (a rule each).
  private static let namesBySection: [Section: [String]] = Dictionary(grouping: all, by: \.section).mapValues {
    $0.map(\.name)
  }

  /// The key `name` of `section`, if there is one.
  public static func named(_ name: String, in section: Section) -> ConfigKey? {
    all.first { $0.section == section && $0.name == name }
  }

  static let topLevel: [ConfigKey] = [
    ConfigKey(
      "version", in: .topLevel, kind: "1", help: "the config format's version (only 1 so far)", example: "1"),
    ConfigKey(
      "extends", in: .topLevel, kind: "default or none",
      help: "start from the built-in rules (default) or from no rules, tracked names or infixes (none)",
      example: "default"),
    ConfigKey(
      "tracked", in: .topLevel, kind: "a map (python, swift, paths)",
      help: "what makes a call tracked, besides the built-in track_llm_call / trackLLMCall (keys below)",
      example: "{python: {context-managers: [usage_scope]}}"),
    ConfigKey(
      "skip-segments", in: .topLevel, kind: "a list of identifiers",
      help: "SDK infixes skipped in call chains (client.with_raw_response.chat.completions.create)",
      example: "[with_raw_response]"),
    ConfigKey(
      "rules", in: .topLevel, kind: "a list of rules (keys below)",
      help: "more rules, or built-in ones changed by id",
      example:
        "[{id: internal-gateway, provider: internal, languages: [python], message: Internal gateway call, patterns: [\"*.gateway.generate\"]}]"
    ),
    ConfigKey(
      "disable", in: .topLevel, kind: "a list of rule ids", help: "rules to turn off", example: "[openai-images]"),
    ConfigKey(
      "severity", in: .topLevel, kind: "a map of rule id to info, warning or error",
      help: "a rule's severity (output labels; --strict=SEVERITY gates on them)",
      example: "{openai-embeddings: info}"),
    ConfigKey(
      "exclude", in: .topLevel, kind: "a list of globs (gitignore syntax, relative to the config)",
      help: "paths never scanned", example: "[\"legacy/**\", \"*_pb2.py\"]"),
    ConfigKey(
      "http-endpoints", in: .topLevel, kind: "a list of hosts or URL paths",
      help: "a raw HTTP call (rules with http: true) naming one of these is an LLM call",
      example: "[llm.internal.example.com]"),
    ConfigKey(
      "litellm-callback-coverage", in: .topLevel, kind: "auto, on or off",
      help: "whether a registered LiteLLM callback that records usage covers litellm calls (auto: when found)",
      example: "auto"),
    ConfigKey(
      "litellm-callbacks", in: .topLevel, kind: "a list of integration or class names",
      help: "more LiteLLM callbacks that record usage", example: "[UsageSink]"),
    ConfigKey(
      "per-path", in: .topLevel, kind: "a map of glob to settings (disable)",
      help: "rules off for the files under a glob (relative to the config); the files are still scanned",
      example: "{\"tests/**\": {disable: [openai-chat-completions, anthropic]}}"),
    ConfigKey(
      "per-file-ignores", in: .topLevel, kind: "a map of glob to rule selectors",
      help: "per-path in ruff's shape: the same setting", example: "{\"**/mocks/*.py\": [openai]}"),
  ]

  static let tracked: [ConfigKey] = [
    ConfigKey(
      "python", in: .tracked, kind: "a map (keys below)", help: "tracked names for Python code",
      example: "{decorators: [observe]}"),
    ConfigKey(
      "swift", in: .tracked, kind: "a map (keys below)", help: "tracked names for Swift code",
      example: "{closures: [withUsageTracking]}"),
    ConfigKey(
      "paths", in: .tracked, kind: "a list of globs (relative to the config)",
      help: "every call under these paths counts as tracked", example: "[vendor/tracked/]"),
  ]

  static let rule: [ConfigKey] = [
    ConfigKey(
      "id", in: .rule, kind: "a rule id (lower-case words joined by '-')",
      help: "the rule's id; a built-in one changes that rule", example: "internal-gateway"),
    ConfigKey(
      "provider", in: .rule, kind: "a provider name", help: "who is billed (--select takes it)", example: "internal"),
    ConfigKey(
      "languages", in: .rule, kind: "a list of python, swift", help: "the languages it applies to",
      example: "[python, swift]"),
    ConfigKey(
      "patterns", in: .rule, kind: "a list of call patterns",
      help: "`*.name` any receiver, `a.b` a module function, `*.f(label:)` Swift labels",
      example: "[\"*.gateway.generate\"]"),
    ConfigKey(
      "imports", in: .rule, kind: "a list of module names",
      help: "apply only in files importing one of these (for ambiguous patterns)", example: "[internal_llm]"),
    ConfigKey(
      "severity", in: .rule, kind: "info, warning or error", help: "the rule's severity (default: warning)",
      example: "info"),
    ConfigKey(
      "message", in: .rule, kind: "text", help: "what a finding says",
      example: "Internal gateway call outside a tracked context"),
    ConfigKey(
      "receivers", in: .rule, kind: "a list of constructor or type names (`*` wildcards)",
      help: "the receiver must come from one of these when it is bound in the file", example: "[gateway.Client]"),
    ConfigKey(
      "require-receiver", in: .rule, kind: "true or false",
      help: "with receivers: the receiver must always be bound to one of them", example: "true"),
    ConfigKey(
      "http", in: .rule, kind: "true or false",
      help: "a raw HTTP call: an LLM call only when its URL names an http-endpoints entry", example: "true"),
    ConfigKey(
      "covered-by-litellm-callback", in: .rule, kind: "true or false",
      help: "a registered LiteLLM callback that records usage covers these calls", example: "true"),
    ConfigKey(
      "http-paths", in: .rule, kind: "a list of URL paths starting with '/'",
      help: "with http: a URL ending in one of these, with a model in the body, is an LLM call",
      example: "[/generate]"),
  ]

  static let perPath: [ConfigKey] = [
    ConfigKey(
      "disable", in: .perPath, kind: "a list of rule selectors (ids, providers, id prefixes)",
      help: "the rules off for the files under the glob", example: "[openai-chat-completions, anthropic]")
  ]

  /// A whole config holding `example` for the key: a test loads it, so every declared key is one the
  /// parser reads. A rule key goes into a rule that has the other required keys.
  public var document: String {
    switch section {
    case .topLevel: return "\(name): \(example)\n"
    case .tracked: return "tracked:\n  \(name): \(example)\n"
    case .trackedPython: return "tracked:\n  python:\n    \(name): \(example)\n"
    case .trackedSwift: return "tracked:\n  swift:\n    \(name): \(example)\n"
    case .perPath: return "per-path:\n  \"tests/**\":\n    \(name): \(example)\n"
    case .rule:
      var fields: [(String, String)] = [
        ("id", "example-gateway"), ("provider", "internal"), ("languages", "[python]"), ("message", "m"),
        ("patterns", "[\"*.gateway.generate\"]"),
      ]
      if let index = fields.firstIndex(where: { $0.0 == name }) {
        fields[index].1 = example
      } else {
        fields.append((name, example))
      }
      if name == "http-paths" { fields.append(("http", "true")) }
      return "rules:\n"
        + fields.enumerated().map { "  \($0.offset == 0 ? "-" : " ") \($0.element.0): \($0.element.1)\n" }.joined()
    }
  }
}
