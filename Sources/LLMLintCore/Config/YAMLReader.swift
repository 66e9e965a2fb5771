/// Reads the YAML subset llmlint's configuration uses, strictly.
///
/// Follows YAML 1.2.2 (https://yaml.org/spec/1.2.2/) for what it accepts:
/// - block maps (`key: value`) and block lists (`- item`, lists of maps `- id: x`, and `key:` followed by
///   `- item` lines at the key's own indentation);
/// - flow lists `[a, b]` and flow maps `{a: 1, b: [x]}`, which may span lines (a trailing comma is allowed;
///   continuation lines must be indented deeper than the enclosing block, except a closing bracket);
/// - plain scalars (ended by ` #` comments; continuation lines indented deeper than the parent are folded),
///   single-quoted (`''` is a quote) and double-quoted scalars (all YAML 1.2 escapes: `\\ \" \/ \0 \a \b
///   \t \n \v \f \r \e \  \N \_ \L \P \xXX \uXXXX \UXXXXXXXX` and an escaped line break), both of which
///   may span lines (folded as YAML folds them);
/// - block scalars `|` and `>` with `-` / `+` chomping and an optional indentation digit;
/// - comments, blank lines, one optional `---` at the top (a flow, quoted, plain or block-scalar root may
///   follow it on the same line).
///
/// Everything else is an error with a 1-based line and column (columns count Unicode scalars, as
/// `LineIndex` does) and a message that says what was expected: tabs in indentation, inconsistent
/// indentation, duplicate keys, anchors, aliases, tags, complex keys (`?`), flow map entries without `:`
/// (`{a}`), keys split over lines, directives, a second document or `...`, unterminated quotes or flow
/// collections, text after a quoted scalar or flow collection, invalid escapes, invalid UTF-8, NUL and
/// other control bytes, and nesting deeper than `maximumDepth`. Line breaks are `\n`, `\r\n` or a lone
/// `\r`; a leading UTF-8 byte order mark is skipped.
///
/// An empty document (nothing but blank lines, comments and `---`) is `.null` at 1:1. A key with no
/// value (`key:`) is `.null` positioned just after its colon; an empty list item (`-`) just after its dash.
/// Scalars are never typed: `true` and `"true"` are both text, told apart by `isQuoted`; block scalars
/// count as unquoted. The reader never traps, always advances, runs in time linear in the input, and
/// recurses at most `maximumDepth` levels, so it cannot overflow the stack.
public enum YAMLReader {
  /// Lists and maps nested deeper than this are an error rather than a risk to the stack.
  public static let maximumDepth = 100

  /// Reads one YAML document; throws `YAMLError` with line and column on anything outside the subset.
  public static func parse(_ bytes: [UInt8]) throws(YAMLError) -> YAMLNode {
    var parser = try YAMLParser(bytes)
    return try parser.parseDocument()
  }
}

// MARK: - Bytes

private let space: UInt8 = 0x20
private let tab: UInt8 = 0x09
private let hash = UInt8(ascii: "#")
private let colon = UInt8(ascii: ":")
private let dash = UInt8(ascii: "-")
private let comma = UInt8(ascii: ",")
private let doubleQuote = UInt8(ascii: "\"")
private let singleQuote = UInt8(ascii: "'")
private let backslash = UInt8(ascii: "\\")
private let openBracket = UInt8(ascii: "[")
private let closeBracket = UInt8(ascii: "]")
private let openBrace = UInt8(ascii: "{")
private let closeBrace = UInt8(ascii: "}")
private let newline: UInt8 = 0x0A

@inline(__always) private func isBlank(_ byte: UInt8) -> Bool { byte == space || byte == tab }
@inline(__always) private func isFlowIndicator(_ byte: UInt8) -> Bool {
  byte == comma || byte == openBracket || byte == closeBracket || byte == openBrace || byte == closeBrace
}

/// The length of the valid UTF-8 sequence starting at `index`, or 0 when it is invalid (overlong forms,
/// surrogates and values above U+10FFFF included).
private func utf8SequenceLength(_ bytes: [UInt8], _ index: Int) -> Int {
  let count = bytes.count
  func isContinuation(_ offset: Int) -> Bool { offset < count && bytes[offset] & 0xC0 == 0x80 }
  func isIn(_ offset: Int, _ range: ClosedRange<UInt8>) -> Bool { offset < count && range.contains(bytes[offset]) }
  switch bytes[index] {
  case 0xC2...0xDF: return isContinuation(index + 1) ? 2 : 0
  case 0xE0: return isIn(index + 1, 0xA0...0xBF) && isContinuation(index + 2) ? 3 : 0
  case 0xE1...0xEC, 0xEE...0xEF: return isContinuation(index + 1) && isContinuation(index + 2) ? 3 : 0
  case 0xED: return isIn(index + 1, 0x80...0x9F) && isContinuation(index + 2) ? 3 : 0
  case 0xF0:
    return isIn(index + 1, 0x90...0xBF) && isContinuation(index + 2) && isContinuation(index + 3) ? 4 : 0
  case 0xF1...0xF3:
    return isContinuation(index + 1) && isContinuation(index + 2) && isContinuation(index + 3) ? 4 : 0
  case 0xF4:
    return isIn(index + 1, 0x80...0x8F) && isContinuation(index + 2) && isContinuation(index + 3) ? 4 : 0
  default: return 0
  }
}

// MARK: - Parser

/// The last position whose column was counted.
private final class ColumnMemo {
  var line = -1
  var offset = 0
  var column = 1
}

