import LLMLintCore

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Standard output and error, written with `write(2)`.
///
/// Only a closed pipe (`EPIPE`: the reader went away, as `llmlint . | head` does) ends output quietly. Any
/// other failed write to stdout (`ENOSPC` on a full disk or `/dev/full`, `EIO`, `EBADF`) stops output and is
/// kept in `outputError`, for the CLI to report on stderr and count as an error of the run: a report cut
/// short must not look like a whole one.
struct Terminal {
  /// Whether a write failed because the reader went away (EPIPE): the run stops printing, successfully.
  private(set) var outputClosed = false
  /// The `errno` of a write to stdout that failed for another reason than `EPIPE`; output stops there.
  private(set) var outputError: Int32?
  /// Whether `outputError` was reported on stderr already.
  var outputErrorReported = false

  static func ignoreBrokenPipeSignal() {
    signal(SIGPIPE, SIG_IGN)
  }

  mutating func out(_ text: String) {
    guard !outputClosed, outputError == nil else { return }
    if let code = Self.write(text, to: 1) {
      if code == EPIPE { outputClosed = true } else { outputError = code }
    }
  }

  func err(_ text: String) {
    _ = Self.write(text, to: 2)
  }

  static func isTerminal(_ descriptor: Int32) -> Bool { isatty(descriptor) == 1 }

  /// All of standard input, read to its end (retrying on `EINTR`); the `errno` of a failed read. Stops
  /// reading one byte past `limit`, so an endless stream cannot fill memory (the caller reports it too large).
  static func readStandardInput(limit: Int) -> Result<[UInt8], PathError> {
    var bytes: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 1 << 16)
    while bytes.count <= limit {
      let count = chunk.withUnsafeMutableBytes { read(0, $0.baseAddress!, $0.count) }
      if count < 0 {
        if errno == EINTR { continue }
        return .failure(PathError(code: errno))
      }
      if count == 0 { break }
      bytes += chunk[..<count]
    }
    return .success(bytes)
  }

  /// Writes all of `text`, retrying on `EINTR` and after short writes; `nil`, or the `errno` of the failure.
  private static func write(_ text: String, to descriptor: Int32) -> Int32? {
    var text = text
    return text.withUTF8 { buffer in
      var offset = 0
      while offset < buffer.count {
        #if canImport(Glibc)
          let written = Glibc.write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
        #else
          let written = Darwin.write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
        #endif
        if written < 0 {
          if errno == EINTR { continue }
          return errno
        }
        offset += written
      }
      return nil
    }
  }
}
