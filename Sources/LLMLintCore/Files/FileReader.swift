#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif


/// Reads whole regular files with POSIX calls: one `open`, one `fstat`, `read` until end of file.
///
/// Only regular files are read. A FIFO, socket or device is refused without blocking (the file is opened
/// with `O_NONBLOCK` and checked with `fstat` before any read), as is a file larger than
/// `SourceFile.maximumSize`. `EINTR` is retried and short reads continue; a file that grows while it is
/// read is read to its end (up to the size limit). Failures are `Problem`s of kind `.file` whose message
/// says what happened: "no such file or directory", "permission denied", "is a directory",
/// "not a regular file (a FIFO)", "larger than 256 MiB; skipped", or the system's text for other errors.
public enum FileReader {
  /// Reads the file at `path` (absolute, or relative to the process's current directory).
  public static func read(path: String) -> Result<[UInt8], Problem> {
    read(rawPath: Array(path.utf8), displayPath: path)
  }

  /// Reads a file found by `FileWalker`, by its exact path bytes; problems name its display path.
  public static func read(_ file: WalkedFile) -> Result<[UInt8], Problem> {
    read(rawPath: file.openPath, displayPath: file.displayPath)
  }

  /// Reads a file found by `FileWalker` as a `SourceFile`. A file whose language is not known from its name
  /// is Python when its first line is a Python shebang and is skipped (`nil`) otherwise; such a file is
  /// read past its first 512 bytes only when it is a Python script.
  public static func source(_ file: WalkedFile, languages: Languages = .builtIn) -> Result<SourceFile?, Problem> {
    let sniff: (([UInt8]) -> Bool)? = file.language == nil ? { languages.byShebang($0) != nil } : nil
    switch read(rawPath: file.openPath, displayPath: file.displayPath, acceptingPrefix: sniff) {
    case .failure(let problem): return .failure(problem)
    case .success(nil): return .success(nil)
    case .success(let bytes?):
      let language = file.language ?? languages.byShebang(bytes) ?? .python
      return .success(SourceFile(path: file.displayPath, language: language, bytes: bytes))
    }
  }

  /// Reads the file whose path is the bytes `rawPath` (not NUL-terminated; file names need not be UTF-8).
  public static func read(rawPath: [UInt8], displayPath: String) -> Result<[UInt8], Problem> {
    read(rawPath: rawPath, displayPath: displayPath, acceptingPrefix: nil).map { $0 ?? [] }
  }

  /// The bytes a shebang sniff looks at before deciding whether to read the rest.
  static let prefixSize = 512

  /// Reads a file; with `accept`, first reads at most `prefixSize` bytes and returns `nil` (reading no
  /// more) unless `accept` approves them.
  static func read(rawPath: [UInt8], displayPath: String, acceptingPrefix accept: (([UInt8]) -> Bool)?)
    -> Result<[UInt8]?, Problem>
  {
    func problem(_ message: String) -> Result<[UInt8]?, Problem> {
      .failure(Problem(.file, path: displayPath, message: message))
    }
    if rawPath.contains(0) { return problem("the path contains a NUL byte") }
    let descriptor = openReadOnly(rawPath)
    if descriptor < 0 { return problem(describeErrno(errno)) }
    defer { _ = close(descriptor) }

    var status = stat()
    if fstat(descriptor, &status) != 0 { return problem(describeErrno(errno)) }
    let type = UInt32(status.st_mode) & FileType.mask
    if type == FileType.directory { return problem("is a directory") }
    if type != FileType.regular { return problem("not a regular file (\(FileType.name(type)))") }
    let limit = SourceFile.maximumSize
    if Int(status.st_size) > limit { return problem(tooLarge) }

    var bytes: [UInt8] = []
    if let accept {
      let outcome = readToEnd(descriptor, after: [], capacity: prefixSize)
      if let error = outcome.error { return problem("could not be read: \(describeErrno(error))") }
      guard accept(outcome.bytes) else { return .success(nil) }
      if outcome.reachedEnd { return .success(outcome.bytes) }
      bytes = outcome.bytes
    }
    // Read the expected size plus one byte, to notice a file that grew since `fstat`.
    var capacity = min(max(Int(status.st_size) + 1, 4096, bytes.count * 2), limit + 1)
    while true {
      let outcome = readToEnd(descriptor, after: bytes, capacity: capacity)
      if let error = outcome.error { return problem("could not be read: \(describeErrno(error))") }
      bytes = outcome.bytes
      if outcome.reachedEnd { return .success(bytes) }
      if bytes.count > limit { return problem(tooLarge) }
      capacity = min(capacity * 2, limit + 1)
    }
  }