/// The reader's state: the validated bytes split into lines, the next unread line, and the nesting depth.
private struct YAMLParser {
  let bytes: [UInt8]
  /// First byte of each line (after the byte order mark on the first line).
  var lineStarts: [Int] = []
  /// Offset of each line's line break, or of the end of input for the last line.
  var lineEnds: [Int] = []
  /// The first line not consumed yet by the block parser.
  var line = 0
  var depth = 0
  /// The last column computed, to resume from (a reference, so non-mutating methods can update it).
  let columnMemo = ColumnMemo()
  /// The flow parser's position.
  var flowLine = 0
  var flowOffset = 0
  /// A line with content indented this much or less cannot continue a flow collection.
  var flowParentIndent = -1

  /// Splits `input` into lines, checking that it is UTF-8 text without NUL or other control bytes.
  init(_ input: [UInt8]) throws(YAMLError) {
    bytes = input
    let count = input.count
    var index = input.count >= 3 && input[0] == 0xEF && input[1] == 0xBB && input[2] == 0xBF ? 3 : 0
    var lineStart = index
    while index < count {
      let byte = input[index]
      if byte == newline || byte == 0x0D {
        lineStarts.append(lineStart)
        lineEnds.append(index)
        index += 1
        if byte == 0x0D, index < count, input[index] == newline { index += 1 }
        lineStart = index
        continue
      }
      if byte < 0x80 {
        if byte == 0 {
          throw errorInPrelude("unexpected NUL byte (a YAML file must be text)", index, lineStart)
        }
        if (byte < 0x20 && byte != tab) || byte == 0x7F {
          let code = String(byte, radix: 16, uppercase: true)
          let padded = String(repeating: "0", count: 4 - code.count) + code
          throw errorInPrelude("unexpected control character U+\(padded) (a YAML file must be text)", index, lineStart)
        }
        index += 1
        continue
      }
      let length = utf8SequenceLength(input, index)
      if length == 0 {
        let code = String(byte, radix: 16, uppercase: true)
        throw errorInPrelude("invalid UTF-8 byte 0x\(code) (a YAML file must be UTF-8 text)", index, lineStart)
      }
      index += length
    }
    // A final line break ends the last line rather than starting an empty one.
    if lineStart < count || lineStarts.isEmpty {
      lineStarts.append(lineStart)
      lineEnds.append(count)
    }
  }

  private func errorInPrelude(_ message: String, _ offset: Int, _ lineStart: Int) -> YAMLError {
    YAMLError(line: lineStarts.count + 1, column: columnOf(offset, lineStart: lineStart), message: message)
  }

  // MARK: Positions and errors

  private func columnOf(_ offset: Int, lineStart: Int) -> Int {
    var column = 1
    var index = lineStart
    while index < offset && index < bytes.count {
      if bytes[index] & 0xC0 != 0x80 { column += 1 }
      index += 1
    }
    return column + max(0, offset - max(index, lineStart))
  }

  /// The 1-based column of `offset` on the 0-based line `line`. Positions are mostly asked for in increasing
  /// order, so counting resumes from the last answer on the same line: a 100,000-item flow list on one
  /// line stays linear.
  func column(_ offset: Int, _ line: Int) -> Int {
    let memo = columnMemo
    var index = lineStarts[line]
    var column = 1
    if memo.line == line, memo.offset <= offset {
      index = memo.offset
      column = memo.column
    }
    while index < offset && index < lineEnds[line] {
      if bytes[index] & 0xC0 != 0x80 { column += 1 }
      index += 1
    }
    column += max(0, offset - index)
    memo.line = line
    memo.offset = min(offset, lineEnds[line])
    memo.column = column - max(0, offset - index)
    return column
  }

  func error(_ message: String, _ offset: Int, _ line: Int) -> YAMLError {
    YAMLError(line: line + 1, column: column(offset, line), message: message)
  }

  /// The character at `offset`, for messages.
  func character(at offset: Int) -> String {
    guard offset < bytes.count else { return "" }
    var end = offset + 1
    while end < bytes.count, bytes[end] & 0xC0 == 0x80 { end += 1 }
    return String(decoding: bytes[offset..<end], as: UTF8.self)
  }

  func nesting(_ offset: Int, _ line: Int) throws(YAMLError) {
    if depth > YAMLReader.maximumDepth {
      throw error("nesting deeper than \(YAMLReader.maximumDepth) levels is not supported", offset, line)
    }
  }

  // MARK: Lines

  /// The number of leading spaces of `line` and the offset of its first other byte.
  func indentation(_ line: Int) -> (indent: Int, offset: Int) {
    var index = lineStarts[line]
    while index < lineEnds[line], bytes[index] == space { index += 1 }
    return (index - lineStarts[line], index)
  }

  /// Whether `line` holds nothing but spaces, tabs and perhaps a comment.
  func isBlankOrComment(_ line: Int) -> Bool {
    var index = lineStarts[line]
    let end = lineEnds[line]
    while index < end, isBlank(bytes[index]) { index += 1 }
    return index == end || bytes[index] == hash
  }

  /// Whether `line` starts with the document marker `---` or `...` (three `marker` bytes, then a blank or
  /// the end of the line).
  func isDocumentMarker(_ line: Int, _ marker: UInt8) -> Bool {
    let start = lineStarts[line]
    let end = lineEnds[line]
    guard end - start >= 3, bytes[start] == marker, bytes[start + 1] == marker, bytes[start + 2] == marker
    else { return false }
    return end - start == 3 || isBlank(bytes[start + 3])
  }

