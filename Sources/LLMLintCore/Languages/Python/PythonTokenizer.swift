/// Splits Python source bytes into tokens the way CPython's `tokenize` module does (Python 3.12+ rules,
/// PEP 701 f-strings included).
///
/// Spec: https://docs.python.org/3/reference/lexical_analysis.html and CPython's `Parser/lexer/lexer.c`,
/// whose token classes and positions the differential test checks over the whole standard library.
///
/// The contract:
/// - Tokens come in order, never overlap, and stay in bounds. Bytes between tokens are only spaces, tabs,
///   form feeds, backslash line continuations, or a UTF-8 byte order mark at offset 0.
/// - The last token is always `.endOfFile` (zero length, at the end of input), preceded by a zero-length
///   `.newline` (or `.nonLogicalNewline` on a blank or comment line) when the last line has no line break,
///   and by one zero-length `.dedent` per open indentation level.
/// - Input never stops the tokenizer: an unterminated triple-quoted string (or f-string) runs to the end of
///   input; an unterminated single-quoted string ends before the line break that ends its line (a Python
///   string cannot span lines, so the next line is still tokenized as code); NUL bytes, stray characters
///   (`$`, `?`, a backtick, a lone `\`, `!` outside an f-string field) become one-byte `.unknown` tokens.
/// - Non-ASCII UTF-8 characters belong to names, except invalid UTF-8 and a short list of characters that are
///   never part of a name (no-break spaces, smart quotes, emoji, …; see `identifierScalar`), which become
///   `.unknown` tokens covering the whole character (or the invalid bytes).
/// - Time is linear in the input size; nesting of brackets, f-strings and indentation is kept on explicit
///   stacks, never on the call stack.
///
/// Where it differs from CPython's `tokenize` on purpose (the differential test normalises these):
/// - The literal text of an f-string is one `.stringMiddle` with its source bytes; CPython splits it after
///   `{{`, `}}` and `\N{...}`, drops one brace of each pair, and emits empty FSTRING_MIDDLE tokens for empty
///   format specs.
/// - `$`, `?`, a backtick and `!` outside an f-string field are `.unknown`, where `tokenize` says OP.
/// - A lone CR is a line break (as for CPython's compiler; `tokenize` reads lines split at LF only).
/// - Where `tokenize` raises (unterminated strings, a dedent to no outer level, tabs mixed inconsistently,
///   unmatched brackets, NUL bytes, invalid characters), this tokenizer recovers as described above; a
///   dedent to a column between two levels closes the deeper blocks and opens one at that column (DEDENTs at
///   the start of the line, then an INDENT).
public enum PythonTokenizer {
  /// Tokenizes `source`; see the type's contract.
  public static func tokenize(_ source: UnsafeBufferPointer<UInt8>) -> [Token] {
    Array(tokenList(source))
  }

  /// Tokenizes `source` into a compact `TokenList` (7 bytes a token); what the linter uses.
  public static func tokenList(_ source: UnsafeBufferPointer<UInt8>) -> TokenList {
    var lexer = PythonLexer(source)
    lexer.run()
    return lexer.tokens
  }

  /// Tokenizes `bytes`; see the type's contract.
  public static func tokenize(_ bytes: [UInt8]) -> [Token] {
    bytes.withUnsafeBufferPointer { tokenize($0) }
  }
}

// MARK: - Lexer state

/// An f-string being lexed: how it closes and where its replacement fields stand.
///
/// Replacement-field braces count in the lexer's bracket nesting, so "are we in the literal part?" is a
/// question about how many brackets opened since the f-string started (as in ruff's lexer).
private struct FStringContext {
  /// `'` or `"`.
  var quote: UInt8
  var isTriple: Bool
  var isRaw: Bool
  /// The lexer's bracket nesting when the f-string started.
  var nesting: Int
  /// How many format specs are open: `f"{x:{y:>3}}"` has two inside the inner field.
  var formatSpecDepth = 0

