/// A small open-addressing hash table from names (byte strings) to values, looked up straight from a
/// source buffer so the per-token path allocates nothing.
///
/// Built once at start-up from the rule set; lookups hash the token's bytes (FNV-1a) and compare them in
/// place. An empty table answers every lookup with `nil` without hashing.
public struct NameTable<Value: Sendable>: Sendable {
  private var keys: [[UInt8]] = []
  private var values: [Value] = []
  /// Slot -> index into `keys`/`values` plus one; 0 is empty. Capacity is a power of two.
  private var slots: [Int32] = []
  private var mask = 0
  /// Lengths present, as a bit set (names longer than 63 bytes share the last bit).
  private var lengths: UInt64 = 0

  public init() {}

  public var isEmpty: Bool { keys.isEmpty }
  public var count: Int { keys.count }

  @inline(__always) private static func hash(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ count: Int) -> Int {
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    for index in start..<(start + count) {
      hash = (hash ^ UInt64(bytes[index])) &* 0x100_0000_01b3
    }
    return Int(truncatingIfNeeded: hash ^ (hash >> 29))
  }

  @inline(__always) private static func lengthBit(_ count: Int) -> UInt64 { 1 << UInt64(min(count, 63)) }

  /// The value stored for `name`, or `nil`.
  public subscript(name: [UInt8]) -> Value? {
    name.withUnsafeBufferPointer { lookup($0, start: 0, count: name.count) }
  }

  /// The value stored for the `count` bytes of `bytes` at `start`, or `nil`.
  @inlinable public func lookup(_ bytes: UnsafeBufferPointer<UInt8>, token: Token) -> Value? {
    lookup(bytes, start: Int(token.start), count: Int(token.length))
  }

  public func lookup(_ bytes: UnsafeBufferPointer<UInt8>, start: Int, count: Int) -> Value? {
    guard lengths & Self.lengthBit(count) != 0 else { return nil }
    var slot = Self.hash(bytes, start, count) & mask
    while true {
      let entry = Int(slots[slot])
      if entry == 0 { return nil }
      let key = keys[entry - 1]
      if key.count == count {
        var equal = true
        for index in 0..<count where key[index] != bytes[start + index] {
          equal = false
          break
        }
        if equal { return values[entry - 1] }
      }
      slot = (slot + 1) & mask
    }
  }

  /// Stores `value` for `name`, replacing any earlier value; `combine` merges with an existing one.
  /// Amortized constant time: the slot table doubles when half full, so n inserts cost O(n).
  public mutating func insert(_ name: [UInt8], _ value: Value, combine: (Value, Value) -> Value = { $1 }) {
    if !slots.isEmpty {
      let found = name.withUnsafeBufferPointer { bytes -> Int? in
        var slot = Self.hash(bytes, 0, bytes.count) & mask
        while true {
          let entry = Int(slots[slot])
          if entry == 0 { return nil }
          if keys[entry - 1] == name { return entry - 1 }
          slot = (slot + 1) & mask
        }
      }
      if let existing = found {
        values[existing] = combine(values[existing], value)
        return
      }
    }
    keys.append(name)
    values.append(value)
    lengths |= Self.lengthBit(name.count)
    if slots.isEmpty || keys.count * 2 > slots.count {
      rebuild()
    } else {
      place(keys.count - 1)
    }
  }

  private mutating func place(_ index: Int) {
    let key = keys[index]
    var slot = key.withUnsafeBufferPointer { Self.hash($0, 0, key.count) } & mask
    while slots[slot] != 0 { slot = (slot + 1) & mask }
    slots[slot] = Int32(index + 1)
  }

  private mutating func rebuild() {
    var capacity = 16
    while capacity < keys.count * 4 { capacity <<= 1 }
    mask = capacity - 1
    slots = [Int32](repeating: 0, count: capacity)
    for index in keys.indices { place(index) }
  }

  /// Every name and value, in insertion order.
  public var entries: [(name: [UInt8], value: Value)] {
    Array(zip(keys, values).map { ($0, $1) })
  }
}
