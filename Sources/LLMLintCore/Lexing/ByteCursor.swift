/// A read position in a byte buffer, shared by both tokenizers and the suppression parser.
///
/// Copy it to look ahead and assign the copy back to commit. Reading at or past the end yields `nil`;
/// no method ever traps on user input.
public struct ByteCursor {
  public let bytes: UnsafeBufferPointer<UInt8>
  public var position: Int

  @inlinable public init(_ bytes: UnsafeBufferPointer<UInt8>, position: Int = 0) {
    self.bytes = bytes
    self.position = position
  }

  @inlinable public var isAtEnd: Bool { position >= bytes.count }

  /// The byte at the position, or `nil` at end of input.
  @inlinable public func peek() -> UInt8? {
    position < bytes.count ? bytes[position] : nil
  }

  /// The byte `offset` bytes after the position, or `nil` past the end.
  @inlinable public func peek(at offset: Int) -> UInt8? {
    let index = position + offset
    return index >= 0 && index < bytes.count ? bytes[index] : nil
  }

  /// Moves past one byte and returns it; `nil` (and no move) at end of input.
  @discardableResult @inlinable public mutating func advance() -> UInt8? {
    guard position < bytes.count else { return nil }
    defer { position += 1 }
    return bytes[position]
  }

  /// Moves past `byte` if it is next; returns whether it did.
  @inlinable public mutating func advance(matching byte: UInt8) -> Bool {
    guard position < bytes.count, bytes[position] == byte else { return false }
    position += 1
    return true
  }

  /// Moves past the ASCII text `text` if it comes next; returns whether it did (no move otherwise).
  @inlinable public mutating func advance(matching text: StaticString) -> Bool {
    let count = text.utf8CodeUnitCount
    guard position + count <= bytes.count else { return false }
    let pointer = text.utf8Start
    for index in 0..<count where bytes[position + index] != pointer[index] { return false }
    position += count
    return true
  }

  /// Moves past every byte for which `predicate` holds; returns how many it passed.
  @discardableResult @inlinable public mutating func advance(while predicate: (UInt8) -> Bool) -> Int {
    let begin = position
    while position < bytes.count, predicate(bytes[position]) { position += 1 }
    return position - begin
  }
}

/// ASCII byte constants and classes used by the tokenizers.
public enum ASCII {
  public static let tab: UInt8 = 0x09
  public static let lineFeed: UInt8 = 0x0A
  public static let formFeed: UInt8 = 0x0C
  public static let carriageReturn: UInt8 = 0x0D
  public static let space: UInt8 = 0x20

  @inlinable public static func isDigit(_ byte: UInt8) -> Bool { byte &- 0x30 < 10 }
  @inlinable public static func isLetter(_ byte: UInt8) -> Bool { (byte | 0x20) &- 0x61 < 26 }
  /// ASCII letter, digit or `_`; any byte >= 0x80 also counts, so UTF-8 identifiers stay whole.
  @inlinable public static func isIdentifierContinue(_ byte: UInt8) -> Bool {
    isLetter(byte) || isDigit(byte) || byte == 0x5F || byte >= 0x80
  }
  @inlinable public static func isIdentifierStart(_ byte: UInt8) -> Bool {
    isLetter(byte) || byte == 0x5F || byte >= 0x80
  }
}