  /// Whether the lexer is in literal text (the f-string's own text or a format spec), not in code.
  @inline(__always) func isInLiteral(nesting current: Int) -> Bool {
    current - nesting <= formatSpecDepth
  }

  /// Whether a `:` at this nesting starts a format spec: it stands at the top level of the innermost field.
  @inline(__always) func colonStartsFormatSpec(nesting current: Int) -> Bool {
    current - nesting == formatSpecDepth + 1
  }
}

/// Why scanning f-string literal text stopped.
private enum FStringLiteralStop {
  /// End of input: the f-string is unterminated.
  case endOfInput
  /// The closing quote (or three).
  case closingQuote
  /// A line break in a single-quoted f-string: unterminated.
  case lineBreak
  /// A line break in a format spec of a single-quoted f-string: CPython ends the spec there and goes on
  /// with the field's code (a triple-quoted f-string's spec may span lines).
  case lineBreakInFormatSpec
  /// A `{` that opens a replacement field.
  case openField
  /// A `}` that closes a replacement field (in a format spec) or stands alone (an error).
  case closeBrace
}

private enum Byte {
  static let quote: UInt8 = 0x27  // '
  static let doubleQuote: UInt8 = 0x22  // "
  static let backslash: UInt8 = 0x5C
  static let hash: UInt8 = 0x23
  static let openBrace: UInt8 = 0x7B
  static let closeBrace: UInt8 = 0x7D
  static let dot: UInt8 = 0x2E
  static let equal: UInt8 = 0x3D
}

// MARK: - Lexer

private struct PythonLexer {
  var cursor: ByteCursor
  var tokens = TokenList()
  /// Indentation columns of the open blocks (tabs to multiples of 8, form feed resets), bottom is 0.
  var indents: [Int] = [0]
  /// Open `(`, `[`, `{` (replacement-field braces included).
  var nesting = 0
  var fstrings: [FStringContext] = []
  /// The next token starts a physical line in code: indentation has to be measured first.
  var atLineStart = true
  /// The current physical line holds only whitespace and maybe a comment (its line break is NL).
  var lineIsBlank = false
  /// End of the last NEWLINE or NL token: bytes after it at end of input form an unterminated last line.
  var lastLineBreakEnd = 0

  init(_ bytes: UnsafeBufferPointer<UInt8>) {
    cursor = ByteCursor(bytes)
    // CPython's standard library averages 5.7 bytes a token; one reservation avoids regrowth for most files.
    // Room for one token a byte (the most there can be but for DEDENTs): pages never written to are never
    // resident, and growing the arrays by doubling would hold two copies at once.
    tokens.reserveCapacity(bytes.count + 16)
  }

  var count: Int { cursor.bytes.count }

  @inline(__always) mutating func emit(_ kind: TokenKind, from start: Int) {
    tokens.append(Token(kind: kind, start: start, length: cursor.position - start))
  }

  mutating func run() {
    if cursor.peek() == 0xEF && cursor.peek(at: 1) == 0xBB && cursor.peek(at: 2) == 0xBF {
      cursor.position = 3  // UTF-8 byte order mark
      lastLineBreakEnd = 3
    }
    while true {
      if let context = fstrings.last, context.isInLiteral(nesting: nesting) {
        lexFStringLiteral()
        continue
      }
      if atLineStart { lexLineStart() }
      skipWhitespaceAndContinuations()
      guard let byte = cursor.peek() else { break }
      lexToken(startingWith: byte)
    }
    finish()
  }

  /// Closes the last line and the open blocks, then appends `.endOfFile`.
  mutating func finish() {
    let end = count
    if lastLineBreakEnd < end {
      // CPython appends an implicit line break to a last line that lacks one and reports it as an empty
      // NEWLINE (or NL on a blank or comment line).
      tokens.append(Token(kind: lineIsBlank || nesting > 0 ? .nonLogicalNewline : .newline, start: end, length: 0))
    }
    for _ in 1..<indents.count { tokens.append(Token(kind: .dedent, start: end, length: 0)) }
    tokens.append(Token(kind: .endOfFile, start: end, length: 0))
  }

