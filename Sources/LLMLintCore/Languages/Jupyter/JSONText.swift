/// Decoding the content of a JSON string on bytes: escapes, `\uXXXX` with surrogate pairs, to UTF-8, each
/// decoded byte with the file offset of the unit it came from (a notebook's positions).
enum JSONText {
  /// Decodes the string content `range` (between its quotes, already validated by `JSONReader`) of `file`,
  /// appending the bytes to `text` and, per byte, the file offset of its unit to `origins`.
  static func decode(
    _ file: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, into text: inout [UInt8], origins: inout [UInt32]
  ) {
    var position = range.lowerBound
    while position < range.upperBound {
      let byte = file[position]
      guard byte == UInt8(ascii: "\\"), position + 1 < range.upperBound else {
        text.append(byte)
        origins.append(UInt32(position))
        position += 1
        continue
      }
      let escape = file[position + 1]
      let simple: UInt8?
      switch escape {
      case UInt8(ascii: "n"): simple = ASCII.lineFeed
      case UInt8(ascii: "t"): simple = ASCII.tab
      case UInt8(ascii: "r"): simple = ASCII.carriageReturn
      case UInt8(ascii: "b"): simple = 0x08
      case UInt8(ascii: "f"): simple = ASCII.formFeed
      case UInt8(ascii: "u"): simple = nil
      default: simple = escape  // `\"`, `\\`, `\/`
      }
      if let simple {
        text.append(simple)
        origins.append(UInt32(position))
        position += 2
        continue
      }
      var scalar = hex4(file, position + 2) ?? 0xFFFD
      var length = 6
      if scalar >= 0xD800, scalar < 0xDC00, position + 12 <= range.upperBound,
        file[position + 6] == UInt8(ascii: "\\"), file[position + 7] == UInt8(ascii: "u"),
        let low = hex4(file, position + 8), low >= 0xDC00, low < 0xE000
      {
        scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
        length = 12
      } else if scalar >= 0xD800, scalar < 0xE000 {
        scalar = 0xFFFD  // a lone surrogate
      }
      for unit in UTF8.encode(Unicode.Scalar(scalar) ?? "\u{FFFD}")! {
        text.append(unit)
        origins.append(UInt32(position))
      }
      position += length
    }
  }

  /// The content of `range` decoded as a `String` (object keys, `cell_type`).
  static func string(_ file: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> String {
    var text: [UInt8] = []
    var origins: [UInt32] = []
    decode(file, range, into: &text, origins: &origins)
    return String(decoding: text, as: UTF8.self)
  }

  /// The value of four hex digits at `position`, or `nil`.
  static func hex4(_ file: UnsafeBufferPointer<UInt8>, _ position: Int) -> UInt32? {
    guard position + 4 <= file.count else { return nil }
    var value: UInt32 = 0
    for index in position..<(position + 4) {
      let byte = file[index]
      let digit: UInt32
      switch byte {
      case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = UInt32(byte - UInt8(ascii: "0"))
      case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = UInt32(byte - UInt8(ascii: "a") + 10)
      case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = UInt32(byte - UInt8(ascii: "A") + 10)
      default: return nil
      }
      value = value << 4 | digit
    }
    return value
  }
}

extension UTF8 {
  /// The UTF-8 code units of `scalar`.
  static func encode(_ scalar: Unicode.Scalar) -> [UInt8]? {
    var units: [UInt8] = []
    UTF8.encode(scalar) { units.append($0) }
    return units
  }
}
