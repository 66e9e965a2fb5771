/// A call the matcher found, before it is placed on a line: which rule, and where the call starts and
/// ends in the file's bytes.
struct MatchedCall: Equatable {
  var rule: Int
  /// Offset of the first byte of the callee chain (`client` in `client.chat.completions.create(`).
  var start: Int
  /// Offset one past the call's closing bracket (or past the callee when the call is unclosed).
  var end: Int
  /// Offset of the callee name (the last segment), where tracking is checked and the finding is placed.
  var calleeOffset: Int
  /// Offset one past the callee name.
  var calleeEnd: Int
  /// Code-token range of the callee chain, for its normalised text.
  var chain: Range<Int>
  /// For a raw HTTP call: the LLM host or path its URL names.
  var endpoint: String? = nil
  /// What tracks the call in its own file, or `nil`: an untracked call (a finding, before project facts).
  var tracking: Tracking? = nil
  /// The provider the call is attributed to by its client's endpoint, and the host that says so.
  var attributed: (provider: String, host: String)? = nil
  /// How the receiver resolved, when the matcher was asked (`CallMatcher.describesReceivers`).
  var receiverNote: String? = nil

  static func == (lhs: MatchedCall, rhs: MatchedCall) -> Bool {
    lhs.rule == rhs.rule && lhs.start == rhs.start && lhs.end == rhs.end && lhs.calleeOffset == rhs.calleeOffset
      && lhs.chain == rhs.chain && lhs.endpoint == rhs.endpoint && lhs.tracking == rhs.tracking
      && lhs.attributed?.provider == rhs.attributed?.provider && lhs.attributed?.host == rhs.attributed?.host
  }

  /// What tracks a call within its file.
  enum Tracking: Equatable {
    /// A tracked region holds the callee (see `TrackingRegion`).
    case region
    /// The receiver or root comes from a tracked module; the code token of the import naming it, or -1.
    case trackedImport(token: Int)
    /// The result is passed to a usage recorder; the recorder's code token.
    case recorder(token: Int)
  }
}

/// Finds the calls of one file that match an enabled rule of the rule set, tracked (`tracking` set) or not.
///
/// For each identifier directly followed by `(`, it looks the name up among the rules' callee names
/// (or, in Python, resolves an imported alias first), walks the callee chain backwards over `.`,
/// calls and subscripts, and compares it with the candidate patterns. A chain whose root is a name bound to
/// a prefix of a chain, and Python's `getattr(receiver, "name")`, are compared as written out (see
/// `CallMatcher+Aliases.swift`). Comments and strings never reach it: it only sees code tokens.
struct CallMatcher {
  let code: CodeTokens
  let ruleSet: RuleSet
  let imports: ImportTable
  let regions: TrackedRegions
  let bindings: Bindings
  /// Whether each match says how its receiver resolved (`MatchedCall.receiverNote`; `llmlint explain`).
  var describesReceivers = false

  /// A chain longer than this is treated as an opaque receiver, which keeps the work per call bounded.
  static let maximumSegments = 32

  /// One segment of a callee chain: the identifier's token and whether a call or subscript follows it
  /// before the next `.`.
  struct Segment {
    var token: Int
    var isApplied: Bool
    /// Whether the token is the string literal of `getattr(receiver, "name")`: the name is its text inside
    /// the quotes (`CallMatcher.name(of:)`).
    var isQuoted = false
  }

  struct Chain {
    /// Root first, callee last.
    var segments: [Segment]
    /// Whether something other than a plain name stands before the first segment (`get()`, `x[0]`, `"s"`).
    var hasOpaqueRoot: Bool
    /// Index of the chain's first code token (at the call, for a chain written through names).
    var start: Int
    /// The names this chain was written through, outermost first, each with the expression it is bound to
    /// (`completions` and `client.chat.completions`): empty for a chain written out.
    var through: [(key: [UInt8], expression: Range<Int>)] = []
  }