  // MARK: Lines and indentation

  /// Measures the indentation of a new physical line and emits INDENT/DEDENT tokens for it, as CPython's
  /// tokenizer does: only outside brackets, and never for a blank or comment-only line.
  mutating func lexLineStart() {
    atLineStart = false
    var lineStart = cursor.position
    var column = 0
    var continuationColumn: Int?
    scan: while let byte = cursor.peek() {
      switch byte {
      case ASCII.space: column += 1
      case ASCII.tab: column = (column / 8 + 1) * 8
      case ASCII.formFeed: column = 0
      case Byte.backslash:
        // Indentation cannot be split with a backslash: the first one fixes the level (CPython's rule).
        var probe = cursor
        probe.advance()
        guard probe.skipLineBreak() else { break scan }
        if continuationColumn == nil { continuationColumn = column }
        cursor = probe
        // An INDENT covers only the whitespace of the last physical line, as for CPython.
        lineStart = cursor.position
        continue scan
      default: break scan
      }
      cursor.advance()
    }
    let next = cursor.peek()
    lineIsBlank = next == nil || next == Byte.hash || next == ASCII.lineFeed || next == ASCII.carriageReturn
    guard !lineIsBlank, nesting == 0 else { return }
    if let continuationColumn { column = continuationColumn }
    let current = indents[indents.count - 1]
    if column > current {
      indents.append(column)
      emit(.indent, from: lineStart)
    } else if column < current {
      var outer = indents.count - 1
      while outer > 0 && column < indents[outer] { outer -= 1 }
      // A column between two levels is an IndentationError for CPython. Recover by closing the deeper blocks
      // and opening one at this column, so that the following lines at this column stay balanced; the
      // DEDENTs then stand at the start of the line, before the INDENT.
      let isInconsistent = column > indents[outer]
      let dedentPosition = isInconsistent ? lineStart : cursor.position
      for _ in outer..<(indents.count - 1) { tokens.append(Token(kind: .dedent, start: dedentPosition, length: 0)) }
      indents.removeLast(indents.count - 1 - outer)
      if isInconsistent {
        indents.append(column)
        emit(.indent, from: lineStart)
      }
    }
  }

  mutating func skipWhitespaceAndContinuations() {
    while let byte = cursor.peek() {
      if byte == ASCII.space || byte == ASCII.tab || byte == ASCII.formFeed {
        cursor.advance()
      } else if byte == Byte.backslash {
        var probe = cursor
        probe.advance()
        guard probe.skipLineBreak() else { return }
        cursor = probe
      } else {
        return
      }
    }
  }

  mutating func lexLineBreak() {
    let start = cursor.position
    cursor.skipLineBreak()
    emit(lineIsBlank || nesting > 0 ? .nonLogicalNewline : .newline, from: start)
    atLineStart = true
    lastLineBreakEnd = cursor.position
  }

  // MARK: Tokens

  mutating func lexToken(startingWith byte: UInt8) {
    let start = cursor.position
    if byte >= 0x80 {
      let (isIdentifier, length) = cursor.identifierScalar()
      guard isIdentifier else {
        cursor.position += length
        emit(.unknown, from: start)
        return
      }
    }
    if ASCII.isIdentifierStart(byte) {
      if let quoteOffset = stringPrefixLength(), lexStringOrFStringStart(quoteOffset: quoteOffset) { return }
      lexIdentifier()
      return
    }
    if ASCII.isDigit(byte) || (byte == Byte.dot && cursor.peek(at: 1).map(ASCII.isDigit) == true) {
      lexNumber()
      return
    }
    switch byte {
    case Byte.quote, Byte.doubleQuote:
      _ = lexStringOrFStringStart(quoteOffset: 0)
    case Byte.hash:
      cursor.advance(while: { $0 != ASCII.lineFeed && $0 != ASCII.carriageReturn })
      emit(.comment, from: start)
    case ASCII.lineFeed, ASCII.carriageReturn:
      lexLineBreak()
    default:
      lexOperator(startingWith: byte)
    }
  }