  /// Moves `line` past blank and comment lines and returns the next line with content, or `nil` at the end.
  /// Throws on a tab in the indentation of a content line and on a document marker.
  mutating func nextContentLine() throws(YAMLError) -> Int? {
    while line < lineStarts.count {
      let start = lineStarts[line]
      let end = lineEnds[line]
      var index = start
      while index < end, bytes[index] == space { index += 1 }
      var content = index
      while content < end, isBlank(bytes[content]) { content += 1 }
      if content == end || bytes[content] == hash {
        line += 1
        continue
      }
      if content != index { throw error("tab in indentation (indent with spaces)", index, line) }
      if index == start {
        if isDocumentMarker(line, dash) {
          throw error("a second document ('---') is not supported (expected one document per file)", start, line)
        }
        if isDocumentMarker(line, UInt8(ascii: ".")) {
          throw error("the document end marker '...' is not supported", start, line)
        }
      }
      return line
    }
    return nil
  }

  // MARK: Document

  mutating func parseDocument() throws(YAMLError) -> YAMLNode {
    var contentAfterDocumentStart: (offset: Int, line: Int)?
    while line < lineStarts.count, isBlankOrComment(line) { line += 1 }
    if line < lineStarts.count {
      let start = lineStarts[line]
      if start < lineEnds[line], bytes[start] == UInt8(ascii: "%") {
        throw error("directives ('%') are not supported", start, line)
      }
      if isDocumentMarker(line, dash) {
        var index = start + 3
        while index < lineEnds[line], isBlank(bytes[index]) { index += 1 }
        if index < lineEnds[line], bytes[index] != hash {
          contentAfterDocumentStart = (index, line)
        } else {
          line += 1
        }
      }
    }
    let root: YAMLNode
    if let (offset, markerLine) = contentAfterDocumentStart {
      // `--- [a, b]`, `--- "text"`, `--- |`: YAML allows a root node that is not a block collection here.
      let isFlow = bytes[offset] == openBracket || bytes[offset] == openBrace
      let key = isFlow ? nil : try scanKey(at: offset, line: markerLine)
      if isListItem(offset, markerLine) || key != nil {
        throw error(
          "a block list or map cannot start on the '---' line (start it on the next line)", offset, markerLine)
      }
      line = markerLine
      root = try parseBlockNode(at: offset, line: markerLine, parentIndent: -1, inline: true)
    } else {
      guard let first = try nextContentLine() else { return YAMLNode(.null, line: 1, column: 1) }
      root = try parseBlockNode(at: indentation(first).offset, line: first, parentIndent: -1, inline: false)
    }
    if let extra = try nextContentLine() {
      let (indent, offset) = indentation(extra)
      switch root.value {
      case .map where indent != root.column - 1, .list where indent != root.column - 1:
        let expected = root.column - 1
        throw error(
          "inconsistent indentation (expected \(expected) spaces as on line \(root.line), found \(indent))",
          offset, extra)
      default:
        throw error("expected the end of the document, found more content", offset, extra)
      }
    }
    return root
  }

  // MARK: Block nodes

  /// Rejects the bytes that cannot start a node of the subset, naming what is not supported.
  func checkNodeStart(_ offset: Int, _ line: Int, isKey: Bool) throws(YAMLError) {
    let byte = bytes[offset]
    let end = lineEnds[line]
    let nextIsBlank = offset + 1 >= end || isBlank(bytes[offset + 1])
    switch byte {
    case UInt8(ascii: "&"): throw error("anchors ('&') are not supported", offset, line)
    case UInt8(ascii: "*"): throw error("aliases ('*') are not supported", offset, line)
    case UInt8(ascii: "!"): throw error("tags ('!') are not supported", offset, line)
    case UInt8(ascii: "?") where nextIsBlank: throw error("complex keys ('?') are not supported", offset, line)
    case colon where nextIsBlank: throw error("expected a key before ':'", offset, line)
    case UInt8(ascii: "%"), UInt8(ascii: "@"), UInt8(ascii: "`"), comma, closeBracket, closeBrace:
      throw error("'\(character(at: offset))' cannot start a plain value (quote the value)", offset, line)
    case openBracket where isKey, openBrace where isKey:
      throw error("flow collections cannot be keys (expected a plain or quoted key)", offset, line)
    case UInt8(ascii: "|") where isKey, UInt8(ascii: ">") where isKey:
      throw error("'\(character(at: offset))' cannot start a plain value (quote the value)", offset, line)
    default: return
    }
  }

  func isListItem(_ offset: Int, _ line: Int) -> Bool {
    offset < lineEnds[line] && bytes[offset] == dash
      && (offset + 1 == lineEnds[line] || isBlank(bytes[offset + 1]))
  }

  /// Parses the node starting at `offset` on `line`. `parentIndent` is the indentation of the enclosing
  /// block (-1 for the root); `inline` means the node follows `key: ` on the key's line, where a block
  /// list or map cannot start. Leaves `line` at the first line it did not consume.
  mutating func parseBlockNode(at offset: Int, line start: Int, parentIndent: Int, inline: Bool)
    throws(YAMLError) -> YAMLNode
  {
    try checkNodeStart(offset, start, isKey: false)
    let byte = bytes[offset]
    if isListItem(offset, start) {
      if inline {
        throw error("a list cannot start on the same line as its key (put '- ...' on the next line)", offset, start)
      }
      return try parseBlockList(indent: offset - lineStarts[start], line: start, compact: false)
    }
    if byte == openBracket || byte == openBrace {
      flowLine = start
      flowOffset = offset
      flowParentIndent = parentIndent
      let node = try parseFlowCollection()
      try expectLineEnd(flowOffset, flowLine, after: byte == openBracket ? "a flow list" : "a flow map")
      line = flowLine + 1
      return node
    }
    if byte == UInt8(ascii: "|") || byte == UInt8(ascii: ">") {
      return try parseBlockScalar(at: offset, line: start, parentIndent: parentIndent)
    }
    if let key = try scanKey(at: offset, line: start) {
      if inline {
        throw error(
          "a map cannot start on the same line as its key (quote the value if it is text,"
            + " or put '\(key.text): ...' on the next line, indented)",
          offset, start)
      }
      return try parseBlockMap(indent: offset - lineStarts[start], line: start)
    }
    if byte == doubleQuote || byte == singleQuote {
      guard let quoted = try scanQuoted(at: offset, line: start, singleLine: false) else {
        preconditionFailure("a multi-line quoted scalar either ends or throws")
      }
      try expectLineEnd(quoted.end, quoted.line, after: "a quoted string")
      line = quoted.line + 1
      return YAMLNode(
        .scalar(String(decoding: quoted.text, as: UTF8.self), isQuoted: true), line: start + 1,
        column: column(offset, start))
    }
    return try parsePlain(at: offset, line: start, parentIndent: parentIndent)
  }

