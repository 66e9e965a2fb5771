/// An inline `llmlint:` directive read from a comment: which findings it hides, where it stands, and why.
///
/// Forms (Python `#`, Swift `//`; the reason is free text and optional):
///
/// ```
/// x = client.chat.completions.create(m)  # llmlint: ignore[openai-chat-completions] billed by the proxy
/// # llmlint: ignore                       (own line: covers the next line; every rule)
/// // llmlint: disable-file                (anywhere in the file; every rule, or those listed)
/// ```
///
/// An `ignore` covers findings whose call starts, ends or spans its line; standing alone on its line it
/// also covers the call that starts on the next line. Only comment tokens are read, so text inside a
/// string literal is never a directive. Modelled on ruff's `noqa` handling (`crates/ruff_linter/src/noqa.rs`).
public struct Suppression: Sendable, Equatable {
  public enum Scope: String, Sendable {
    /// `ignore`: the comment's line (and the next one, when the comment stands alone).
    case line
    /// `disable-file`: the whole file.
    case file
  }

  public var scope: Scope
  /// The rule ids listed in `[...]`; empty means every rule.
  public var ruleIDs: [String]
  /// The text after the directive, trimmed; empty when none was given.
  public var reason: String
  /// 1-based line and column of the comment.
  public var line: Int
  public var column: Int
  /// Whether only whitespace precedes the comment on its line.
  public var ownLine: Bool
  /// Byte offsets of the comment token.
  public var startOffset: Int
  public var endOffset: Int

  public init(
    scope: Scope, ruleIDs: [String], reason: String, line: Int, column: Int, ownLine: Bool, startOffset: Int,
    endOffset: Int
  ) {
    self.scope = scope
    self.ruleIDs = ruleIDs
    self.reason = reason
    self.line = line
    self.column = column
    self.ownLine = ownLine
    self.startOffset = startOffset
    self.endOffset = endOffset
  }

  /// The directive in canonical form, without the reason: `llmlint: ignore[a, b]`.
  public var canonicalText: String {
    let verb = scope == .line ? "ignore" : "disable-file"
    return ruleIDs.isEmpty ? "llmlint: \(verb)" : "llmlint: \(verb)[\(ruleIDs.joined(separator: ", "))]"
  }

  /// Whether this directive covers `finding` by position and rule.
  public func covers(_ finding: Finding) -> Bool {
    guard ruleIDs.isEmpty || ruleIDs.contains(finding.ruleID) else { return false }
    switch scope {
    case .file: return true
    case .line:
      // Any line of the call, from its receiver's to its closing bracket's (the called name's among them), or
      // a comment on its own line just above the call.
      let first = min(finding.startLine, finding.line)
      return (first...max(first, finding.endLine)).contains(line) || (ownLine && line == first - 1)
    }
  }

  // MARK: - Rule ids of the findings about directives

  /// A directive that hides nothing (like ruff's RUF100).
  public static let unusedRuleID = "unused-suppression"
  /// A comment that looks like a directive but does not parse.
  public static let invalidRuleID = "invalid-suppression"

  /// The rules behind the findings llmlint reports about its own directives, for listings such as SARIF's.
  public static let metaRules: [Rule] = [
    Rule(
      id: unusedRuleID, provider: "llmlint", languages: Language.allCases, patterns: [],
      message: "An llmlint suppression comment that hides no finding; remove it, or fix its rule ids",
      origin: .builtIn(line: 0)),
    Rule(
      id: invalidRuleID, provider: "llmlint", languages: Language.allCases, patterns: [],
      message:
        "A comment that looks like an llmlint directive but does not parse; write it as '# llmlint: ignore[rule-id, ...] reason' or '# llmlint: disable-file'",
      origin: .builtIn(line: 0)),
  ]

  /// How the right form reads in `language`.
  public static func expectedForm(_ language: Language) -> String {
    let introducer = language.commentIntroducer
    return "expected '\(introducer) llmlint: ignore[rule-id, ...] reason' or '\(introducer) llmlint: disable-file'"
  }
}

/// What one comment holds: a directive, a malformed attempt at one, or (returned as `nil`) nothing.
public enum DirectiveParse: Sendable, Equatable {
  case directive(scope: Suppression.Scope, ruleIDs: [String], reason: String)
  /// `detail` says what is wrong, e.g. `missing ':' after 'llmlint'`.
  case malformed(detail: String)
}

