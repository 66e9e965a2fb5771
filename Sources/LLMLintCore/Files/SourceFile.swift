#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

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
