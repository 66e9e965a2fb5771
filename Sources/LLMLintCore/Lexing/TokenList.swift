/// A file's tokens, stored as parallel arrays: a `UInt32` start, a two-byte length and a one-byte kind per
/// token (7 bytes, where an array of `Token` takes 12), with the rare token of 65,535 bytes or more keeping
/// its length in a side table (with one-byte lengths, docstrings and long strings made that table a
/// dictionary insert per string). Short-line code has close to one token per byte, so this is what keeps a
/// file's tokens to a small constant per byte.
///
/// A `RandomAccessCollection` of `Token` values built on the fly, so code that indexes or iterates tokens
/// (`tokens[i].kind`, `tokens[i].end`, `for token in tokens`, `tokens.count`) reads the same as with
/// `[Token]`. Tokens are only appended (by the tokenizers) or removed in place (`removeAll(where:)`, as
/// `CodeTokens` drops comments).
public struct TokenList: RandomAccessCollection, Sendable, Equatable {
  public typealias Index = Int
  public typealias Element = Token

  private var starts: [UInt32] = []
  /// `lengths[i]`, or `longLength` when the length is in `longLengths`.
  private var lengths: [UInt16] = []
  private var kinds: [TokenKind] = []
  /// Lengths of 255 bytes or more, by token index.
  private var longLengths: [Int32: UInt32] = [:]
  private static let longLength: UInt16 = .max

  public init() {}

  public init(_ tokens: some Sequence<Token>) {
    for token in tokens { append(token) }
  }

  @inlinable public var startIndex: Int { 0 }
  public var endIndex: Int { starts.count }
  public var count: Int { starts.count }

  public subscript(index: Int) -> Token {
    @inline(__always) get {
      let short = lengths[index]
      let length = short == Self.longLength ? longLengths[Int32(truncatingIfNeeded: index)]! : UInt32(short)
      return Token(kind: kinds[index], start: starts[index], length: length)
    }
  }

  /// The kind of token `index`, without building the token.
  @inline(__always) public func kind(at index: Int) -> TokenKind { kinds[index] }

  /// The start offset of token `index`.
  @inline(__always) public func start(at index: Int) -> Int { Int(starts[index]) }

  public mutating func reserveCapacity(_ capacity: Int) {
    starts.reserveCapacity(capacity)
    lengths.reserveCapacity(capacity)
    kinds.reserveCapacity(capacity)
  }

  public mutating func append(_ token: Token) {
    if token.length >= UInt32(Self.longLength) {
      longLengths[Int32(truncatingIfNeeded: starts.count)] = token.length
      lengths.append(Self.longLength)
    } else {
      lengths.append(UInt16(truncatingIfNeeded: token.length))
    }
    starts.append(token.start)
    kinds.append(token.kind)
  }

  /// Removes the tokens whose kind `shouldRemove` picks, keeping the others in order, without a second
  /// copy of the list (the arrays are compacted where they are).
  public mutating func removeAll(kinds shouldRemove: (TokenKind) -> Bool) {
    var kept = 0
    var moved: [Int32: UInt32] = [:]
    for index in 0..<starts.count where !shouldRemove(kinds[index]) {
      if lengths[index] == Self.longLength { moved[Int32(kept)] = longLengths[Int32(index)] }
      starts[kept] = starts[index]
      lengths[kept] = lengths[index]
      kinds[kept] = kinds[index]
      kept += 1
    }
    starts.removeLast(starts.count - kept)
    lengths.removeLast(lengths.count - kept)
    kinds.removeLast(kinds.count - kept)
    longLengths = moved
  }

  public static func == (lhs: TokenList, rhs: TokenList) -> Bool { lhs.elementsEqual(rhs) }
}

extension Token {
  /// A token from its stored parts (`TokenList`).
  @inline(__always) init(kind: TokenKind, start: UInt32, length: UInt32) {
    self.kind = kind
    self.start = start
    self.length = length
  }
}
