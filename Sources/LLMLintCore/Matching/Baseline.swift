/// Findings accepted as they are: `--write-baseline FILE` records them, `--baseline FILE` hides them so only
/// new ones are reported.
///
/// An entry is keyed on the file's path, the rule id and the normalised text of the call (`Finding.callee`:
/// the callee chain without whitespace or comments), with a count — never a line number, so moving code,
/// editing around it or reformatting a call does not bring it back. The file is JSON with sorted keys and
/// sorted entries, one entry a line, no timestamp: the same findings always give the same bytes.
///
/// ```json
/// {
///   "findings": [
///     {"call": "client.chat.completions.create", "count": 2, "path": "app/chat.py", "rule": "openai-chat-completions"}
///   ],
///   "version": 1
/// }
/// ```
///
/// Modelled on SwiftLint's `Baseline.swift` (keyed on text, not lines), with counts so that a second,
/// identical call in the same file is still reported as new.
public struct Baseline: Sendable, Equatable {
  /// One key and how many findings carry it.
  public struct Entry: Sendable, Equatable, Hashable {
    public var path: String
    public var rule: String
    public var call: String
    public var count: Int

    public init(path: String, rule: String, call: String, count: Int) {
      self.path = path
      self.rule = rule
      self.call = call
      self.count = count
    }

    fileprivate var key: Key { Key(path: path, rule: rule, call: call) }
  }

  fileprivate struct Key: Hashable {
    var path: String
    var rule: String
    var call: String
  }

  public static let version = 1

  /// Sorted by path, rule and call (byte order); one entry per key, counts at least 1.
  public let entries: [Entry]

  /// Merges entries with the same key (adding counts, saturating at `Int.max`), drops counts below 1 and
  /// sorts.
  public init(entries: [Entry]) {
    var counts: [Key: Int] = [:]
    for entry in entries where entry.count > 0 {
      let (sum, overflow) = counts[entry.key, default: 0].addingReportingOverflow(entry.count)
      counts[entry.key] = overflow ? Int.max : sum
    }
    self.entries = counts.map { Entry(path: $0.key.path, rule: $0.key.rule, call: $0.key.call, count: $0.value) }
      .sorted { lhs, rhs in
        if lhs.path != rhs.path { return lhs.path.utf8.lexicographicallyPrecedes(rhs.path.utf8) }
        if lhs.rule != rhs.rule { return lhs.rule.utf8.lexicographicallyPrecedes(rhs.rule.utf8) }
        return lhs.call.utf8.lexicographicallyPrecedes(rhs.call.utf8)
      }
  }

  /// The baseline that accepts exactly `findings`, their paths made relative to `paths.base`.
  public init(findings: [Finding], paths: BaselinePaths = BaselinePaths()) {
    self.init(
      entries: findings.map { Entry(path: paths.key($0.path), rule: $0.ruleID, call: $0.callee, count: 1) })
  }

  /// Splits `findings` (in output order) into those the baseline does not know (`new`) and those it
  /// accepts (`known`, each marked with a `.baseline` suppression naming `source`). When a key has more
  /// findings than its count, the first ones in output order are the known ones.
  public func split(_ findings: [Finding], paths: BaselinePaths = BaselinePaths(), source: String = "the baseline")
    -> (new: [Finding], known: [Finding])
  {
    var remaining: [Key: Int] = [:]
    for entry in entries { remaining[entry.key] = entry.count }
    var new: [Finding] = []
    var known: [Finding] = []
    for var finding in findings {
      let key = Key(path: paths.key(finding.path), rule: finding.ruleID, call: finding.callee)
      if let count = remaining[key], count > 0 {
        remaining[key] = count - 1
        finding.suppression = FindingSuppression(kind: .baseline, justification: "accepted in \(source)")
        known.append(finding)
      } else {
        new.append(finding)
      }
    }
    return (new, known)
  }