  /// Throws unless only blanks and perhaps a comment follow `offset` on `line`.
  func expectLineEnd(_ offset: Int, _ line: Int, after what: String) throws(YAMLError) {
    var index = offset
    let end = lineEnds[line]
    while index < end, isBlank(bytes[index]) { index += 1 }
    if index == end || (bytes[index] == hash && index > offset) { return }
    throw error("unexpected text after \(what) (expected a comment or the end of the line)", index, line)
  }

  /// A map key found on a line: its text, whether it was quoted, and the offset of its `:`.
  struct Key {
    var text: String
    var colon: Int
  }

  /// Reads `key:` at `offset` if the line holds a map entry there (a plain or single-line quoted key, then
  /// `:` followed by a blank or the end of the line); `nil` otherwise.
  func scanKey(at offset: Int, line: Int) throws(YAMLError) -> Key? {
    let end = lineEnds[line]
    let byte = bytes[offset]
    if byte == doubleQuote || byte == singleQuote {
      guard let quoted = try scanQuoted(at: offset, line: line, singleLine: true) else { return nil }
      var index = quoted.end
      while index < end, isBlank(bytes[index]) { index += 1 }
      guard index < end, bytes[index] == colon, index + 1 == end || isBlank(bytes[index + 1]) else { return nil }
      return Key(text: String(decoding: quoted.text, as: UTF8.self), colon: index)
    }
    var index = offset
    var lastNonBlank = offset
    while index < end {
      let current = bytes[index]
      if current == colon, index + 1 == end || isBlank(bytes[index + 1]) {
        return Key(text: String(decoding: bytes[offset..<lastNonBlank], as: UTF8.self), colon: index)
      }
      if current == hash, index > offset, isBlank(bytes[index - 1]) { return nil }
      if !isBlank(current) { lastNonBlank = index + 1 }
      index += 1
    }
    return nil
  }

  /// Parses a block map whose first key is at indentation `indent` on `line`.
  mutating func parseBlockMap(indent: Int, line first: Int) throws(YAMLError) -> YAMLNode {
    let firstOffset = lineStarts[first] + indent
    depth += 1
    defer { depth -= 1 }
    try nesting(firstOffset, first)
    var entries: [YAMLEntry] = []
    var firstLines: [String: Int] = [:]
    var current = first
    var offset = firstOffset
    while true {
      if isListItem(offset, current) {
        throw error("expected a map entry ('key: value'), found a list item", offset, current)
      }
      try checkNodeStart(offset, current, isKey: true)
      guard let key = try scanKey(at: offset, line: current) else {
        throw error("expected a map entry ('key: value'), found text without ':'", offset, current)
      }
      if let previous = firstLines[key.text] {
        throw error("duplicate key '\(key.text)' (first defined on line \(previous))", offset, current)
      }
      firstLines[key.text] = current + 1
      let end = lineEnds[current]
      var valueOffset = key.colon + 1
      while valueOffset < end, isBlank(bytes[valueOffset]) { valueOffset += 1 }
      let value: YAMLNode
      if valueOffset == end || bytes[valueOffset] == hash {
        line = current + 1
        let empty = YAMLNode(.null, line: current + 1, column: column(key.colon + 1, current))
        if let next = try nextContentLine() {
          let (nextIndent, nextOffset) = indentation(next)
          if nextIndent > indent {
            value = try parseBlockNode(at: nextOffset, line: next, parentIndent: indent, inline: false)
          } else if nextIndent == indent, isListItem(nextOffset, next) {
            value = try parseBlockList(indent: indent, line: next, compact: true)
          } else {
            value = empty
          }
        } else {
          value = empty
        }
      } else {
        value = try parseBlockNode(at: valueOffset, line: current, parentIndent: indent, inline: true)
      }
      entries.append(YAMLEntry(key: key.text, line: current + 1, column: column(offset, current), value: value))
      guard let next = try nextContentLine() else { break }
      let (nextIndent, nextOffset) = indentation(next)
      if nextIndent < indent { break }
      if nextIndent > indent {
        throw error(
          "inconsistent indentation (expected \(indent) spaces as on line \(first + 1), found \(nextIndent))",
          nextOffset, next)
      }
      current = next
      offset = nextOffset
    }
    return YAMLNode(.map(entries), line: first + 1, column: column(firstOffset, first))
  }

