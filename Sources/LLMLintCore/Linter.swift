/// Lints one file: tokenize, find tracked regions and imports, match calls, place them on lines.
///
/// A pure function of the file, the rule set and the project's facts (tracked helpers, a LiteLLM
/// callback; see `ProjectFacts`), so files can be linted concurrently and tests can call it on a string.
/// Binary or oversized input is the caller's to skip; any bytes are safe here.
public struct Linter: Sendable {
  public let ruleSet: RuleSet
  public let facts: ProjectFacts

  public init(ruleSet: RuleSet, facts: ProjectFacts = .empty) {
    self.ruleSet = ruleSet
    self.facts = facts
  }

  /// The findings of `file`, in source order.
  public func lint(_ file: SourceFile) -> [Finding] {
    file.bytes.withUnsafeBufferPointer { source in
      let tokens: [Token]
      switch file.language {
      case .python: tokens = PythonTokenizer.tokenize(source)
      case .swift: tokens = SwiftTokenizer.tokenize(source)
      }
      let code = CodeTokens(source: source, tokens: tokens, language: file.language)
      if !ruleSet.trackedPathGlobs.isEmpty,
        ruleSet.trackedPathGlobs.isExcludedOrInExcludedDirectory(relativePath: file.path, isDirectory: false)
      {
        return []
      }
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
      guard !calls.isEmpty else { return [] }
      let lines = LineIndex(source)
      return calls.map { call in
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
    }
  }

  /// Lints `text` as a file at `path` (for tests and tools).
  public func lint(_ text: String, language: Language, path: String = "<input>") -> [Finding] {
    lint(SourceFile(path: path, language: language, bytes: Array(text.utf8)))
  }
}
