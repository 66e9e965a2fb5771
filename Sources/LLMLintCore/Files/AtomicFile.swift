#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// The one way llmlint writes a file the user asked for (`--write-baseline`, `init`, `install-hook`):
/// whole or not at all, never replacing what the name stands for.
///
/// - A symbolic link is written *through*: the file it points to (followed to its end, even when that file
///   does not exist yet) is the one replaced; the link stays.
/// - The destination must be a regular file or nothing: a device, FIFO, socket or directory is refused
///   with a message (so `/dev/null` stays a device, as root too).
/// - The bytes go to a temporary file created with `O_EXCL` in the destination's directory, are
///   `fsync`ed, get the replaced file's mode (or `mode`, or 0666 less the umask for a new file) and its
///   owner when allowed, and are renamed over the destination: a reader sees the old file or the new one.
///   With `replace: false` the rename refuses to replace anything (`renameat2(RENAME_NOREPLACE)`, else
///   `link` + `unlink`), so two concurrent writers cannot both believe they created the file.
/// - Temporary names are `.NAME.llmlint-tmp-PID-RANDOM`: a process killed before its rename leaves one,
///   and the next write beside it removes every such file whose process is gone.
public enum AtomicFile {
  /// Why a write did not happen, with the message shown after `llmlint: error: `.
  public struct Failure: Error, Equatable, Sendable, CustomStringConvertible {
    /// The destination as messages name it.
    public var shown: String
    /// Why, in a few lower-case words (`it is a character device, not a regular file`).
    public var reason: String
    /// The `errno` behind it, if any (`EEXIST` when `replace: false` met an existing file).
    public var code: Int32?
    /// `cannot write PATH: REASON`.
    public var message: String { "cannot write \(shown): \(reason)" }
    public var description: String { message }
  }

  /// The marker in temporary file names.
  static let temporaryMarker = ".llmlint-tmp-"

  /// Writes `bytes` to `path` (see the type's contract). `shown` is the path as messages name it.
  public static func write(
    _ bytes: [UInt8], to path: PathBytes, shown: String, mode: mode_t? = nil, replace: Bool = true
  ) throws(Failure) {
    if path.containsNUL { throw Failure(shown: shown, reason: "the path contains a NUL byte") }
    let target: PathBytes
    switch resolveLinks(path) {
    case .failure(let error): throw Failure(shown: shown, reason: "\(error)", code: error.code)
    case .success(let resolved): target = resolved
    }
    var existingStatus: stat? = nil
    switch target.status() {
    case .success(let status):
      let type = UInt32(status.st_mode) & FileType.mask
      guard type == FileType.regular else {
        throw Failure(
          shown: shown, reason: "it is \(FileType.name(type)), not a regular file",
          code: EEXIST)
      }
      guard replace else { throw Failure(shown: shown, reason: "it exists", code: EEXIST) }
      existingStatus = status
    case .failure(let error) where error.code == ENOENT: break
    case .failure(let error): throw Failure(shown: shown, reason: "\(error)", code: error.code)
    }
    let directory = target.parent
    removeStaleTemporaries(in: directory, for: target.lastComponent)

    // Create the temporary file.
    var temporary = PathBytes([])
    var descriptor: Int32 = -1
    for _ in 0..<16 {
      let name =
        [UInt8(ascii: ".")] + target.lastComponent
        + Array("\(temporaryMarker)\(getpid())-\(String(UInt32.random(in: 0...UInt32.max), radix: 16))".utf8)
      temporary = directory.appending(name)
      descriptor = temporary.withCString { open($0, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0o666) }
      if descriptor >= 0 || errno != EEXIST { break }
    }
    guard descriptor >= 0 else {
      let code = errno
      throw Failure(shown: shown, reason: "\(PathError(code: code))", code: code)
    }
    func fail(_ code: Int32) -> Failure {
      _ = close(descriptor)
      _ = temporary.withCString { unlink($0) }
      return Failure(shown: shown, reason: PathError(code: code).description, code: code)
    }
    var offset = 0
    while offset < bytes.count {
      let written = bytes.withUnsafeBytes { POSIX.write(descriptor, $0.baseAddress! + offset, bytes.count - offset) }
      if written < 0 {
        if errno == EINTR { continue }
        throw fail(errno)
      }
      offset += written
    }
    if let existingStatus {
      // Keep who owns it (allowed for root, or for a group the user is in) and its mode.
      _ = fchown(descriptor, existingStatus.st_uid, existingStatus.st_gid)
      if fchmod(descriptor, existingStatus.st_mode & 0o7777) != 0 { throw fail(errno) }
    } else if let mode {
      if fchmod(descriptor, mode) != 0 { throw fail(errno) }
    }
    if fsync(descriptor) != 0 { throw fail(errno) }
    if close(descriptor) != 0 {
      let code = errno
      _ = temporary.withCString { unlink($0) }
      throw Failure(shown: shown, reason: "\(PathError(code: code))", code: code)
    }
    let moved = replace ? (rename(temporary, target) ? nil : errno) : renameNoReplace(temporary, to: target)
    if let code = moved {
      _ = temporary.withCString { unlink($0) }
      let reason = code == EEXIST ? "it exists" : PathError(code: code).description
      throw Failure(shown: shown, reason: reason, code: code)
    }
    syncDirectory(directory)
  }