  /// The file's bytes as text: sorted keys, sorted entries, one a line, a final newline.
  public func render() -> String {
    guard !entries.isEmpty else { return "{\n  \"findings\": [],\n  \"version\": \(Self.version)\n}\n" }
    var output = "{\n  \"findings\": [\n"
    for (index, entry) in entries.enumerated() {
      output += "    {\"call\": \(JSON.string(entry.call)), \"count\": \(entry.count), "
      output += "\"path\": \(JSON.string(entry.path)), \"rule\": \(JSON.string(entry.rule))}"
      output += index == entries.count - 1 ? "\n" : ",\n"
    }
    return output + "  ],\n  \"version\": \(Self.version)\n}\n"
  }

  /// Reads a baseline file. Throws a `Problem` naming `path`, with line and column when the JSON itself is
  /// broken, and saying what was expected; never traps on any bytes.
  public static func parse(_ bytes: [UInt8], path: String) throws(Problem) -> Baseline {
    let root: JSONNode
    do {
      root = try bytes.withUnsafeBufferPointer { buffer throws(JSONSyntaxError) in
        var reader = JSONSyntaxReader(buffer)
        return try reader.document()
      }
    } catch {
      throw Problem(
        .config, path: path, line: error.line, column: error.column,
        message: "invalid baseline: \(error.message); the baseline is ignored for this run")
    }
    func fail(_ line: Int, _ message: String) -> Problem {
      Problem(
        .config, path: path, line: line, message: "invalid baseline: \(message); the baseline is ignored for this run")
    }
    guard case .object(let members) = root.value else {
      throw fail(root.line, "expected an object {\"findings\": [...], \"version\": 1}")
    }
    var version: Int? = nil
    var list: [JSONNode]? = nil
    for (key, node) in members {
      switch key {
      case "version":
        guard case .integer(let value) = node.value else { throw fail(node.line, "'version' must be the number 1") }
        version = value
      case "findings":
        guard case .array(let items) = node.value else { throw fail(node.line, "'findings' must be an array") }
        list = items
      default:
        throw fail(node.line, "unknown key '\(key)' (expected: findings, version)")
      }
    }
    guard let version else { throw fail(root.line, "missing 'version' (expected 1)") }
    guard version == Self.version else {
      throw fail(root.line, "unsupported version \(version) (expected \(Self.version))")
    }
    guard let list else { throw fail(root.line, "missing 'findings'") }
    var entries: [Entry] = []
    // Counts of one key add up; a sum past Int.max is a broken file, not a trap.
    var totals: [Key: Int] = [:]
    for item in list {
      guard case .object(let fields) = item.value else {
        throw fail(item.line, "each finding must be an object with keys call, count, path, rule")
      }
      var strings: [String: String] = [:]
      var count: Int? = nil
      for (key, node) in fields {
        switch (key, node.value) {
        case ("call", .string(let text)), ("path", .string(let text)), ("rule", .string(let text)):
          strings[key] = text
        case ("count", .integer(let value)) where value >= 1:
          count = value
        case ("count", _):
          throw fail(node.line, "'count' must be a whole number of at least 1")
        case ("call", _), ("path", _), ("rule", _):
          throw fail(node.line, "'\(key)' must be a string")
        default:
          throw fail(node.line, "unknown key '\(key)' in a finding (expected: call, count, path, rule)")
        }
      }
      for key in ["call", "count", "path", "rule"] where key == "count" ? count == nil : strings[key] == nil {
        throw fail(item.line, "finding without '\(key)' (expected keys: call, count, path, rule)")
      }
      let entry = Entry(path: strings["path"]!, rule: strings["rule"]!, call: strings["call"]!, count: count!)
      let (total, overflow) = totals[entry.key, default: 0].addingReportingOverflow(entry.count)
      guard !overflow else {
        throw fail(item.line, "the counts of the findings for this path, rule and call add up to more than \(Int.max)")
      }
      totals[entry.key] = total
      entries.append(entry)
    }
    return Baseline(entries: entries)
  }
}

/// How finding paths become baseline paths: made absolute against the current directory, then relative to
/// the directory of the baseline file when they lie below it, so a baseline at the repository root matches
/// whether llmlint runs from the root or from a subdirectory. With no directories given, paths are kept.
public struct BaselinePaths: Sendable, Equatable {
  /// Absolute; `nil` keeps paths as they are.
  public var currentDirectory: String?
  /// Absolute directory the stored paths are relative to.
  public var base: String?

