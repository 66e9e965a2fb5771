/// What linting one file gave: the findings to report (in source order) and those an inline
/// suppression hid (kept for SARIF).
public struct LintResult: Sendable, Equatable {
  public var findings: [Finding]
  public var suppressed: [Finding]

  public init(findings: [Finding] = [], suppressed: [Finding] = []) {
    self.findings = findings
    self.suppressed = suppressed
  }
}

/// Lints one file: tokenize, find tracked regions and imports, match calls, place them on lines, apply
/// the file's `llmlint:` suppression comments.
///
/// A pure function of the file, the rule set and the project's facts (tracked helpers, a LiteLLM
/// callback; see `ProjectFacts`), so files can be linted concurrently and tests can call it on a string.
/// Binary or oversized input is the caller's to skip; any bytes are safe here.
public struct Linter: Sendable {
  public let ruleSet: RuleSet
  /// The project's facts: tracked helpers, a LiteLLM callback (see `ProjectFacts`).
  public let facts: ProjectFacts
  /// Whether a suppression comment that hides nothing is reported (`unused-suppression`).
  public let reportUnusedSuppressions: Bool
  private let activeRuleIDs: Set<String>

  public init(ruleSet: RuleSet, facts: ProjectFacts = .empty, reportUnusedSuppressions: Bool = true) {
    self.ruleSet = ruleSet
    self.facts = facts
    self.reportUnusedSuppressions = reportUnusedSuppressions
    self.activeRuleIDs = Set(ruleSet.rules.filter(\.isEnabled).map(\.id))
  }

  /// The findings of `file` to report, in source order (suppressed ones left out).
  public func lint(_ file: SourceFile) -> [Finding] {
    check(file).findings
  }

  /// The findings of `file` to report and the ones its suppression comments hid, each in source order.
  public func check(_ file: SourceFile) -> LintResult {
    // A tracked path (config `tracked: paths:`) is tracked as a whole.
    if !ruleSet.trackedPathGlobs.isEmpty,
      ruleSet.trackedPathGlobs.isExcludedOrInExcludedDirectory(relativePath: file.path, isDirectory: false)
    {
      return LintResult()
    }
    return file.bytes.withUnsafeBufferPointer { source in
      let tokens: [Token]
      switch file.language {
      case .python: tokens = PythonTokenizer.tokenize(source)
      case .swift: tokens = SwiftTokenizer.tokenize(source)
      }
      let code = CodeTokens(source: source, tokens: tokens, language: file.language)
      var regions: [Range<Int>]
      switch file.language {
      case .python: regions = PythonBlocks.trackedRegions(code, ruleSet)
      case .swift: regions = SwiftBraces.trackedRegions(code, ruleSet)
      }
      let helpers = facts.helpers(in: file.path)
      for helper in helpers where helper.tracked { regions.append(helper.body) }
      let functions = FunctionIndex(code)
      regions += functions.bodies(named: ruleSet.trackedFunctionNames, in: code)
      var matcher = CallMatcher(
        code: code, ruleSet: ruleSet, imports: ImportTable(code), regions: TrackedRegions(regions),
        bindings: Bindings(code, functions: functions))
      matcher.liteLLMCovered = facts.liteLLMCovered(ruleSet)
      let calls = matcher.matches()
      let suppressions = FileSuppressions(source: source, tokens: tokens, language: file.language)
      guard !calls.isEmpty || !suppressions.isEmpty else { return LintResult() }
      let lines = LineIndex(source)
      let findings = calls.map { call in
        let rule = ruleSet.rules[call.rule]
        let (line, column) = lines.location(of: call.start, in: source)
        let endLine = lines.lineIndex(of: max(call.start, call.end - 1)) + 1
        let lineText = String(decoding: source[lines.lineRange(line - 1, in: source)], as: UTF8.self)
        var callee: [UInt8] = []
        for index in call.chain { callee += code.text(index) }
        var message = rule.message
        if let endpoint = call.endpoint { message += " (endpoint: \(endpoint))" }
        // The innermost helper around the call that some callers reach only from tracked code: name an
        // untracked caller, which is where the wrapping belongs.
        if let helper = helpers.last(where: { !$0.tracked && $0.untrackedCaller != nil && $0.body.contains(call.calleeOffset) }) {
          message += "; \(helper.name) is also called outside a tracked context at \(helper.untrackedCaller!)"
        }
        return Finding(
          path: file.path, line: line, column: column, startOffset: call.start, endOffset: call.end, endLine: endLine,
          ruleID: rule.id, provider: rule.provider, severity: rule.severity, message: message,
          callee: String(decoding: callee.prefix(512), as: UTF8.self), sourceLine: lineText)
      }
      // Calls come in the order of their callee names; a finding starts where its chain starts, which for
      // a chain whose receiver is itself a long call (`LLM(…\n…).call(…)`) can be before an earlier match.
      .sorted(by: Finding.ordered)
      guard !suppressions.isEmpty else { return LintResult(findings: findings) }
      return suppressions.apply(
        to: findings, path: file.path, language: file.language, source: source, lines: lines,
        activeRuleIDs: activeRuleIDs, reportUnused: reportUnusedSuppressions)
    }
  }

  /// Lints `text` as a file at `path` (for tests and tools).
  public func lint(_ text: String, language: Language, path: String = "<input>") -> [Finding] {
    lint(SourceFile(path: path, language: language, bytes: Array(text.utf8)))
  }

  /// Checks `text` as a file at `path` (for tests and tools).
  public func check(_ text: String, language: Language, path: String = "<input>") -> LintResult {
    check(SourceFile(path: path, language: language, bytes: Array(text.utf8)))
  }
}
