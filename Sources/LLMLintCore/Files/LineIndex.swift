/// Maps byte offsets to 1-based line and column numbers.
///
/// Lines end at `\n`, `\r\n` or a lone `\r`, as Python and Swift both count them. Columns count Unicode
/// scalars (UTF-8 lead bytes), so a finding after multi-byte text points where an editor shows it;
/// invalid UTF-8 counts one column per byte that is not a continuation byte, and a byte order mark at the
/// start of the file counts none. Built only when a file has
/// something to print.
public struct LineIndex: Sendable {
  /// Offset of the first byte of each line; `lineStarts[0] == 0`.
  public let lineStarts: [Int]

  public init(_ bytes: UnsafeBufferPointer<UInt8>) {
    var starts = [0]
    var index = 0
    let count = bytes.count
    while index < count {
      // Eight bytes at a time while none of them is `\n` or `\r` (most of a line).
      if index + 8 <= count {
        let word = UnsafeRawPointer(bytes.baseAddress! + index).loadUnaligned(as: UInt64.self)
        if !Self.hasByte(word, ASCII.lineFeed) && !Self.hasByte(word, ASCII.carriageReturn) {
          index += 8
          continue
        }
      }
      let byte = bytes[index]
      if byte == ASCII.lineFeed {
        starts.append(index + 1)
      } else if byte == ASCII.carriageReturn {
        if index + 1 < count, bytes[index + 1] == ASCII.lineFeed { index += 1 }
        starts.append(index + 1)
      }
      index += 1
    }
    lineStarts = starts
  }

  /// Whether any byte of `word` is `byte` (the classic has-zero-byte test on `word ^ byte…byte`).
  @inline(__always) private static func hasByte(_ word: UInt64, _ byte: UInt8) -> Bool {
    let x = word ^ (0x0101_0101_0101_0101 &* UInt64(byte))
    return (x &- 0x0101_0101_0101_0101) & ~x & 0x8080_8080_8080_8080 != 0
  }

  public init(_ bytes: [UInt8]) {
    self = bytes.withUnsafeBufferPointer { LineIndex($0) }
  }

  /// The 0-based index of the line holding `offset`.
  public func lineIndex(of offset: Int) -> Int {
    var low = 0
    var high = lineStarts.count - 1
    while low < high {
      let middle = (low + high + 1) / 2
      if lineStarts[middle] <= offset { low = middle } else { high = middle - 1 }
    }
    return low
  }

  /// The 1-based line and column of `offset` in `bytes` (the buffer this index was built from).
  public func location(of offset: Int, in bytes: UnsafeBufferPointer<UInt8>) -> (line: Int, column: Int) {
    let line = lineIndex(of: offset)
    var column = 1
    var index = lineStarts[line]
    let end = min(offset, bytes.count)
    // A UTF-8 byte order mark is not a character of the first line; editors do not show it.
    if line == 0, end >= 3, bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { index = 3 }
    while index < end {
      if bytes[index] & 0xC0 != 0x80 { column += 1 }
      index += 1
    }
    return (line + 1, column)
  }

  /// The byte range of the 0-based line `line`, without its line break.
  public func lineRange(_ line: Int, in bytes: UnsafeBufferPointer<UInt8>) -> Range<Int> {
    let start = lineStarts[line]
    var end = line + 1 < lineStarts.count ? lineStarts[line + 1] : bytes.count
    while end > start, bytes[end - 1] == ASCII.lineFeed || bytes[end - 1] == ASCII.carriageReturn { end -= 1 }
    return start..<end
  }
}