  /// Parses a block list whose first `-` is at indentation `indent` on `line`. A `compact` list is the value
  /// of a key at the same indentation; a line there that is not a list item ends it rather than failing.
  mutating func parseBlockList(indent: Int, line first: Int, compact: Bool) throws(YAMLError) -> YAMLNode {
    let firstOffset = lineStarts[first] + indent
    depth += 1
    defer { depth -= 1 }
    try nesting(firstOffset, first)
    var items: [YAMLNode] = []
    var current = first
    while true {
      let dashOffset = lineStarts[current] + indent
      let end = lineEnds[current]
      var valueOffset = dashOffset + 1
      while valueOffset < end, isBlank(bytes[valueOffset]) { valueOffset += 1 }
      if valueOffset == end || bytes[valueOffset] == hash {
        line = current + 1
        let empty = YAMLNode(.null, line: current + 1, column: column(dashOffset + 1, current))
        if let next = try nextContentLine(), indentation(next).indent > indent {
          items.append(
            try parseBlockNode(at: indentation(next).offset, line: next, parentIndent: indent, inline: false))
        } else {
          items.append(empty)
        }
      } else {
        items.append(try parseBlockNode(at: valueOffset, line: current, parentIndent: indent, inline: false))
      }
      guard let next = try nextContentLine() else { break }
      let (nextIndent, nextOffset) = indentation(next)
      if nextIndent < indent { break }
      if nextIndent > indent {
        throw error(
          "inconsistent indentation (expected \(indent) spaces as on line \(first + 1), found \(nextIndent))",
          nextOffset, next)
      }
      if !isListItem(nextOffset, next) {
        if compact { break }
        let found = try scanKey(at: nextOffset, line: next) != nil ? "a map entry" : "text"
        throw error("expected a list item ('- value'), found \(found)", nextOffset, next)
      }
      current = next
    }
    return YAMLNode(.list(items), line: first + 1, column: column(firstOffset, first))
  }

  // MARK: Scalars

  /// Scans one line of a plain scalar from `offset`: returns where its text ends (trailing blanks dropped)
  /// and whether a comment ended it. `continued` is the line the scalar started on, when this is a
  /// continuation line, where `key: value` means the indentation is wrong.
  func scanPlainLine(from offset: Int, line: Int, continuedFrom: Int?) throws(YAMLError) -> (end: Int, comment: Bool) {
    let end = lineEnds[line]
    var index = offset
    var lastNonBlank = offset
    while index < end {
      let byte = bytes[index]
      if byte == hash, index > offset, isBlank(bytes[index - 1]) { return (lastNonBlank, true) }
      if byte == colon, index + 1 == end || isBlank(bytes[index + 1]) {
        if let startLine = continuedFrom {
          throw error(
            "unexpected 'key: value' inside a plain scalar continued from line \(startLine + 1)"
              + " (check the indentation, or quote the value)", index, line)
        }
        throw error("unexpected ': ' in a plain value (quote the value)", index, line)
      }
      if !isBlank(byte) { lastNonBlank = index + 1 }
      index += 1
    }
    return (lastNonBlank, false)
  }

  /// Parses a plain scalar in block context, folding continuation lines indented deeper than
  /// `parentIndent` (one line break becomes a space, each blank line a line break).
  mutating func parsePlain(at offset: Int, line start: Int, parentIndent: Int) throws(YAMLError) -> YAMLNode {
    let first = try scanPlainLine(from: offset, line: start, continuedFrom: nil)
    var text = Array(bytes[offset..<first.end])
    var last = start
    if !first.comment {
      var probe = start + 1
      var blankLines = 0
      while probe < lineStarts.count {
        let (indent, indentEnd) = indentation(probe)
        var content = indentEnd
        while content < lineEnds[probe], isBlank(bytes[content]) { content += 1 }
        if content == lineEnds[probe] {
          blankLines += 1
          probe += 1
          continue
        }
        if indent <= parentIndent || bytes[content] == hash { break }
        if indent == 0, isDocumentMarker(probe, dash) || isDocumentMarker(probe, UInt8(ascii: ".")) { break }
        let scanned = try scanPlainLine(from: content, line: probe, continuedFrom: start)
        if blankLines == 0 {
          text.append(space)
        } else {
          text.append(contentsOf: repeatElement(newline, count: blankLines))
        }
        text.append(contentsOf: bytes[content..<scanned.end])
        last = probe
        blankLines = 0
        probe += 1
        if scanned.comment { break }
      }
    }
    line = last + 1
    return YAMLNode(
      .scalar(String(decoding: text, as: UTF8.self), isQuoted: false), line: start + 1,
      column: column(offset, start))
  }

  /// Reads the quoted scalar whose opening quote is at `offset`: its text, the offset just past the closing
  /// quote and the line it is on. Line breaks inside are folded as YAML folds them. With `singleLine`,
  /// returns `nil` when the line ends before the closing quote; otherwise an unterminated scalar throws.
  func scanQuoted(at offset: Int, line start: Int, singleLine: Bool) throws(YAMLError)
    -> (text: [UInt8], end: Int, line: Int)?
  {
    let quote = bytes[offset]
    let isDouble = quote == doubleQuote
    var text: [UInt8] = []
    var kept = 0  // text.count up to the last byte that a line fold must not strip
    var current = start
    var index = offset + 1
    var end = lineEnds[current]
    var escapedBreak = false
    while true {
      if index >= end {
        if singleLine { return nil }
        if !escapedBreak { text.removeSubrange(kept...) }
        var blankLines = 0
        while true {
          current += 1
          if current >= lineStarts.count {
            let kind =
              isDouble ? "double-quoted string (expected a closing \"" : "single-quoted string (expected a closing '"
            throw error("unterminated \(kind) before the end of the file)", offset, start)
          }
          index = lineStarts[current]
          end = lineEnds[current]
          while index < end, isBlank(bytes[index]) { index += 1 }
          if index < end { break }
          blankLines += 1
        }
        if blankLines > 0 {
          text.append(contentsOf: repeatElement(newline, count: blankLines))
        } else if !escapedBreak {
          text.append(space)
        }
        kept = text.count
        escapedBreak = false
        continue
      }
      let byte = bytes[index]
      if byte == quote {
        if !isDouble, index + 1 < end, bytes[index + 1] == singleQuote {
          text.append(singleQuote)
          index += 2
          kept = text.count
          continue
        }
        return (text, index + 1, current)
      }
      if isDouble, byte == backslash {
        if index + 1 >= end {
          escapedBreak = true
          index += 1
          continue
        }
        index = try readEscape(at: index, line: current, into: &text)
        kept = text.count
        continue
      }
      text.append(byte)
      if !isBlank(byte) { kept = text.count }
      index += 1
    }
  }