  func matches() -> [MatchedCall] {
    let table = ruleSet.calleeTable(code.language)
    let importBindings = imports.bindings
    var found: [MatchedCall] = []
    var index = 0
    let last = code.count - 1
    while index < last {
      defer { index += 1 }
      // The callee is a name directly followed by `(`, or (Python) the `)` of `getattr(receiver, "name")`
      // followed by `(`: the call `receiver.name(…)`, placed on the name inside the literal.
      guard code.isOperator(index + 1, UInt8(ascii: "(")) else { continue }
      let isName = code.tokens[index].kind == .identifier
      guard isName || getattrAccess(closing: index) != nil else { continue }
      let site = calleeNameToken(index)
      if code.syntax.callOpensOnTheSameLine, code.lineBreakBefore(index + 1) { continue }
      var callee = index
      var candidates = table.lookup(code.source, token: site)
      var resolvedRoot: [[UInt8]]? = nil
      let bare = isName && !code.isOperator(index - 1, UInt8(ascii: "."))
      // A bare call of an imported name (`ask(` after `from litellm import completion as ask`) is looked up
      // by the name it stands for.
      if code.syntax.importsBindNames, bare, !importBindings.isEmpty,
        let path = importBindings.lookup(code.source, token: code.tokens[index])
      {
        candidates = table[path[path.count - 1]]
        resolvedRoot = path
      } else if code.syntax.callableReferences, bare, let referenced = referencedCallee(index) {
        // `create = client.chat.completions.create` or `partial(client.chat.completions.create, …)`, then
        // `create(…)`: the bound chain is the callee.
        callee = referenced
        candidates = table.lookup(code.source, token: calleeNameToken(referenced))
      }
      guard let candidates else { continue }
      guard !isDefinition(index) else { continue }
      let written = self.chain(endingAt: callee)
      let start = callee == index ? written.start : index
      // The chain as written, or, when its root is a name bound to a chain prefix, as written out
      // (`completions.create(…)` after `completions = client.chat.completions`): the first that matches.
      var matched = false
      for chain in expansions(of: written) where !matched {
        var root = chain.through.isEmpty ? resolvedRoot : nil
        if root == nil, code.syntax.importsBindNames, !chain.hasOpaqueRoot, chain.segments.count > 1 {
          root = importBindings.lookup(code.source, token: nameToken(chain.segments[0]))
        }
        let names = matchedNames(chain, resolvedRoot: root)
        for reference in candidates {
          let rule = ruleSet.rules[reference.rule]
          let pattern = rule.patterns[reference.pattern]
          guard let receiver = match(pattern, names, chain), labelsMatch(pattern, open: index + 1),
            rule.imports.isEmpty || rule.imports.contains(where: imports.imports),
            receiverAllows(rule, receiver)
          else { continue }
          var endpoint: String? = nil
          if rule.isHTTP {
            guard !isServedOrMocked(chain, receiver: receiver, resolvedRoot: root, open: index + 1) else {
              continue
            }
            if let needle = endpointNamed(inCallOpenedAt: index + 1) {
              endpoint = String(decoding: ruleSet.httpNeedles[needle], as: UTF8.self)
            } else if code.syntax.rawHTTPPaths, !ruleSet.httpPathNeedles[reference.rule].isEmpty,
              let path = pathNamingModel(inCallOpenedAt: index + 1, needles: ruleSet.httpPathNeedles[reference.rule])
            {
              endpoint = String(decoding: ruleSet.httpPathNeedles[reference.rule][path], as: UTF8.self)
            } else {
              continue
            }
          }
          let calleeOffset = Int(site.start)
          if rule.isEnabled {
            var tracking: MatchedCall.Tracking? = nil
            if regions.contains(calleeOffset) {
              tracking = .region
            } else if let module = trackedImport(receiver, resolvedRoot: root) {
              tracking = .trackedImport(token: importStatement(naming: module))
            } else if let recorder = recorder(chainStart: start, open: index + 1) {
              tracking = .recorder(token: recorder)
            }
            let close = Int(code.partner[index + 1])
            var note: String? = nil
            if describesReceivers {
              note = describe(receiver, resolvedRoot: root)
              if let through = throughNote(chain) { note! += "; \(through)" }
            }
            found.append(
              MatchedCall(
                rule: reference.rule, start: Int(code.tokens[start].start),
                end: close > index ? code.tokens[close].end : code.tokens[index].end, calleeOffset: calleeOffset,
                calleeEnd: site.end, chain: start..<(index + 1), endpoint: endpoint, tracking: tracking,
                attributed: rule.provider == EndpointAttribution.attributedProvider && code.syntax.endpointAttribution
                  ? attribution(chain, receiver: receiver) : nil,
                receiverNote: note))
          }
          matched = true
          break
        }
      }
    }
    return found
  }

  // MARK: - Receivers

  /// What a call's receiver (the chain before the pattern's names) was made from.
  enum Receiver {
    /// No receiver, or one this matcher cannot follow (`get_client()`, `x[0]`, a module path).
    case unknown
    /// `self` or `cls` itself: the code's own method.
    case ownObject
    /// A call of this dotted path (after import aliases): `OpenAI()`, `cohere.ClientV2(…)`.
    case constructed(Origin)
    /// A name or `self.name` bound in the file, and the token where it is used.
    case bound([UInt8], at: Int)
  }

  /// A constructor (or Swift type) a receiver came from.
  struct Origin {
    var path: [[UInt8]]
    /// Whether the path's root was resolved through an import, so it names a module.
    var viaImport: Bool
  }

  /// Names of methods that return the same model configured differently (LangChain's runnables), so
  /// `llm.with_structured_output(X)` is still a `ChatOpenAI`.
  static let passthroughMethods: [[UInt8]] = [
    "bind_tools", "with_structured_output", "with_retry", "with_fallbacks", "bind", "with_config",
    "configurable_fields", "with_options",
  ].map { Array($0.utf8) }

  /// Whether `rule` accepts a call on `receiver`: an import-gated rule refuses the code's own methods and a
  /// receiver bound to another module's constructor; a rule with `receivers` needs a bound receiver of one
  /// of those (always, with `requireReceiver`; when it is bound at all, otherwise).
  func receiverAllows(_ rule: Rule, _ receiver: Receiver) -> Bool {
    guard !rule.imports.isEmpty || !rule.receivers.isEmpty else { return true }
    let origins: [Origin]
    switch receiver {
    case .unknown: return !rule.requireReceiver
    case .ownObject: return false
    case .constructed(let origin): origins = [origin]
    case .bound(let key, let use):
      // A Python annotation (`client: ChatCompletionsClient`) can only vouch for a receiver, never refuse it:
      // annotations name protocols and unions as often as the class that is passed.
      if code.syntax.annotationsVouchOnly, !bindings.isEmpty {
        let typed = annotatedOrigins(of: annotatedNames(key, at: use))
        let vouches =
          rule.receivers.isEmpty
          ? typed.contains { origin in
            origin.viaImport && rule.imports.contains { Self.path(origin.path, startsWith: $0) }
          }
          : Self.accepts(rule, typed)
        if vouches { return true }
      }
      origins = self.origins(of: key, at: use)
      if origins.isEmpty { return !rule.requireReceiver }
    }
    return Self.accepts(rule, origins)
  }

  /// Whether one of `origins` is a receiver `rule` takes: one of its `receivers`, or (without those) one not
  /// imported from a module other than the rule's.
  static func accepts(_ rule: Rule, _ origins: [Origin]) -> Bool {
    if !rule.receivers.isEmpty {
      return origins.contains { origin in rule.receivers.contains { Self.receiverMatches($0, origin.path) } }
    }
    return origins.contains { origin in
      !origin.viaImport || rule.imports.contains { Self.path(origin.path, startsWith: $0) }
    }
  }

  /// Typing wrappers that stand around the class in an annotation (`Optional[OpenAI]`, `OpenAI | None`).
  static let typingNames: [[UInt8]] = [
    "Optional", "Union", "None", "typing", "Any", "ClassVar", "Final", "Annotated", "Type", "type",
  ].map { Array($0.utf8) }

