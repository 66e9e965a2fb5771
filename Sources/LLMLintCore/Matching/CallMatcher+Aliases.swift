/// Chains written through names and through `getattr`: a name bound in the file to a prefix of a chain
/// (`completions = client.chat.completions`, `self.chat = OpenAI().chat`, Swift `let responses =
/// openAI.responses`) stands, at a later `completions.create(…)`, for the chain written out
/// (`client.chat.completions.create(…)`), and Python's `getattr(receiver, "name")` with a string literal is
/// `receiver.name`. The chain written out is then matched as any other: the same patterns, import gates and
/// receivers decide, so a look-alike written through a name (`messages = twilio_client.messages`) is refused
/// as it is when written out.
extension CallMatcher {
  // MARK: - getattr

  /// `getattr(receiver, "name")` (or with a default, `getattr(receiver, "name", None)`): where its parts are.
  struct GetattrAccess {
    /// The `getattr` name.
    var getattr: Int
    /// The first and last code tokens of the receiver argument.
    var receiverStart: Int
    var receiverEnd: Int
    /// The string literal naming the attribute.
    var literal: Int
  }

  /// When code token `close` is the `)` of a call of the bare name `getattr` whose second argument is one
  /// string literal holding an ASCII identifier (`'create'`, `"create"`): where its receiver and literal are.
  /// `nil` for anything else (a name held in a variable, an f-string, `obj.getattr(…)`, another language).
  func getattrAccess(closing close: Int) -> GetattrAccess? {
    guard code.syntax.literalGetattr, code.isOperator(close, UInt8(ascii: ")")) else { return nil }
    let open = Int(code.partner[close])
    guard open > 0, open < close, code.isIdentifier(open - 1, "getattr"), !code.isOperator(open - 2, UInt8(ascii: "."))
    else { return nil }
    var comma = open + 1
    while comma < close, !code.isOperator(comma, UInt8(ascii: ",")) {
      comma = code.opensGroup(comma) ? code.skipGroup(comma) : comma + 1
    }
    let literal = comma + 1
    guard comma > open + 1, literal < close, code.kind(literal) == .string,
      literal + 1 == close || code.isOperator(literal + 1, UInt8(ascii: ",")),
      Self.quotedName(code.text(literal)) != nil
    else { return nil }
    return GetattrAccess(getattr: open - 1, receiverStart: open + 1, receiverEnd: comma - 1, literal: literal)
  }

  /// The byte range, within a string token's text, of the identifier it quotes: `'name'` or `"name"` (a `u`
  /// or `r` prefix allowed), the name an ASCII identifier; `nil` for anything else (bytes, triple quotes,
  /// blanks, an empty string).
  static func quotedName(_ text: UnsafeBufferPointer<UInt8>) -> Range<Int>? {
    var first = 0
    if let prefix = text.first, prefix | 0x20 == UInt8(ascii: "u") || prefix | 0x20 == UInt8(ascii: "r") { first = 1 }
    guard text.count >= first + 3 else { return nil }
    let quote = text[first]
    guard quote == UInt8(ascii: "'") || quote == UInt8(ascii: "\""), text[text.count - 1] == quote else { return nil }
    let name = (first + 1)..<(text.count - 1)
    guard ASCII.isIdentifierStart(text[name.lowerBound]),
      name.allSatisfy({ text[$0] < 0x80 && ASCII.isIdentifierContinue(text[$0]) })
    else { return nil }
    return name
  }

  /// The token of the name a segment stands for: its identifier, or the name inside a `getattr` literal.
  func nameToken(_ segment: Segment) -> Token {
    let token = code.tokens[segment.token]
    guard segment.isQuoted, let name = Self.quotedName(code.text(segment.token)) else { return token }
    return Token(kind: .identifier, start: Int(token.start) + name.lowerBound, length: name.count)
  }

  /// The bytes of the name a segment stands for.
  func name(of segment: Segment) -> UnsafeBufferPointer<UInt8> {
    let token = nameToken(segment)
    return UnsafeBufferPointer(rebasing: code.source[Int(token.start)..<token.end])
  }

  /// The token of the name a call's callee `index` stands for: the name, or the one inside the literal of
  /// the `getattr` whose `)` is `index`.
  func calleeNameToken(_ index: Int) -> Token {
    guard let access = getattrAccess(closing: index) else { return code.tokens[index] }
    return nameToken(Segment(token: access.literal, isApplied: false, isQuoted: true))
  }

  /// The code tokens of an applied segment with its calls and subscripts (`OpenAI(base_url=…)`; for a
  /// `getattr` literal, from the literal to the end of the groups after the `getattr`).
  func appliedTokens(_ segment: Segment) -> Range<Int> {
    var last = segment.token
    if segment.isQuoted {
      while last < code.count, !code.isOperator(last, UInt8(ascii: ")")) {
        last = code.opensGroup(last) ? code.skipGroup(last) : last + 1
      }
    }
    while code.isOperator(last + 1, UInt8(ascii: "(")) || code.isOperator(last + 1, UInt8(ascii: "[")),
      code.opensGroup(last + 1)
    {
      last = Int(code.partner[last + 1])
    }
    return segment.token..<min(last + 1, code.count)
  }

