import LLMLintCore

extension CLI {
  /// `llmlint --staged [--changed-lines]`: lints the staged content of the staged files exactly as a plain
  /// scan lints files (same config discovery from the current directory, same `Scan.run`, reporters, summary
  /// and exit status). Outside a git work tree it reports one problem and scans nothing.
  static func scanStaged(
    _ invocation: Invocation, currentDirectory: String, environment: [String: String], started: ContinuousClock.Instant,
    _ terminal: inout Terminal
  ) -> Int32 {
    let staged: StagedFiles
    switch StagedFiles.read(
      currentDirectory: currentDirectory, environment: environment, changedLines: invocation.changedLines) {
    case .failure(let problem):
      report(problems: [problem], &terminal)
      return exitStatus(invocation, findings: 0, problems: 1)
    case .success(let read): staged = read
    }
    let loaded = ConfigLoader.load(
      explicitPath: invocation.configPath, searchingFrom: currentDirectory,
      displayPath: { Paths.display($0, relativeTo: currentDirectory) })
    let linter = Linter(ruleSet: loaded.ruleSet)
    let files = staged.files
    var result = Scan.run(count: files.count, linter: linter) { index in
      SourceFile.looksBinary(files[index].bytes) ? .skipped : .file(files[index])
    }
    if invocation.changedLines {
      result.findings.removeAll { finding in
        !(staged.changedLines[finding.path]?.touches(finding.line...max(finding.line, finding.endLine)) ?? false)
      }
    }
    result.problems = loaded.problems + result.problems
    let options = ReportOptions(color: useColor(invocation, environment))
    report(problems: result.problems, &terminal)
    terminal.out(invocation.format.reporter(options: options).render(result))
    let status = exitStatus(invocation, findings: result.findings.count, problems: result.problems.count)
    if !invocation.quiet {
      terminal.err(summary(result, elapsed: ContinuousClock.now - started, status: status, strict: invocation.strict))
    }
    return status
  }
}