  /// The names whose Python annotations speak for the receiver `key`: itself, for `self.name` the class-level
  /// `name: T`, and a parameter or name it is assigned from (`self.llm = llm`).
  func annotatedNames(_ key: [UInt8], at use: Int) -> [[UInt8]] {
    var names = [key]
    let prefix = Array("self.".utf8)
    if key.starts(with: prefix) { names.append(Array(key.dropFirst(prefix.count))) }
    for range in bindings.expressions(key, at: use).prefix(8)
    where range.count == 1 && code.isIdentifier(range.lowerBound) {
      names.append(Array(code.text(range.lowerBound)))
    }
    return names
  }

  /// The classes named in the Python annotations of `keys` (each dotted name outside typing wrappers, its root
  /// resolved through the imports), a bounded number of tokens.
  func annotatedOrigins(of keys: [[UInt8]]) -> [Origin] {
    var result: [Origin] = []
    for range in keys.flatMap({ bindings.annotations($0) }).prefix(8) {
      var index = range.lowerBound
      let end = min(range.upperBound, range.lowerBound + 64)
      while index < end {
        defer { index += 1 }
        guard code.isIdentifier(index), !code.isOperator(index - 1, UInt8(ascii: ".")) else { continue }
        var path = [Array(code.text(index))]
        while index + 2 < end, code.isOperator(index + 1, UInt8(ascii: ".")), code.isIdentifier(index + 2) {
          index += 2
          path.append(Array(code.text(index)))
        }
        if path.count == 1, Self.typingNames.contains(path[0]) { continue }
        if path.count > 1, path[0] == Array("typing".utf8) { continue }
        var viaImport = false
        if let resolved = imports.bindings[path[0]] {
          path = resolved + path.dropFirst()
          viaImport = true
        }
        result.append(Origin(path: path, viaImport: viaImport))
      }
    }
    return result
  }

  /// A call whose receiver or root comes from a tracked import is tracked: the tracked module
  /// (`langfuse.openai`) the receiver or root of a call comes from, or `nil`.
  func trackedImport(_ receiver: Receiver, resolvedRoot: [[UInt8]]?) -> String? {
    let modules = ruleSet.tracked[code.language, .imports]
    guard code.syntax.trackedImports, !modules.isEmpty else { return nil }
    var paths: [[[UInt8]]] = []
    if let resolvedRoot { paths.append(resolvedRoot) }
    switch receiver {
    case .constructed(let origin): paths.append(origin.path)
    case .bound(let key, let use): paths += origins(of: key, at: use).map(\.path)
    case .unknown, .ownObject: break
    }
    for path in paths {
      if let module = modules.first(where: { Self.path(path, startsWith: $0.name) }) { return module.name }
    }
    return nil
  }

  /// The code token of the first `import` or `from` statement that names `module` (dotted) right after its
  /// keyword, or -1: where a tracked import is made.
  func importStatement(naming module: String) -> Int {
    let parts = module.split(separator: ".").map { Array($0.utf8) }
    guard !parts.isEmpty else { return -1 }
    for index in 0..<code.count where code.isIdentifier(index, "import") || code.isIdentifier(index, "from") {
      var position = index + 1
      var matched = 0
      while matched < parts.count, code.isIdentifier(position), code.text(position).elementsEqual(parts[matched]) {
        matched += 1
        guard matched < parts.count, code.isOperator(position + 1, UInt8(ascii: ".")) else { break }
        position += 2
      }
      if matched == parts.count { return index }
    }
    return -1
  }

  static func path(_ path: [[UInt8]], startsWith module: String) -> Bool {
    let parts = module.split(separator: ".")
    guard parts.count <= path.count else { return false }
    for (part, segment) in zip(parts, path) where !part.utf8.elementsEqual(segment) { return false }
    return true
  }

  /// Whether a `receivers` entry names `path`: a dotted entry the whole path, a plain one its last name,
  /// one led by `*.` the path's last names after at least one more (`*.TextEmbeddingModel.from_pretrained` matches
  /// `vertexai.language_models.TextEmbeddingModel.from_pretrained`); `*` in a name matches any run of bytes.
  static func receiverMatches(_ entry: String, _ path: [[UInt8]]) -> Bool {
    var parts = entry.split(separator: ".")
    if parts.count == 1 { return path.last.map { glob(Array(entry.utf8), $0) } ?? false }
    var segments = path[...]
    if parts[0] == "*" {
      parts.removeFirst()
      guard parts.count < path.count else { return false }
      segments = path.suffix(parts.count)
    }
    guard parts.count == segments.count else { return false }
    for (part, segment) in zip(parts, segments) where !glob(Array(part.utf8), segment) { return false }
    return true
  }

  /// `*`-only glob match, iterative (one backtrack point, linear in practice).
  static func glob(_ pattern: [UInt8], _ text: [UInt8]) -> Bool {
    var p = 0
    var t = 0
    var star = -1
    var mark = 0
    while t < text.count {
      if p < pattern.count, pattern[p] == UInt8(ascii: "*") {
        star = p
        mark = t
        p += 1
      } else if p < pattern.count, pattern[p] == text[t] {
        p += 1
        t += 1
      } else if star >= 0 {
        p = star + 1
        mark += 1
        t = mark
      } else {
        return false
      }
    }
    while p < pattern.count, pattern[p] == UInt8(ascii: "*") { p += 1 }
    return p == pattern.count
  }