  /// Decodes the escape at `offset` (a backslash) into `text`; returns the offset after it.
  func readEscape(at offset: Int, line: Int, into text: inout [UInt8]) throws(YAMLError) -> Int {
    let code = bytes[offset + 1]
    let simple: UInt8?
    switch code {
    case backslash: simple = backslash
    case doubleQuote: simple = doubleQuote
    case UInt8(ascii: "/"): simple = UInt8(ascii: "/")
    case UInt8(ascii: "n"): simple = newline
    case UInt8(ascii: "t"): simple = tab
    case UInt8(ascii: "r"): simple = 0x0D
    case UInt8(ascii: "0"): simple = 0
    case UInt8(ascii: "a"): simple = 0x07
    case UInt8(ascii: "b"): simple = 0x08
    case UInt8(ascii: "v"): simple = 0x0B
    case UInt8(ascii: "f"): simple = 0x0C
    case UInt8(ascii: "e"): simple = 0x1B
    case space: simple = space
    case tab: simple = tab
    default: simple = nil
    }
    if let simple {
      text.append(simple)
      return offset + 2
    }
    let named: String?
    switch code {
    case UInt8(ascii: "N"): named = "\u{85}"
    case UInt8(ascii: "_"): named = "\u{A0}"
    case UInt8(ascii: "L"): named = "\u{2028}"
    case UInt8(ascii: "P"): named = "\u{2029}"
    default: named = nil
    }
    if let named {
      text.append(contentsOf: named.utf8)
      return offset + 2
    }
    let digits: Int
    switch code {
    case UInt8(ascii: "x"): digits = 2
    case UInt8(ascii: "u"): digits = 4
    case UInt8(ascii: "U"): digits = 8
    default:
      throw error(
        "invalid escape '\\\(character(at: offset + 1))' in a double-quoted string"
          + " (expected a YAML escape such as \\n, \\t, \\\\, \\\", \\xXX or \\uXXXX)", offset, line)
    }
    var value: UInt32 = 0
    var index = offset + 2
    while index < offset + 2 + digits {
      guard index < lineEnds[line], let digit = hexValue(bytes[index]) else {
        let shown = String(decoding: bytes[offset..<min(index + 1, lineEnds[line])], as: UTF8.self)
        throw error(
          "invalid escape '\(shown)' in a double-quoted string (expected \(digits) hexadecimal digits)", offset,
          line)
      }
      value = value << 4 | UInt32(digit)
      index += 1
    }
    guard let scalar = Unicode.Scalar(value) else {
      let shown = String(decoding: bytes[offset..<index], as: UTF8.self)
      throw error("invalid escape '\(shown)' (not a Unicode scalar value)", offset, line)
    }
    text.append(contentsOf: Array(String(Character(scalar)).utf8))
    return index
  }

  func hexValue(_ byte: UInt8) -> UInt8? {
    switch byte {
    case UInt8(ascii: "0")...UInt8(ascii: "9"): return byte - UInt8(ascii: "0")
    case UInt8(ascii: "a")...UInt8(ascii: "f"): return byte - UInt8(ascii: "a") + 10
    case UInt8(ascii: "A")...UInt8(ascii: "F"): return byte - UInt8(ascii: "A") + 10
    default: return nil
    }
  }

  /// Parses a block scalar (`|` literal or `>` folded) whose indicator is at `offset`.
  mutating func parseBlockScalar(at offset: Int, line start: Int, parentIndent: Int) throws(YAMLError) -> YAMLNode {
    let isLiteral = bytes[offset] == UInt8(ascii: "|")
    let end = lineEnds[start]
    var chomping = 0  // -1 strip, 0 clip, +1 keep
    var explicitIndent: Int?
    var index = offset + 1
    let headerError = error(
      "invalid block scalar header (expected '|' or '>', an optional '-' or '+' and indentation digit,"
        + " then a comment or the end of the line)", offset, start)
    while index < end, !isBlank(bytes[index]) {
      let byte = bytes[index]
      if (byte == dash || byte == UInt8(ascii: "+")) && chomping == 0 {
        chomping = byte == dash ? -1 : 1
      } else if byte >= UInt8(ascii: "1") && byte <= UInt8(ascii: "9") && explicitIndent == nil {
        explicitIndent = Int(byte - UInt8(ascii: "0"))
      } else {
        throw headerError
      }
      index += 1
    }
    let headerEnd = index
    while index < end, isBlank(bytes[index]) { index += 1 }
    if index < end, !(bytes[index] == hash && index > headerEnd) { throw headerError }

    var contentIndent = explicitIndent.map { parentIndent + $0 }
    // Each content line as a byte range with its indentation removed; `nil` for an empty line.
    var lines: [Range<Int>?] = []
    var leadingBlankSpaces = (count: 0, line: 0)
    var probe = start + 1
    while probe < lineStarts.count {
      let (spaces, spacesEnd) = indentation(probe)
      let allSpaces = spacesEnd == lineEnds[probe]
      if contentIndent == nil {
        if allSpaces {
          if spaces > leadingBlankSpaces.count { leadingBlankSpaces = (spaces, probe) }
          lines.append(nil)
          probe += 1
          continue
        }
        if spaces <= parentIndent { break }
        if leadingBlankSpaces.count > spaces {
          throw error(
            "a leading blank line of the block scalar has more spaces than its first line (\(spaces))",
            lineStarts[leadingBlankSpaces.line] + spaces, leadingBlankSpaces.line)
        }
        contentIndent = spaces
      }
      let indent = contentIndent ?? 0
      if allSpaces {
        lines.append(spaces > indent ? (lineStarts[probe] + indent)..<lineEnds[probe] : nil)
        probe += 1
        continue
      }
      if spaces < indent { break }
      if spaces == 0, isDocumentMarker(probe, dash) || isDocumentMarker(probe, UInt8(ascii: ".")) { break }
      lines.append((lineStarts[probe] + indent)..<lineEnds[probe])
      probe += 1
    }
    line = probe

    let lastContent = lines.lastIndex { $0 != nil }
    var text: [UInt8] = []
    if let lastContent {
      if isLiteral {
        for (number, range) in lines[...lastContent].enumerated() {
          if number > 0 { text.append(newline) }
          if let range { text.append(contentsOf: bytes[range]) }
        }
      } else {
        var previousWasNormal: Bool?
        var blankLines = 0
        for range in lines[...lastContent] {
          guard let range else {
            blankLines += 1
            continue
          }
          let isNormal = !(range.isEmpty || isBlank(bytes[range.lowerBound]))
          if let previous = previousWasNormal {
            if previous && isNormal {
              if blankLines == 0 {
                text.append(space)
              } else {
                text.append(contentsOf: repeatElement(newline, count: blankLines))
              }
            } else {
              text.append(contentsOf: repeatElement(newline, count: blankLines + 1))
            }
          } else {
            text.append(contentsOf: repeatElement(newline, count: blankLines))
          }
          text.append(contentsOf: bytes[range])
          previousWasNormal = isNormal
          blankLines = 0
        }
      }
      // Only line breaks that are there count: the last line of the file may have none.
      let breaks = (start + 1 + lastContent..<probe).filter { lineEnds[$0] < bytes.count }.count
      if chomping == 0, breaks > 0 { text.append(newline) }
      if chomping > 0 { text.append(contentsOf: repeatElement(newline, count: breaks)) }
    } else if chomping > 0 {
      let breaks = (start + 1..<probe).filter { lineEnds[$0] < bytes.count }.count
      text.append(contentsOf: repeatElement(newline, count: breaks))
    }
    return YAMLNode(
      .scalar(String(decoding: text, as: UTF8.self), isQuoted: false), line: start + 1,
      column: column(offset, start))
  }