  /// Moves over a name: ASCII letters, digits, `_`, and non-ASCII characters that `identifierScalar` accepts.
  mutating func lexIdentifier() {
    let start = cursor.position
    while let byte = cursor.peek() {
      if byte < 0x80 {
        guard ASCII.isIdentifierContinue(byte) else { break }
        cursor.advance()
      } else {
        let (isIdentifier, length) = cursor.identifierScalar()
        guard isIdentifier else { break }
        cursor.position += length
      }
    }
    emit(.identifier, from: start)
  }

  /// If a string prefix (`r`, `b`, `u`, `f`, `br`, `rb`, `fr`, `rf`, any case) followed by a quote starts
  /// here, the offset of the quote.
  func stringPrefixLength() -> Int? {
    guard let first = cursor.peek() else { return nil }
    let lower = first | 0x20
    guard lower == 0x62 || lower == 0x72 || lower == 0x75 || lower == 0x66 else { return nil }  // b r u f
    guard let second = cursor.peek(at: 1) else { return nil }
    if second == Byte.quote || second == Byte.doubleQuote { return 1 }
    let lowerSecond = second | 0x20
    let pairs =
      (lower == 0x72 && (lowerSecond == 0x62 || lowerSecond == 0x66))  // rb rf
      || ((lower == 0x62 || lower == 0x66) && lowerSecond == 0x72)  // br fr
    guard pairs, let third = cursor.peek(at: 2), third == Byte.quote || third == Byte.doubleQuote else {
      return nil
    }
    return 2
  }

  /// Lexes a string, or the start of an f-string, whose opening quote is `quoteOffset` bytes ahead.
  /// Returns `false` (without moving) if there is no quote there.
  mutating func lexStringOrFStringStart(quoteOffset: Int) -> Bool {
    let start = cursor.position
    guard let quote = cursor.peek(at: quoteOffset), quote == Byte.quote || quote == Byte.doubleQuote else {
      return false
    }
    var isFString = false
    var isRaw = false
    for index in 0..<quoteOffset {
      let lower = (cursor.peek(at: index) ?? 0) | 0x20
      if lower == 0x66 { isFString = true }
      if lower == 0x72 { isRaw = true }
    }
    cursor.position += quoteOffset + 1
    let isTriple = cursor.peek() == quote && cursor.peek(at: 1) == quote
    if isTriple { cursor.position += 2 }
    if isFString {
      emit(.stringStart, from: start)
      fstrings.append(FStringContext(quote: quote, isTriple: isTriple, isRaw: isRaw, nesting: nesting))
      return true
    }
    scanStringBody(quote: quote, isTriple: isTriple)
    emit(.string, from: start)
    return true
  }

  /// Moves past the body and closing quote of a plain string. Unterminated: a triple-quoted string runs to
  /// the end of input, a single-quoted one stops before its line break.
  mutating func scanStringBody(quote: UInt8, isTriple: Bool) {
    let bytes = cursor.bytes
    var position = cursor.position
    defer { cursor.position = min(position, bytes.count) }
    while position < bytes.count {
      let byte = bytes[position]
      if byte == Byte.backslash {
        // Any escaped byte, raw strings included (a raw string cannot end in an odd backslash); an escaped
        // CR LF is one line continuation.
        position += 2
        if position < bytes.count, bytes[position - 1] == ASCII.carriageReturn, bytes[position] == ASCII.lineFeed {
          position += 1
        }
      } else if byte == quote {
        position += 1
        if !isTriple { return }
        if position + 1 < bytes.count, bytes[position] == quote, bytes[position + 1] == quote {
          position += 2
          return
        }
      } else if !isTriple && (byte == ASCII.lineFeed || byte == ASCII.carriageReturn) {
        return
      } else {
        position += 1
      }
    }
  }