  public init(currentDirectory: String? = nil, base: String? = nil) {
    self.currentDirectory = currentDirectory
    self.base = base
  }

  /// The key for a finding's `path`.
  public func key(_ path: String) -> String {
    guard let currentDirectory, let base else { return path }
    let absolute = Self.normalise(path.hasPrefix("/") ? path : currentDirectory + "/" + path)
    let prefix = Self.normalise(base)
    let root = prefix == "/" ? "/" : prefix + "/"
    return absolute.hasPrefix(root) ? String(absolute.dropFirst(root.count)) : absolute
  }

  /// `path` with `.` and empty components removed and `..` resolved (never above the root).
  static func normalise(_ path: String) -> String {
    var parts: [Substring] = []
    for part in path.split(separator: "/", omittingEmptySubsequences: true) {
      if part == "." { continue }
      if part == ".." {
        if !parts.isEmpty { parts.removeLast() }
        continue
      }
      parts.append(part)
    }
    return (path.hasPrefix("/") ? "/" : "") + parts.joined(separator: "/")
  }
}

// MARK: - A small JSON reader (RFC 8259) for baseline files, with line and column in its errors

private struct JSONNode {
  enum Value {
    case object([(String, JSONNode)])
    case array([JSONNode])
    case string(String)
    case integer(Int)
    case otherNumber
    case bool(Bool)
    case null
  }

  var value: Value
  var line: Int
}

private struct JSONSyntaxError: Error {
  var line: Int
  var column: Int
  var message: String
}

private struct JSONSyntaxReader {
  var cursor: ByteCursor
  var depth = 0
  let lines: LineIndex

  init(_ bytes: UnsafeBufferPointer<UInt8>) {
    cursor = ByteCursor(bytes)
    lines = LineIndex(bytes)
    // A UTF-8 byte order mark is allowed and skipped.
    if cursor.peek() == 0xEF, cursor.peek(at: 1) == 0xBB, cursor.peek(at: 2) == 0xBF { cursor.position = 3 }
  }

  mutating func document() throws(JSONSyntaxError) -> JSONNode {
    skipSpace()
    if cursor.isAtEnd { throw error("the file is empty (expected a JSON object)") }
    let node = try value()
    skipSpace()
    guard cursor.isAtEnd else { throw error("unexpected text after the JSON value") }
    return node
  }

  private mutating func value() throws(JSONSyntaxError) -> JSONNode {
    let line = lines.lineIndex(of: cursor.position) + 1
    guard let byte = cursor.peek() else { throw error("unexpected end of file (expected a value)") }
    switch byte {
    case UInt8(ascii: "{"):
      try enter()
      cursor.advance()
      var members: [(String, JSONNode)] = []
      skipSpace()
      if !cursor.advance(matching: UInt8(ascii: "}")) {
        while true {
          skipSpace()
          guard cursor.peek() == UInt8(ascii: "\"") else { throw error("expected a string key") }
          let key = try string()
          skipSpace()
          guard cursor.advance(matching: UInt8(ascii: ":")) else { throw error("expected ':' after the key") }
          skipSpace()
          members.append((key, try value()))
          skipSpace()
          if cursor.advance(matching: UInt8(ascii: ",")) { continue }
          if cursor.advance(matching: UInt8(ascii: "}")) { break }
          throw error("expected ',' or '}'")
        }
      }
      depth -= 1
      return JSONNode(value: .object(members), line: line)
    case UInt8(ascii: "["):
      try enter()
      cursor.advance()
      var items: [JSONNode] = []
      skipSpace()
      if !cursor.advance(matching: UInt8(ascii: "]")) {
        while true {
          skipSpace()
          items.append(try value())
          skipSpace()
          if cursor.advance(matching: UInt8(ascii: ",")) { continue }
          if cursor.advance(matching: UInt8(ascii: "]")) { break }
          throw error("expected ',' or ']'")
        }
      }
      depth -= 1
      return JSONNode(value: .array(items), line: line)
    case UInt8(ascii: "\""):
      return JSONNode(value: .string(try string()), line: line)
    case UInt8(ascii: "t"), UInt8(ascii: "f"), UInt8(ascii: "n"):
      if cursor.advance(matching: "true") { return JSONNode(value: .bool(true), line: line) }
      if cursor.advance(matching: "false") { return JSONNode(value: .bool(false), line: line) }
      if cursor.advance(matching: "null") { return JSONNode(value: .null, line: line) }
      throw error("expected a value")
    case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
      return JSONNode(value: try number(), line: line)
    default:
      throw error("expected a value")
    }
  }

