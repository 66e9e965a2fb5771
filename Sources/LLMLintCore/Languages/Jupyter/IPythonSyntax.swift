/// IPython's own syntax in a code cell, made neutral so the cell reads as Python with its lines and columns
/// kept: a line magic (`%pip install x`), a shell escape (`!ls`, `files = !ls`), a help request (`?obj`,
/// `obj?`) becomes an empty line; a cell magic (`%%bash`) empties the whole cell — except the magics whose
/// body or argument IPython runs as Python: `%%time`, `%%timeit`, `%%capture`, `%%prun`, `%%debug`,
/// `%%python`, `%%python3`, `%%pypy` keep their body, and `%time`, `%timeit`, `%prun` keep their statement
/// (`%time client.chat.completions.create(…)` is a call), the magic and its options blanked with spaces. This
/// is ruff's choice for cell magics, and more for line magics: a call IPython runs is never hidden.
///
/// Magics count only where a statement starts: not inside a bracket, a triple-quoted string or after a
/// line ending in `\`.
enum IPythonSyntax {
  static let pythonCellMagics: Set<String> = ["time", "timeit", "capture", "prun", "debug", "python", "python3", "pypy"]
  static let pythonLineMagics: Set<String> = ["time", "timeit", "prun"]

  /// Neutralizes IPython syntax in one cell's `text`; `origins` (one per byte) follows the bytes kept.
  static func neutralize(_ text: inout [UInt8], _ origins: inout [UInt32]) {
    var lines: [(content: Range<Int>, end: Int)] = []
    var start = 0
    var index = 0
    while index < text.count {
      let byte = text[index]
      if byte == ASCII.lineFeed || byte == ASCII.carriageReturn {
        var end = index + 1
        if byte == ASCII.carriageReturn, end < text.count, text[end] == ASCII.lineFeed { end += 1 }
        lines.append((start..<index, end))
        start = end
        index = end
        continue
      }
      index += 1
    }
    if start < text.count { lines.append((start..<text.count, text.count)) }

    var blank = [Bool](repeating: false, count: lines.count)
    var state = ScanState()
    var firstCode = true
    var blankingContinuation = false
    for (number, line) in lines.enumerated() {
      let content = line.content
      if blankingContinuation {
        blank[number] = true
        blankingContinuation = endsInBackslash(text, content)
        continue
      }
      let atStatement = state.quote == nil && state.depth == 0 && !state.continued
      var first = content.lowerBound
      while first < content.upperBound, text[first] == ASCII.space || text[first] == ASCII.tab { first += 1 }
      if atStatement, first < content.upperBound {
        if firstCode, text[first] == UInt8(ascii: "%"), first + 1 < content.upperBound,
          text[first + 1] == UInt8(ascii: "%")
        {
          firstCode = false
          let name = word(text, from: first + 2, to: content.upperBound)
          guard pythonCellMagics.contains(name) else {
            // Not Python: the whole cell.
            for other in blank.indices { blank[other] = true }
            break
          }
          blank[number] = true
          continue
        }
        firstCode = false
        if let magic = magicStart(text, content, first) {
          if !keepStatement(&text, magic, content) {
            blank[number] = true
            blankingContinuation = endsInBackslash(text, content)
            continue
          }
        } else if isHelpRequest(text, content, first) {
          blank[number] = true
          continue
        }
      }
      state.scan(text, content)
    }

    var keptText: [UInt8] = []
    var keptOrigins: [UInt32] = []
    keptText.reserveCapacity(text.count)
    keptOrigins.reserveCapacity(text.count)
    for (number, line) in lines.enumerated() {
      let kept = blank[number] ? line.content.upperBound..<line.end : line.content.lowerBound..<line.end
      keptText += text[kept]
      keptOrigins += origins[kept]
    }
    // A cell that ends inside a triple-quoted string would swallow the next cells: the string ends here.
    if let quote = state.quote, !blank.allSatisfy({ $0 }) {
      var at = keptText.count
      while at > 0, keptText[at - 1] == ASCII.lineFeed || keptText[at - 1] == ASCII.carriageReturn { at -= 1 }
      let origin = at > 0 ? keptOrigins[at - 1] : (keptOrigins.first ?? 0)
      keptText.insert(contentsOf: [quote, quote, quote], at: at)
      keptOrigins.insert(contentsOf: [origin, origin, origin], at: at)
    }
    text = keptText
    origins = keptOrigins
  }