  /// Lexes a numeric literal: decimal, hex, octal, binary (underscores between digits), floats,
  /// exponents, and the imaginary suffix `j` on decimal literals.
  mutating func lexNumber() {
    let start = cursor.position
    if cursor.peek() == 0x30, let marker = cursor.peek(at: 1) {
      let isDigitOfBase: ((UInt8) -> Bool)?
      switch marker | 0x20 {
      case 0x78: isDigitOfBase = { ASCII.isDigit($0) || ($0 | 0x20) &- 0x61 < 6 }  // x
      case 0x6F: isDigitOfBase = { $0 &- 0x30 < 8 }  // o
      case 0x62: isDigitOfBase = { $0 &- 0x30 < 2 }  // b
      default: isDigitOfBase = nil
      }
      if let isDigitOfBase {
        var probe = cursor
        probe.position += 2
        if probe.skipDigits(isDigitOfBase, allowLeadingUnderscore: true) {
          cursor = probe
          emit(.number, from: start)
          return
        }
      }
    }
    cursor.skipDigits(ASCII.isDigit, allowLeadingUnderscore: false)
    if cursor.peek() == Byte.dot {
      cursor.advance()
      cursor.skipDigits(ASCII.isDigit, allowLeadingUnderscore: false)
    }
    if let marker = cursor.peek(), marker | 0x20 == 0x65 {  // e
      var probe = cursor
      probe.advance()
      if probe.peek() == 0x2B || probe.peek() == 0x2D { probe.advance() }  // + -
      if probe.skipDigits(ASCII.isDigit, allowLeadingUnderscore: false) { cursor = probe }
    }
    if let suffix = cursor.peek(), suffix | 0x20 == 0x6A { cursor.advance() }  // j
    emit(.number, from: start)
  }

  /// Lexes punctuation with longest match, keeping bracket nesting and f-string field state; anything
  /// else is a one-byte `.unknown`.
  mutating func lexOperator(startingWith byte: UInt8) {
    let start = cursor.position
    cursor.advance()
    let next = cursor.peek()
    let nextIsEqual = next == Byte.equal
    switch byte {
    case 0x28, 0x5B, Byte.openBrace:  // ( [ {
      nesting += 1
    case 0x29, 0x5D:  // ) ]
      if nesting > 0 { nesting -= 1 }
    case Byte.closeBrace:
      if let index = fstrings.indices.last {
        // Closing the innermost field ends the format spec it had.
        let open = nesting - fstrings[index].nesting
        if fstrings[index].formatSpecDepth > 0 && open - 1 < fstrings[index].formatSpecDepth {
          fstrings[index].formatSpecDepth -= 1
        }
      }
      if nesting > 0 { nesting -= 1 }
    case 0x3A:  // :
      if let index = fstrings.indices.last, fstrings[index].colonStartsFormatSpec(nesting: nesting) {
        // At the top of a replacement field `:` always starts the format spec, even before `=`.
        fstrings[index].formatSpecDepth += 1
      } else if nextIsEqual {
        cursor.advance()
      }
    case 0x21:  // !
      if nextIsEqual {
        cursor.advance()
      } else if fstrings.isEmpty {
        emit(.unknown, from: start)
        return
      }
    case Byte.dot:
      if next == Byte.dot && cursor.peek(at: 1) == Byte.dot { cursor.position += 2 }
    case 0x2D:  // - -> -=
      if nextIsEqual || next == 0x3E { cursor.advance() }
    case 0x2A, 0x2F:  // * ** *= **=  / // /= //=
      if next == byte {
        cursor.advance()
        _ = cursor.advance(matching: Byte.equal)
      } else if nextIsEqual {
        cursor.advance()
      }
    case 0x3C, 0x3E:  // < << <= <<=  > >> >= >>=
      if next == byte {
        cursor.advance()
        _ = cursor.advance(matching: Byte.equal)
      } else if nextIsEqual || (byte == 0x3C && next == 0x3E) {
        // `<>` is a token for CPython's tokenizer (PEP 401), an error for the parser.
        cursor.advance()
      }
    case Byte.equal, 0x2B, 0x25, 0x26, 0x7C, 0x5E, 0x40:  // = + % & | ^ @
      if nextIsEqual { cursor.advance() }
    case 0x7E, 0x2C, 0x3B:  // ~ , ;
      break
    default:
      emit(.unknown, from: start)
      return
    }
    emit(.operator, from: start)
  }

