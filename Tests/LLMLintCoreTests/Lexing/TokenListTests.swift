import Testing

@testable import LLMLintCore

/// `TokenList`, the compact token storage: it must read back exactly the tokens put in.
@Suite struct TokenListTests {
  @Test func readsBackEveryTokenIncludingLongOnes() {
    let tokens = [
      Token(kind: .identifier, start: 0, length: 3), Token(kind: .string, start: 4, length: 254),
      Token(kind: .string, start: 260, length: 255), Token(kind: .comment, start: 600, length: 70_000),
      Token(kind: .newline, start: 70_600, length: 0), Token(kind: .string, start: 70_601, length: 65_534),
      Token(kind: .string, start: 136_200, length: 65_535), Token(kind: .string, start: 201_800, length: 65_536),
      Token(kind: .endOfFile, start: 267_400, length: 0),
    ]
    let list = TokenList(tokens)
    #expect(Array(list) == tokens)
    #expect(list.count == tokens.count && list.last == tokens.last)
    #expect(list.kind(at: 3) == .comment && list.start(at: 2) == 260)
  }

  @Test func removingKindsKeepsTheOthersInOrderWithTheirLengths() {
    var tokens: [Token] = []
    for index in 0..<1000 {
      let kinds: [TokenKind] = [.identifier, .comment, .string, .nonLogicalNewline]
      tokens.append(
        Token(
          kind: kinds[index % 4], start: index * 70_000,
          length: index % 3 == 0 ? 300 : index % 5 == 0 ? 65_535 + index : index % 7))
    }
    var list = TokenList(tokens)
    list.removeAll(kinds: { $0 == .comment || $0 == .nonLogicalNewline })
    #expect(Array(list) == tokens.filter { $0.kind != .comment && $0.kind != .nonLogicalNewline })
  }

  @Test func tokenizersGiveTheSameTokensEitherWay() {
    let python = Array("x = f'{a!r:>{w}}' # c\nif y:\n    z = \"\(String(repeating: "s", count: 400))\"\n".utf8)
    let swift = Array("let s = \"a\\(b)c\" // \(String(repeating: "c", count: 300))\n".utf8)
    python.withUnsafeBufferPointer { #expect(Array(PythonTokenizer.tokenList($0)) == PythonTokenizer.tokenize($0)) }
    swift.withUnsafeBufferPointer { #expect(Array(SwiftTokenizer.tokenList($0)) == SwiftTokenizer.tokenize($0)) }
  }
}