  /// What the name or attribute `key` is bound to in the file: constructor calls (through LangChain-style
  /// pass-through methods and other bound names, a few levels deep) and Swift type annotations.
  func origins(of key: [UInt8], at use: Int) -> [Origin] {
    var result: [Origin] = []
    var pending: [([UInt8], Int, Int)] = [(key, use, 0)]
    var seen: Set<[UInt8]> = []
    while let (name, use, depth) = pending.popLast() {
      guard depth < 4, seen.insert(name).inserted, seen.count < 32 else { continue }
      if code.syntax.declaredTypes {
        for type in bindings.types(name) { result.append(Origin(path: [type], viaImport: false)) }
      }
      for range in bindings.expressions(name, at: use) {
        guard let (callee, _) = wholeCall(range) else { continue }
        let chain = self.chain(endingAt: callee)
        guard !chain.hasOpaqueRoot, chain.segments.dropLast().allSatisfy({ !$0.isApplied }) else { continue }
        var path = chain.segments.map { Array(self.name(of: $0)) }
        var viaImport = false
        if code.syntax.importsBindNames, let resolved = imports.bindings[path[0]] {
          path = resolved + path.dropFirst()
          viaImport = true
        } else if path.count > 1, Self.passthroughMethods.contains(path[path.count - 1]) {
          let root = Array(path.dropLast().joined(separator: [UInt8(ascii: ".")]))
          pending.append((root, chain.segments[0].token, depth + 1))
          continue
        }
        result.append(Origin(path: path, viaImport: viaImport))
      }
    }
    return result
  }

  /// When the tokens of `range` are one call `callee(…)` (after Swift's `try`/`await`, before a trailing
  /// `!` or `?`), the callee's index and its open bracket.
  func wholeCall(_ range: Range<Int>) -> (Int, Int)? {
    var end = range.upperBound - 1
    if code.syntax.optionalChaining, code.isOperator(end, UInt8(ascii: "!")) || code.isOperator(end, UInt8(ascii: "?"))
    {
      end -= 1
    }
    guard end > range.lowerBound, code.isOperator(end, UInt8(ascii: ")")) else { return nil }
    let open = Int(code.partner[end])
    guard open > range.lowerBound, endsChain(open - 1) else { return nil }
    guard chain(endingAt: open - 1).start == range.lowerBound else { return nil }
    return (open - 1, open)
  }

  /// The receiver of a chain that matched a pattern after `offset` of its names.
  func receiver(_ names: [MatchedName], offset: Int, chain: Chain) -> Receiver {
    guard offset > 0, !chain.hasOpaqueRoot else { return .unknown }
    let prefix = names[0..<offset]
    guard prefix.dropLast().allSatisfy({ !$0.applied }) else { return .unknown }
    let path = prefix.map { $0.owned ?? Array($0.name!) }
    if prefix.last!.applied {
      return .constructed(Origin(path: path, viaImport: prefix.first!.owned != nil))
    }
    if prefix.first!.owned != nil { return .unknown }  // a module path (`litellm.completion`)
    var parts = path
    if code.syntax.implicitSelf, parts.count > 1, parts[0] == Array("self".utf8) { parts.removeFirst() }
    if parts.count == 1, parts[0] == Array("self".utf8) || parts[0] == Array("cls".utf8) { return .ownObject }
    return .bound(Array(parts.joined(separator: [UInt8(ascii: ".")])), at: chain.segments[0].token)
  }

  /// For a bare call `name(` whose name is bound to a reference to a call chain (`create =
  /// client.chat.completions.create`) or to `partial(chain, …)`, the index of that chain's last name.
  func referencedCallee(_ index: Int) -> Int? {
    guard code.isIdentifier(index), !bindings.isEmpty else { return nil }
    for range in bindings.expressions(code.text(index), at: index) {
      var last = range.upperBound - 1
      if let (callee, open) = wholeCall(range),
        code.isIdentifier(callee, "partial"), code.partner[open] > open
      {
        // The first argument of `partial(…)`.
        var end = open + 1
        let close = Int(code.partner[open])
        while end < close, !code.isOperator(end, UInt8(ascii: ",")) {
          end = code.opensGroup(end) ? code.skipGroup(end) : end + 1
        }
        last = end - 1
        guard last > open, endsChain(last), chain(endingAt: last).start == open + 1 else { continue }
        return last
      }
      guard endsChain(last), last != index, chain(endingAt: last).start == range.lowerBound,
        chain(endingAt: last).segments.count > 1
      else { continue }
      return last
    }
    return nil
  }

  // MARK: - Explaining

  /// How a call's receiver resolved, in words: a constructor in the chain, a name bound in the file (and
  /// what it was made from), the code's own object, an imported root, or nothing followed.
  func describe(_ receiver: Receiver, resolvedRoot: [[UInt8]]?) -> String {
    func dotted(_ path: [[UInt8]]) -> String { path.map { String(decoding: $0, as: UTF8.self) }.joined(separator: ".") }
    func made(_ origin: Origin) -> String { "\(dotted(origin.path))(…)" + (origin.viaImport ? " (imported)" : "") }
    switch receiver {
    case .ownObject: return "self: the code's own object"
    case .constructed(let origin):
      let imported = origin.viaImport ? " (imported)" : ""
      return "made in the chain by a call or subscript of \(dotted(origin.path))" + imported
    case .bound(let key, let use):
      let name = String(decoding: key, as: UTF8.self)
      let origins = self.origins(of: key, at: use)
      if origins.isEmpty { return "\(name), bound in the file to nothing llmlint follows (any receiver matches)" }
      return "\(name), bound in the file to " + origins.prefix(4).map(made).joined(separator: " or ")
    case .unknown:
      if let resolvedRoot { return "the name is imported from \(dotted(resolvedRoot))" }
      return "not followed (the pattern takes any receiver)"
    }
  }

  // MARK: - Endpoint attribution

