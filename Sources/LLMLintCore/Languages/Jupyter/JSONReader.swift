/// A JSON value as a notebook needs it: strings and numbers as byte ranges of the file (decoded on demand,
/// so a notebook's large outputs cost one validating pass and no copies).
indirect enum NotebookJSON {
  case object([(key: String, value: NotebookJSON)])
  case array([NotebookJSON])
  /// The string's content, between its quotes.
  case string(Range<Int>)
  case number(Range<Int>)
  case bool(Bool)
  case null

  subscript(key: String) -> NotebookJSON? {
    guard case .object(let members) = self else { return nil }
    return members.last { $0.key == key }?.value
  }
}

/// A strict JSON reader (RFC 8259) on bytes: one value, whitespace around it, nesting at most
/// `maximumDepth`; an error says what is wrong and at which offset. Never traps, whatever the bytes.
struct JSONReader {
  struct Failure: Error {
    var message: String
    var offset: Int
  }

  static let maximumDepth = 256

  let bytes: UnsafeBufferPointer<UInt8>
  var position = 0
  var depth = 0

  init(_ bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

  /// The document's one value.
  static func read(_ bytes: UnsafeBufferPointer<UInt8>) -> Result<NotebookJSON, Failure> {
    var reader = JSONReader(bytes)
    do {
      // A UTF-8 byte order mark is tolerated, as Jupyter's own reader does.
      if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { reader.position = 3 }
      let value = try reader.value()
      reader.skipWhitespace()
      guard reader.position == bytes.count else { throw reader.failure("unexpected text after the JSON value") }
      return .success(value)
    } catch let failure as Failure {
      return .failure(failure)
    } catch {
      return .failure(Failure(message: "\(error)", offset: reader.position))
    }
  }

  func failure(_ message: String) -> Failure { Failure(message: message, offset: position) }

  mutating func skipWhitespace() {
    while position < bytes.count {
      switch bytes[position] {
      case 0x20, 0x09, 0x0A, 0x0D: position += 1
      default: return
      }
    }
  }

  mutating func value() throws -> NotebookJSON {
    skipWhitespace()
    guard position < bytes.count else { throw failure("unexpected end of the file") }
    switch bytes[position] {
    case UInt8(ascii: "{"): return try object()
    case UInt8(ascii: "["): return try array()
    case UInt8(ascii: "\""): return .string(try string())
    case UInt8(ascii: "t"): return try literal("true", .bool(true))
    case UInt8(ascii: "f"): return try literal("false", .bool(false))
    case UInt8(ascii: "n"): return try literal("null", .null)
    case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number(try number())
    default: throw failure("unexpected character '\(String(decoding: [bytes[position]], as: UTF8.self))'")
    }
  }

  private mutating func enter() throws {
    depth += 1
    guard depth <= Self.maximumDepth else { throw failure("nested deeper than \(Self.maximumDepth) levels") }
  }

  private mutating func object() throws -> NotebookJSON {
    try enter()
    defer { depth -= 1 }
    position += 1
    var members: [(key: String, value: NotebookJSON)] = []
    skipWhitespace()
    if position < bytes.count, bytes[position] == UInt8(ascii: "}") {
      position += 1
      return .object(members)
    }
    while true {
      skipWhitespace()
      guard position < bytes.count, bytes[position] == UInt8(ascii: "\"") else { throw failure("expected a key") }
      let key = JSONText.string(bytes, try string())
      skipWhitespace()
      guard position < bytes.count, bytes[position] == UInt8(ascii: ":") else { throw failure("expected ':'") }
      position += 1
      members.append((key, try value()))
      skipWhitespace()
      guard position < bytes.count else { throw failure("unexpected end of the file in an object") }
      if bytes[position] == UInt8(ascii: ",") {
        position += 1
        continue
      }
      guard bytes[position] == UInt8(ascii: "}") else { throw failure("expected ',' or '}'") }
      position += 1
      return .object(members)
    }
  }

  private mutating func array() throws -> NotebookJSON {
    try enter()
    defer { depth -= 1 }
    position += 1
    var elements: [NotebookJSON] = []
    skipWhitespace()
    if position < bytes.count, bytes[position] == UInt8(ascii: "]") {
      position += 1
      return .array(elements)
    }
    while true {
      elements.append(try value())
      skipWhitespace()
      guard position < bytes.count else { throw failure("unexpected end of the file in an array") }
      if bytes[position] == UInt8(ascii: ",") {
        position += 1
        continue
      }
      guard bytes[position] == UInt8(ascii: "]") else { throw failure("expected ',' or ']'") }
      position += 1
      return .array(elements)
    }
  }

  /// A string at its opening quote: its content's range, escapes checked.
  private mutating func string() throws -> Range<Int> {
    position += 1
    let start = position
    while position < bytes.count {
      let byte = bytes[position]
      if byte == UInt8(ascii: "\"") {
        position += 1
        return start..<(position - 1)
      }
      if byte < 0x20 { throw failure("a control character in a string") }
      if byte == UInt8(ascii: "\\") {
        guard position + 1 < bytes.count else { break }
        switch bytes[position + 1] {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"), UInt8(ascii: "f"),
          UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
          position += 2
        case UInt8(ascii: "u"):
          guard JSONText.hex4(bytes, position + 2) != nil else { throw failure("a bad \\u escape") }
          position += 6
        default:
          throw failure("a bad escape '\\\(String(decoding: [bytes[position + 1]], as: UTF8.self))'")
        }
        continue
      }
      position += 1
    }
    throw failure("a string is not closed")
  }

  private mutating func number() throws -> Range<Int> {
    let start = position
    func digits() -> Int {
      let from = position
      while position < bytes.count, bytes[position] &- UInt8(ascii: "0") < 10 { position += 1 }
      return position - from
    }
    if bytes[position] == UInt8(ascii: "-") { position += 1 }
    guard digits() > 0 else { throw failure("a bad number") }
    if position < bytes.count, bytes[position] == UInt8(ascii: ".") {
      position += 1
      guard digits() > 0 else { throw failure("a bad number") }
    }
    if position < bytes.count, bytes[position] | 0x20 == UInt8(ascii: "e") {
      position += 1
      if position < bytes.count, bytes[position] == UInt8(ascii: "+") || bytes[position] == UInt8(ascii: "-") {
        position += 1
      }
      guard digits() > 0 else { throw failure("a bad number") }
    }
    return start..<position
  }

  private mutating func literal(_ word: StaticString, _ value: NotebookJSON) throws -> NotebookJSON {
    let count = word.utf8CodeUnitCount
    guard position + count <= bytes.count else { throw failure("unexpected end of the file") }
    for offset in 0..<count where bytes[position + offset] != word.utf8Start[offset] {
      throw failure("unexpected character '\(String(decoding: [bytes[position]], as: UTF8.self))'")
    }
    position += count
    return value
  }
}
