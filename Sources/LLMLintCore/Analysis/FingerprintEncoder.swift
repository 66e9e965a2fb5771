/// A stable 64-bit digest of an `Encodable` value: every stored field that its (synthesized) `encode(to:)`
/// writes, in declaration order, each value bracketed and each string length-prefixed, so two different
/// values give two different byte streams (an FNV-style hash of the stream is the digest). Stable across processes:
/// nothing here depends on `Hasher`'s per-process seed — a value holding a `Set` or a `Dictionary` would
/// (their order varies), so fingerprinted types hold arrays only.
///
/// What `FactCache.fingerprint` names a rule set's cache by: synthesized conformances cover a field added
/// later without anyone listing it, and cost a few instructions a field, where `String(describing:)` of the
/// same rules walked them by reflection (28 M instructions a run, a third of a warm hook's own work).
struct FingerprintEncoder: Encoder {
  final class Sink {
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325

    @inline(__always) func byte(_ value: UInt8) { hash = (hash ^ UInt64(value)) &* 0x100_0000_01b3 }

    /// Eight bytes mixed at once.
    @inline(__always) func integer(_ value: UInt64) {
      hash = (hash ^ value) &* 0x100_0000_01b3
      hash ^= hash >> 29
    }

    func string(_ value: String) {
      byte(Tag.string)
      integer(UInt64(value.utf8.count))
      for unit in value.utf8 { byte(unit) }
    }

    func key(_ key: some CodingKey) {
      byte(Tag.key)
      string(key.stringValue)
    }

    /// A nested value, bracketed: where it ends is part of the stream.
    func nested(_ value: some Encodable) throws {
      byte(Tag.open)
      try value.encode(to: FingerprintEncoder(sink: self))
      byte(Tag.close)
    }
  }

  enum Tag {
    static let string: UInt8 = 1
    static let key: UInt8 = 2
    static let open: UInt8 = 3
    static let close: UInt8 = 4
    static let element: UInt8 = 5
    static let null: UInt8 = 6
    static let bool: UInt8 = 7
    static let integer: UInt8 = 8
    static let float: UInt8 = 9
    static let keyed: UInt8 = 10
    static let unkeyed: UInt8 = 11
  }

  let sink: Sink
  var codingPath: [any CodingKey] { [] }
  var userInfo: [CodingUserInfoKey: Any] { [:] }

  /// The digest of `value`.
  static func digest(_ value: some Encodable) -> UInt64 {
    let sink = Sink()
    // Every conformance this is given writes plain values: nothing here throws.
    try? sink.nested(value)
    return sink.hash
  }

  func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
    sink.byte(Tag.keyed)
    return KeyedEncodingContainer(Keyed<Key>(sink: sink))
  }

  func unkeyedContainer() -> any UnkeyedEncodingContainer {
    sink.byte(Tag.unkeyed)
    return Unkeyed(sink: sink)
  }

  func singleValueContainer() -> any SingleValueEncodingContainer { Single(sink: sink) }

  private struct Keyed<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let sink: Sink
    var codingPath: [any CodingKey] { [] }

    mutating func encodeNil(forKey key: Key) {
      sink.key(key)
      sink.byte(Tag.null)
    }

    mutating func encode(_ value: some Encodable, forKey key: Key) throws {
      sink.key(key)
      try sink.nested(value)
    }

    mutating func nestedContainer<NestedKey: CodingKey>(
      keyedBy keyType: NestedKey.Type, forKey key: Key
    ) -> KeyedEncodingContainer<NestedKey> {
      sink.key(key)
      return FingerprintEncoder(sink: sink).container(keyedBy: keyType)
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
      sink.key(key)
      return FingerprintEncoder(sink: sink).unkeyedContainer()
    }

    mutating func superEncoder() -> any Encoder { FingerprintEncoder(sink: sink) }
    mutating func superEncoder(forKey key: Key) -> any Encoder {
      sink.key(key)
      return FingerprintEncoder(sink: sink)
    }
  }

  private struct Unkeyed: UnkeyedEncodingContainer {
    let sink: Sink
    var codingPath: [any CodingKey] { [] }
    private(set) var count = 0

    init(sink: Sink) { self.sink = sink }

    mutating func encodeNil() {
      element()
      sink.byte(Tag.null)
    }

    mutating func encode(_ value: some Encodable) throws {
      element()
      try sink.nested(value)
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type)
      -> KeyedEncodingContainer<NestedKey>
    {
      element()
      return FingerprintEncoder(sink: sink).container(keyedBy: keyType)
    }

    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
      element()
      return FingerprintEncoder(sink: sink).unkeyedContainer()
    }

    mutating func superEncoder() -> any Encoder {
      element()
      return FingerprintEncoder(sink: sink)
    }

    private mutating func element() {
      count += 1
      sink.byte(Tag.element)
    }
  }

  /// Where every primitive value ends up (a container's `encode(_:forKey:)` of an `Int` nests the `Int`'s own
  /// `encode(to:)`, which comes here): each with its tag, without a dynamic cast.
  private struct Single: SingleValueEncodingContainer {
    let sink: Sink
    var codingPath: [any CodingKey] { [] }

    mutating func encodeNil() { sink.byte(Tag.null) }
    mutating func encode(_ value: Bool) {
      sink.byte(Tag.bool)
      sink.byte(value ? 1 : 0)
    }
    mutating func encode(_ value: String) { sink.string(value) }
    mutating func encode(_ value: Double) {
      sink.byte(Tag.float)
      sink.integer(value.bitPattern)
    }
    mutating func encode(_ value: Float) { encode(Double(value)) }
    mutating func encode(_ value: Int) { integer(Int64(value)) }
    mutating func encode(_ value: Int8) { integer(Int64(value)) }
    mutating func encode(_ value: Int16) { integer(Int64(value)) }
    mutating func encode(_ value: Int32) { integer(Int64(value)) }
    mutating func encode(_ value: Int64) { integer(value) }
    mutating func encode(_ value: UInt) { integer(Int64(bitPattern: UInt64(value))) }
    mutating func encode(_ value: UInt8) { integer(Int64(value)) }
    mutating func encode(_ value: UInt16) { integer(Int64(value)) }
    mutating func encode(_ value: UInt32) { integer(Int64(value)) }
    mutating func encode(_ value: UInt64) { integer(Int64(bitPattern: value)) }

    mutating func encode(_ value: some Encodable) throws { try sink.nested(value) }

    private func integer(_ value: Int64) {
      sink.byte(Tag.integer)
      sink.integer(UInt64(bitPattern: value))
    }
  }
}