/// Reads `llmlint:` directives out of comment tokens, with the tokenizers' `ByteCursor`.
public enum SuppressionParser {
  /// Parses the comment `comment` (its bytes, introducer included: `# ...`, `// ...`).
  ///
  /// Every `#` (Python) or `//` (Swift) in the comment may start a directive, so `# type: ignore  #
  /// llmlint: ignore` works; the first one that names `llmlint` decides. Text that mentions llmlint without
  /// looking like a directive (`# llmlint is advisory`) is `nil`, not malformed. Swift block comments and
  /// shebang lines hold no directives. Never traps, whatever the bytes.
  public static func parse(comment: UnsafeBufferPointer<UInt8>, language: Language) -> DirectiveParse? {
    let introducer = language.syntax.lineComment
    func isIntroducer(at index: Int) -> Bool {
      guard !introducer.isEmpty, index + introducer.count <= comment.count else { return false }
      for offset in 0..<introducer.count where comment[index + offset] != introducer[offset] { return false }
      return true
    }
    guard isIntroducer(at: 0) else { return nil }
    let introducerBytes = Set(introducer)
    var index = 0
    while index < comment.count {
      guard isIntroducer(at: index) else {
        index += 1
        continue
      }
      var cursor = ByteCursor(comment, position: index)
      // Runs of comment marks (`##`, `///`, `#//`) are skipped whatever the language.
      cursor.advance(while: { $0 == UInt8(ascii: "#") || $0 == UInt8(ascii: "/") || introducerBytes.contains($0) })
      index = cursor.position
      cursor.advance(while: isBlank)
      if let parsed = parseDirective(&cursor) { return parsed }
    }
    return nil
  }

  /// Reads a directive at `cursor` (after the introducer and blanks), or returns `nil` if none starts there.
  private static func parseDirective(_ cursor: inout ByteCursor) -> DirectiveParse? {
    // `llmlint`, in any case, as a whole word.
    let word = Array("llmlint".utf8)
    var exact = true
    for byte in word {
      guard let next = cursor.peek(), next | 0x20 == byte else { return nil }
      if next != byte { exact = false }
      cursor.advance()
    }
    if let next = cursor.peek(), ASCII.isIdentifierContinue(next) || next == UInt8(ascii: "-") { return nil }
    var probe = cursor
    probe.advance(while: isBlank)
    if !probe.advance(matching: UInt8(ascii: ":")) {
      // `# llmlint ignore`, `# llmlint[x]`: a directive missing its colon. Anything else is prose.
      let verb = readWord(&probe)
      if probe.peek() == UInt8(ascii: "[") || Self.verbLike.contains(where: { verb.hasPrefix($0) }) {
        return .malformed(detail: "missing ':' after 'llmlint'")
      }
      return nil
    }
    guard exact else { return .malformed(detail: "write 'llmlint' in lower case") }
    cursor = probe
    cursor.advance(while: isBlank)
    let verb = readWord(&cursor)
    let scope: Suppression.Scope
    switch verb {
    case "ignore": scope = .line
    case "disable-file": scope = .file
    case "": return .malformed(detail: "missing directive after 'llmlint:'")
    default: return .malformed(detail: "unknown directive '\(verb)'")
    }
    var ruleIDs: [String] = []
    if cursor.advance(matching: UInt8(ascii: "[")) {
      while true {
        cursor.advance(while: isBlank)
        let begin = cursor.position
        cursor.advance(while: { $0 != UInt8(ascii: ",") && $0 != UInt8(ascii: "]") })
        var end = cursor.position
        while end > begin, isBlank(cursor.bytes[end - 1]) { end -= 1 }
        let id = String(decoding: UnsafeBufferPointer(rebasing: cursor.bytes[begin..<end]), as: UTF8.self)
        guard let terminator = cursor.advance() else {
          return .malformed(detail: "missing ']' after the rule ids")
        }
        if id.isEmpty {
          return .malformed(
            detail: ruleIDs.isEmpty && terminator == UInt8(ascii: "]")
              ? "empty rule list '[]'" : "empty rule id in the list")
        }
        guard Rule.isWellFormedID(id) else {
          return .malformed(
            detail: "invalid rule id '\(id)' (rule ids are lower-case words joined by '-', separated by ',')")
        }
        if !ruleIDs.contains(id) { ruleIDs.append(id) }
        if terminator == UInt8(ascii: "]") { break }
      }
    }
    if let next = cursor.peek(), !isBlank(next), next != UInt8(ascii: "-"), next != UInt8(ascii: ":"), next != 0xE2 {
      let verbText = ruleIDs.isEmpty ? verb : "\(verb)[...]"
      return .malformed(detail: "unexpected '\(String(decoding: [next], as: UTF8.self))' after '\(verbText)'")
    }
    cursor.advance(while: isBlank)
    // The reason: free text, with a leading `:`, `-`, `--` or `—` separator dropped.
    if cursor.peek() == 0xE2, cursor.peek(at: 1) == 0x80, cursor.peek(at: 2) == 0x94 {  // an em dash
      cursor.position += 3
    } else if !cursor.advance(matching: "--"), !cursor.advance(matching: UInt8(ascii: "-")) {
      _ = cursor.advance(matching: UInt8(ascii: ":"))
    }
    cursor.advance(while: isBlank)
    var end = cursor.bytes.count
    while end > cursor.position, isBlank(cursor.bytes[end - 1]) || cursor.bytes[end - 1] == ASCII.carriageReturn {
      end -= 1
    }
    let reason = String(decoding: UnsafeBufferPointer(rebasing: cursor.bytes[cursor.position..<end]), as: UTF8.self)
    return .directive(scope: scope, ruleIDs: ruleIDs, reason: reason)
  }