  /// The provider a call on `receiver` goes to, by the endpoint its client was made with (see
  /// `EndpointAttribution`): a constructor in the chain itself (`OpenAI(base_url=…).chat…`) or the one the
  /// receiver is bound to in the file; the URL a literal or a name bound to one. `nil`: the SDK's own.
  func attribution(_ chain: Chain, receiver: Receiver) -> (provider: String, host: String)? {
    var calls: [Range<Int>] = []
    var origins: [Origin] = []
    switch receiver {
    case .constructed(let origin):
      origins = [origin]
      // The constructor is the chain's first applied name (`OpenAI(base_url=…)`), wherever it is written.
      if let constructor = chain.segments.first(where: \.isApplied) { calls.append(appliedTokens(constructor)) }
    case .bound(let key, let use):
      origins = self.origins(of: key, at: use)
      calls += bindings.expressions(key, at: use).prefix(8)
    case .unknown, .ownObject: return nil
    }
    for range in calls {
      var index = range.lowerBound
      while index + 2 < range.upperBound {
        defer { index += 1 }
        guard code.isIdentifier(index), code.isOperator(index + 1, UInt8(ascii: "=")),
          EndpointAttribution.urlArguments.contains(where: { code.text(index).elementsEqual($0) })
        else { continue }
        if let found = endpointProvider(inValueAt: index + 2, limit: range.upperBound) { return found }
      }
    }
    if origins.contains(where: { origin in
      origin.path.last.map { EndpointAttribution.azureConstructors.contains($0) } ?? false
    }) {
      return ("azure", "AzureOpenAI")
    }
    return nil
  }

  /// The provider named by a URL in the argument value starting at code token `start` (up to its `,` or the
  /// closing bracket): a string literal in it, or one a name in it is bound to (one level).
  private func endpointProvider(inValueAt start: Int, limit: Int) -> (provider: String, host: String)? {
    var index = start
    var names: [Int] = []
    while index < limit, !code.isOperator(index, UInt8(ascii: ",")), !code.isOperator(index, UInt8(ascii: ")")) {
      if code.kind(index) == .identifier, !code.isOperator(index - 1, UInt8(ascii: ".")) { names.append(index) }
      index = code.opensGroup(index) ? code.skipGroup(index) : index + 1
    }
    // Strings inside a nested call (`os.environ.get("URL", "http://localhost:1234/v1")`) count too.
    for inner in start..<min(index, start + 256)
    where code.kind(inner) == .string || code.kind(inner) == .stringMiddle {
      if let found = EndpointAttribution.provider(inURL: code.text(inner)) { return found }
    }
    for name in names.prefix(4) {
      for bound in bindings.expressions(Array(code.text(name)), at: name).prefix(4) {
        for token in bound.prefix(64) where code.kind(token) == .string || code.kind(token) == .stringMiddle {
          if let found = EndpointAttribution.provider(inURL: code.text(token)) { return found }
        }
      }
    }
    return nil
  }

  // MARK: - Recorders

  /// Whether the result of the call whose chain starts at code token `start` (opened at `open`) is assigned to
  /// a name (`resp = await client…create(…)`, `self.resp = …`, Swift `let resp = try await …`) that is passed,
  /// later in the same block (or one nested in it) and before its function ends, to a recorder
  /// (`record_llm_usage(usage=resp.usage)`): usage recorded right after the call.
  /// Returns the code token of that recorder call, or `nil`.
  func recorder(chainStart start: Int, open: Int) -> Int? {
    let recorders = ruleSet.recorderPatterns
    guard !recorders.isEmpty else { return nil }
    // The assignment target before `[try] [await] chain(`.
    var before = start - 1
    while before >= 0 {
      if code.isIdentifier(before, "await") || code.isIdentifier(before, "try") {
        before -= 1
      } else if code.syntax.optionalChaining, code.isIdentifier(before - 1, "try"),
        code.isOperator(before, UInt8(ascii: "?")) || code.isOperator(before, UInt8(ascii: "!"))
      {
        before -= 2
      } else {
        break
      }
    }
    guard code.isOperator(before, UInt8(ascii: "=")), code.isIdentifier(before - 1) else { return nil }
    let target = code.text(before - 1)
    let attribute = code.isOperator(before - 2, UInt8(ascii: "."))
    if attribute, !(code.isIdentifier(before - 3, "self") && !code.isOperator(before - 4, UInt8(ascii: "."))) {
      return nil
    }
    let close = Int(code.partner[open])
    guard close > open else { return nil }
    // Walk forward to the end of the enclosing block: Python INDENT/DEDENT, Swift braces.
    var depth = 0
    var index = close + 1
    let limit = min(code.count, close + 4096)
    while index < limit {
      defer { index += 1 }
      let token = code.tokens[index]
      switch token.kind {
      case .indent: depth += 1
      case .dedent:
        depth -= 1
        if depth < 0 { return nil }
      case .operator where code.syntax.braceBlocks && token.length == 1:
        let byte = code.source[Int(token.start)]
        if byte == UInt8(ascii: "{") { depth += 1 }
        if byte == UInt8(ascii: "}") {
          depth -= 1
          if depth < 0 { return nil }
        }
      case .identifier:
        guard code.isOperator(index + 1, UInt8(ascii: "(")),
          recorders.contains(where: { Self.glob($0, Array(code.text(index))) })
        else { continue }
        let argumentsEnd = Int(code.partner[index + 1])
        guard argumentsEnd > index + 1 else { continue }
        for argument in (index + 2)..<argumentsEnd where code.isIdentifier(argument) {
          guard code.text(argument).elementsEqual(target) else { continue }
          if attribute {
            if code.isOperator(argument - 1, UInt8(ascii: ".")), code.isIdentifier(argument - 2, "self") {
              return index
            }
          } else if !code.isOperator(argument - 1, UInt8(ascii: ".")),
            !(code.syntax.argumentLabel.map { code.isOperator(argument + 1, $0) } ?? false)
          {
            return index
          }
        }
      default: continue
      }
    }
    return nil
  }

  // MARK: - Raw HTTP

