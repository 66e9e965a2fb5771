#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// The languages llmlint reads.
public enum Language: String, Sendable, CaseIterable, Comparable {
  case python
  case swift

  public static func < (lhs: Language, rhs: Language) -> Bool { lhs.rawValue < rhs.rawValue }

  /// The language of a path by its extension (`.py`, `.pyi`, `.swift`), or `nil`.
  public static func byExtension(of path: String) -> Language? {
    if path.hasSuffix(".py") || path.hasSuffix(".pyi") { return .python }
    if path.hasSuffix(".swift") { return .swift }
    return nil
  }

  /// Whether the first line of `bytes` is a shebang that runs Python (`#!/usr/bin/env python3`, …).
  public static func hasPythonShebang(_ bytes: some Collection<UInt8>) -> Bool {
    var iterator = bytes.makeIterator()
    guard iterator.next() == UInt8(ascii: "#"), iterator.next() == UInt8(ascii: "!") else { return false }
    var line: [UInt8] = []
    while let byte = iterator.next(), byte != ASCII.lineFeed, byte != ASCII.carriageReturn, line.count < 256 {
      line.append(byte)
    }
    let needle = Array("python".utf8)
    guard line.count >= needle.count else { return false }
    for start in 0...(line.count - needle.count) where Array(line[start..<start + needle.count]) == needle {
      return true
    }
    return false
  }
}

/// One file to lint: the path as it will be reported, its language and its bytes.
public struct SourceFile: Sendable {
  /// The path shown to the user (relative to the current directory when it lies below it).
  public var path: String
  public var language: Language
  public var bytes: [UInt8]

  public init(path: String, language: Language, bytes: [UInt8]) {
    self.path = path
    self.language = language
    self.bytes = bytes
  }

  /// Files larger than this are not read (a generated blob, not code anyone writes by hand).
  public static let maximumSize = 256 << 20

  /// Whether `bytes` look binary: a NUL byte in the first 8 KiB, as git and ripgrep decide.
  public static func looksBinary(_ bytes: [UInt8]) -> Bool {
    // `memchr`: the generic `contains` looked at one byte per iteration (4% of a scan's time).
    bytes.withUnsafeBufferPointer { buffer in
      guard let base = buffer.baseAddress else { return false }
      return memchr(base, 0, min(buffer.count, 8192)) != nil
    }
  }
}
