#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Standard output and error, written with `write(2)`. A closed pipe ends output quietly.
struct Terminal {
  /// Whether a write failed because the reader went away (EPIPE): the run stops printing, successfully.
  private(set) var outputClosed = false

  static func ignoreBrokenPipeSignal() {
    signal(SIGPIPE, SIG_IGN)
  }

  mutating func out(_ text: String) {
    guard !outputClosed else { return }
    if !Self.write(text, to: 1) { outputClosed = true }
  }

  func err(_ text: String) {
    _ = Self.write(text, to: 2)
  }

  static func isTerminal(_ descriptor: Int32) -> Bool { isatty(descriptor) == 1 }

  @discardableResult
  private static func write(_ text: String, to descriptor: Int32) -> Bool {
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
          return false
        }
        offset += written
      }
      return true
    }
  }
}
