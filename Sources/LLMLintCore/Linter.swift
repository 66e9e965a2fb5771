/// What linting one file gave: the findings to report (in source order), those an inline
/// suppression hid (kept for SARIF), and the recognised calls that are tracked (each with `trackedBy`).
public struct LintResult: Sendable, Equatable {
  public var findings: [Finding]
  public var suppressed: [Finding]
  /// The calls a rule matched that are tracked, in source order (`llmlint coverage`, `explain`).
  public var tracked: [Finding]
  /// Why (part of) the file could not be read as its language (a notebook that is not valid JSON); the rest
  /// was analysed.
  public var problems: [Problem] = []

  public init(findings: [Finding] = [], suppressed: [Finding] = [], tracked: [Finding] = []) {
    self.findings = findings
    self.suppressed = suppressed
    self.tracked = tracked
  }
}

/// One analysis of a file: its findings (before project facts) and its facts for the call graph.
public struct FileAnalysis: Sendable {
  public var result: LintResult
  public var facts: FileFacts
  /// With `describingReceivers`: per matched call (by its start offset), how its receiver resolved.
  public var receiverNotes: [Int: String] = [:]
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
    let analysed = file.language.analysedSource(of: file.bytes)
    if let prefilter, !analysed.text.withUnsafeBufferPointer({ prefilter.mayMatch($0, language: file.language) }) {
      var result = LintResult()
      result.problems = Self.problems(analysed, file)
      return result
    }
    var result = analysis(file, analysed: analysed).result
    let split = facts.split(result.findings, path: file.path, ruleSet: ruleSet)
    result.findings = split.findings
    result.tracked = (result.tracked + split.tracked).sorted(by: Finding.ordered)
    return result
  }

  /// Whether the prefilter lets `file` through (always, without a prefilter).
  func mayMatch(_ file: SourceFile) -> Bool {
    mayMatch(file.language.analysedSource(of: file.bytes), file.language)
  }

  /// Whether the prefilter lets the analysed text of a file in `language` through.
  func mayMatch(_ analysed: AnalysedSource, _ language: Language) -> Bool {
    guard let prefilter else { return true }
    return analysed.text.withUnsafeBufferPointer { prefilter.mayMatch($0, language: language) }
  }

  /// The problems of reading `file` as its language, as `Problem`s.
  static func problems(_ analysed: AnalysedSource, _ file: SourceFile) -> [Problem] {
    analysed.problems.map { Problem(.file, path: file.path, message: $0) }
  }

  /// One analysis of `file` from one tokenization: its findings after its suppression comments (before
  /// project facts are applied) and its facts for the project's call graph.
  /// `describingReceivers` also says, per matched call, how its receiver resolved (`llmlint explain`).
  public func analysis(_ file: SourceFile, describingReceivers: Bool = false) -> FileAnalysis {
    analysis(file, analysed: file.language.analysedSource(of: file.bytes), describingReceivers: describingReceivers)
  }

  /// `analysis(_:describingReceivers:)` of `file` whose analysed text is `analysed`. Findings are placed in
  /// the analysed text (suppression comments are read there), then in the file through its source map.
  func analysis(_ file: SourceFile, analysed: AnalysedSource, describingReceivers: Bool = false) -> FileAnalysis {
    var analysis = analysed.text.withUnsafeBufferPointer { source -> FileAnalysis in
      self.analysis(file, source, analysed.map, describingReceivers: describingReceivers)
    }
    analysis.result.problems = Self.problems(analysed, file)
    return analysis
  }

  private func analysis(
    _ file: SourceFile, _ source: UnsafeBufferPointer<UInt8>, _ map: SourceMap, describingReceivers: Bool
  ) -> FileAnalysis {
    do {
      let structure = Structure(file, source, ruleSet)
      let (code, tracking, functions, regions, trackedPath, bindings) = (
        structure.code, structure.tracking, structure.functions, structure.regions, structure.trackedPath,
        structure.bindings
      )
      var fileFacts = structure.facts()
      let matcher = CallMatcher(
        code: code, ruleSet: ruleSet, imports: ImportTable(code, providers: ruleSet.providerModules), regions: TrackedRegions(regions),
        bindings: bindings, describesReceivers: describingReceivers)
      let all = matcher.matches()
      var notes: [Int: String] = [:]
      for call in all { if let note = call.receiverNote { notes[call.start] = note } }
      // The facts keep only the untracked calls' functions (what the call graph judges).
      let calls = trackedPath ? [] : all.filter { $0.tracking == nil }
      var matched = Set<Int32>()
      for call in calls {
        let function = functions.innermost(containing: call.chain.upperBound - 1)
        if function >= 0 { matched.insert(Int32(function)) }
      }
      fileFacts.matchedFunctions = matched.sorted()
      if !map.isIdentity { fileFacts.placeLines(map, source) }
      // A tracked path's file is tracked whole; its suppression comments are not read (as before coverage).
      let suppressions =
        trackedPath
        ? FileSuppressions(source: source, comments: [], language: file.language)
        : FileSuppressions(source: source, comments: code.comments, language: file.language)
      guard !all.isEmpty || !suppressions.isEmpty else {
        return FileAnalysis(result: LintResult(), facts: fileFacts, receiverNotes: notes)
      }
      let lines = LineIndex(source)
      // Calls come in the order of their callee names; a finding starts where its chain starts, which for
      // a chain whose receiver is itself a long call (`LLM(…\n…).call(…)`) can be before an earlier match.
      let place: (Int) -> String = { offset in map.name(line: lines.lineIndex(of: offset) + 1, path: file.path) }
      let findings = all.map { call in
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
        if let attributed = call.attributed { message += " (provider \(attributed.provider): \(attributed.host))" }
        return Finding(
          path: file.path, line: line, column: column, startOffset: call.start, endOffset: call.end, endLine: endLine,
          ruleID: rule.id, provider: call.attributed?.provider ?? rule.provider, severity: rule.severity,
          message: message,
          callee: String(decoding: callee.prefix(512), as: UTF8.self), sourceLine: lineText,
          trackedBy: trackedPath
            ? TrackedBy(kind: .path, at: ruleSet.trackedPathEntry(file.path))
            : call.tracking.map { reason(for: call, $0, tracking, code, place) },
          endColumn: nameEnd.line == line ? nameEnd.column : column + 1, startLine: startLine)
      }.sorted(by: Finding.ordered)
      let tracked = findings.filter { $0.trackedBy != nil }
      let untracked = findings.filter { $0.trackedBy == nil }
      var result = LintResult(findings: untracked, tracked: tracked)
      if !suppressions.isEmpty {
        result = suppressions.apply(
          to: untracked, path: file.path, language: file.language, source: source, lines: lines,
          activeRuleIDs: activeRuleIDs, reportUnused: reportUnusedSuppressions)
        result.tracked = tracked
      }
      // Per-path settings drop their rules' findings last, so a suppression comment for such a rule still
      // counts as used (it is not reported as unused where the config turned its rule off).
      let disabled = ruleSet.disabledRuleIDs(forPath: file.path)
      if !disabled.isEmpty {
        result.findings.removeAll { disabled.contains($0.ruleID) }
        result.suppressed.removeAll { disabled.contains($0.ruleID) }
        result.tracked.removeAll { disabled.contains($0.ruleID) }
      }
      if !map.isIdentity {
        // Placed in the file last: suppression comments and their lines are the analysed text's.
        result.findings = result.findings.map { map.place($0, in: source, lines) }
        result.suppressed = result.suppressed.map { map.place($0, in: source, lines) }
        result.tracked = result.tracked.map { map.place($0, in: source, lines) }
      }
      return FileAnalysis(result: result, facts: fileFacts, receiverNotes: notes)
    }
  }

  /// The facts of a file the prefilter set aside: it holds no anchor word, so no rule matches in it and
  /// `analysis` would find nothing; only the structure its facts come from is read (no matcher, imports
  /// or suppression comments).
  func facts(ofSetAside file: SourceFile, analysed: AnalysedSource) -> FileFacts {
    analysed.text.withUnsafeBufferPointer { source in
      var facts = Structure(file, source, ruleSet).facts()
      if !analysed.map.isIdentity { facts.placeLines(analysed.map, source) }
      return facts
    }
  }

  /// What `analysis` reads of a file before matching: its tokens, tracked regions (a tracked path's file
  /// is one region), functions and receiver bindings.
  private struct Structure {
    let code: CodeTokens
    let tracking: [TrackingRegion]
    let functions: FunctionIndex
    let regions: [Range<Int>]
    let trackedPath: Bool
    let bindings: Bindings

    init(_ file: SourceFile, _ source: UnsafeBufferPointer<UInt8>, _ ruleSet: RuleSet) {
      // The token list is handed over whole: CodeTokens compacts it in place (one copy of the tokens).
      code = CodeTokens(source: source, tokens: file.language.tokenize(source), language: file.language)
      var tracking = TrackingRegion.regions(code, ruleSet)
      functions = FunctionIndex(code)
      tracking += functions.bodies(named: ruleSet.trackedFunctionNames, in: code)
      self.tracking = tracking
      var regions = tracking.map(\.range)
      // Tracked paths are relative to the directory of the config that declares them.
      trackedPath = ruleSet.isTrackedPath(file.path)
      if trackedPath { regions = [0..<(source.count + 1)] }
      self.regions = regions
      bindings = Bindings(code, functions: functions)
    }

    /// The file's facts (lines in the analysed text).
    func facts() -> FileFacts {
      FileFacts.extract(code: code, functions: functions, bindings: bindings, regions: TrackedRegions(regions))
    }
  }

  /// What tracks `call` within its file, as `TrackedBy`: the innermost tracked region around its callee, the
  /// import of its tracked module, or its recorder.
  private func reason(
    for call: MatchedCall, _ tracking: MatchedCall.Tracking, _ regions: [TrackingRegion], _ code: CodeTokens,
    _ place: (Int) -> String
  ) -> TrackedBy {
    switch tracking {
    case .region:
      let region = TrackingRegion.innermost(regions, containing: call.calleeOffset)
      return TrackedBy(kind: region?.kind ?? .context, at: place(region?.origin ?? call.start))
    case .trackedImport(let token):
      return TrackedBy(kind: .import, at: place(token >= 0 ? Int(code.tokens[token].start) : call.start))
    case .recorder(let token):
      return TrackedBy(kind: .recorder, at: place(Int(code.tokens[token].start)))
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
