import Foundation

/// Path arithmetic for display: what the user sees is relative to the current directory when it can be.
public enum Paths {
  /// A display path without `./` segments, so the same file named two ways compares equal.
  public static func normalizedDisplay(_ path: String) -> String {
    guard hasDotSegment(path) else { return path }
    let parts = path.split(separator: "/", omittingEmptySubsequences: false).filter { $0 != "." }
    return parts.isEmpty ? "." : parts.joined(separator: "/")
  }

  /// Whether `path` starts with `./` or holds `/./` (bytes compared: this runs once per file of an index).
  static func hasDotSegment(_ path: String) -> Bool {
    var path = path
    return path.withUTF8 { bytes in
      // A `.` before a slash, at the start or after a slash; dots are few, so `memchr` finds each.
      guard let base = bytes.baseAddress else { return false }
      var index = 0
      while index + 1 < bytes.count,
        let found = memchr(base + index, Int32(UInt8(ascii: ".")), bytes.count - 1 - index)
      {
        let dot = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
        if bytes[dot + 1] == UInt8(ascii: "/"), dot == 0 || bytes[dot - 1] == UInt8(ascii: "/") { return true }
        index = dot + 1
      }
      return false
    }
  }

  /// `path` (absolute or relative to `directory`) made relative to `directory` when it lies below it, and
  /// without a leading `./`; otherwise `path` itself.
  public static func display(_ path: String, relativeTo directory: String) -> String {
    var path = path
    while path.hasPrefix("./") { path.removeFirst(2) }
    guard path.hasPrefix("/") else { return path.isEmpty ? "." : path }
    let base = directory.hasSuffix("/") ? directory : directory + "/"
    if path.hasPrefix(base) { return String(path.dropFirst(base.count)) }
    return path
  }

  /// The directory where config discovery starts for a scanned `path`: the path itself when it is a
  /// directory, else its parent; absolute.
  public static func directoryForConfigSearch(_ path: String, currentDirectory: String) -> String {
    let absolute = path.hasPrefix("/") ? path : currentDirectory + "/" + path
    var isDirectory: ObjCBool = false
    if FileManager.default.fileExists(atPath: absolute, isDirectory: &isDirectory), isDirectory.boolValue {
      return absolute
    }
    return (absolute as NSString).deletingLastPathComponent
  }
}
