/// A call pattern of a rule, parsed once: `*.chat.completions.create`, `litellm.completion`,
/// `*.chats(query:)`, `*.respond(to:)`, `call_llm`.
///
/// Grammar: an optional leading `*.` (any receiver expression: `self._client`, `get_client()`,
/// `clients["a"]`), then dot-separated identifiers, then optionally an argument-label list in parentheses
/// (Swift: `(query:)`, `(_:)`; `()` means "no constraint"). A pattern without `*` names the whole callee
/// path, after import aliases are resolved (`import litellm as ll` makes `ll.completion` match
/// `litellm.completion`).
public struct CallPattern: Sendable, Equatable, Encodable, CustomStringConvertible {
  /// The pattern as written (trailing `(` removed).
  public var text: String
  /// Whether the pattern starts with `*.`: the call needs some receiver before `segments`.
  public var anyReceiver: Bool
  /// The identifiers, root first, callee last.
  public var segments: [[UInt8]]
  /// Required leading argument labels (`_` for an unlabelled argument); empty means any.
  public var labels: [[UInt8]]

  public var description: String { text }

  /// The callee's name: the last segment.
  public var calleeName: [UInt8] { segments[segments.count - 1] }

  /// Why a pattern could not be parsed.
  public struct ParseError: Error, Equatable, CustomStringConvertible {
    public var message: String
    public var description: String { message }
  }

  /// Parses `text`; throws a `ParseError` that says what form was expected.
  public init(_ text: String) throws(ParseError) {
    let trimmed = text.trimmingSpaces()
    var body = Substring(trimmed)
    if body.utf8.last == UInt8(ascii: "(") { body = body.dropLast() }
    let written = String(body)
    let form = "expected a dotted call such as '*.chat.completions.create', 'litellm.completion' or '*.chats(query:)'"
    var labels: [[UInt8]] = []
    if body.utf8.last == UInt8(ascii: ")") {
      guard let open = body.firstIndex(of: "(") else {
        throw ParseError(message: "invalid call pattern '\(text)': unbalanced ')'; \(form)")
      }
      let inside = body[body.index(after: open)..<body.index(before: body.endIndex)]
      body = body[..<open]
      if !inside.isEmpty {
        guard inside.hasSuffix(":") else {
          throw ParseError(message: "invalid call pattern '\(text)': argument labels end with ':', as in '(query:)'")
        }
        for label in inside.dropLast().split(separator: ":", omittingEmptySubsequences: false) {
          guard label == "_" || Self.isIdentifier(label) else {
            throw ParseError(message: "invalid call pattern '\(text)': '\(label)' is not an argument label")
          }
          labels.append(Array(label.utf8))
        }
      }
    }
    var anyReceiver = false
    if body.hasPrefix("*.") {
      anyReceiver = true
      body = body.dropFirst(2)
    }
    let parts = body.split(separator: ".", omittingEmptySubsequences: false)
    guard !body.isEmpty, parts.allSatisfy({ Self.isIdentifier($0) }) else {
      throw ParseError(message: "invalid call pattern '\(text)': \(form)")
    }
    self.text = written
    self.anyReceiver = anyReceiver
    self.segments = parts.map { Array($0.utf8) }
    self.labels = labels
  }

  private static func isIdentifier(_ text: Substring) -> Bool {
    guard let first = text.utf8.first, ASCII.isIdentifierStart(first) else { return false }
    return text.utf8.allSatisfy(ASCII.isIdentifierContinue)
  }
}

extension String {
  /// The string without leading and trailing spaces and tabs.
  func trimmingSpaces() -> String {
    let utf8 = self.utf8
    var start = utf8.startIndex
    var end = utf8.endIndex
    func isSpace(_ byte: UInt8) -> Bool { byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") }
    while start < end, isSpace(utf8[start]) { start = utf8.index(after: start) }
    while start < end, isSpace(utf8[utf8.index(before: end)]) { end = utf8.index(before: end) }
    return start == utf8.startIndex && end == utf8.endIndex ? self : String(decoding: utf8[start..<end], as: UTF8.self)
  }
}
