/// One rule of the catalogue: which calls it finds, for which provider and languages, and what it says.
public struct Rule: Sendable, Equatable, Encodable {
  /// Lower case words joined by `-`; never renamed once released.
  public var id: String
  public var provider: String
  public var languages: [Language]
  public var patterns: [CallPattern]
  /// Modules of which the file must import one (or a submodule) for the rule to apply; empty: anywhere.
  public var imports: [String]
  public var severity: Severity
  public var message: String
  public var origin: Origin
  /// Constructors or types the call's receiver must come from (`cohere.ClientV2`, `Chat*`,
  /// `LanguageModelSession`): a dotted entry names the full path after import aliases, a plain one the
  /// constructor's last name, with `*` as a wildcard. A receiver bound in the file to something else is
  /// not this rule's; an unbound one is, unless `requireReceiver` is set.
  public var receivers: [String] = []
  /// Whether the receiver must be bound in the file to one of `receivers` (generic names such as `invoke`).
  public var requireReceiver = false
  /// Whether the rule applies only when the call's arguments, followed through the file's bindings,
  /// hold a string naming an LLM endpoint (`http-endpoints`): raw HTTP calls.
  public var isHTTP = false
  /// For a raw HTTP rule: URL path suffixes (`/embeddings`, `/chat/completions`) that make a call an LLM call
  /// under any base URL (`f"{base_url}/embeddings"`, `AsyncClient(base_url=…).post("/embeddings")`) when its
  /// body names a model (Python: `json=` or `data=` a dict with a `"model"` key, or a name bound to one; Swift:
  /// the `URLRequest`'s URL and `httpBody`, see `CallMatcher.urlRequestPath`).
  public var httpPaths: [String] = []
  /// Whether a registered LiteLLM callback records the calls this rule finds (calls through litellm).
  public var coveredByLiteLLMCallback = false
  /// A disabled rule still claims the calls it matches (so a more generic rule does not report them),
  /// but reports nothing.
  public var isEnabled: Bool = true

  public init(
    id: String, provider: String, languages: [Language], patterns: [CallPattern], imports: [String] = [],
    severity: Severity = .warning, message: String, origin: Origin
  ) {
    self.id = id
    self.provider = provider
    self.languages = languages
    self.patterns = patterns
    self.imports = imports
    self.severity = severity
    self.message = message
    self.origin = origin
  }

  /// Whether `id` is well formed: lower-case ASCII letters and digits, words joined by single `-`.
  public static func isWellFormedID(_ id: String) -> Bool {
    let bytes = Array(id.utf8)
    guard let first = bytes.first, let last = bytes.last, first != UInt8(ascii: "-"), last != UInt8(ascii: "-")
    else { return false }
    var previousDash = false
    for byte in bytes {
      let isDash = byte == UInt8(ascii: "-")
      guard isDash || (byte &- 0x61 < 26) || ASCII.isDigit(byte) else { return false }
      if isDash && previousDash { return false }
      previousDash = isDash
    }
    return true
  }
}
