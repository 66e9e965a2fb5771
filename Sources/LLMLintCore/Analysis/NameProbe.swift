/// The names a search asks for, to be tested against names held as bytes (a cached entry's names table)
/// without making a `String` of each: a hash of the bytes first, then the bytes themselves.
struct NameProbe {
  private var byHash: [UInt64: [[UInt8]]] = [:]

  init(_ names: [String]) {
    for name in names {
      let bytes = Array(name.utf8)
      let hash = bytes.withUnsafeBufferPointer { Self.hash($0, 0, $0.count) }
      byHash[hash, default: []].append(bytes)
    }
  }

  var isEmpty: Bool { byHash.isEmpty }

  /// Whether `bytes[start..<end]` is one of the names.
  func holds(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Bool {
    guard let names = byHash[Self.hash(bytes, start, end)] else { return false }
    return names.contains { $0.elementsEqual(bytes[start..<end]) }
  }

  /// `NameHash` of a non-empty range (it reads through the buffer's base address); 0 for an empty one.
  private static func hash(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> UInt64 {
    end > start ? NameHash.of(bytes, start, end) : 0
  }
}
