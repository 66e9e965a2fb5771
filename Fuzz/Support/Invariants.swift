// Invariant checks shared by the fuzz targets. A violation prints what is wrong and aborts, so libFuzzer
// records the input as a crash.

import LLMLintCore

/// Stops the run with `message`; libFuzzer saves the input that got here.
func violation(_ message: String) -> Never {
  print("INVARIANT VIOLATED: \(message)")
  fatalError(message)
}

/// The bytes that may stand between two Python tokens: blanks, and a backslash line continuation.
/// Line breaks are tokens (NEWLINE, NL) in Python.
func checkPythonTokens(_ tokens: [Token], in source: UnsafeBufferPointer<UInt8>) {
  guard let last = tokens.last, last.kind == .endOfFile, last.length == 0, last.end == source.count else {
    violation("does not end with a zero-length endOfFile at \(source.count)")
  }
  var position = 0
  if source.count >= 3, source[0] == 0xEF, source[1] == 0xBB, source[2] == 0xBF { position = 3 }
  var zeroLength = 0
  var indents = 0
  for (index, token) in tokens.enumerated() {
    if token.kind == .endOfFile, index != tokens.count - 1 { violation("endOfFile before the end at token \(index)") }
    if Int(token.start) < position { violation("token \(index) \(token) starts before \(position)") }
    if token.end > source.count { violation("token \(index) \(token) ends past \(source.count)") }
    if token.kind == .indent { indents += 1 }
    if token.length == 0 {
      zeroLength += 1
      switch token.kind {
      // An INDENT is empty when a backslash continuation fixed the level and the last physical line
      // starts without whitespace; it still needs a line of its own, so the count stays linear.
      case .dedent, .newline, .nonLogicalNewline, .endOfFile, .indent: break
      default: violation("empty token \(index) \(token)")
      }
    }
    var gap = position
    while gap < Int(token.start) {
      switch source[gap] {
      case 0x20, 0x09, 0x0C: gap += 1
      case 0x5C where gap + 1 < Int(token.start) && (source[gap + 1] == 0x0A || source[gap + 1] == 0x0D):
        gap += 2
        if source[gap - 1] == 0x0D, gap < Int(token.start), source[gap] == 0x0A { gap += 1 }
      default: violation("byte \(source[gap]) at \(gap) is in no token (before token \(index) \(token))")
      }
    }
    position = token.end
  }
  if position != source.count { violation("bytes after the last token: \(position) of \(source.count)") }
  // Linear work: every token but the zero-length ones covers at least one byte; a DEDENT closes an INDENT.
  if zeroLength > indents + source.count + 4 {
    violation("\(zeroLength) zero-length tokens for \(source.count) bytes and \(indents) indents")
  }
  if tokens.count > 2 * source.count + 4 { violation("\(tokens.count) tokens for \(source.count) bytes") }
}

/// The bytes that may stand between two Swift tokens: whitespace (line breaks included) and the byte order
/// mark at offset 0. No empty token but the final endOfFile.
func checkSwiftTokens(_ tokens: [Token], in source: UnsafeBufferPointer<UInt8>) {
  guard let last = tokens.last, last.kind == .endOfFile, last.length == 0, last.end == source.count else {
    violation("does not end with a zero-length endOfFile at \(source.count)")
  }
  var position = 0
  let hasBOM = source.count >= 3 && source[0] == 0xEF && source[1] == 0xBB && source[2] == 0xBF
  for (index, token) in tokens.enumerated() {
    if token.kind == .endOfFile, index != tokens.count - 1 { violation("endOfFile before the end at token \(index)") }
    if token.length == 0, token.kind != .endOfFile { violation("empty token \(index) \(token)") }
    if Int(token.start) < position { violation("token \(index) \(token) starts before \(position)") }
    if token.end > source.count { violation("token \(index) \(token) ends past \(source.count)") }
    for offset in position..<Int(token.start) {
      let byte = source[offset]
      let isBlank = byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D || byte == 0x0C || byte == 0x0B
      if !isBlank && !(hasBOM && offset < 3) { violation("byte \(byte) at \(offset) is in no token (before \(index))") }
    }
    position = token.end
  }
  if position != source.count { violation("bytes after the last token: \(position) of \(source.count)") }
  // Linear work: one token per byte at most, plus endOfFile.
  if tokens.count > source.count + 1 { violation("\(tokens.count) tokens for \(source.count) bytes") }
}