  /// The index (into the rule set's endpoint needles) of an LLM host or path named by a string in the
  /// URL argument of the call opened at `open` — Python: the first two positional arguments (`post(url)`,
  /// `request("POST", url)`) and `url=`; Swift: the first argument — following names bound in the file
  /// (a few levels, a bounded number of tokens), or `nil`.
  /// With `asSuffix`, a needle counts only at the end of a URL's literal text (before a `?` query): the
  /// path a string ends with (`"/embeddings"`, the last part of `f"{base_url}/embeddings"`).
  func endpointNamed(inCallOpenedAt open: Int, needles: [[UInt8]]? = nil, asSuffix: Bool = false) -> Int? {
    let needles = needles ?? ruleSet.httpNeedles
    let close = Int(code.partner[open])
    guard !needles.isEmpty, close > open else { return nil }
    var pending: [(Range<Int>, Int)] = []
    var argumentStart = open + 1
    var positional = 0
    var index = open + 1
    while index <= close, pending.count < 3 {
      if index == close || code.isOperator(index, UInt8(ascii: ",")) {
        let argument = argumentStart..<index
        argumentStart = index + 1
        if !argument.isEmpty {
          if code.syntax.labelledArguments {
            let labelled =
              code.isIdentifier(argument.lowerBound) && code.isOperator(argument.lowerBound + 1, UInt8(ascii: ":"))
            pending.append(((labelled ? argument.lowerBound + 2 : argument.lowerBound)..<argument.upperBound, 0))
            break
          }
          if code.isIdentifier(argument.lowerBound), code.isOperator(argument.lowerBound + 1, UInt8(ascii: "=")) {
            if code.isIdentifier(argument.lowerBound, "url") {
              pending.append(((argument.lowerBound + 2)..<argument.upperBound, 0))
            }
          } else if positional < 2 {
            positional += 1
            pending.append((argument, 0))
          }
        }
      }
      index = code.opensGroup(index) ? code.skipGroup(index) : index + 1
    }
    var seen: Set<[UInt8]> = []
    var budget = 4096
    while let (range, depth) = pending.popLast() {
      var index = range.lowerBound
      while index < range.upperBound, budget > 0 {
        defer { index += 1 }
        budget -= 1
        let token = code.tokens[index]
        switch token.kind {
        case .string, .stringMiddle:
          // A URL has no blanks: `logger.send("calling api.openai.com")` names an endpoint in prose.
          let text = code.text(index)
          guard !text.contains(where: { $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }) else { continue }
          if asSuffix {
            // An f-string's literal part counts only when it ends the string.
            if token.kind == .stringMiddle, code.kind(index + 1) != .stringEnd { continue }
            if let found = Self.suffixNeedle(needles, of: text) { return found }
          } else if let found = Self.firstNeedle(needles, in: text) {
            return found
          }
        case .identifier:
          guard depth < 4, !code.isOperator(index - 1, UInt8(ascii: ".")),
            !(code.syntax.argumentLabel == UInt8(ascii: "=") && code.isOperator(index + 1, UInt8(ascii: "=")))
          else { continue }
          var key = Array(code.text(index))
          if code.syntax.selfAttributes, key == Array("self".utf8), code.isOperator(index + 1, UInt8(ascii: ".")),
            code.isIdentifier(index + 2)
          {
            key += [UInt8(ascii: ".")] + Array(code.text(index + 2))
          }
          guard seen.insert(key).inserted, seen.count < 64 else { continue }
          for bound in bindings.expressions(key, at: index) { pending.append((bound, depth + 1)) }
        default: continue
        }
      }
    }
    return nil
  }

  /// For a raw HTTP call opened at `open` under a base URL llmlint cannot see: the index into `needles` (a
  /// rule's `http-paths`) of the path its URL ends in, when its body names a model. Python: a URL argument
  /// whose literal text ends in the path and a `json=`/`data=`/`content=` body; Swift (`urlRequests`): the
  /// `URLRequest` it sends (`urlRequestPath`).
  func pathNamingModel(inCallOpenedAt open: Int, needles: [[UInt8]]) -> Int? {
    if code.syntax.urlRequests { return urlRequestPath(inCallOpenedAt: open, needles: needles) }
    guard let path = endpointNamed(inCallOpenedAt: open, needles: needles, asSuffix: true),
      bodyNamesModel(inCallOpenedAt: open)
    else { return nil }
    return path
  }

  /// The needle that `text` (a string token, its quotes and a `?` query dropped) ends with, ASCII
  /// case-insensitively.
  static func suffixNeedle(_ needles: [[UInt8]], of text: UnsafeBufferPointer<UInt8>) -> Int? {
    var end = text.count
    while end > 0, text[end - 1] == UInt8(ascii: "\"") || text[end - 1] == UInt8(ascii: "'") { end -= 1 }
    if let query = text[0..<end].firstIndex(of: UInt8(ascii: "?")) { end = query }
    for (position, needle) in needles.enumerated() where needle.count <= end {
      let start = end - needle.count
      if (0..<needle.count).allSatisfy({ Self.lower(text[start + $0]) == needle[$0] }) { return position }
    }
    return nil
  }

  /// Whether the Python call opened at `open` sends a body that names a model: a `json=`, `data=` or
  /// `content=` argument that is a dict display with a `"model"` key, `dict(model=…)`, a call wrapping one
  /// (`json.dumps({…})`), or a name bound in the file to one of these (a few levels).
  func bodyNamesModel(inCallOpenedAt open: Int) -> Bool {
    let close = Int(code.partner[open])
    guard close > open else { return false }
    var pending: [(Range<Int>, Int)] = []
    var argumentStart = open + 1
    var index = open + 1
    while index <= close {
      if index == close || code.isOperator(index, UInt8(ascii: ",")) {
        let argument = argumentStart..<index
        argumentStart = index + 1
        if argument.count > 2, code.isIdentifier(argument.lowerBound),
          code.isOperator(argument.lowerBound + 1, UInt8(ascii: "=")),
          code.isIdentifier(argument.lowerBound, "json") || code.isIdentifier(argument.lowerBound, "data")
            || code.isIdentifier(argument.lowerBound, "content")
        {
          pending.append(((argument.lowerBound + 2)..<argument.upperBound, 0))
        }
      }
      index = code.opensGroup(index) ? code.skipGroup(index) : index + 1
    }
    var budget = 4096
    while let (range, depth) = pending.popLast() {
      var index = range.lowerBound
      while index < range.upperBound, budget > 0 {
        budget -= 1
        if code.isOperator(index, UInt8(ascii: "{")), code.partner[index] > index {
          if dictionaryHasModelKey(opensAt: index) { return true }
          index = Int(code.partner[index]) + 1
          continue
        }
        if code.isIdentifier(index, "dict"), code.isOperator(index + 1, UInt8(ascii: "(")),
          code.partner[index + 1] > index + 1
        {
          var position = index + 2
          while position < Int(code.partner[index + 1]) {
            if code.isIdentifier(position, "model"), code.isOperator(position + 1, UInt8(ascii: "=")),
              code.isOperator(position - 1, UInt8(ascii: "(")) || code.isOperator(position - 1, UInt8(ascii: ","))
            {
              return true
            }
            position = code.opensGroup(position) ? code.skipGroup(position) : position + 1
          }
          index = Int(code.partner[index + 1]) + 1
          continue
        }
        if code.isIdentifier(index), depth < 3, !code.isOperator(index - 1, UInt8(ascii: ".")),
          !code.isOperator(index + 1, UInt8(ascii: ".")), !code.isOperator(index + 1, UInt8(ascii: "("))
        {
          for bound in bindings.expressions(Array(code.text(index)), at: index) { pending.append((bound, depth + 1)) }
        }
        index += 1
      }
    }
    return false
  }