  /// Words that make `# llmlint <word>` a directive missing its colon rather than prose.
  private static let verbLike = ["ignore", "disable", "enable", "noqa", "skip"]

  private static func readWord(_ cursor: inout ByteCursor) -> String {
    let begin = cursor.position
    cursor.advance(while: { ASCII.isIdentifierContinue($0) || $0 == UInt8(ascii: "-") })
    return String(decoding: UnsafeBufferPointer(rebasing: cursor.bytes[begin..<cursor.position]), as: UTF8.self)
  }

  @inline(__always) private static func isBlank(_ byte: UInt8) -> Bool {
    byte == ASCII.space || byte == ASCII.tab
  }

  /// Whether the comment mentions `llmlint` in any case: a cheap filter before parsing.
  @inline(__always) static func mentionsLLMLint(_ comment: UnsafeBufferPointer<UInt8>) -> Bool {
    let count = comment.count
    guard count >= 7 else { return false }
    var index = 0
    while index + 7 <= count {
      if comment[index] | 0x20 == UInt8(ascii: "l"), comment[index + 1] | 0x20 == UInt8(ascii: "l"),
        comment[index + 2] | 0x20 == UInt8(ascii: "m"), comment[index + 3] | 0x20 == UInt8(ascii: "l"),
        comment[index + 4] | 0x20 == UInt8(ascii: "i"), comment[index + 5] | 0x20 == UInt8(ascii: "n"),
        comment[index + 6] | 0x20 == UInt8(ascii: "t")
      {
        return true
      }
      index += 1
    }
    return false
  }
}

/// The directives of one file, and the findings about malformed ones, ready to apply to its findings.
struct FileSuppressions {
  /// A comment that mentions llmlint, with what it parsed to.
  struct Comment {
    var token: Token
    var parse: DirectiveParse
  }

  var comments: [Comment] = []

  /// Collects the comments among `tokens` that hold a directive or a malformed one.
  init(source: UnsafeBufferPointer<UInt8>, tokens: [Token], language: Language) {
    self.init(source: source, comments: tokens.filter { $0.kind == .comment }, language: language)
  }

  /// Collects the comment tokens `comments` (`CodeTokens.comments`) that hold a directive or a malformed one.
  init(source: UnsafeBufferPointer<UInt8>, comments tokens: [Token], language: Language) {
    for token in tokens where token.kind == .comment {
      let text = UnsafeBufferPointer(rebasing: source[Int(token.start)..<token.end])
      guard SuppressionParser.mentionsLLMLint(text),
        let parse = SuppressionParser.parse(comment: text, language: language)
      else { continue }
      comments.append(Comment(token: token, parse: parse))
    }
  }

  var isEmpty: Bool { comments.isEmpty }

