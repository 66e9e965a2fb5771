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

/// One analysis of a file: its findings (before project facts) and its facts for the call graph.
public struct FileAnalysis: Sendable {
  public var result: LintResult
  public var facts: FileFacts
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

  /// Skips files holding no anchor word of the rules before tokenizing them; `nil` lints every file
  /// (tests compare both ways).
  let prefilter: Prefilter?

  public init(
    ruleSet: RuleSet, facts: ProjectFacts = .empty, reportUnusedSuppressions: Bool = true, usePrefilter: Bool = true
  ) {
    self.ruleSet = ruleSet
    self.facts = facts
    self.reportUnusedSuppressions = reportUnusedSuppressions
    self.activeRuleIDs = Set(ruleSet.rules.filter(\.isEnabled).map(\.id))
    self.prefilter = usePrefilter ? Prefilter(ruleSet: ruleSet) : nil
  }

  /// The findings of `file` to report, in source order (suppressed ones left out).
  public func lint(_ file: SourceFile) -> [Finding] {
    check(file).findings
  }

  /// The findings of `file` to report and the ones its suppression comments hid, each in source order,
  /// with this linter's project facts applied. A file without an anchor word is not tokenized.
  public func check(_ file: SourceFile) -> LintResult {
    if let prefilter, !file.bytes.withUnsafeBufferPointer({ prefilter.mayMatch($0, language: file.language) }) {
      return LintResult()
    }
    var result = analysis(file).result
    result.findings = facts.apply(to: result.findings, path: file.path, ruleSet: ruleSet)
    return result
  }

  /// Whether the prefilter lets `file` through (always, without a prefilter).
  func mayMatch(_ file: SourceFile) -> Bool {
    guard let prefilter else { return true }
    return file.bytes.withUnsafeBufferPointer { prefilter.mayMatch($0, language: file.language) }
  }

  /// One analysis of `file` from one tokenization: its findings after its suppression comments (before
  /// project facts are applied) and its facts for the project's call graph.
  public func analysis(_ file: SourceFile) -> FileAnalysis {
    file.bytes.withUnsafeBufferPointer { source in
      // The token list is handed over whole: CodeTokens compacts it in place (one copy of the tokens).
      let code: CodeTokens
      switch file.language {
      case .python: code = CodeTokens(source: source, tokens: PythonTokenizer.tokenList(source), language: .python)
      case .swift: code = CodeTokens(source: source, tokens: SwiftTokenizer.tokenList(source), language: .swift)
      }
      var regions: [Range<Int>]
      switch file.language {
      case .python: regions = PythonBlocks.trackedRegions(code, ruleSet)
      case .swift: regions = SwiftBraces.trackedRegions(code, ruleSet)
      }
      let functions = FunctionIndex(code)
      regions += functions.bodies(named: ruleSet.trackedFunctionNames, in: code)
      // Tracked paths are relative to the directory of the config that declares them.
      let trackedPath = ruleSet.isTrackedPath(file.path)
      if trackedPath { regions = [0..<(source.count + 1)] }
      let bindings = Bindings(code, functions: functions)
      var fileFacts = FileFacts.extract(
        code: code, functions: functions, bindings: bindings, regions: TrackedRegions(regions))
      if trackedPath { return FileAnalysis(result: LintResult(), facts: fileFacts) }
      let matcher = CallMatcher(
        code: code, ruleSet: ruleSet, imports: ImportTable(code, providers: ruleSet.providerModules), regions: TrackedRegions(regions),
        bindings: bindings)
      let calls = matcher.matches()
      var matched = Set<Int32>()
      for call in calls {
        let function = functions.innermost(containing: call.chain.upperBound - 1)
        if function >= 0 { matched.insert(Int32(function)) }
      }
      fileFacts.matchedFunctions = matched.sorted()
      let suppressions = FileSuppressions(source: source, comments: code.comments, language: file.language)
      guard !calls.isEmpty || !suppressions.isEmpty else { return FileAnalysis(result: LintResult(), facts: fileFacts) }
      let lines = LineIndex(source)
      // Calls come in the order of their callee names; a finding starts where its chain starts, which for
      // a chain whose receiver is itself a long call (`LLM(…\n…).call(…)`) can be before an earlier match.
      let findings = calls.map { call in
        let rule = ruleSet.rules[call.rule]
        // Placed on the called name; the call's first line is kept for suppression comments.
        let (line, column) = lines.location(of: call.calleeOffset, in: source)
        let nameEnd = lines.location(of: call.calleeEnd, in: source)
        let startLine = lines.lineIndex(of: call.start) + 1
        let endLine = lines.lineIndex(of: max(call.start, call.end - 1)) + 1
        let lineRange = lines.lineRange(line - 1, in: source)
        // A very long line (minified or generated code) is not kept per finding: with many calls on one huge
        // line, copies of it would grow with calls x line length.
        let lineText =
          lineRange.count <= Finding.maximumSourceLine ? String(decoding: source[lineRange], as: UTF8.self) : ""
        var callee: [UInt8] = []
        for index in call.chain { callee += code.text(index) }
        var message = rule.message
        if let endpoint = call.endpoint { message += " (endpoint: \(endpoint))" }
        return Finding(
          path: file.path, line: line, column: column, startOffset: call.start, endOffset: call.end, endLine: endLine,
          ruleID: rule.id, provider: rule.provider, severity: rule.severity, message: message,
          callee: String(decoding: callee.prefix(512), as: UTF8.self), sourceLine: lineText,
          endColumn: nameEnd.line == line ? nameEnd.column : column + 1, startLine: startLine)
      }.sorted(by: Finding.ordered)
      guard !suppressions.isEmpty else { return FileAnalysis(result: LintResult(findings: findings), facts: fileFacts) }
      let result = suppressions.apply(
        to: findings, path: file.path, language: file.language, source: source, lines: lines,
        activeRuleIDs: activeRuleIDs, reportUnused: reportUnusedSuppressions)
      return FileAnalysis(result: result, facts: fileFacts)
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
