/// The names a search asks for, to be tested against names held as bytes (a cached entry's names table)
/// without making a `String` of each: the length first, then a hash of the bytes, then the bytes themselves.
struct NameProbe {
  private var byHash: [UInt64: [[UInt8]]] = [:]
  /// Bit `n` set when a name is `n` bytes long (bit 63: 63 or more): most names of a table are ruled out
  /// by their length alone.
  private var lengths: UInt64 = 0

  init(_ names: [String]) {
    for name in names {
      let bytes = Array(name.utf8)
      let hash = bytes.withUnsafeBufferPointer { Self.hash($0, 0, $0.count) }
      byHash[hash, default: []].append(bytes)
      lengths |= Self.lengthBit(bytes.count)
    }
  }

  /// Whether `bytes[start..<end]` is one of the names.
  func holds(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Bool {
    guard lengths & Self.lengthBit(end - start) != 0, let names = byHash[Self.hash(bytes, start, end)] else {
      return false
    }
    return names.contains { $0.elementsEqual(bytes[start..<end]) }
  }

  private static func lengthBit(_ length: Int) -> UInt64 { 1 << UInt64(min(length, 63)) }

  /// `NameHash` of a non-empty range (it reads through the buffer's base address); 0 for an empty one.
  private static func hash(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> UInt64 {
    end > start ? NameHash.of(bytes, start, end) : 0
  }
}