  // MARK: Flow collections

  /// Moves the flow position past blanks, comments and line breaks; `false` at the end of input.
  mutating func skipFlowSpace() -> Bool {
    while true {
      let end = lineEnds[flowLine]
      while flowOffset < end, isBlank(bytes[flowOffset]) { flowOffset += 1 }
      if flowOffset < end, bytes[flowOffset] == hash,
        flowOffset == lineStarts[flowLine] || isBlank(bytes[flowOffset - 1])
      {
        flowOffset = end
      }
      if flowOffset < end { return true }
      if flowLine + 1 >= lineStarts.count { return false }
      if !canContinueFlow(flowLine + 1) { return false }
      flowLine += 1
      flowOffset = lineStarts[flowLine]
    }
  }

  /// Whether `line` may hold the rest of a flow collection: it is blank, a comment, indented deeper than the
  /// enclosing block, or starts with a closing bracket (`exclude: [` … `]` is a common style).
  func canContinueFlow(_ line: Int) -> Bool {
    if isBlankOrComment(line) { return true }
    let (indent, offset) = indentation(line)
    return indent > flowParentIndent || bytes[offset] == closeBracket || bytes[offset] == closeBrace
  }

  /// Parses the flow list or map whose opening bracket is at the flow position; leaves the position just
  /// past its closing bracket.
  mutating func parseFlowCollection() throws(YAMLError) -> YAMLNode {
    let openLine = flowLine
    let openOffset = flowOffset
    depth += 1
    defer { depth -= 1 }
    try nesting(openOffset, openLine)
    let isList = bytes[openOffset] == openBracket
    let unterminated = error(
      isList ? "unterminated flow list (expected ']')" : "unterminated flow map (expected '}')", openOffset,
      openLine)
    flowOffset += 1
    if isList {
      var items: [YAMLNode] = []
      while true {
        guard skipFlowSpace() else { throw unterminated }
        if bytes[flowOffset] == closeBracket { break }
        items.append(try parseFlowNode(inList: true))
        guard skipFlowSpace() else { throw unterminated }
        if bytes[flowOffset] == comma {
          flowOffset += 1
          continue
        }
        if bytes[flowOffset] == closeBracket { break }
        throw error(
          "expected ',' or ']' in a flow list, found '\(character(at: flowOffset))'", flowOffset, flowLine)
      }
      flowOffset += 1
      return YAMLNode(.list(items), line: openLine + 1, column: column(openOffset, openLine))
    }
    var entries: [YAMLEntry] = []
    var firstLines: [String: Int] = [:]
    while true {
      guard skipFlowSpace() else { throw unterminated }
      if bytes[flowOffset] == closeBrace { break }
      let keyLine = flowLine
      let keyOffset = flowOffset
      let key: String
      let byte = bytes[keyOffset]
      if byte == doubleQuote || byte == singleQuote {
        guard let quoted = try scanQuoted(at: keyOffset, line: keyLine, singleLine: false) else {
          preconditionFailure("a multi-line quoted scalar either ends or throws")
        }
        key = String(decoding: quoted.text, as: UTF8.self)
        flowLine = quoted.line
        flowOffset = quoted.end
      } else {
        if byte == comma {
          throw error("expected a key in a flow map, found ','", keyOffset, keyLine)
        }
        try checkFlowNodeStart(isKey: true)
        key = try scanFlowPlain()
      }
      // YAML keys without `?` are single-line: the key and its `:` share a line.
      if flowLine != keyLine { throw error("a key must fit on one line", keyOffset, keyLine) }
      let keyEnd = flowOffset
      guard skipFlowSpace() else { throw unterminated }
      if flowLine != keyLine {
        throw error("expected ':' after the key '\(key)' on the same line", keyEnd, keyLine)
      }
      guard bytes[flowOffset] == colon else {
        throw error(
          "expected ':' after the key '\(key)' in a flow map, found '\(character(at: flowOffset))'", flowOffset,
          flowLine)
      }
      flowOffset += 1
      let emptyLine = flowLine
      let emptyOffset = flowOffset
      guard skipFlowSpace() else { throw unterminated }
      let value: YAMLNode
      if bytes[flowOffset] == comma || bytes[flowOffset] == closeBrace {
        value = YAMLNode(.null, line: emptyLine + 1, column: column(emptyOffset, emptyLine))
      } else {
        value = try parseFlowNode(inList: false)
      }
      if let previous = firstLines[key] {
        throw error("duplicate key '\(key)' (first defined on line \(previous))", keyOffset, keyLine)
      }
      firstLines[key] = keyLine + 1
      entries.append(YAMLEntry(key: key, line: keyLine + 1, column: column(keyOffset, keyLine), value: value))
      guard skipFlowSpace() else { throw unterminated }
      if bytes[flowOffset] == comma {
        flowOffset += 1
        continue
      }
      if bytes[flowOffset] == closeBrace { break }
      throw error("expected ',' or '}' in a flow map, found '\(character(at: flowOffset))'", flowOffset, flowLine)
    }
    flowOffset += 1
    return YAMLNode(.map(entries), line: openLine + 1, column: column(openOffset, openLine))
  }

