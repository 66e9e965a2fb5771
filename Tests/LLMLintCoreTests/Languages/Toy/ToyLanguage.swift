import LLMLintCore

/// A third language that only the tests know: `.toy` files, `--` line comments, Python's rules, no
/// structure of its own. Registered in a `Languages` value; nothing in LLMLintCore names it.
struct ToyLanguage: LanguageDefinition {
  var name: String { "toy" }
  var extensions: [String] { ["toy"] }
  var rulesLanguage: String { "python" }
  var structure: LanguageStructure { .plain }
  var syntax: LanguageSyntax { LanguageSyntax(lineComment: Array("--".utf8)) }

  /// Names, `--` comments to the end of the line, and every other non-blank byte an operator.
  func tokenize(_ source: UnsafeBufferPointer<UInt8>) -> TokenList {
    var tokens: [Token] = []
    var index = 0
    while index < source.count {
      let start = index
      let byte = source[index]
      if ASCII.isIdentifierContinue(byte) {
        while index < source.count, ASCII.isIdentifierContinue(source[index]) { index += 1 }
        tokens.append(Token(kind: .identifier, start: start, length: index - start))
      } else if byte == UInt8(ascii: "-"), index + 1 < source.count, source[index + 1] == UInt8(ascii: "-") {
        while index < source.count, source[index] != ASCII.lineFeed { index += 1 }
        tokens.append(Token(kind: .comment, start: start, length: index - start))
      } else {
        index += 1
        if byte > ASCII.space { tokens.append(Token(kind: .operator, start: start, length: 1)) }
      }
    }
    tokens.append(Token(kind: .endOfFile, start: source.count, length: 0))
    return TokenList(tokens)
  }
}