  static let tooLarge = "larger than \(SourceFile.maximumSize >> 20) MiB; skipped"

  /// Opens `rawPath` read-only and non-blocking, retrying on `EINTR`; returns -1 with `errno` set on failure.
  static func openReadOnly(_ rawPath: [UInt8]) -> Int32 {
    var path = rawPath
    path.append(0)
    return path.withUnsafeBufferPointer { buffer -> Int32 in
      buffer.withMemoryRebound(to: CChar.self) { name -> Int32 in
        while true {
          let descriptor = open(name.baseAddress!, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY)
          if descriptor >= 0 || errno != EINTR { return descriptor }
        }
      }
    }
  }

  /// Reads into a new buffer of `capacity` bytes that starts with `previous`, until end of file or until the
  /// buffer is full; no byte is written twice.
  private static func readToEnd(_ descriptor: Int32, after previous: [UInt8], capacity: Int)
    -> (bytes: [UInt8], reachedEnd: Bool, error: Int32?)
  {
    var reachedEnd = false
    var failure: Int32?
    let bytes = [UInt8](unsafeUninitializedCapacity: capacity) { buffer, initialized in
      var total = previous.count
      if total > 0 {
        previous.withUnsafeBufferPointer { source in
          buffer.baseAddress!.initialize(from: source.baseAddress!, count: total)
        }
      }
      while total < capacity {
        let count = POSIX.read(descriptor, buffer.baseAddress! + total, capacity - total)
        if count > 0 {
          total += count
          continue
        }
        if count == 0 {
          reachedEnd = true
          break
        }
        let code = errno
        if code == EINTR { continue }
        if code == EAGAIN {
          // Not expected for a regular file; treat as the end rather than spin.
          reachedEnd = true
          break
        }
        failure = code
        break
      }
      initialized = total
    }
    return (bytes, reachedEnd, failure)
  }

  /// A short, lower-case description of `code` for messages.
  static func describeErrno(_ code: Int32) -> String {
    switch code {
    case ENOENT: return "no such file or directory"
    case EACCES, EPERM: return "permission denied"
    case EISDIR: return "is a directory"
    case ENOTDIR: return "not a directory"
    case ELOOP: return "too many levels of symbolic links"
    case ENAMETOOLONG: return "file name too long"
    default:
      guard let text = strerror(code) else { return "error \(code)" }
      return String(cString: text).lowercased()
    }
  }
}

/// `st_mode` file type bits (POSIX values, the same on Linux and macOS).
enum FileType {
  static let mask: UInt32 = 0o170000
  static let regular: UInt32 = 0o100000
  static let directory: UInt32 = 0o040000
  static let symbolicLink: UInt32 = 0o120000
  static let fifo: UInt32 = 0o010000
  static let socket: UInt32 = 0o140000
  static let characterDevice: UInt32 = 0o020000
  static let blockDevice: UInt32 = 0o060000

  static func name(_ type: UInt32) -> String {
    switch type {
    case fifo: return "a FIFO"
    case socket: return "a socket"
    case characterDevice: return "a character device"
    case blockDevice: return "a block device"
    case directory: return "a directory"
    case symbolicLink: return "a symbolic link"
    default: return "not a regular file"
    }
  }
}