  /// Whether the dict display whose `{` is at `open` has the key `"model"` (or `'model'`) at its top level.
  func dictionaryHasModelKey(opensAt open: Int) -> Bool {
    let close = Int(code.partner[open])
    var index = open + 1
    var itemStart = true
    while index < close {
      if itemStart, code.tokens[index].kind == .string, code.isOperator(index + 1, UInt8(ascii: ":")) {
        let text = code.text(index)
        if text.elementsEqual("\"model\"".utf8) || text.elementsEqual("'model'".utf8) { return true }
      }
      itemStart = code.isOperator(index, UInt8(ascii: ","))
      index = code.opensGroup(index) ? code.skipGroup(index) : index + 1
    }
    return false
  }

  /// Modules and fixture names of HTTP mocking libraries: `respx.post(url)`, `responses.add(…)`,
  /// `httpx_mock.add_response(url=…)`, `with aioresponses() as m: m.post(url)` send nothing.
  static let mockModules: [[UInt8]] = [
    "respx", "responses", "aioresponses", "requests_mock", "pytest_httpx", "httpretty", "respx_mock", "httpx_mock",
  ].map { Array($0.utf8) }

  /// Methods that make a route of a mock rather than send (`respx.post(url).mock(return_value=…)`).
  static let mockMethods: [[UInt8]] = ["mock", "respond", "side_effect", "return_value"].map { Array($0.utf8) }

  /// Whether the raw HTTP call whose callee chain is `chain` (call opened at `open`) is a server route or a
  /// test mock, not a request: a decorator (`@app.post("/v1/chat/completions")`, `@router.post(…)`), a
  /// call on a mocking library or fixture (its root, or what its receiver was made from), or one whose result
  /// is turned into a mock (`.mock(`, `.respond(`).
  func isServedOrMocked(_ chain: Chain, receiver: Receiver, resolvedRoot: [[UInt8]]?, open: Int) -> Bool {
    guard code.syntax.decoratorsAndMocks else { return false }
    if code.isOperator(chain.start - 1, UInt8(ascii: "@")) { return true }
    let close = Int(code.partner[open])
    if close > open, code.isOperator(close + 1, UInt8(ascii: ".")), code.isIdentifier(close + 2),
      Self.mockMethods.contains(where: { code.text(close + 2).elementsEqual($0) })
    {
      return true
    }
    var roots: [[UInt8]] = []
    if let resolvedRoot, let first = resolvedRoot.first { roots.append(first) }
    if !chain.hasOpaqueRoot { roots.append(Array(name(of: chain.segments[0]))) }
    if case .bound(let key, let use) = receiver {
      roots += origins(of: key, at: use).compactMap(\.path.first)
    }
    return roots.contains { Self.mockModules.contains($0) }
  }

  /// The first needle found in `text`, ASCII case-insensitively.
  static func firstNeedle(_ needles: [[UInt8]], in text: UnsafeBufferPointer<UInt8>) -> Int? {
    for (position, needle) in needles.enumerated() where needle.count <= text.count {
      let first = needle[0]
      var start = 0
      while start + needle.count <= text.count {
        if Self.lower(text[start]) == first {
          var equal = true
          for offset in 1..<needle.count where Self.lower(text[start + offset]) != needle[offset] {
            equal = false
            break
          }
          if equal { return position }
        }
        start += 1
      }
    }
    return nil
  }

  @inline(__always) static func lower(_ byte: UInt8) -> UInt8 {
    byte &- UInt8(ascii: "A") < 26 ? byte | 0x20 : byte
  }

  /// Whether the name at `index` is being defined (`def create(`, `func chats(`), not called.
  private func isDefinition(_ index: Int) -> Bool {
    code.syntax.definitionKeywords.contains { keyword in
      index > 0 && code.tokens[index - 1].kind == .identifier && code.text(index - 1).elementsEqual(keyword)
    }
  }

  /// Walks back from the callee at `callee` over `.name`, `(...)`, `[...]` (and Swift's postfix `?`/`!`);
  /// `callee` is a name, or (Python) the `)` of `getattr(receiver, "name")`, whose literal is the callee
  /// and whose receiver is walked as the chain before it. `getattr(receiver, "name")` inside a chain is
  /// `receiver.name` too.
  func chain(endingAt callee: Int) -> Chain {
    var segments: [Segment] = []
    let start: Int
    let opaque: Bool
    if let access = getattrAccess(closing: callee) {
      segments.append(Segment(token: access.literal, isApplied: false, isQuoted: true))
      (start, opaque) = walkGetattrReceiver(access, &segments)
    } else {
      segments.append(Segment(token: callee, isApplied: false))
      if code.isOperator(callee - 1, UInt8(ascii: ".")) {
        (start, opaque) = walkReceiver(endingAt: callee - 2, &segments, start: callee)
      } else {
        (start, opaque) = (callee, false)
      }
    }
    segments.reverse()
    return Chain(segments: segments, hasOpaqueRoot: opaque, start: start)
  }

