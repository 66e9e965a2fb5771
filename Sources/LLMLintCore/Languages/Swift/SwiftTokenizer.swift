/// Swift tokenizer: source bytes in, tokens as byte offsets out.
///
/// Follows "Lexical Structure" of The Swift Programming Language
/// (https://docs.swift.org/swift-book/documentation/the-swift-programming-language/lexicalstructure/) and, where
/// the book is silent, the behaviour of swift-syntax's lexer (`Sources/SwiftParser/Lexer/Cursor.swift`,
/// `RegexLiteralLexer.swift`): operator boundness, raw and multi-line string delimiters, the end of a
/// single-line string interpolation at a line break, and the regex literal heuristics of SE-0354/SE-0355.
///
/// Contract:
/// - Tokens come in order and never overlap; the bytes between them are whitespace only (space, tab, line
///   feed, carriage return, form feed, vertical tab, and a UTF-8 byte order mark at offset 0). Line breaks
///   produce no tokens. The last token is a zero-length `.endOfFile`.
/// - A string without interpolation is one `.string` token. A string with interpolation is `.stringStart`,
///   `.stringMiddle` runs (absent when empty), for each interpolation an `.operator` `\(` (`\#(` in raw
///   strings) followed by the tokens of the code inside and an `.operator` `)`, then `.stringEnd`.
/// - Never traps on any input and takes linear time: unterminated block comments, multi-line strings and
///   `#/` regex literals end at end of input; a single-line string ends at the line break (with any of its
///   interpolations); stray bytes and invalid UTF-8 in code become `.unknown` tokens. Nesting is kept on an
///   explicit stack, never by recursion.
public enum SwiftTokenizer {
  /// Tokenizes `source`; see the type's documentation for the contract.
  public static func tokenize(_ source: UnsafeBufferPointer<UInt8>) -> [Token] {
    Array(tokenList(source))
  }

  /// Tokenizes `source` into a compact `TokenList` (7 bytes a token); what the linter uses.
  public static func tokenList(_ source: UnsafeBufferPointer<UInt8>) -> TokenList {
    var lexer = SwiftLexer(source)
    lexer.run()
    return lexer.tokens
  }

  /// Tokenizes `bytes`; see the type's documentation for the contract.
  public static func tokenize(_ bytes: [UInt8]) -> [Token] {
    bytes.withUnsafeBufferPointer { tokenize($0) }
  }
}

// MARK: - Lexer state

/// The working state of one tokenization: the cursor, the output, and the stack of open interpolations.
private struct SwiftLexer {
  /// A string literal whose interpolation the lexer is currently inside.
  struct Interpolation {
    /// The number of `#` around the string (0 for a plain string).
    var hashes: Int
    var isMultiline: Bool
    /// Open `(` inside the interpolation; the `)` at depth 0 closes it.
    var parenDepth: Int
  }

  let source: UnsafeBufferPointer<UInt8>
  var cursor: ByteCursor
  var tokens = TokenList()
  /// Innermost last. Empty when lexing top-level code.
  var interpolations: [Interpolation] = []
  /// Whether a `/` here could open a regex literal: the previous significant token leaves the parser
  /// expecting an expression (SE-0354 "regex literal position").
  var regexAllowed = true
  /// Where the source text starts (after a byte order mark); nothing before it binds an operator.
  var contentStart = 0

  init(_ source: UnsafeBufferPointer<UInt8>) {
    self.source = source
    self.cursor = ByteCursor(source)
  }

  @inline(__always) mutating func emit(_ kind: TokenKind, from start: Int, to end: Int) {
    tokens.append(Token(kind: kind, start: start, length: end - start))
  }

  @inline(__always) func byte(at index: Int) -> UInt8? {
    index >= 0 && index < source.count ? source[index] : nil
  }

  mutating func run() {
    // Typical Swift averages well over four bytes a token; this avoids most regrowth.
    // Room for one token a byte (the most there can be): pages never written to are never resident, and
    // growing the arrays by doubling would hold two copies at once.
    tokens.reserveCapacity(source.count + 16)
    if source.count >= 3, source[0] == 0xEF, source[1] == 0xBB, source[2] == 0xBF {
      cursor.position = 3
      contentStart = 3
    }
    // A shebang line (`#!/usr/bin/env swift`) is a comment.
    if cursor.peek() == UInt8(ascii: "#"), cursor.peek(at: 1) == UInt8(ascii: "!") {
      let start = cursor.position
      skipToEndOfLine()
      emit(.comment, from: start, to: cursor.position)
    }
    while true {
      skipWhitespace()
      guard let byte = cursor.peek() else { break }
      lexToken(startingWith: byte)
    }
    emit(.endOfFile, from: source.count, to: source.count)
  }