  /// Where the magic of a line starts (`%name` or `!cmd`, at `first` or after `name =`), or `nil`.
  private static func magicStart(_ text: [UInt8], _ content: Range<Int>, _ first: Int) -> Int? {
    let byte = text[first]
    if byte == UInt8(ascii: "%") || byte == UInt8(ascii: "!") { return first }
    // `files = !ls`, `a, b = %sx ls`: targets, then `=` (not `==`), then the magic.
    var index = first
    while index < content.upperBound {
      let byte = text[index]
      if ASCII.isLetter(byte) || byte &- UInt8(ascii: "0") < 10 || byte == UInt8(ascii: "_") || byte >= 0x80
        || byte == UInt8(ascii: ".") || byte == UInt8(ascii: ",") || byte == ASCII.space || byte == ASCII.tab
        || byte == UInt8(ascii: "[") || byte == UInt8(ascii: "]") || byte == UInt8(ascii: "*")
      {
        index += 1
        continue
      }
      break
    }
    guard index > first, index < content.upperBound, text[index] == UInt8(ascii: "="),
      index + 1 < content.upperBound, text[index + 1] != UInt8(ascii: "=")
    else { return nil }
    index += 1
    while index < content.upperBound, text[index] == ASCII.space || text[index] == ASCII.tab { index += 1 }
    guard index < content.upperBound, text[index] == UInt8(ascii: "%") || text[index] == UInt8(ascii: "!") else {
      return nil
    }
    return index
  }

  /// For `%time statement` and its kind: blanks the magic and its options with spaces, keeping the
  /// statement, and says so; `false` for any other magic (the line is blanked).
  private static func keepStatement(_ text: inout [UInt8], _ magic: Int, _ content: Range<Int>) -> Bool {
    guard text[magic] == UInt8(ascii: "%"), magic + 1 < content.upperBound, text[magic + 1] != UInt8(ascii: "%")
    else { return false }
    let name = word(text, from: magic + 1, to: content.upperBound)
    guard pythonLineMagics.contains(name) else { return false }
    var end = magic + 1 + name.utf8.count
    func skipBlanks() { while end < content.upperBound, text[end] == ASCII.space || text[end] == ASCII.tab { end += 1 } }
    skipBlanks()
    // Options: `-n 10`, `-r3`, `-q`.
    while end < content.upperBound, text[end] == UInt8(ascii: "-") {
      let option = end
      while end < content.upperBound, text[end] != ASCII.space, text[end] != ASCII.tab { end += 1 }
      let takesValue = end - option == 2 && [UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "p")].contains(text[option + 1])
      skipBlanks()
      if takesValue {
        while end < content.upperBound, text[end] &- UInt8(ascii: "0") < 10 { end += 1 }
        skipBlanks()
      }
    }
    guard end < content.upperBound else { return false }
    for index in magic..<end { text[index] = ASCII.space }
    return true
  }

  /// `?obj`, `obj?`, `obj??` (no comment or string on the line).
  private static func isHelpRequest(_ text: [UInt8], _ content: Range<Int>, _ first: Int) -> Bool {
    if text[first] == UInt8(ascii: "?") { return true }
    var last = content.upperBound - 1
    while last > first, text[last] == ASCII.space || text[last] == ASCII.tab { last -= 1 }
    guard text[last] == UInt8(ascii: "?") else { return false }
    return !text[first...last].contains { $0 == UInt8(ascii: "#") || $0 == UInt8(ascii: "'") || $0 == UInt8(ascii: "\"") }
  }

  private static func word(_ text: [UInt8], from: Int, to end: Int) -> String {
    var index = from
    while index < end, ASCII.isLetter(text[index]) || text[index] &- UInt8(ascii: "0") < 10 || text[index] == UInt8(ascii: "_") {
      index += 1
    }
    return String(decoding: text[from..<index], as: UTF8.self)
  }

  private static func endsInBackslash(_ text: [UInt8], _ content: Range<Int>) -> Bool {
    content.upperBound > content.lowerBound && text[content.upperBound - 1] == UInt8(ascii: "\\")
  }

  /// Where a line leaves Python's scanner: inside a triple-quoted string, brackets open, a `\` continuation.
  struct ScanState {
    var quote: UInt8? = nil
    var depth = 0
    var continued = false

    mutating func scan(_ text: [UInt8], _ content: Range<Int>) {
      var index = content.lowerBound
      let end = content.upperBound
      continued = false
      while index < end {
        let byte = text[index]
        if let quote {
          if byte == UInt8(ascii: "\\") {
            index += 2
            continue
          }
          if byte == quote, index + 2 < end, text[index + 1] == quote, text[index + 2] == quote {
            self.quote = nil
            index += 3
            continue
          }
          index += 1
          continue
        }
        switch byte {
        case UInt8(ascii: "#"): return
        case UInt8(ascii: "("), UInt8(ascii: "["), UInt8(ascii: "{"): depth += 1
        case UInt8(ascii: ")"), UInt8(ascii: "]"), UInt8(ascii: "}"): depth = max(0, depth - 1)
        case UInt8(ascii: "\\") where index == end - 1: continued = true
        case UInt8(ascii: "'"), UInt8(ascii: "\""):
          if index + 2 < end, text[index + 1] == byte, text[index + 2] == byte {
            quote = byte
            index += 3
            continue
          }
          // A one-line string: to its closing quote (or the line's end).
          index += 1
          while index < end, text[index] != byte {
            index += text[index] == UInt8(ascii: "\\") ? 2 : 1
          }
        default: break
        }
        index += 1
      }
    }
  }
}