  /// Rejects what cannot start a node inside a flow collection.
  func checkFlowNodeStart(isKey: Bool) throws(YAMLError) {
    let byte = bytes[flowOffset]
    let end = lineEnds[flowLine]
    let nextIsBlank = flowOffset + 1 >= end || isBlank(bytes[flowOffset + 1])
    if byte == dash, nextIsBlank {
      throw error("block list items ('- ') are not allowed in a flow collection", flowOffset, flowLine)
    }
    if byte == UInt8(ascii: "|") || byte == UInt8(ascii: ">") || byte == hash {
      throw error("'\(character(at: flowOffset))' cannot start a plain value (quote the value)", flowOffset, flowLine)
    }
    try checkNodeStart(flowOffset, flowLine, isKey: isKey)
  }

  /// Parses a node inside a flow collection at the flow position.
  mutating func parseFlowNode(inList: Bool) throws(YAMLError) -> YAMLNode {
    let startLine = flowLine
    let startOffset = flowOffset
    let byte = bytes[startOffset]
    if byte == openBracket || byte == openBrace { return try parseFlowCollection() }
    if byte == doubleQuote || byte == singleQuote {
      guard let quoted = try scanQuoted(at: startOffset, line: startLine, singleLine: false) else {
        preconditionFailure("a multi-line quoted scalar either ends or throws")
      }
      flowLine = quoted.line
      flowOffset = quoted.end
      return YAMLNode(
        .scalar(String(decoding: quoted.text, as: UTF8.self), isQuoted: true), line: startLine + 1,
        column: column(startOffset, startLine))
    }
    if byte == comma || byte == closeBracket || byte == closeBrace || (byte == colon && !inList) {
      let container = inList ? "list" : "map"
      throw error(
        "expected a value in a flow \(container), found '\(character(at: startOffset))'", startOffset, startLine)
    }
    try checkFlowNodeStart(isKey: false)
    let text = try scanFlowPlain()
    return YAMLNode(.scalar(text, isQuoted: false), line: startLine + 1, column: column(startOffset, startLine))
  }

  /// Reads a plain scalar inside a flow collection: it ends before `, [ ] { }`, before `:` followed by a
  /// blank, a flow indicator or a line end, and before a comment; continuation lines are folded.
  mutating func scanFlowPlain() throws(YAMLError) -> String {
    var text: [UInt8] = []
    while true {
      let end = lineEnds[flowLine]
      var index = flowOffset
      var lastNonBlank = flowOffset
      var stopped = false
      while index < end {
        let byte = bytes[index]
        if isFlowIndicator(byte) { stopped = true }
        if byte == colon, index + 1 == end || isBlank(bytes[index + 1]) || isFlowIndicator(bytes[index + 1]) {
          stopped = true
        }
        if byte == hash, index > lineStarts[flowLine], isBlank(bytes[index - 1]) { stopped = true }
        if stopped { break }
        if !isBlank(byte) { lastNonBlank = index + 1 }
        index += 1
      }
      text.append(contentsOf: bytes[flowOffset..<lastNonBlank])
      if stopped {
        flowOffset = index
        return String(decoding: text, as: UTF8.self)
      }
      flowOffset = end
      // The scalar goes on if the next line with content does not start with an indicator or a comment.
      var probe = flowLine + 1
      var blankLines = 0
      var content = 0
      while probe < lineStarts.count {
        content = lineStarts[probe]
        while content < lineEnds[probe], isBlank(bytes[content]) { content += 1 }
        if content < lineEnds[probe] { break }
        blankLines += 1
        probe += 1
      }
      guard probe < lineStarts.count, canContinueFlow(probe) else {
        return String(decoding: text, as: UTF8.self)
      }
      let first = bytes[content]
      let next = content + 1 < lineEnds[probe] ? bytes[content + 1] : space
      if isFlowIndicator(first) || first == hash || (first == colon && (isBlank(next) || isFlowIndicator(next))) {
        return String(decoding: text, as: UTF8.self)
      }
      if blankLines == 0 {
        text.append(space)
      } else {
        text.append(contentsOf: repeatElement(newline, count: blankLines))
      }
      flowLine = probe
      flowOffset = content
    }
  }
}