  // MARK: f-strings

  /// Lexes the literal text of the innermost f-string up to a replacement field, a closing brace of a
  /// format spec, or the closing quote, and whatever token stopped it.
  mutating func lexFStringLiteral() {
    let index = fstrings.count - 1
    let context = fstrings[index]
    let inFormatSpec = nesting - context.nesting > 0
    let start = cursor.position
    let stop = scanFStringLiteral(context, inFormatSpec: inFormatSpec)
    if cursor.position > start { emit(.stringMiddle, from: start) }
    switch stop {
    case .endOfInput, .lineBreak:
      fstrings.removeLast()
      nesting = context.nesting
    case .closingQuote:
      let end = cursor.position
      cursor.position += context.isTriple ? 3 : 1
      emit(.stringEnd, from: end)
      fstrings.removeLast()
      nesting = context.nesting
    case .lineBreakInFormatSpec:
      fstrings[index].formatSpecDepth -= 1
    case .openField:
      let brace = cursor.position
      cursor.advance()
      nesting += 1
      emit(.operator, from: brace)
    case .closeBrace:
      let brace = cursor.position
      cursor.advance()
      if inFormatSpec {
        fstrings[index].formatSpecDepth -= 1
        nesting -= 1
        emit(.operator, from: brace)
      } else {
        // A single `}` in f-string text is a syntax error.
        emit(.unknown, from: brace)
      }
    }
  }

  /// Moves over f-string literal text (escapes, `{{`, `}}`, `\N{...}` included) and says what ended it;
  /// the cursor stops on that byte.
  mutating func scanFStringLiteral(_ context: FStringContext, inFormatSpec: Bool) -> FStringLiteralStop {
    let bytes = cursor.bytes
    var position = cursor.position
    defer { cursor.position = min(position, bytes.count) }
    var inNamedEscape = false
    while position < bytes.count {
      let byte = bytes[position]
      switch byte {
      case context.quote:
        if !context.isTriple { return .closingQuote }
        if position + 2 < bytes.count, bytes[position + 1] == context.quote, bytes[position + 2] == context.quote {
          return .closingQuote
        }
        position += 1
      case ASCII.lineFeed, ASCII.carriageReturn:
        if !context.isTriple { return inFormatSpec ? .lineBreakInFormatSpec : .lineBreak }
        position += 1
      case Byte.openBrace:
        if !inFormatSpec && position + 1 < bytes.count && bytes[position + 1] == Byte.openBrace {
          position += 2
        } else {
          return .openField
        }
      case Byte.closeBrace:
        if inNamedEscape {
          inNamedEscape = false
          position += 1
        } else if !inFormatSpec && position + 1 < bytes.count && bytes[position + 1] == Byte.closeBrace {
          position += 2
        } else {
          return .closeBrace
        }
      case Byte.backslash:
        guard position + 1 < bytes.count else {
          position += 1
          break
        }
        let escaped = bytes[position + 1]
        if escaped == Byte.openBrace || escaped == Byte.closeBrace {
          // `\{` is not an escape: the brace keeps its meaning.
          position += 1
        } else if !context.isRaw && escaped == 0x4E && position + 2 < bytes.count
          && bytes[position + 2] == Byte.openBrace
        {
          // `\N{NAME}`: its braces are text.
          inNamedEscape = true
          position += 3
        } else if escaped == ASCII.carriageReturn && position + 2 < bytes.count
          && bytes[position + 2] == ASCII.lineFeed
        {
          position += 3
        } else {
          position += 2
        }
      default:
        position += 1
      }
    }
    return .endOfInput
  }
}

// MARK: - Cursor helpers

