import Testing
@testable import LLMLintCore

@Test func tokenEndIsStartPlusLength() {
  #expect(Token(kind: .identifier, start: 3, length: 4).end == 7)
}
