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
  /// with this linter's project facts applied.
  public func check(_ file: SourceFile) -> LintResult {
    var result = analyze(file, extractingFacts: false).result
    result.findings = facts.apply(to: result.findings, path: file.path, ruleSet: ruleSet)
    return result
  }

  /// The file's findings after its suppression comments, before project facts are applied, and, when
  /// asked, the file's own facts for `ProjectFacts`, from one tokenization. With `onlyIfMatched`, facts only
  /// for a file with a rule match (see `Scan.runProject` for when the others are looked at).
  public func analyze(
    _ file: SourceFile, extractingFacts: Bool, onlyIfMatched: Bool = false
  ) -> (result: LintResult, facts: FileFacts?) {
    file.bytes.withUnsafeBufferPointer { source in
      // A file without an anchor word has no finding; it is still read for facts when they are asked for.
      if !extractingFacts, let prefilter, !prefilter.mayMatch(source, language: file.language) {
        return (LintResult(), nil)
      }
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
      let functions = FunctionIndex(code)
      regions += functions.bodies(named: ruleSet.trackedFunctionNames, in: code)
      // Tracked paths are matched against the path as shown, without a leading `./`.
      let trackedPath =
        !ruleSet.trackedPathGlobs.isEmpty
        && ruleSet.trackedPathGlobs.isExcludedOrInExcludedDirectory(
          relativePath: file.path.hasPrefix("./") ? String(file.path.dropFirst(2)) : file.path, isDirectory: false)
      if trackedPath { regions = [0..<(source.count + 1)] }
      if trackedPath {
        let facts =
          extractingFacts && !onlyIfMatched
          ? FileFacts.extract(code: code, functions: functions, regions: TrackedRegions(regions)) : nil
        return (LintResult(), facts)
      }
      let matcher = CallMatcher(
        code: code, ruleSet: ruleSet, imports: ImportTable(code), regions: TrackedRegions(regions),
        bindings: Bindings(code, functions: functions))
      let calls = matcher.matches()
      var fileFacts =
        extractingFacts && (!onlyIfMatched || !calls.isEmpty)
        ? FileFacts.extract(code: code, functions: functions, regions: TrackedRegions(regions)) : nil
      if fileFacts != nil {
        var matched = Set<Int32>()
        for call in calls {
          let function = functions.innermost(containing: call.chain.upperBound - 1)
          if function >= 0 { matched.insert(Int32(function)) }
        }
        fileFacts!.matchedFunctions = matched.sorted()
      }
      let suppressions = FileSuppressions(source: source, tokens: tokens, language: file.language)
      guard !calls.isEmpty || !suppressions.isEmpty else { return (LintResult(), fileFacts) }
      let lines = LineIndex(source)
      // Calls come in the order of their callee names; a finding starts where its chain starts, which for
      // a chain whose receiver is itself a long call (`LLM(…\n…).call(…)`) can be before an earlier match.
      let findings = calls.map { call in
        let rule = ruleSet.rules[call.rule]
        let (line, column) = lines.location(of: call.start, in: source)
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
          callee: String(decoding: callee.prefix(512), as: UTF8.self), sourceLine: lineText)
      }.sorted(by: Finding.ordered)
      guard !suppressions.isEmpty else { return (LintResult(findings: findings), fileFacts) }
      let result = suppressions.apply(
        to: findings, path: file.path, language: file.language, source: source, lines: lines,
        activeRuleIDs: activeRuleIDs, reportUnused: reportUnusedSuppressions)
      return (result, fileFacts)
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