  /// Hides the findings the directives cover and adds findings about malformed and (when
  /// `reportUnused`) unused directives. `findings` are one file's, in source order; the result's
  /// `findings` stay in source order.
  func apply(
    to findings: [Finding], path: String, language: Language, source: UnsafeBufferPointer<UInt8>, lines: LineIndex,
    activeRuleIDs: Set<String>, reportUnused: Bool
  ) -> LintResult {
    var directives: [Suppression] = []
    var result = LintResult()
    var meta: [Finding] = []
    for comment in comments {
      let start = Int(comment.token.start)
      let (line, column) = lines.location(of: start, in: source)
      let lineStart = lines.lineStarts[line - 1]
      var ownLine = true
      for offset in lineStart..<start where source[offset] != ASCII.space && source[offset] != ASCII.tab {
        ownLine = false
        break
      }
      switch comment.parse {
      case .directive(let scope, let ruleIDs, let reason):
        directives.append(
          Suppression(
            scope: scope, ruleIDs: ruleIDs, reason: reason, line: line, column: column, ownLine: ownLine,
            startOffset: start, endOffset: comment.token.end))
      case .malformed(let detail):
        meta.append(
          metaFinding(
            Suppression.invalidRuleID, path: path, line: line, column: column, token: comment.token, source: source,
            lines: lines, message: "malformed llmlint directive: \(detail); \(Suppression.expectedForm(language))",
            callee: normalisedComment(comment.token, source)))
      }
    }
    // used[d][i]: directive d hid a finding of its i-th rule id (index 0 when it lists none).
    var used = directives.map { [Bool](repeating: false, count: max(1, $0.ruleIDs.count)) }
    for var finding in findings {
      var chosen: Int? = nil
      for (index, directive) in directives.enumerated() where directive.covers(finding) {
        used[index][directive.ruleIDs.firstIndex(of: finding.ruleID) ?? 0] = true
        // A line directive says more about this call than a file-wide one: its reason wins.
        if chosen == nil || (directives[chosen!].scope == .file && directive.scope == .line) { chosen = index }
      }
      if let chosen {
        finding.suppression = FindingSuppression(kind: .inSource, justification: directives[chosen].reason)
        result.suppressed.append(finding)
      } else {
        result.findings.append(finding)
      }
    }
    if reportUnused {
      for (index, directive) in directives.enumerated() {
        guard let message = unusedMessage(directive, used: used[index], activeRuleIDs: activeRuleIDs) else { continue }
        let token = Token(
          kind: .comment, start: directive.startOffset, length: directive.endOffset - directive.startOffset)
        meta.append(
          metaFinding(
            Suppression.unusedRuleID, path: path, line: directive.line, column: directive.column, token: token,
            source: source, lines: lines, message: message, callee: directive.canonicalText.filter { $0 != " " }))
      }
    }
    if !meta.isEmpty {
      result.findings += meta
      result.findings.sort(by: Finding.ordered)
    }
    return result
  }

  /// The message of the `unused-suppression` finding for `directive`, or `nil` when every part was used.
  private func unusedMessage(_ directive: Suppression, used: [Bool], activeRuleIDs: Set<String>) -> String? {
    if directive.ruleIDs.isEmpty {
      guard !used[0] else { return nil }
      return directive.scope == .file
        ? "unused suppression 'llmlint: disable-file': no finding in this file to hide; remove it"
        : "unused suppression 'llmlint: ignore': no finding here to hide; remove it"
    }
    var unknown: [String] = []
    var idle: [String] = []
    for (position, id) in directive.ruleIDs.enumerated() where !used[position] {
      if activeRuleIDs.contains(id) { idle.append(id) } else { unknown.append(id) }
    }
    guard !unknown.isEmpty || !idle.isEmpty else { return nil }
    var parts: [String] = []
    if !idle.isEmpty {
      let place = directive.scope == .file ? "in this file" : "here"
      parts.append("no \(idle.map { "'\($0)'" }.joined(separator: " or ")) finding \(place) to hide")
    }
    for id in unknown {
      var part = "'\(id)' is not an active rule"
      let near = activeRuleIDs.map { ($0, editDistance(Array(id.utf8), Array($0.utf8))) }
        .filter { $0.1 <= 3 }.min { $0.1 != $1.1 ? $0.1 < $1.1 : $0.0 < $1.0 }
      if let near { part += " (did you mean '\(near.0)'?)" }
      parts.append(part)
    }
    return "unused suppression '\(directive.canonicalText)': \(parts.joined(separator: "; "))"
  }

  private func metaFinding(
    _ ruleID: String, path: String, line: Int, column: Int, token: Token, source: UnsafeBufferPointer<UInt8>,
    lines: LineIndex, message: String, callee: String
  ) -> Finding {
    let lineRange = lines.lineRange(line - 1, in: source)
    let lineText =
      lineRange.count <= Finding.maximumSourceLine
      ? String(decoding: UnsafeBufferPointer(rebasing: source[lineRange]), as: UTF8.self) : ""
    let end = lines.location(of: token.end, in: source)
    return Finding(
      path: path, line: line, column: column, startOffset: Int(token.start), endOffset: token.end, endLine: line,
      ruleID: ruleID, provider: "llmlint", severity: .warning, message: message, callee: callee, sourceLine: lineText,
      endColumn: end.line == line ? end.column : column + 1)
  }

  /// The comment without blanks, at most 200 bytes: the stable text a baseline keys a malformed directive on.
  private func normalisedComment(_ token: Token, _ source: UnsafeBufferPointer<UInt8>) -> String {
    var bytes: [UInt8] = []
    for offset in Int(token.start)..<token.end where source[offset] > ASCII.space {
      bytes.append(source[offset])
      if bytes.count == 200 { break }
    }
    return String(decoding: bytes, as: UTF8.self)
  }
}