  /// Skips whitespace. A line break inside the interpolation of a single-line string ends that string
  /// (Swift does not let single-line literals span lines), and with it every single-line string around it.
  mutating func skipWhitespace() {
    while let byte = cursor.peek() {
      switch byte {
      case ASCII.space, ASCII.tab, 0x0B, ASCII.formFeed:
        cursor.position += 1
      case ASCII.lineFeed, ASCII.carriageReturn:
        cursor.position += 1
        while let top = interpolations.last, !top.isMultiline { interpolations.removeLast() }
      default:
        return
      }
    }
  }

  mutating func skipToEndOfLine() {
    cursor.advance(while: { $0 != ASCII.lineFeed && $0 != ASCII.carriageReturn })
  }

  // MARK: - Dispatch

  mutating func lexToken(startingWith byte: UInt8) {
    let start = cursor.position
    switch byte {
    case UInt8(ascii: "("):
      cursor.position += 1
      emit(.operator, from: start, to: start + 1)
      if !interpolations.isEmpty { interpolations[interpolations.count - 1].parenDepth += 1 }
      regexAllowed = true
    case UInt8(ascii: ")"):
      cursor.position += 1
      emit(.operator, from: start, to: start + 1)
      regexAllowed = false
      if let top = interpolations.last {
        if top.parenDepth == 0 {
          interpolations.removeLast()
          lexStringBody(top, openingStart: nil, openingEnd: cursor.position)
        } else {
          interpolations[interpolations.count - 1].parenDepth -= 1
        }
      }
    case UInt8(ascii: "["), UInt8(ascii: "{"), UInt8(ascii: ","), UInt8(ascii: ":"), UInt8(ascii: ";"):
      cursor.position += 1
      emit(.operator, from: start, to: start + 1)
      regexAllowed = true
    case UInt8(ascii: "]"), UInt8(ascii: "}"), UInt8(ascii: "@"), UInt8(ascii: "\\"):
      cursor.position += 1
      emit(.operator, from: start, to: start + 1)
      regexAllowed = false
    case UInt8(ascii: "\""):
      lexString(start: start, hashes: 0)
    case UInt8(ascii: "#"):
      lexPound(start: start)
    case UInt8(ascii: "/"):
      lexSlash(start: start)
    case UInt8(ascii: "`"):
      lexBacktickIdentifier(start: start)
    case UInt8(ascii: "$"):
      cursor.position += 1
      cursor.advance(while: SwiftLexer.isASCIIIdentifierContinue)
      lexIdentifierTail(start: start)
    case UInt8(ascii: "0")...UInt8(ascii: "9"):
      lexNumber(start: start)
    case UInt8(ascii: "."):
      if let next = cursor.peek(at: 1), SwiftLexer.isASCIIOperator(next) || next == UInt8(ascii: "."),
        !isCommentStart(at: start + 1), !isPeriodBeforeOptionalChain(start)
      {
        lexOperator(start: start)
      } else {
        cursor.position += 1
        emit(.operator, from: start, to: start + 1)
        regexAllowed = false
      }
    case UInt8(ascii: "?"), UInt8(ascii: "!"):
      if isLeftBound(start) {
        // Postfix `?` / `!` (optional chaining, force unwrap) is a token of its own: `client?.chats(`.
        // After `try?` / `try!` an expression follows, never a binary operator (swift-syntax).
        let afterTry = tokens.last.map { $0.end == start && $0.hasText("try", in: source) } ?? false
        cursor.position += 1
        emit(.operator, from: start, to: start + 1)
        regexAllowed = afterTry
      } else {
        lexOperator(start: start)
      }
    case UInt8(ascii: "<"):
      if cursor.peek(at: 1) == UInt8(ascii: "#"), lexEditorPlaceholder(start: start) { return }
      lexOperator(start: start)
    case UInt8(ascii: "="), UInt8(ascii: "-"), UInt8(ascii: "+"), UInt8(ascii: "*"), UInt8(ascii: "%"),
      UInt8(ascii: ">"), UInt8(ascii: "&"), UInt8(ascii: "|"), UInt8(ascii: "^"), UInt8(ascii: "~"):
      lexOperator(start: start)
    case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "_"):
      cursor.position += 1
      cursor.advance(while: SwiftLexer.isASCIIIdentifierContinue)
      lexIdentifierTail(start: start)
    case 0x80...0xFF:
      guard let (scalar, _) = SwiftLexer.decodeScalar(source, at: start), scalar != 0xA0 else {
        lexUnknown(start: start)
        return
      }
      if SwiftLexer.isOperatorHead(scalar) {
        lexOperator(start: start)
      } else {
        lexIdentifierTail(start: start)
      }
    default:
      lexUnknown(start: start)
    }
  }

  /// Whether the `.` at `index` is member access followed by a postfix `?`/`!`, as in the key path
  /// `\.?.name`, rather than the start of an operator such as `.!=`.
  func isPeriodBeforeOptionalChain(_ index: Int) -> Bool {
    guard let mark = byte(at: index + 1), mark == UInt8(ascii: "?") || mark == UInt8(ascii: "!") else { return false }
    guard let after = byte(at: index + 2) else { return true }
    return !SwiftLexer.isASCIIOperator(after)
  }

  /// Covers a run of bytes that start no token (control characters, `'`, invalid UTF-8, U+00A0) as one
  /// `.unknown` token.
  mutating func lexUnknown(start: Int) {
    var position = start
    while position < source.count, isStray(at: position) {
      position += source[position] == 0xC2 && byte(at: position + 1) == 0xA0 ? 2 : 1
    }
    if position == start { position += 1 }  // every call advances
    cursor.position = position
    emit(.unknown, from: start, to: position)
    regexAllowed = false
  }

  func isStray(at index: Int) -> Bool {
    let byte = source[index]
    switch byte {
    case 0x00...0x08, 0x0E...0x1F, 0x7F, UInt8(ascii: "'"):
      return true
    case 0x80...0xFF:
      guard let (scalar, _) = SwiftLexer.decodeScalar(source, at: index) else { return true }
      return scalar == 0xA0
    default:
      return false
    }
  }

  // MARK: - Identifiers and keywords

  /// Finishes an identifier whose first character was consumed and emits it.
  mutating func lexIdentifierTail(start: Int) {
    advanceIdentifierCharacters()
    emit(.identifier, from: start, to: cursor.position)
    regexAllowed = isKeywordBeforeExpression(start: start, end: cursor.position)
  }

  /// Moves past identifier characters: ASCII letters, digits, `_`, `$`, and any valid UTF-8 scalar that is
  /// not an operator head or U+00A0 (stops at invalid UTF-8).
  mutating func advanceIdentifierCharacters() {
    while let byte = cursor.peek() {
      if SwiftLexer.isASCIIIdentifierContinue(byte) {
        cursor.position += 1
      } else if byte >= 0x80, let length = identifierScalarLength(at: cursor.position) {
        cursor.position += length
      } else {
        break
      }
    }
  }

  /// The length of the non-ASCII identifier character at `index`, or nil if there is none.
  func identifierScalarLength(at index: Int) -> Int? {
    guard let (scalar, length) = SwiftLexer.decodeScalar(source, at: index), scalar != 0xA0,
      !SwiftLexer.isOperatorHead(scalar)
    else { return nil }
    return length
  }

  /// Whether the identifier is a keyword after which an expression (and so a regex literal) can follow.
  func isKeywordBeforeExpression(start: Int, end: Int) -> Bool {
    let length = end - start
    guard length >= 2, length <= 6 else { return false }
    let token = Token(kind: .identifier, start: start, length: length)
    switch source[start] {
    case UInt8(ascii: "r"): return token.hasText("return", in: source) || token.hasText("repeat", in: source)
    case UInt8(ascii: "t"): return token.hasText("throw", in: source) || token.hasText("try", in: source)
    case UInt8(ascii: "i"): return token.hasText("in", in: source) || token.hasText("if", in: source)
    case UInt8(ascii: "c"): return token.hasText("case", in: source) || token.hasText("catch", in: source)
    case UInt8(ascii: "g"): return token.hasText("guard", in: source)
    case UInt8(ascii: "w"): return token.hasText("while", in: source) || token.hasText("where", in: source)
    case UInt8(ascii: "s"): return token.hasText("switch", in: source)
    case UInt8(ascii: "e"): return token.hasText("else", in: source)
    default: return false
    }
  }

  /// `` `name` `` on one line is one identifier; a backtick without its partner is `.unknown`.
  mutating func lexBacktickIdentifier(start: Int) {
    var position = start + 1
    while position < source.count {
      let byte = source[position]
      if byte == UInt8(ascii: "`") || byte == ASCII.lineFeed || byte == ASCII.carriageReturn { break }
      position += 1
    }
    if position < source.count, source[position] == UInt8(ascii: "`"), position > start + 1 {
      cursor.position = position + 1
      emit(.identifier, from: start, to: cursor.position)
    } else {
      cursor.position = start + 1
      emit(.unknown, from: start, to: start + 1)
    }
    regexAllowed = false
  }

  /// An editor placeholder `<#name#>` (one line) is an identifier, as in swift-syntax. Returns false, without
  /// moving, when there is none.
  mutating func lexEditorPlaceholder(start: Int) -> Bool {
    var position = start + 2
    while position + 1 < source.count {
      let byte = source[position]
      if byte == ASCII.lineFeed || byte == ASCII.carriageReturn { return false }
      if byte == UInt8(ascii: "<"), source[position + 1] == UInt8(ascii: "#") { return false }
      if byte == UInt8(ascii: "#"), source[position + 1] == UInt8(ascii: ">") {
        cursor.position = position + 2
        emit(.identifier, from: start, to: cursor.position)
        regexAllowed = false
        return true
      }
      position += 1
    }
    return false
  }

  // MARK: - `#`: raw strings, extended regex literals, directives, pound expressions

  mutating func lexPound(start: Int) {
    var probe = cursor
    let hashes = probe.advance(while: { $0 == UInt8(ascii: "#") })
    switch probe.peek() {
    case UInt8(ascii: "\""):
      cursor = probe
      lexString(start: start, hashes: hashes)
      return
    case UInt8(ascii: "/"):
      cursor = probe
      lexExtendedRegex(start: start, hashes: hashes)
      return
    default:
      break
    }
    if hashes == 1, let next = cursor.peek(at: 1),
      ASCII.isLetter(next) || next == UInt8(ascii: "_")
        || (next >= 0x80 && identifierScalarLength(at: start + 1) != nil)
    {
      cursor.position += 1
      advanceIdentifierCharacters()
      let token = Token(kind: .identifier, start: start, length: cursor.position - start)
      let isDirective =
        token.hasText("#if", in: source) || token.hasText("#elseif", in: source) || token.hasText("#else", in: source)
        || token.hasText("#endif", in: source) || token.hasText("#sourceLocation", in: source)
        || token.hasText("#error", in: source) || token.hasText("#warning", in: source)
      emit(isDirective ? .directive : .identifier, from: start, to: cursor.position)
      regexAllowed = isDirective
      return
    }
    // A lone `#` (swift-syntax's `pound` token).
    cursor.position = start + 1
    emit(.operator, from: start, to: start + 1)
    regexAllowed = false
  }

  // MARK: - Numbers

  /// Decimal, hexadecimal (with hex floats `0x1p-2`), octal and binary literals, `_` separators and
  /// exponents. Trailing identifier characters stay in the token, as swift-syntax does for bad digits.
  mutating func lexNumber(start: Int) {
    let isDigitOrUnderscore: (UInt8) -> Bool = { ASCII.isDigit($0) || $0 == UInt8(ascii: "_") }
    let next = cursor.peek(at: 1)
    if source[start] == UInt8(ascii: "0"), next == UInt8(ascii: "x") {
      cursor.position += 2
      cursor.advance(while: SwiftLexer.isHexDigitOrUnderscore)
      // A fraction only when a binary exponent follows: `0xff.description` is member access.
      var probe = cursor
      if probe.advance(matching: UInt8(ascii: ".")), let digit = probe.peek(), SwiftLexer.isHexDigit(digit) {
        probe.advance(while: SwiftLexer.isHexDigitOrUnderscore)
        if probe.peek() == UInt8(ascii: "p") || probe.peek() == UInt8(ascii: "P") { cursor = probe }
      }
      if cursor.peek() == UInt8(ascii: "p") || cursor.peek() == UInt8(ascii: "P") {
        advanceExponent()
      }
    } else if source[start] == UInt8(ascii: "0"), next == UInt8(ascii: "o") || next == UInt8(ascii: "b") {
      cursor.position += 2
    } else {
      cursor.advance(while: isDigitOrUnderscore)
      // `x.0.1` is tuple access twice, not `x` followed by the float `0.1`.
      let afterPeriod = tokens.last.map { $0.isByte(UInt8(ascii: "."), in: source) } ?? false
      if !afterPeriod, cursor.peek() == UInt8(ascii: "."), let digit = cursor.peek(at: 1), ASCII.isDigit(digit) {
        cursor.position += 1
        cursor.advance(while: isDigitOrUnderscore)
      }
      if !afterPeriod, cursor.peek() == UInt8(ascii: "e") || cursor.peek() == UInt8(ascii: "E") {
        advanceExponent()
      }
    }
    cursor.advance(while: SwiftLexer.isASCIIIdentifierContinue)
    emit(.number, from: start, to: cursor.position)
    regexAllowed = false
  }

  /// At `e`/`p`: takes the exponent marker, an optional sign and digits, if digits follow.
  mutating func advanceExponent() {
    var probe = cursor
    probe.position += 1
    if probe.peek() == UInt8(ascii: "+") || probe.peek() == UInt8(ascii: "-") { probe.position += 1 }
    guard let digit = probe.peek(), ASCII.isDigit(digit) else { return }
    probe.advance(while: { ASCII.isDigit($0) || $0 == UInt8(ascii: "_") })
    cursor = probe
  }

  // MARK: - Operators

  /// The longest run of operator characters (Swift "Operators"): `.` only when the operator starts with
  /// `.`; a `//` or `/*` inside starts a comment; `?`/`!` after `>` are left for the postfix rule
  /// (`Array<Int>?`).
  mutating func lexOperator(start: Int) {
    let startsWithPeriod = source[start] == UInt8(ascii: ".")
    var position = start
    while position < source.count {
      let byte = source[position]
      if SwiftLexer.isASCIIOperator(byte) {
        if position > start {
          if byte == UInt8(ascii: "/"), isCommentStart(at: position) { break }
          if byte == UInt8(ascii: "?") || byte == UInt8(ascii: "!"), source[position - 1] == UInt8(ascii: ">") {
            break
          }
          // `<#` starts an editor placeholder: `!<#flag#>`.
          if byte == UInt8(ascii: "<"), self.byte(at: position + 1) == UInt8(ascii: "#") { break }
        }
        position += 1
      } else if byte == UInt8(ascii: ".") {
        guard startsWithPeriod else { break }
        position += 1
      } else if byte >= 0x80, let (scalar, length) = SwiftLexer.decodeScalar(source, at: position),
        position == start ? SwiftLexer.isOperatorHead(scalar) : SwiftLexer.isOperatorContinue(scalar)
      {
        position += length
      } else {
        break
      }
    }
    if position == start { position += 1 }  // every call advances
    // A prefix operator in expression position may end where a regex literal starts: `!/x/`, `&/x/`,
    // `x =/abc/` (swift-syntax `tryLexOperatorAsRegexLiteral`, first `/` of the operator only).
    if regexAllowed, !isLeftBound(start) {
      var slash = start + 1
      while slash < position, source[slash] != UInt8(ascii: "/") { slash += 1 }
      if slash < position, let end = scanBareRegex(start: slash) {
        emit(.operator, from: start, to: slash)
        emit(.regex, from: slash, to: end)
        cursor.position = end
        regexAllowed = false
        return
      }
    }
    cursor.position = position
    emit(.operator, from: start, to: position)
    regexAllowed = operatorLeavesExpressionPosition(start: start, end: position)
  }

  /// Whether an expression may follow this operator: not after a postfix operator (bound on the left,
  /// free on the right), `->`, `...`, a lone `>` (closing generic arguments) or member access.
  func operatorLeavesExpressionPosition(start: Int, end: Int) -> Bool {
    let token = Token(kind: .operator, start: start, length: end - start)
    if token.hasText("->", in: source) || token.hasText("...", in: source) || token.hasText(">", in: source) {
      return false
    }
    return !(isLeftBound(start) && !isRightBound(end))
  }

  /// Whether the byte before `index` binds an operator on the left (Swift "Operators": whitespace,
  /// opening brackets, separators and the start of input do not).
  func isLeftBound(_ index: Int) -> Bool {
    guard index > contentStart else { return false }
    switch source[index - 1] {
    case ASCII.space, ASCII.tab, ASCII.lineFeed, ASCII.carriageReturn, 0x0B, ASCII.formFeed, 0,
      UInt8(ascii: "("), UInt8(ascii: "["), UInt8(ascii: "{"),
      UInt8(ascii: ","), UInt8(ascii: ";"), UInt8(ascii: ":"):
      return false
    case UInt8(ascii: "/"):
      return !(index >= 2 && source[index - 2] == UInt8(ascii: "*"))  // end of a block comment
    default:
      return true
    }
  }

  /// Whether the byte at `index` binds an operator on the right.
  func isRightBound(_ index: Int) -> Bool {
    guard index < source.count else { return false }
    switch source[index] {
    case ASCII.space, ASCII.tab, ASCII.lineFeed, ASCII.carriageReturn, 0x0B, ASCII.formFeed, 0,
      UInt8(ascii: ")"), UInt8(ascii: "]"), UInt8(ascii: "}"),
      UInt8(ascii: ","), UInt8(ascii: ";"), UInt8(ascii: ":"):
      return false
    case UInt8(ascii: "/"):
      return !isCommentStart(at: index)
    default:
      return true
    }
  }

  func isCommentStart(at index: Int) -> Bool {
    guard index + 1 < source.count, source[index] == UInt8(ascii: "/") else { return false }
    return source[index + 1] == UInt8(ascii: "/") || source[index + 1] == UInt8(ascii: "*")
  }

  // MARK: - `/`: comments, regex literals, operators

  mutating func lexSlash(start: Int) {
    switch cursor.peek(at: 1) {
    case UInt8(ascii: "/"):
      skipToEndOfLine()
      emit(.comment, from: start, to: cursor.position)
    case UInt8(ascii: "*"):
      lexBlockComment(start: start)
    default:
      if regexAllowed, !isLeftBound(start), let end = scanBareRegex(start: start) {
        cursor.position = end
        emit(.regex, from: start, to: end)
        regexAllowed = false
      } else {
        lexOperator(start: start)
      }
    }
  }

  /// `/* … */`, nesting; unterminated, it runs to end of input.
  mutating func lexBlockComment(start: Int) {
    var depth = 0
    var position = start
    let count = source.count
    while position < count {
      let byte = source[position]
      if byte == UInt8(ascii: "/"), position + 1 < count, source[position + 1] == UInt8(ascii: "*") {
        depth += 1
        position += 2
      } else if byte == UInt8(ascii: "*"), position + 1 < count, source[position + 1] == UInt8(ascii: "/") {
        depth -= 1
        position += 2
        if depth == 0 { break }
      } else {
        position += 1
      }
    }
    cursor.position = position
    emit(.comment, from: start, to: position)
  }

  /// The end of a bare `/…/` regex literal starting at `start`, or nil when Swift would not read one here
  /// (SE-0354 "Regex literal syntax", SE-0355; swift-syntax `RegexLiteralLexer`). Called only in
  /// expression position for a `/` not bound on the left. In doubt, nil: the `/` stays an operator.
  func scanBareRegex(start: Int) -> Int? {
    // Not after `*/` (the slash would close a comment), not `/ ` (an operator), not `//` or `/*`.
    if start > 0, source[start - 1] == UInt8(ascii: "*") { return nil }
    guard let first = byte(at: start + 1) else { return nil }
    switch first {
    case ASCII.space, ASCII.tab, ASCII.lineFeed, ASCII.carriageReturn, UInt8(ascii: "*"), UInt8(ascii: "/"):
      return nil
    default:
      break
    }
    var groupDepth = 0
    var classDepth = 0
    var lastSpace = -1
    var position = start + 1
    while position < source.count {
      let byte = source[position]
      switch byte {
      case UInt8(ascii: "/"):
        // A closing slash after an unescaped space, or right before a comment or an identifier, means
        // this was an operator (`x = a /b/ c` cannot be a regex followed by a name).
        if lastSpace == position - 1 { return nil }
        if let after = self.byte(at: position + 1),
          after == UInt8(ascii: "/") || after == UInt8(ascii: "*") || SwiftLexer.isASCIIIdentifierContinue(after)
            || after >= 0x80
        {
          return nil
        }
        return position + 1
      case ASCII.lineFeed, ASCII.carriageReturn:
        return nil
      case UInt8(ascii: "\\"):
        guard let escaped = self.byte(at: position + 1), escaped != ASCII.lineFeed,
          escaped != ASCII.carriageReturn
        else { return nil }
        position += 2
        continue
      case UInt8(ascii: "(") where classDepth == 0:
        groupDepth += 1
      case UInt8(ascii: ")") where classDepth == 0:
        // An unbalanced `)` means this is not a regex: `foo(a, /)` or `reduce(1, /) / 2`.
        if groupDepth == 0 { return nil }
        groupDepth -= 1
      case UInt8(ascii: "["):
        classDepth += 1
      case UInt8(ascii: "]"):
        if classDepth > 0 { classDepth -= 1 }
      case ASCII.space, ASCII.tab:
        lastSpace = position
      default:
        break
      }
      position += 1
    }
    return nil
  }

  /// `#/…/#` with any number of `#` is always a regex. If only spaces follow the opening up to a line break,
  /// it is a multi-line literal that runs to `/#` (or to end of input); otherwise it ends at the line
  /// break when unterminated.
  mutating func lexExtendedRegex(start: Int, hashes: Int) {
    var position = cursor.position + 1  // past `/`
    var probe = position
    while probe < source.count, source[probe] == ASCII.space || source[probe] == ASCII.tab { probe += 1 }
    let isMultiline = probe < source.count && (source[probe] == ASCII.lineFeed || source[probe] == ASCII.carriageReturn)
    scan: while position < source.count {
      switch source[position] {
      case UInt8(ascii: "/"):
        var closing = position + 1
        while closing < source.count, closing - position - 1 < hashes, source[closing] == UInt8(ascii: "#") {
          closing += 1
        }
        if closing - position - 1 == hashes {
          position = closing
          break scan
        }
        position += 1
      case UInt8(ascii: "\\"):
        // A line break after `\` is left to the line-break rule.
        let escaped = byte(at: position + 1)
        position += escaped == ASCII.lineFeed || escaped == ASCII.carriageReturn ? 1 : 2
      case ASCII.lineFeed, ASCII.carriageReturn:
        if !isMultiline { break scan }
        position += 1
      default:
        position += 1
      }
    }
    position = min(position, source.count)
    cursor.position = position
    emit(.regex, from: start, to: position)
    regexAllowed = false
  }

  // MARK: - Strings

  /// At the first `"` of a string whose `hashes` `#` (from `start`) were consumed.
  mutating func lexString(start: Int, hashes: Int) {
    let quote = cursor.position
    var isMultiline = false
    if byte(at: quote + 1) == UInt8(ascii: "\""), byte(at: quote + 2) == UInt8(ascii: "\"") {
      isMultiline = true
      if hashes > 0 {
        // `#"""#` and `#"""a"#` are single-line strings holding quotes: a raw `"""` is a multi-line
        // opening only when no `"#…` closes it on the same line (swift-syntax `lexStringQuote`).
        var position = quote + 3
        if hasHashes(hashes, at: position) {
          isMultiline = false
        } else {
          while position < source.count, source[position] != ASCII.lineFeed, source[position] != ASCII.carriageReturn {
            if source[position] == UInt8(ascii: "\""), hasHashes(hashes, at: position + 1) {
              isMultiline = false
              break
            }
            position += 1
          }
        }
      }
    }
    let openingEnd = quote + (isMultiline ? 3 : 1)
    cursor.position = openingEnd
    let string = Interpolation(hashes: hashes, isMultiline: isMultiline, parenDepth: 0)
    lexStringBody(string, openingStart: start, openingEnd: openingEnd)
  }

  func hasHashes(_ count: Int, at index: Int) -> Bool {
    guard index + count <= source.count else { return false }
    for offset in 0..<count where source[index + offset] != UInt8(ascii: "#") { return false }
    return true
  }

  /// Lexes string text from the cursor up to the closing delimiter, the next interpolation, the line break
  /// (single-line) or end of input. `openingStart` is non-nil for the first segment: a string that closes
  /// before any interpolation is one `.string` token from there.
  mutating func lexStringBody(_ string: Interpolation, openingStart: Int?, openingEnd: Int) {
    let segmentStart = cursor.position
    var position = segmentStart
    let count = source.count
    while position < count {
      let byte = source[position]
      switch byte {
      case UInt8(ascii: "\""):
        let quotes = string.isMultiline ? 3 : 1
        if string.isMultiline,
          !(position + 2 < count && source[position + 1] == UInt8(ascii: "\"")
            && source[position + 2] == UInt8(ascii: "\""))
        {
          position += 1
          continue
        }
        guard hasHashes(string.hashes, at: position + quotes) else {
          position += 1
          continue
        }
        let closingEnd = position + quotes + string.hashes
        if let openingStart {
          emit(.string, from: openingStart, to: closingEnd)
        } else {
          if position > segmentStart { emit(.stringMiddle, from: segmentStart, to: position) }
          emit(.stringEnd, from: position, to: closingEnd)
        }
        cursor.position = closingEnd
        regexAllowed = false
        return
      case UInt8(ascii: "\\"):
        guard hasHashes(string.hashes, at: position + 1) else {
          position += 1
          continue
        }
        let afterHashes = position + 1 + string.hashes
        guard afterHashes < count else {
          position = afterHashes
          continue
        }
        let next = source[afterHashes]
        if next == UInt8(ascii: "(") {
          if let openingStart { emit(.stringStart, from: openingStart, to: openingEnd) }
          if position > segmentStart { emit(.stringMiddle, from: segmentStart, to: position) }
          emit(.operator, from: position, to: afterHashes + 1)
          cursor.position = afterHashes + 1
          interpolations.append(string)
          regexAllowed = true
          return
        }
        // An escape: `\"`, `\\`, `\u{…}` (its braces hold no quote). A line break after `\` is left to the
        // line-break rule (continuation in multi-line strings, the end of a single-line one).
        position = next == ASCII.lineFeed || next == ASCII.carriageReturn ? afterHashes : afterHashes + 1
      case ASCII.lineFeed, ASCII.carriageReturn:
        if !string.isMultiline {
          finishUnterminatedString(openingStart: openingStart, segmentStart: segmentStart, end: position)
          return
        }
        position += 1
      default:
        position += 1
      }
    }
    finishUnterminatedString(openingStart: openingStart, segmentStart: segmentStart, end: count)
  }

  mutating func finishUnterminatedString(openingStart: Int?, segmentStart: Int, end: Int) {
    if let openingStart {
      emit(.string, from: openingStart, to: end)
    } else if end > segmentStart {
      emit(.stringMiddle, from: segmentStart, to: end)
    }
    cursor.position = end
    regexAllowed = false
  }

  // MARK: - Character classes

  @inline(__always) static func isASCIIIdentifierContinue(_ byte: UInt8) -> Bool {
    ASCII.isLetter(byte) || ASCII.isDigit(byte) || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "$")
  }

  @inline(__always) static func isHexDigit(_ byte: UInt8) -> Bool {
    ASCII.isDigit(byte) || (byte | 0x20) &- UInt8(ascii: "a") < 6
  }

  @inline(__always) static func isHexDigitOrUnderscore(_ byte: UInt8) -> Bool {
    isHexDigit(byte) || byte == UInt8(ascii: "_")
  }

  /// ASCII operator characters: `/ = - + ! * % < > & | ^ ~ ?` (`.` is handled apart).
  @inline(__always) static func isASCIIOperator(_ byte: UInt8) -> Bool {
    switch byte {
    case UInt8(ascii: "/"), UInt8(ascii: "="), UInt8(ascii: "-"), UInt8(ascii: "+"), UInt8(ascii: "!"),
      UInt8(ascii: "*"), UInt8(ascii: "%"), UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "&"),
      UInt8(ascii: "|"), UInt8(ascii: "^"), UInt8(ascii: "~"), UInt8(ascii: "?"):
      return true
    default:
      return false
    }
  }

  /// Non-ASCII operator-head code points (Swift grammar, "Operators").
  static func isOperatorHead(_ scalar: UInt32) -> Bool {
    switch scalar {
    case 0xA1...0xA7, 0xA9, 0xAB, 0xAC, 0xAE, 0xB0...0xB1, 0xB6, 0xBB, 0xBF, 0xD7, 0xF7,
      0x2016...0x2017, 0x2020...0x2027, 0x2030...0x203E, 0x2041...0x2053, 0x2055...0x205E,
      0x2190...0x23FF, 0x2500...0x2775, 0x2794...0x2BFF, 0x2E00...0x2E7F, 0x3001...0x3003,
      0x3008...0x3020, 0x3030:
      return true
    default:
      return false
    }
  }

  /// Non-ASCII operator characters: the heads plus combining marks and variation selectors.
  static func isOperatorContinue(_ scalar: UInt32) -> Bool {
    switch scalar {
    case 0x0300...0x036F, 0x1DC0...0x1DFF, 0x20D0...0x20FF, 0xFE00...0xFE0F, 0xFE20...0xFE2F, 0xE0100...0xE01EF:
      return true
    default:
      return isOperatorHead(scalar)
    }
  }

  /// Decodes the UTF-8 scalar at `index` (a byte >= 0x80); nil when the bytes there are not valid UTF-8
  /// (overlong forms, surrogates, values past U+10FFFF, truncated sequences).
  static func decodeScalar(_ source: UnsafeBufferPointer<UInt8>, at index: Int) -> (UInt32, Int)? {
    let lead = source[index]
    let length: Int
    var scalar: UInt32
    var lower: UInt8 = 0x80
    var upper: UInt8 = 0xBF
    switch lead {
    case 0xC2...0xDF:
      length = 2
      scalar = UInt32(lead & 0x1F)
    case 0xE0...0xEF:
      length = 3
      scalar = UInt32(lead & 0x0F)
      if lead == 0xE0 { lower = 0xA0 }
      if lead == 0xED { upper = 0x9F }
    case 0xF0...0xF4:
      length = 4
      scalar = UInt32(lead & 0x07)
      if lead == 0xF0 { lower = 0x90 }
      if lead == 0xF4 { upper = 0x8F }
    default:
      return nil
    }
    guard index + length <= source.count else { return nil }
    for offset in 1..<length {
      let byte = source[index + offset]
      if offset == 1 {
        guard byte >= lower, byte <= upper else { return nil }
      } else {
        guard byte & 0xC0 == 0x80 else { return nil }
      }
      scalar = scalar << 6 | UInt32(byte & 0x3F)
    }
    return (scalar, length)
  }
}