  /// Whether code token `index` can end a callee chain: a name, or the `)` of a literal `getattr`.
  func endsChain(_ index: Int) -> Bool {
    code.isIdentifier(index) || getattrAccess(closing: index) != nil
  }

  // MARK: - Names bound to a chain prefix

  /// Expansions of one call's chain are bounded: this many chains, through this many names in a row.
  static let maximumExpansions = 8
  static let maximumExpansionDepth = 4

  /// The chains a call's chain stands for, most written out first. When the chain's root (`completions`,
  /// `self.chat`; Swift `responses` or `self.responses`) is bound in its scope to a chain prefix — an
  /// expression that is one chain ending in a name, of at least two names or with an opaque root
  /// (`client.chat.completions`, `OpenAI().chat`, `getattr(c, "chat")`) — each such binding gives the chain
  /// with the root replaced by it (the root's call or subscript moving to the prefix's last name), itself
  /// expanded again. The chain as written is kept when its root has another binding, none, or expansion
  /// stops (a cycle, the bounds): then its receiver's own bindings decide, as before. A name bound only to
  /// prefixes is replaced, so no evidence is read twice.
  func expansions(of chain: Chain) -> [Chain] {
    guard !bindings.isEmpty, !chain.hasOpaqueRoot, chain.segments.count > 1 else { return [chain] }
    var result: [Chain] = []
    expand(chain, depth: 0, visited: [], into: &result)
    return result.isEmpty ? [chain] : result
  }

  private func expand(_ chain: Chain, depth: Int, visited: [Int], into result: inout [Chain]) {
    guard result.count < Self.maximumExpansions else { return }
    guard depth < Self.maximumExpansionDepth, !chain.hasOpaqueRoot, let (key, consumed) = rootKey(chain) else {
      result.append(chain)
      return
    }
    let root = chain.segments[consumed - 1]
    var keepsWritten = false
    var expanded = false
    for range in bindings.expressions(key, at: chain.segments[0].token).prefix(Self.maximumExpansions) {
      guard !visited.contains(range.lowerBound), let prefix = prefixChain(range),
        prefix.segments.count + chain.segments.count - consumed <= Self.maximumSegments
      else {
        keepsWritten = true
        continue
      }
      var composed = prefix
      composed.segments[composed.segments.count - 1].isApplied = root.isApplied
      composed.segments += chain.segments[consumed...]
      composed.start = chain.start
      composed.through = chain.through + [(key, range)]
      expanded = true
      expand(composed, depth: depth + 1, visited: visited + [range.lowerBound], into: &result)
    }
    if keepsWritten || !expanded { result.append(chain) }
  }

  /// The binding key of a chain's root and how many segments it covers: `name` (1); Python `self.name` /
  /// `cls.name` (2); Swift `self.name` is `name` (2). `nil` when the root is the code's own object with
  /// nothing after the key but the callee, or when nothing would be left after the key.
  private func rootKey(_ chain: Chain) -> ([UInt8], Int)? {
    let first = chain.segments[0]
    guard !first.isQuoted, code.isIdentifier(first.token) else { return nil }
    let isSelf = code.isIdentifier(first.token, "self") || code.isIdentifier(first.token, "cls")
    if isSelf {
      guard !first.isApplied, chain.segments.count > 2 else { return nil }
      let attribute = Array(name(of: chain.segments[1]))
      if code.syntax.selfAttributes { return (Array(code.text(first.token)) + [UInt8(ascii: ".")] + attribute, 2) }
      if code.syntax.implicitSelf, code.isIdentifier(first.token, "self") { return (attribute, 2) }
      return nil
    }
    return (Array(code.text(first.token)), 1)
  }

  /// When the expression `range` is one chain that ends in a name (not a call) and is a prefix worth
  /// writing out — two names or more, or an opaque root (`(a or b).chat`) — that chain; a bare name
  /// (`client = other`) is not one.
  func prefixChain(_ range: Range<Int>) -> Chain? {
    let last = range.upperBound - 1
    guard last >= range.lowerBound, endsChain(last) else { return nil }
    let chain = self.chain(endingAt: last)
    guard chain.start == range.lowerBound, chain.segments.count > 1 || chain.hasOpaqueRoot else { return nil }
    return chain
  }

  /// For `llmlint explain`: the names a chain was written through, as `completions = client.chat.completions`.
  func throughNote(_ chain: Chain) -> String? {
    guard !chain.through.isEmpty else { return nil }
    let steps = chain.through.map { step -> String in
      var text: [UInt8] = []
      for index in step.expression.prefix(64) { text += code.text(index) }
      return String(decoding: step.key, as: UTF8.self) + " = " + String(decoding: text, as: UTF8.self)
    }
    return "written through " + steps.joined(separator: ", then ")
  }
}