  private mutating func enter() throws(JSONSyntaxError) {
    depth += 1
    if depth > 64 { throw error("nested too deeply") }
  }

  private mutating func number() throws(JSONSyntaxError) -> JSONNode.Value {
    let begin = cursor.position
    _ = cursor.advance(matching: UInt8(ascii: "-"))
    guard cursor.advance(while: ASCII.isDigit) > 0 else { throw error("expected a digit") }
    var integral = true
    if cursor.advance(matching: UInt8(ascii: ".")) {
      integral = false
      guard cursor.advance(while: ASCII.isDigit) > 0 else { throw error("expected a digit after '.'") }
    }
    if cursor.peek() == UInt8(ascii: "e") || cursor.peek() == UInt8(ascii: "E") {
      integral = false
      cursor.advance()
      if !cursor.advance(matching: UInt8(ascii: "+")) { _ = cursor.advance(matching: UInt8(ascii: "-")) }
      guard cursor.advance(while: ASCII.isDigit) > 0 else { throw error("expected a digit in the exponent") }
    }
    let text = String(decoding: UnsafeBufferPointer(rebasing: cursor.bytes[begin..<cursor.position]), as: UTF8.self)
    if integral, let value = Int(text) { return .integer(value) }
    return .otherNumber
  }

  private mutating func string() throws(JSONSyntaxError) -> String {
    cursor.advance()  // the opening quote
    var bytes: [UInt8] = []
    while true {
      guard let byte = cursor.advance() else { throw error("unterminated string") }
      switch byte {
      case UInt8(ascii: "\""):
        return String(decoding: bytes, as: UTF8.self)
      case UInt8(ascii: "\\"):
        let escapeStart = cursor.position - 1
        guard let escape = cursor.advance() else { throw error("unterminated string") }
        switch escape {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): bytes.append(escape)
        case UInt8(ascii: "b"): bytes.append(0x08)
        case UInt8(ascii: "f"): bytes.append(0x0C)
        case UInt8(ascii: "n"): bytes.append(0x0A)
        case UInt8(ascii: "r"): bytes.append(0x0D)
        case UInt8(ascii: "t"): bytes.append(0x09)
        case UInt8(ascii: "u"):
          var scalar = try hex4()
          if (0xD800..<0xDC00).contains(scalar), cursor.advance(matching: "\\u") {
            let low = try hex4()
            guard (0xDC00..<0xE000).contains(low) else { throw error("invalid surrogate pair") }
            scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
          }
          guard let unicode = Unicode.Scalar(scalar) else { throw error("invalid \\u escape") }
          bytes += Array(String(Character(unicode)).utf8)
        default:
          cursor.position = escapeStart  // point at the backslash
          throw error("invalid escape '\\\(String(decoding: [escape], as: UTF8.self))'")
        }
      case 0..<0x20:
        throw error("control character in a string")
      default:
        bytes.append(byte)
      }
    }
  }

  private mutating func hex4() throws(JSONSyntaxError) -> UInt32 {
    var value: UInt32 = 0
    for _ in 0..<4 {
      guard let byte = cursor.advance() else { throw error("expected four hex digits after \\u") }
      let digit: UInt8
      switch byte {
      case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
      case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
      case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
      default: throw error("expected four hex digits after \\u")
      }
      value = value << 4 | UInt32(digit)
    }
    return value
  }

  private mutating func skipSpace() {
    cursor.advance(while: { $0 == ASCII.space || $0 == ASCII.tab || $0 == ASCII.lineFeed || $0 == ASCII.carriageReturn }
    )
  }

  /// 1-based line and column of the cursor.
  private func location() -> (line: Int, column: Int) {
    lines.location(of: cursor.position, in: cursor.bytes)
  }

  private func error(_ message: String) -> JSONSyntaxError {
    let (line, column) = location()
    return JSONSyntaxError(line: line, column: column, message: message)
  }
}
