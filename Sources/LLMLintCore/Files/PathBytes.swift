#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// A file system path as the exact bytes the kernel is given: from `argv`, from git's `-z` or line output,
/// from `getcwd`. Names need not be UTF-8 (`mod\xff.py`), so a path is decoded only to be shown (`shown`,
/// invalid bytes as U+FFFD) and never decoded and re-encoded on its way to a system call.
public struct PathBytes: Hashable, Sendable, CustomStringConvertible {
  /// The path's bytes, without a terminating NUL.
  public var bytes: [UInt8]

  public init(_ bytes: [UInt8]) { self.bytes = bytes }
  public init<S: Sequence<UInt8>>(bytes: S) { self.bytes = Array(bytes) }
  public init(_ string: String) { bytes = Array(string.utf8) }

  /// The path for messages: UTF-8, with invalid bytes shown as U+FFFD.
  public var shown: String { String(decoding: bytes, as: UTF8.self) }
  public var description: String { shown }

  /// The path as a `String` when its bytes are valid UTF-8 (then the `String` names the same file).
  public var exactString: String? { String(validating: bytes, as: UTF8.self) }

  public var isEmpty: Bool { bytes.isEmpty }
  public var isAbsolute: Bool { bytes.first == UInt8(ascii: "/") }
  /// Whether the path holds a NUL byte, which no system call can be given.
  public var containsNUL: Bool { bytes.contains(0) }

  /// `self/component`, without doubling a `/`.
  public func appending(_ component: some Sequence<UInt8>) -> PathBytes {
    var result = bytes
    if !result.isEmpty, result.last != UInt8(ascii: "/") { result.append(UInt8(ascii: "/")) }
    result.append(contentsOf: component)
    return PathBytes(result)
  }

  public func appending(_ component: String) -> PathBytes { appending(component.utf8) }

  /// The directory part (`a/b` of `a/b/c`, `/` of `/c`, `.` of `c`).
  public var parent: PathBytes {
    var end = bytes.count
    while end > 1, bytes[end - 1] == UInt8(ascii: "/") { end -= 1 }
    guard let slash = bytes[..<end].lastIndex(of: UInt8(ascii: "/")) else { return PathBytes(".") }
    return slash == 0 ? PathBytes("/") : PathBytes(Array(bytes[..<slash]))
  }

  /// The last component (`c` of `a/b/c`).
  public var lastComponent: [UInt8] {
    var end = bytes.count
    while end > 1, bytes[end - 1] == UInt8(ascii: "/") { end -= 1 }
    let start = bytes[..<end].lastIndex(of: UInt8(ascii: "/")).map { $0 + 1 } ?? 0
    return Array(bytes[start..<end])
  }

  /// The path made relative to `directory` (absolute) when it lies below it, for messages; otherwise the
  /// path itself. A leading `./` is dropped.
  public func shown(relativeTo directory: PathBytes) -> String {
    var path = bytes[...]
    while path.starts(with: [UInt8(ascii: "."), UInt8(ascii: "/")]) { path = path.dropFirst(2) }
    guard path.first == UInt8(ascii: "/") else { return path.isEmpty ? "." : String(decoding: path, as: UTF8.self) }
    var base = directory.bytes
    if base.last != UInt8(ascii: "/") { base.append(UInt8(ascii: "/")) }
    if path.starts(with: base) { return String(decoding: path.dropFirst(base.count), as: UTF8.self) }
    return String(decoding: path, as: UTF8.self)
  }

  /// Calls `body` with the path as a NUL-terminated C string.
  public func withCString<Result>(_ body: (UnsafePointer<CChar>) throws -> Result) rethrows -> Result {
    var terminated = bytes
    terminated.append(0)
    return try terminated.withUnsafeBufferPointer { buffer in
      try buffer.withMemoryRebound(to: CChar.self) { try body($0.baseAddress!) }
    }
  }

  /// The process's current directory (`getcwd`), or the `errno` of the failure: `ENOENT` when it was
  /// removed, also when the kernel reports it as `(unreachable)/…` (outside the process's root).
  public static func currentDirectory() -> Result<PathBytes, PathError> {
    var size = 4096
    while true {
      var buffer = [CChar](repeating: 0, count: size)
      if getcwd(&buffer, buffer.count) != nil {
        let bytes = buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }
        guard bytes.first == UInt8(ascii: "/") else { return .failure(PathError(code: ENOENT)) }
        return .success(PathBytes(bytes))
      }
      if errno == ERANGE, size < 1 << 20 {
        size *= 4
        continue
      }
      return .failure(PathError(code: errno))
    }
  }

  /// `lstat` (or `stat` with `followLinks`) of the path.
  public func status(followLinks: Bool = false) -> Result<stat, PathError> {
    var status = stat()
    let result = withCString { followLinks ? stat($0, &status) : lstat($0, &status) }
    return result == 0 ? .success(status) : .failure(PathError(code: errno))
  }
}

/// An `errno` value from a call on a path, with the short lower-case text messages use.
public struct PathError: Error, Equatable, Sendable, CustomStringConvertible {
  public var code: Int32
  public init(code: Int32) { self.code = code }
  public var description: String { FileReader.describeErrno(code) }
}
