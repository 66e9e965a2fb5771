import LLMLintCore

/// `llmlint explain PATH:LINE`: scans PATH as `llmlint PATH` would (its config, the repository as the
/// project, `--baseline`) and, for each recognised call on LINE, prints the rule and pattern, the verdict
/// and why (`VerdictExplainer`); for a line without one, says so and names the rules whose patterns end in
/// a name called there. Advisory: exit 0; 2 on a usage error, and with `--strict` on problems.
enum ExplainCommand {
  static func run(
    _ invocation: Invocation, currentDirectory: String, environment: [String: String], _ terminal: inout Terminal
  ) -> Int32 {
    guard let (path, line) = invocation.explainTarget else { preconditionFailure("checked by Arguments.parse") }
    let outcome: Session.Outcome
    switch CoverageCommand.scanned(
      invocation, paths: [PathBytes(path)], currentDirectory: currentDirectory, environment: environment, &terminal)
    {
    case .failure(let status): return status.value
    case .success(let found): outcome = found
    }
    let failed: Int32 = invocation.strict && !outcome.result.problems.isEmpty ? 2 : 0
    let absolute = path.hasPrefix("/") ? path : currentDirectory + "/" + path
    guard case .success(let bytes) = FileReader.read(path: absolute) else {
      terminal.err("llmlint: error: cannot read '\(path)'\n")
      return invocation.strict ? 2 : 0
    }
    guard let language = Languages.builtIn.byExtension(of: path), outcome.result.filesScanned > 0 else {
      terminal.out("\(path) was not scanned (not a Python or Swift source, excluded by the config, or binary)\n")
      return failed
    }
    let lines = LineIndex(bytes)
    guard line <= lines.lineStarts.count else {
      let count = lines.lineStarts.count == 1 ? "1 line" : "\(lines.lineStarts.count) lines"
      terminal.out("\(path):\(line): the file has \(count)\n")
      return failed
    }
    let explainer = VerdictExplainer(rules: outcome.rules)
    let sites = Coverage(outcome.result).sites(at: path, line: line)
    guard !sites.isEmpty else {
      var output = "\(path):\(line): no LLM call recognised on this line\n"
      let misses = explainer.nearMisses(callees: calledNames(bytes, line: line, lines: lines), language: language)
      output += misses.isEmpty ? "  no rule names a function called on it\n" : misses.map { "  \($0)\n" }.joined()
      terminal.out(output)
      return failed
    }
    // How each receiver resolved: the file analyzed again under its config, asked to say.
    let config =
      invocation.configPath
      ?? ConfigLoader.discover(from: Paths.directoryForConfigSearch(path, currentDirectory: currentDirectory))
    let loaded =
      config.map {
        ConfigLoader.load(
          explicitPath: $0, searchingFrom: currentDirectory,
          displayPath: { Paths.display($0, relativeTo: currentDirectory) })
      } ?? ConfigLoader.builtIn()
    let notes = Linter(ruleSet: loaded.ruleSet).analysis(
      SourceFile(path: path, language: language, bytes: bytes), describingReceivers: true
    ).receiverNotes
    terminal.out(
      sites.map { explainer.explain($0, receiver: notes[$0.finding.startOffset]) }.joined(separator: "\n"))
    _ = CLI.reportOutputError(&terminal)
    return failed
  }

  /// The callees on line `line` (1-based): dotted names (`a.b.c`) followed by blanks and `(`, each once.
  static func calledNames(_ bytes: [UInt8], line: Int, lines: LineIndex) -> [String] {
    let range = bytes.withUnsafeBufferPointer { lines.lineRange(line - 1, in: $0) }
    var names: [String] = []
    var index = range.lowerBound
    func isName(_ byte: UInt8) -> Bool {
      byte == UInt8(ascii: "_") || (byte | 0x20) &- UInt8(ascii: "a") < 26 || byte &- UInt8(ascii: "0") < 10
        || byte >= 0x80
    }
    while index < range.upperBound {
      guard isName(bytes[index]) else {
        index += 1
        continue
      }
      let start = index
      while index < range.upperBound, isName(bytes[index]) { index += 1 }
      var after = index
      while after < range.upperBound, bytes[after] == UInt8(ascii: " ") || bytes[after] == UInt8(ascii: "\t") {
        after += 1
      }
      if after < range.upperBound, bytes[after] == UInt8(ascii: "(") {
        // The dotted chain that ends in the name (`client.chat.completions.create`).
        var first = start
        while first > range.lowerBound, isName(bytes[first - 1]) || bytes[first - 1] == UInt8(ascii: ".") { first -= 1 }
        while first < start, bytes[first] == UInt8(ascii: ".") { first += 1 }
        let name = String(decoding: bytes[first..<index], as: UTF8.self)
        if !names.contains(name) { names.append(name) }
      }
    }
    return names
  }

  /// `--verbose` text output: each finding's line (and excerpt, on a terminal), then why it is not tracked.
  static func verbose(_ result: ScanResult, options: ReportOptions) -> String {
    let text = TextReporter(options: options)
    let explainer = VerdictExplainer(rules: options.rules)
    var output = ""
    for finding in result.findings {
      output += text.line(for: finding) + "\n"
      if options.showSource, let excerpt = text.excerpt(for: finding) { output += excerpt }
      if finding.ruleID != Suppression.unusedRuleID, finding.ruleID != Suppression.invalidRuleID {
        output += "  why: \(explainer.reason(finding))\n"
      }
    }
    return output
  }
}