  /// Walks back over the receiver whose last token is `last` (the token before a `.`), appending its
  /// segments callee side first; `start` is the chain's first token so far. Returns the chain's first token
  /// and whether something other than a plain name stands at its root.
  private func walkReceiver(endingAt last: Int, _ segments: inout [Segment], start: Int) -> (Int, Bool) {
    var start = start
    var previous = last
    while true {
      if code.syntax.optionalChaining,
        code.isOperator(previous, UInt8(ascii: "?")) || code.isOperator(previous, UInt8(ascii: "!"))
      {
        previous -= 1
      }
      var applied = false
      while previous >= 0, code.isOperator(previous, UInt8(ascii: ")")) || code.isOperator(previous, UInt8(ascii: "]"))
      {
        if let access = getattrAccess(closing: previous) {
          // `getattr(receiver, "name").rest`: the literal is this segment, the receiver the chain before it.
          guard segments.count < Self.maximumSegments else { return (start, true) }
          segments.append(Segment(token: access.literal, isApplied: applied, isQuoted: true))
          return walkGetattrReceiver(access, &segments)
        }
        let open = Int(code.partner[previous])
        guard open >= 0, open < previous else { return (previous, true) }
        applied = true
        let before = open - 1
        if code.isIdentifier(before) || code.isOperator(before, UInt8(ascii: ")"))
          || code.isOperator(before, UInt8(ascii: "]"))
        {
          previous = before
        } else {
          return (open, true)
        }
      }
      guard code.isIdentifier(previous) else {
        // A literal or a closure before the dot is a receiver; anything else (an operator, `(`, nothing)
        // means a leading-dot member such as Swift's `.chats(`, which has none.
        if let kind = code.kind(previous),
          kind == .string || kind == .stringEnd || kind == .number || kind == .regex
            || code.isOperator(previous, UInt8(ascii: "}"))
        {
          return (previous, true)
        }
        return (start, applied)
      }
      guard segments.count < Self.maximumSegments else { return (start, true) }
      segments.append(Segment(token: previous, isApplied: applied))
      start = previous
      guard code.isOperator(previous - 1, UInt8(ascii: ".")) else { return (start, false) }
      previous -= 2
    }
  }

  /// The segments of the receiver of `getattr(receiver, "name")`, appended after the literal's: the chain
  /// starts at `getattr`. A receiver that is not one chain filling the argument (`getattr(a or b, "x")`) is
  /// an opaque root, as `(a or b).x` is.
  private func walkGetattrReceiver(_ access: GetattrAccess, _ segments: inout [Segment]) -> (Int, Bool) {
    let kept = segments.count
    let (start, opaque) = walkReceiver(endingAt: access.receiverEnd, &segments, start: access.receiverEnd + 1)
    guard start == access.receiverStart else {
      segments.removeSubrange(kept...)
      return (access.getattr, true)
    }
    return (access.getattr, opaque)
  }

  /// One name of a callee chain after alias resolution: token bytes or owned bytes, and whether a call or
  /// subscript follows it.
  struct MatchedName {
    var name: UnsafeBufferPointer<UInt8>?
    var owned: [UInt8]?
    var applied: Bool
  }

  /// The names of `chain` after Python's root alias is resolved to `resolvedRoot` and SDK infixes are
  /// dropped: what every candidate pattern of one call is compared with.
  func matchedNames(_ chain: Chain, resolvedRoot: [[UInt8]]?) -> [MatchedName] {
    var names: [MatchedName] = []
    names.reserveCapacity(chain.segments.count + (resolvedRoot?.count ?? 0))
    let skip = ruleSet.skipSegmentNames
    for (position, segment) in chain.segments.enumerated() {
      if position == 0, let resolvedRoot {
        for part in resolvedRoot { names.append(MatchedName(name: nil, owned: part, applied: false)) }
        names[names.count - 1].applied = segment.isApplied
        continue
      }
      if position < chain.segments.count - 1, !skip.isEmpty,
        skip.lookup(code.source, token: nameToken(segment)) != nil
      {
        continue
      }
      names.append(MatchedName(name: name(of: segment), owned: nil, applied: segment.isApplied))
    }
    return names
  }

  /// When `chain`, whose names are `names` (see `matchedNames`), matches `pattern`: its receiver.
  func match(_ pattern: CallPattern, _ names: [MatchedName], _ chain: Chain) -> Receiver? {
    let wanted = pattern.segments
    if pattern.anyReceiver {
      guard names.count > wanted.count || (chain.hasOpaqueRoot && names.count == wanted.count) else { return nil }
    } else {
      guard !chain.hasOpaqueRoot, names.count == wanted.count else { return nil }
    }
    let offset = names.count - wanted.count
    for (position, word) in wanted.enumerated() {
      let name = names[offset + position]
      if position < wanted.count - 1, name.applied { return nil }
      let equal: Bool
      if let owned = name.owned {
        equal = owned == word
      } else {
        equal = name.name!.elementsEqual(word)
      }
      if !equal { return nil }
    }
    return receiver(names, offset: offset, chain: chain)
  }

  /// Whether the call opened at `open` has the pattern's leading argument labels (Swift).
  func labelsMatch(_ pattern: CallPattern, open: Int) -> Bool {
    guard !pattern.labels.isEmpty else { return true }
    let close = Int(code.partner[open])
    guard close > open else { return false }
    var argument = open + 1
    for label in pattern.labels {
      guard argument < close else { return false }
      let labelled = code.kind(argument) == .identifier && code.isOperator(argument + 1, UInt8(ascii: ":"))
      if label == [UInt8(ascii: "_")] {
        if labelled { return false }
      } else {
        guard labelled, code.text(argument).elementsEqual(label) else { return false }
      }
      // Move past this argument to the next one.
      while argument < close, !code.isOperator(argument, UInt8(ascii: ",")) {
        argument = code.opensGroup(argument) ? code.skipGroup(argument) : argument + 1
      }
      argument += 1
    }
    return true
  }
}
