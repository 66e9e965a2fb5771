/// The tokens of one file that carry code — comments and Python NL tokens dropped — with the partner of
/// every bracket, so later passes can step over a balanced group in one move.
///
/// Brackets pair by kind with a stack; a closing bracket that does not match the innermost open one is
/// left unpaired (partner -1), as is an open bracket never closed. A Swift interpolation opener `\(`
/// pairs with its `)`. The comment tokens are kept aside (`comments`, for suppression directives). Built
/// from a `TokenList` by compacting it in place, so a file's tokens are held once.
struct CodeTokens {
  let source: UnsafeBufferPointer<UInt8>
  let language: Language
  let tokens: TokenList
  /// For each token: the index of its partner bracket, or -1.
  let partner: [Int32]
  /// The file's comment tokens, in order.
  let comments: [Token]
  /// What the language's code looks like (asked, never which language it is).
  let syntax: LanguageSyntax
  /// Which structure reader reads the language.
  var reader: LanguageStructure.Reader { language.structure.reader }

  init(source: UnsafeBufferPointer<UInt8>, tokens all: [Token], language: Language) {
    self.init(source: source, tokens: TokenList(all), language: language)
  }

  init(source: UnsafeBufferPointer<UInt8>, tokens all: TokenList, language: Language) {
    self.source = source
    self.language = language
    syntax = language.syntax
    var tokens = all
    var comments: [Token] = []
    for index in tokens.indices where tokens.kind(at: index) == .comment { comments.append(tokens[index]) }
    tokens.removeAll(kinds: { $0 == .comment || $0 == .nonLogicalNewline })
    var partner = [Int32](repeating: -1, count: tokens.count)
    var stack: [(index: Int32, close: UInt8)] = []
    for index in tokens.indices where tokens.kind(at: index) == .operator {
      let token = tokens[index]
      let last = source[token.end - 1]
      switch last {
      case UInt8(ascii: "("): stack.append((Int32(index), UInt8(ascii: ")")))
      case UInt8(ascii: "["): stack.append((Int32(index), UInt8(ascii: "]")))
      case UInt8(ascii: "{"): stack.append((Int32(index), UInt8(ascii: "}")))
      case UInt8(ascii: ")"), UInt8(ascii: "]"), UInt8(ascii: "}"):
        guard token.length == 1 else { continue }
        if let top = stack.last, top.close == last {
          stack.removeLast()
          partner[Int(top.index)] = Int32(index)
          partner[index] = top.index
        }
      default:
        continue
      }
    }
    self.tokens = tokens
    self.partner = partner
    self.comments = comments
  }

  var count: Int { tokens.count }

  /// Whether token `index` exists and is the one-byte operator `byte`.
  @inline(__always) func isOperator(_ index: Int, _ byte: UInt8) -> Bool {
    guard index >= 0, index < tokens.count else { return false }
    let token = tokens[index]
    return token.kind == .operator && token.length == 1 && source[Int(token.start)] == byte
  }

  /// Whether token `index` exists, is an identifier and reads `text`.
  @inline(__always) func isIdentifier(_ index: Int, _ text: StaticString) -> Bool {
    guard index >= 0, index < tokens.count else { return false }
    return tokens[index].kind == .identifier && tokens[index].hasText(text, in: source)
  }

  @inline(__always) func isIdentifier(_ index: Int) -> Bool {
    index >= 0 && index < tokens.count && tokens[index].kind == .identifier
  }

  @inline(__always) func kind(_ index: Int) -> TokenKind? {
    index >= 0 && index < tokens.count ? tokens[index].kind : nil
  }

  /// Whether token `index` opens a bracket group (its last byte is `(`, `[` or `{`).
  @inline(__always) func opensGroup(_ index: Int) -> Bool {
    partner[index] > Int32(index)
  }

  /// The index just past the group token `index` opens, or `index + 1` when it opens none.
  @inline(__always) func skipGroup(_ index: Int) -> Int {
    let other = Int(partner[index])
    return other > index ? other + 1 : index + 1
  }

  /// The bytes of token `index`.
  func text(_ index: Int) -> UnsafeBufferPointer<UInt8> {
    let token = tokens[index]
    return UnsafeBufferPointer(rebasing: source[Int(token.start)..<token.end])
  }

  /// The text of token `index` as a `String` (for the few places that keep names).
  func string(_ index: Int) -> String {
    String(decoding: text(index), as: UTF8.self)
  }

  /// Whether the bytes between tokens `index - 1` and `index` hold a line break.
  func lineBreakBefore(_ index: Int) -> Bool {
    guard index > 0 else { return false }
    for offset in tokens[index - 1].end..<Int(tokens[index].start) {
      let byte = source[offset]
      if byte == ASCII.lineFeed || byte == ASCII.carriageReturn { return true }
    }
    return false
  }
}