extension ByteCursor {
  /// Decodes the non-ASCII UTF-8 character at the position (without moving) and says whether it can be part
  /// of a name, with its length in bytes. Invalid UTF-8 is no name; its length is that of the maximal
  /// invalid prefix (at least 1).
  ///
  /// Python accepts the Unicode classes XID_Start and XID_Continue; rather than carrying Unicode tables, this
  /// rejects only characters commonly pasted into code by accident (no-break and typographic spaces, smart
  /// quotes, dashes, Latin-1 and full-width punctuation, `×`, `÷`, the BOM, emoji) and accepts every other
  /// character, as names are all this lexer has to find.
  fileprivate func identifierScalar() -> (isIdentifier: Bool, length: Int) {
    guard let lead = peek() else { return (false, 0) }
    var needed: Int
    var lower: UInt8 = 0x80
    var upper: UInt8 = 0xBF
    var scalar: UInt32
    switch lead {
    case 0xC2...0xDF:
      needed = 1
      scalar = UInt32(lead & 0x1F)
    case 0xE0:
      needed = 2
      lower = 0xA0
      scalar = UInt32(lead & 0x0F)
    case 0xE1...0xEC, 0xEE, 0xEF:
      needed = 2
      scalar = UInt32(lead & 0x0F)
    case 0xED:
      needed = 2
      upper = 0x9F
      scalar = UInt32(lead & 0x0F)
    case 0xF0:
      needed = 3
      lower = 0x90
      scalar = UInt32(lead & 0x07)
    case 0xF1...0xF3:
      needed = 3
      scalar = UInt32(lead & 0x07)
    case 0xF4:
      needed = 3
      upper = 0x8F
      scalar = UInt32(lead & 0x07)
    default: return (false, 1)
    }
    var length = 1
    while needed > 0 {
      guard let byte = peek(at: length), byte >= lower, byte <= upper else { return (false, length) }
      scalar = scalar << 6 | UInt32(byte & 0x3F)
      lower = 0x80
      upper = 0xBF
      length += 1
      needed -= 1
    }
    let isIdentifier: Bool
    switch scalar {
    case 0x80...0xBF: isIdentifier = scalar == 0xAA || scalar == 0xB5 || scalar == 0xB7 || scalar == 0xBA
    case 0xD7, 0xF7: isIdentifier = false
    // General punctuation, except joiners and connector punctuation (`‿`, `⁀`, `⁔`), which Python accepts.
    case 0x2000...0x206F:
      isIdentifier = scalar == 0x200C || scalar == 0x200D || scalar == 0x203F || scalar == 0x2040 || scalar == 0x2054
    case 0x3000...0x3003, 0x3008...0x3011, 0xFEFF, 0xFF01...0xFF0F, 0xFF1A...0xFF20, 0x1F000...0x1FAFF:
      isIdentifier = false
    default: isIdentifier = true
    }
    return (isIdentifier, length)
  }
}

extension ByteCursor {
  /// Moves past one line break (`\n`, `\r\n` or `\r`); returns whether there was one.
  @discardableResult fileprivate mutating func skipLineBreak() -> Bool {
    if advance(matching: ASCII.carriageReturn) {
      _ = advance(matching: ASCII.lineFeed)
      return true
    }
    return advance(matching: ASCII.lineFeed)
  }

  /// Moves past digits with single underscores between them (`1_000`); returns whether it found a digit.
  /// With `allowLeadingUnderscore`, one `_` may come first (`0x_ff`).
  @discardableResult fileprivate mutating func skipDigits(
    _ isDigit: (UInt8) -> Bool, allowLeadingUnderscore: Bool
  ) -> Bool {
    let begin = position
    if allowLeadingUnderscore, peek() == 0x5F, let next = peek(at: 1), isDigit(next) { advance() }
    guard let first = peek(), isDigit(first) else {
      position = begin
      return false
    }
    while let byte = peek() {
      if isDigit(byte) {
        advance()
      } else if byte == 0x5F, let next = peek(at: 1), isDigit(next) {
        position += 2
      } else {
        break
      }
    }
    return true
  }
}