  /// `rename(2)`; whether it worked.
  static func rename(_ source: PathBytes, _ destination: PathBytes) -> Bool {
    source.withCString { from in destination.withCString { to in POSIX.rename(from, to) } } == 0
  }

  /// Renames `source` to `destination` unless something is already there; `nil` on success, else the
  /// `errno` (`EEXIST` when `destination` exists). Atomic: `renameat2(RENAME_NOREPLACE)` where the kernel
  /// and file system have it, else `link` (which fails on an existing name) then `unlink`.
  public static func renameNoReplace(_ source: PathBytes, to destination: PathBytes) -> Int32? {
    #if os(Linux)
      if let renameat2 = Self.renameat2 {
        let result = source.withCString { from in
          destination.withCString { to in renameat2(AT_FDCWD, from, AT_FDCWD, to, 1) }  // RENAME_NOREPLACE
        }
        if result == 0 { return nil }
        let code = errno
        if code != EINVAL && code != ENOSYS && code != EOPNOTSUPP { return code }
      }
    #endif
    let linked = source.withCString { from in destination.withCString { to in link(from, to) } }
    if linked != 0 { return errno }
    _ = source.withCString { unlink($0) }
    return nil
  }

  #if os(Linux)
    /// `renameat2`, looked up at run time: the Glibc module does not declare it.
    private static let renameat2:
      (@convention(c) (Int32, UnsafePointer<CChar>, Int32, UnsafePointer<CChar>, UInt32) -> Int32)? = {
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "renameat2") else { return nil }
        return unsafeBitCast(
          symbol, to: (@convention(c) (Int32, UnsafePointer<CChar>, Int32, UnsafePointer<CChar>, UInt32) -> Int32).self)
      }()
  #endif

  /// `path` with symbolic links followed to the file they end at (which need not exist); a loop is
  /// `ELOOP`.
  static func resolveLinks(_ path: PathBytes) -> Result<PathBytes, PathError> {
    var current = path
    for _ in 0..<40 {
      guard case .success(let status) = current.status(),
        UInt32(status.st_mode) & FileType.mask == FileType.symbolicLink
      else { return .success(current) }
      var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
      let count = current.withCString { readlink($0, &buffer, buffer.count - 1) }
      guard count >= 0 else { return .failure(PathError(code: errno)) }
      let link = buffer[..<count].map { UInt8(bitPattern: $0) }
      current = link.first == UInt8(ascii: "/") ? PathBytes(link) : current.parent.appending(link)
    }
    return .failure(PathError(code: ELOOP))
  }

  /// Removes `.NAME.llmlint-tmp-PID-…` files in `directory` whose process no longer runs.
  static func removeStaleTemporaries(in directory: PathBytes, for name: [UInt8]) {
    let prefix = [UInt8(ascii: ".")] + name + Array(temporaryMarker.utf8)
    guard let stream = directory.withCString({ opendir($0) }) else { return }
    defer { closedir(stream) }
    var stale: [[UInt8]] = []
    while let entry = readdir(stream) {
      let entryName = withUnsafeBytes(of: entry.pointee.d_name) { raw in Array(raw.prefix { $0 != 0 }) }
      guard entryName.starts(with: prefix) else { continue }
      let rest = entryName.dropFirst(prefix.count)
      guard let dash = rest.firstIndex(of: UInt8(ascii: "-")),
        let pid = Int32(String(decoding: rest[..<dash], as: UTF8.self)), pid > 0
      else { continue }
      if kill(pid, 0) != 0 && errno == ESRCH { stale.append(entryName) }
    }
    for entryName in stale { _ = directory.appending(entryName).withCString { unlink($0) } }
  }

  /// `fsync` of a directory, so a rename in it survives a crash; failures do not matter.
  private static func syncDirectory(_ directory: PathBytes) {
    let descriptor = directory.withCString { open($0, O_RDONLY | O_DIRECTORY | O_CLOEXEC) }
    guard descriptor >= 0 else { return }
    _ = fsync(descriptor)
    _ = close(descriptor)
  }
}
