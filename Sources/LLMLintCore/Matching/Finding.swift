/// How loudly a finding speaks. llmlint never fails a run on its own; severity only labels output.
public enum Severity: String, Sendable, CaseIterable, Comparable, Encodable {
  case info
  case warning
  case error

  public static func < (lhs: Severity, rhs: Severity) -> Bool {
    let order: [Severity] = [.info, .warning, .error]
    return order.firstIndex(of: lhs)! < order.firstIndex(of: rhs)!
  }
}

/// A direct LLM call in the user's code that is not inside a tracked context.
public struct Finding: Sendable, Equatable {
  /// The path as reported (relative to the current directory when below it).
  public var path: String
  /// 1-based line and column of the called name (`create` in `client\n  .chat.completions\n  .create(`).
  public var line: Int
  public var column: Int
  /// 1-based column just past the called name on `line` (exclusive, as SARIF's `endColumn`): the called
  /// name spans `column..<endColumn`. Always greater than `column`.
  public var endColumn: Int
  /// 1-based line where the call expression starts (its receiver's first token): `line` or before it.
  public var startLine: Int
  /// Byte offsets of the call expression: from the start of its callee chain to its closing bracket.
  public var startOffset: Int
  public var endOffset: Int
  /// 1-based line of the call's closing bracket (the call may span lines).
  public var endLine: Int
  public var ruleID: String
  public var provider: String
  public var severity: Severity
  public var message: String
  /// The callee as written, whitespace and comments removed (`client.chat.completions.create`).
  public var callee: String
  /// Lines longer than this many bytes are not kept in `sourceLine` (it is empty then).
  public static let maximumSourceLine = 4096

  /// The text of the called name's line (`line`), without its line break (for carets); empty when the line
  /// is longer than `maximumSourceLine`.
  public var sourceLine: String
  /// Why the finding is not reported, when an inline comment or the baseline hides it; `nil` when it is.
  /// Hidden findings are kept for SARIF, which carries them as suppressed results.
  public var suppression: FindingSuppression?
  /// For a call site that is tracked (not a finding; `llmlint coverage` lists them): what tracks it.
  public var trackedBy: TrackedBy? = nil
  /// In a notebook: the cell and the line and column within it (`line` and `column` are the `.ipynb`
  /// file's, where annotations land); `nil` in other files.
  public var cell: CellPosition? = nil

  public init(
    path: String, line: Int, column: Int, startOffset: Int, endOffset: Int, endLine: Int, ruleID: String,
    provider: String, severity: Severity, message: String, callee: String, sourceLine: String,
    suppression: FindingSuppression? = nil, trackedBy: TrackedBy? = nil, endColumn: Int? = nil,
    startLine: Int? = nil
  ) {
    self.path = path
    self.line = line
    self.column = column
    self.endColumn = max(column + 1, endColumn ?? column + 1)
    self.startLine = min(line, startLine ?? line)
    self.startOffset = startOffset
    self.endOffset = endOffset
    self.endLine = endLine
    self.ruleID = ruleID
    self.provider = provider
    self.severity = severity
    self.message = message
    self.callee = callee
    self.sourceLine = sourceLine
    self.suppression = suppression
    self.trackedBy = trackedBy
  }

  /// Where the finding is, as text output shows it: `path:line:column`, or in a notebook the cell and the
  /// line and column within it, `nb.ipynb:cell 3:2:5` (as ruff shows them).
  public var location: String {
    cell.map { "\(path):cell \($0.cell):\($0.line):\($0.column)" } ?? "\(path):\(line):\(column)"
  }

  /// Output order: path, line, column, rule.
  public static func ordered(_ lhs: Finding, _ rhs: Finding) -> Bool {
    if lhs.path != rhs.path { return lhs.path.utf8.lexicographicallyPrecedes(rhs.path.utf8) }
    if lhs.line != rhs.line { return lhs.line < rhs.line }
    if lhs.column != rhs.column { return lhs.column < rhs.column }
    return lhs.ruleID < rhs.ruleID
  }
}

/// What hid a finding: an inline `llmlint: ignore` / `disable-file` comment, or an entry of the baseline.
public struct FindingSuppression: Sendable, Equatable {
  public enum Kind: String, Sendable {
    /// A comment in the source (SARIF `inSource`).
    case inSource
    /// The baseline file (SARIF `external`).
    case baseline
  }

  public var kind: Kind
  /// The reason written after the directive, or a note naming the baseline; may be empty.
  public var justification: String

  public init(kind: Kind, justification: String) {
    self.kind = kind
    self.justification = justification
  }
}
