/// The class of a token, shared by the Python and the Swift tokenizer.
///
/// Python kinds mirror CPython's `tokenize` classes (NAME, NUMBER, STRING, OP, COMMENT, NEWLINE, NL,
/// INDENT, DEDENT, FSTRING_START/MIDDLE/END, ENDMARKER); Swift reuses them where they mean the same and
/// adds `.regex` and `.directive`.
public enum TokenKind: UInt8, Sendable, CaseIterable {
  /// A name: Python NAME (keywords included), a Swift identifier or keyword, a backtick identifier, `$0`.
  case identifier
  /// A numeric literal.
  case number
  /// A complete string literal that holds no code (Python STRING; a Swift string without interpolation).
  case string
  /// The opening of a literal that holds code: Python FSTRING_START (`f"`, `rf'''`), Swift `"`, `#"`, `"""`
  /// when the string holds an interpolation.
  case stringStart
  /// Literal text between the opening, replacement fields and the closing (FSTRING_MIDDLE).
  case stringMiddle
  /// The closing quotes of such a literal (FSTRING_END).
  case stringEnd
  /// A Swift regex literal, `/…/` or `#/…/#`.
  case regex
  /// Punctuation and operators, brackets included (Python OP). In Swift, `\(` opening an interpolation.
  case `operator`
  /// A comment, from its introducer to the end of the line (or of a Swift block comment).
  case comment
  /// Python NEWLINE: the end of a logical line (may be empty at end of input).
  case newline
  /// Python NL: a line break that does not end a logical line (blank line, comment line, inside brackets).
  case nonLogicalNewline
  /// Python INDENT: the leading whitespace of the first line of a deeper block.
  case indent
  /// Python DEDENT: zero length, at the first token of the line that closes a block.
  case dedent
  /// A Swift compiler directive: `#if`, `#elseif`, `#else`, `#endif`, `#sourceLocation`, …
  case directive
  /// End of input (ENDMARKER); zero length.
  case endOfFile
  /// A byte sequence that is not a valid token (stray byte, bad character); never thrown, always covered.
  case unknown
}

/// One token: its kind and where it stands in the source buffer, as byte offsets.
///
/// Tokens never own text; read it back from the buffer when a comparison needs it.
public struct Token: Equatable, Sendable {
  public var kind: TokenKind
  public var start: UInt32
  public var length: UInt32

  @inlinable public init(kind: TokenKind, start: Int, length: Int) {
    self.kind = kind
    self.start = UInt32(truncatingIfNeeded: start)
    self.length = UInt32(truncatingIfNeeded: length)
  }

  /// The offset one past the last byte of the token.
  @inlinable public var end: Int { Int(start) + Int(length) }

  /// Whether the token's bytes in `source` equal `text` (ASCII, compared byte by byte).
  @inlinable public func hasText(_ text: StaticString, in source: UnsafeBufferPointer<UInt8>) -> Bool {
    guard Int(length) == text.utf8CodeUnitCount else { return false }
    let base = Int(start)
    let pointer = text.utf8Start
    for index in 0..<Int(length) where source[base + index] != pointer[index] { return false }
    return true
  }

  /// Whether the token is the single byte `byte` (for punctuation such as `(`, `.`, `:`).
  @inlinable public func isByte(_ byte: UInt8, in source: UnsafeBufferPointer<UInt8>) -> Bool {
    length == 1 && source[Int(start)] == byte
  }
}
