/// The syntax a language's code has, as the matcher, the prefilter and the facts engine ask about it: each
/// field names what it decides, never which language it is. The defaults are a plain language: calls,
/// dotted chains and line comments, nothing more.
public struct LanguageSyntax: Sendable {
  /// What starts a line comment, and so a suppression comment (`#`, `//`).
  public var lineComment: [UInt8]
  /// Keywords before a name that define it rather than call it (`def`, `class`; `func`, `init`).
  public var definitionKeywords: [[UInt8]]
  /// A `(` on a later line than the name is not a call of it (Swift).
  public var callOpensOnTheSameLine = false
  /// `a?.b`, `a!.b`, `try?`: optional chaining and forced unwrapping inside chains (Swift).
  public var optionalChaining = false
  /// `self.x` and `x` name the same member (Swift).
  public var implicitSelf = false
  /// The separator after an argument's name (`=` for `name=value`, `:` for `label: value`), or `nil`.
  public var argumentLabel: UInt8? = nil
  /// Arguments are labelled (`label: value`): a labelled argument's value starts after the label (Swift).
  public var labelledArguments = false
  /// Braces open blocks and closures inside a call's arguments (Swift).
  public var braceBlocks = false
  /// Generic parameter lists `<…>` after a type or function name (Swift).
  public var genericParameters = false
  /// `*args` / `**kwargs` parameters (Python).
  public var starredParameters = false
  /// A type's bases: in parentheses after its name (`class A(B):`) or after a colon (`class A: B`).
  public var basesInParentheses = false
  /// Names are bound by imports (`import a as b`, `from a import c`): calls through them resolve to the
  /// module path; a module-level function is reached through its module (Python).
  public var importsBindNames = false
  /// `create = client.chat.create` then `create(…)`: a name bound to a callee reference is that callee.
  public var callableReferences = false
  /// `getattr(receiver, "name")` with a string literal is the attribute `receiver.name`, in a chain and as a
  /// callee (`getattr(client.chat.completions, "create")(…)`) (Python).
  public var literalGetattr = false
  /// An annotation (`client: OpenAI`) vouches for a receiver but never refuses one (Python).
  public var annotationsVouchOnly = false
  /// Declared types (`let client: OpenAI`) decide a name's type anywhere in the file (Swift).
  public var declaredTypes = false
  /// `self.name` is a key of its own for bindings (Python).
  public var selfAttributes = false
  /// Decorators (`@app.post(…)`) and mocking libraries: a decorated route or a mock is not a call.
  public var decoratorsAndMocks = false
  /// Raw HTTP calls whose URL ends in a rule's `http-paths` (`requests.post(f"{host}/v1/chat/completions", json=…)`)
  /// count when their body names a model.
  public var rawHTTPPaths = false
  /// A raw HTTP call sends a `URLRequest`: its URL is `URLRequest(url:)`'s (`URL(string:)`,
  /// `appendingPathComponent(_:)`, `appending(path:)`) and its body `request.httpBody = …` or `from:` (Swift).
  public var urlRequests = false
  /// OpenAI-SDK calls are attributed to the provider of their client's `base_url`.
  public var endpointAttribution = false
  /// Tracked modules (`tracked.python.imports`): calls through a client imported from one are tracked.
  public var trackedImports = false
  /// LiteLLM callback registrations (`litellm.callbacks = [...]`) are read.
  public var liteLLMCallbacks = false
  /// Constant `if FLAG:` branches are dead code for the call graph (Python).
  public var constantGuards = false
  /// A name that is not found in its scope is looked up module-wide, and a file is a module named by its
  /// path (Python); otherwise names resolve lexically with their types (Swift).
  public var moduleScopes = false
  /// A file is a module named by its path (`a/b/c.py` is `a.b.c`), found by imports (Python; not a notebook).
  public var filesAreModules = false
  /// Prefilter: bytes that may stand between a callee name and its `(` besides blanks and `\` (a Swift
  /// backtick), and the bytes after a callee name that let it through besides `(` (a comment start,
  /// Swift generics, Python's closing quote of a `getattr` literal).
  public var prefilterSkips: [UInt8] = []
  public var prefilterFollowers: [UInt8] = []
  /// Prefilter: `name as` counts after a callee name (a Python import alias).
  public var prefilterAliases = false

  public init(lineComment: [UInt8], definitionKeywords: [[UInt8]] = []) {
    self.lineComment = lineComment
    self.definitionKeywords = definitionKeywords
  }
}
