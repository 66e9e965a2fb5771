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

  /// The findings of `file`, in source order, with the project's facts applied.
  public func lint(_ file: SourceFile) -> [Finding] {
    facts.apply(to: analyze(file, extractingFacts: false).findings, path: file.path, ruleSet: ruleSet)
  }

  /// The findings of `file` before project facts are applied and, when asked, the file's own facts for
  /// `ProjectFacts`, from one tokenization. With `onlyIfMatched`, facts only for a file with rule matches
  /// (the others are looked at again only if they mention a name that matters; see `Scan.runProject`).
  public func analyze(
    _ file: SourceFile, extractingFacts: Bool, onlyIfMatched: Bool = false
  ) -> (findings: [Finding], facts: FileFacts?) {
    file.bytes.withUnsafeBufferPointer { source in
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
          extractingFacts ? FileFacts.extract(code: code, functions: functions, regions: TrackedRegions(regions)) : nil
        return ([], onlyIfMatched ? nil : facts)
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
      guard !calls.isEmpty else { return ([], fileFacts) }
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
        return Finding(
          path: file.path, line: line, column: column, startOffset: call.start, endOffset: call.end, endLine: endLine,
          ruleID: rule.id, provider: rule.provider, severity: rule.severity, message: message,
          callee: String(decoding: callee.prefix(512), as: UTF8.self), sourceLine: lineText)
      }
      return (findings, fileFacts)
    }
  }

  /// Lints `text` as a file at `path` (for tests and tools).
  public func lint(_ text: String, language: Language, path: String = "<input>") -> [Finding] {
    lint(SourceFile(path: path, language: language, bytes: Array(text.utf8)))
  }
}
