import Foundation
import LLMLintCore

/// The command line: reads the invocation, calls the library, prints, and decides the exit status.
enum CLI {
  static func environment() -> [String: String] { ProcessInfo.processInfo.environment }

  /// The exit status of a usage error, with or without `--strict`.
  static let usageErrorStatus: Int32 = 2

  /// Runs one invocation; returns the exit status (0 unless `--strict` asks otherwise, 2 on a usage error).
  /// `rawArguments`: the same arguments as bytes (`argv`), so a path that is not UTF-8 names its file.
  static func run(arguments: [String], rawArguments: [[UInt8]]? = nil, environment: [String: String]) -> Int32 {
    Terminal.ignoreBrokenPipeSignal()
    var terminal = Terminal()
    let invocation: Invocation
    do {
      invocation = try Arguments.parse(arguments, rawArguments: rawArguments)
    } catch {
      return usageError(error, &terminal)
    }
    var status = run(invocation, environment: environment, &terminal)
    if reportOutputError(&terminal), invocation.strict { status = 2 }
    return status
  }

  /// Runs a parsed invocation.
  static func run(_ invocation: Invocation, environment: [String: String], _ terminal: inout Terminal) -> Int32 {
    switch invocation.command {
    case .help:
      terminal.out(Help.text + "\n")
      return 0
    case .version:
      terminal.out(Help.version + "\n")
      return 0
    case .completions:
      terminal.out(Completions.script(for: invocation.shell ?? "bash"))
      return 0
    default: break
    }
    // Every other command works relative to the current directory: checked once, here, so that a removed
    // one is an error and not `/` (which would scan the whole file system or write a file there).
    let currentDirectory: String
    let currentPath: PathBytes
    switch PathBytes.currentDirectory() {
    case .failure(let error):
      terminal.err(
        "llmlint: error: cannot use the current directory (\(error)); was it removed? cd to an existing directory\n")
      return invocation.strict ? 2 : 0
    case .success(let path):
      currentPath = path
      currentDirectory = path.shown
    }
    if [.scan, .rules, .ruleDoc, .coverage, .explain].contains(invocation.command),
      let error = missingConfig(invocation, currentDirectory: currentDirectory)
        ?? unknownSelector(invocation, currentDirectory: currentDirectory)
    {
      return usageError(error, &terminal)
    }
    switch invocation.command {
    case .help, .version, .completions:
      preconditionFailure("handled above")
    case .rules:
      let loaded = ConfigLoader.load(
        explicitPath: invocation.configPath, searchingFrom: currentDirectory,
        displayPath: { Paths.display($0, relativeTo: currentDirectory) })
      report(problems: loaded.problems, &terminal)
      let ruleSet = loaded.ruleSet.selecting(invocation.selection)
      terminal.out(
        invocation.format == .json
          ? RulesListing.json(ruleSet) : RulesListing.render(ruleSet, configPath: loaded.configPath))
      return exitStatus(invocation, findings: [], problems: loaded.problems.count)
    case .ruleDoc:
      let loaded = ConfigLoader.load(
        explicitPath: invocation.configPath, searchingFrom: currentDirectory,
        displayPath: { Paths.display($0, relativeTo: currentDirectory) })
      let ruleSet = loaded.ruleSet.selecting(invocation.selection)
      let id = invocation.ruleID ?? ""
      guard let rule = ruleSet.rules.first(where: { $0.id == id }) else {
        let near = suggestion(id, ruleSet.rules.map(\.id))
          .replacingOccurrences(of: " (", with: "; ").replacingOccurrences(of: "?)", with: "?")
        return usageError(UsageError(message: "unknown rule '\(id)'\(near) (llmlint rules lists them)"), &terminal)
      }
      report(problems: loaded.problems, &terminal)
      terminal.out(RuleDocs.render(rule, in: ruleSet))
      return exitStatus(invocation, findings: [], problems: loaded.problems.count)
    case .initConfig:
      return initConfig(invocation, currentDirectory: currentDirectory, &terminal)
    case .cacheClean:
      return CacheCommand.clean(invocation, currentDirectory: currentDirectory, environment: environment, &terminal)
    case .installHook, .uninstallHook:
      return HookInstaller.run(invocation, currentDirectory: currentPath, environment: environment, &terminal)
    case .scan:
      return scan(invocation, currentDirectory: currentDirectory, environment: environment, &terminal)
    case .coverage:
      return CoverageCommand.run(invocation, currentDirectory: currentDirectory, environment: environment, &terminal)
    case .explain:
      return ExplainCommand.run(invocation, currentDirectory: currentDirectory, environment: environment, &terminal)
    }
  }

  /// Prints a usage error on stderr; its exit status.
  static func usageError(_ error: UsageError, _ terminal: inout Terminal) -> Int32 {
    terminal.err("llmlint: error: \(error.message)\nRun 'llmlint --help' for usage.\n")
    return usageErrorStatus
  }

  /// `--config FILE` naming nothing: a usage error (a file that is there but bad is a config problem).
  static func missingConfig(_ invocation: Invocation, currentDirectory: String) -> UsageError? {
    guard let path = invocation.configPath else { return nil }
    let absolute = path.hasPrefix("/") ? path : currentDirectory + "/" + path
    guard case .failure(let error) = PathBytes(absolute).status(followLinks: true), error.code == ENOENT else {
      return nil
    }
    return UsageError(message: "config file '\(path)' not found (option '--config')")
  }

  /// A selector of `--select`, `--extend-select` or `--ignore` that picks no rule of the built-in catalogue,
  /// of the config found from the current directory (or `--config`), or of the configs nearest the paths
  /// named: a usage error, with a near match.
  static func unknownSelector(_ invocation: Invocation, currentDirectory: String) -> UsageError? {
    guard !invocation.selection.isEmpty else { return nil }
    var configs: [String?] = [invocation.configPath]
    if invocation.configPath == nil {
      configs.append(ConfigLoader.discover(from: currentDirectory))
      for path in invocation.paths + (invocation.stdinFilename.map { [$0] } ?? []) {
        let config = ConfigLoader.discover(
          from: Paths.directoryForConfigSearch(path, currentDirectory: currentDirectory))
        if !configs.contains(config) { configs.append(config) }
      }
    }
    var rules = ConfigLoader.builtIn().ruleSet.rules
    for case let config? in configs {
      for rule in ConfigLoader.load(explicitPath: config, searchingFrom: currentDirectory).ruleSet.rules
      where !rules.contains(where: { $0.id == rule.id }) {
        rules.append(rule)
      }
    }
    guard let (selector, suggestion) = invocation.selection.unknownSelectors(in: rules).first else { return nil }
    let option =
      invocation.selection.select?.contains(selector) == true
      ? "--select" : invocation.selection.extendSelect.contains(selector) ? "--extend-select" : "--ignore"
    return UsageError(
      message: "unknown rule selector '\(selector)' (option '\(option)'; a rule id, a provider or an id prefix)"
        + suggestion.replacingOccurrences(of: " (", with: "; ").replacingOccurrences(of: "?)", with: "?"))
  }

  /// Whether a git failure means the current directory is in no repository: git says so, or (without
  /// `GIT_DIR` / `GIT_WORK_TREE`, which can point anywhere) no directory upward has a `.git`.
  static func outsideRepository(_ message: String, currentDirectory: String, environment: [String: String]) -> Bool {
    if message.contains("not a git repository") || message.contains("not inside a work tree") { return true }
    if environment["GIT_DIR"] != nil || environment["GIT_WORK_TREE"] != nil { return false }
    return Git.workTree(containing: currentDirectory, environment: environment) == nil
  }

  /// Reports a failed write to stdout (other than a closed pipe) once, on stderr; whether there was one.
  @discardableResult
  static func reportOutputError(_ terminal: inout Terminal) -> Bool {
    guard let code = terminal.outputError else { return false }
    if !terminal.outputErrorReported {
      terminal.outputErrorReported = true
      terminal.err(
        "llmlint: error: cannot write to standard output (\(PathError(code: code))); the output is incomplete\n")
    }
    return true
  }

  private static func scan(
    _ invocation: Invocation, currentDirectory: String, environment: [String: String], _ terminal: inout Terminal
  ) -> Int32 {
    let started = ContinuousClock.now
    var options = Session.Options(
      configPath: invocation.configPath, reportUnusedSuppressions: invocation.reportUnusedSuppressions,
      usePrefilter: environment["LLMLINT_NO_PREFILTER"] == nil, forceExclude: invocation.forceExclude,
      changedLines: invocation.changedLines)
    options.selection = invocation.selection
    options.cache = CacheCommand.location(invocation, currentDirectory: currentDirectory, environment: environment)
    let session = Session(currentDirectory: currentDirectory, environment: environment, options: options)
    var outcome: Session.Outcome
    if invocation.staged {
      switch session.staged() {
      case .failure(let problem):
        if outsideRepository(problem.message, currentDirectory: currentDirectory, environment: environment) {
          return usageError(
            UsageError(message: "'--staged' works inside a git work tree (\(problem.message))"), &terminal)
        }
        report(problems: [problem], &terminal)
        return exitStatus(invocation, findings: [], problems: 1)
      case .success(let staged): outcome = staged
      }
    } else if let path = invocation.stdinFilename {
      switch Terminal.readStandardInput(limit: SourceFile.maximumSize) {
      case .failure(let error):
        let problem = Problem(.file, path: path, message: "cannot read standard input (\(error))")
        report(problems: [problem], &terminal)
        return exitStatus(invocation, findings: [], problems: 1)
      case .success(let content): outcome = session.scan(content: content, as: PathBytes(path))
      }
    } else {
      if invocation.explicitPathList, invocation.paths.isEmpty { return 0 }
      if invocation.showFiles {
        let listed = session.files(paths: invocation.rawPaths)
        report(problems: listed.problems, &terminal)
        terminal.out(listed.files.map { $0 + "\n" }.joined())
        let failed = reportOutputError(&terminal)
        if !invocation.quiet {
          let count = listed.files.count == 1 ? "1 file" : "\(listed.files.count) files"
          terminal.err("llmlint: \(count) would be scanned\n")
        }
        return exitStatus(invocation, findings: [], problems: listed.problems.count + (failed ? 1 : 0))
      }
      outcome = session.scan(paths: invocation.rawPaths)
    }
    return finish(
      &outcome.result, rules: outcome.rules, invocation, currentDirectory: currentDirectory, environment: environment,
      started: started, &terminal)
  }

  /// `llmlint init`: writes the starter config in the current directory; never overwrites one, and never
  /// writes one beside another config that discovery would find (`.llmlint.yaml` too), which the new file
  /// would silently take precedence over.
  static func initConfig(_ invocation: Invocation, currentDirectory: String, _ terminal: inout Terminal) -> Int32 {
    let directory = PathBytes(currentDirectory)
    for name in ConfigLoader.fileNames {
      guard case .success = directory.appending(name).status() else { continue }
      let more =
        name == StarterConfig.fileName
        ? "" : " (llmlint reads it; a new \(StarterConfig.fileName) would take its place); nothing written"
      terminal.err("llmlint: error: \(name) already exists; not overwritten\(more)\n")
      return invocation.strict ? 2 : 0
    }
    do {
      try AtomicFile.write(
        Array(StarterConfig.text.utf8), to: directory.appending(StarterConfig.fileName),
        shown: StarterConfig.fileName, replace: false)
    } catch {
      terminal.err("llmlint: error: \(error.message)\n")
      return invocation.strict ? 2 : 0
    }
    terminal.err("llmlint: wrote \(StarterConfig.fileName); `llmlint rules` shows the merged rule set\n")
    return 0
  }

  /// The part every scan shares once its findings are known: baseline, problems on stderr, the report on
  /// stdout, the summary line and the exit status.
  static func finish(
    _ result: inout ScanResult, rules: [Rule], _ invocation: Invocation, currentDirectory: String,
    environment: [String: String], started: ContinuousClock.Instant, _ terminal: inout Terminal
  ) -> Int32 {
    applyBaseline(invocation, currentDirectory: currentDirectory, &result, &terminal)
    if invocation.format == .github {
      // Problems become annotations too (the runner reads workflow commands on stderr as well).
      for problem in result.problems { terminal.err(GitHubReporter().line(for: problem) + "\n") }
    } else {
      report(problems: result.problems, &terminal)
    }
    var failedWrites = 0
    let reporting = ContinuousClock.now
    let main = reportOptions(
      invocation, format: invocation.format, toFile: invocation.outputPath != nil, rules: rules,
      currentDirectory: currentDirectory, environment: environment)
    let text =
      invocation.verbose && invocation.format == .text
      ? ExplainCommand.verbose(result, options: main) : invocation.format.reporter(options: main).render(result)
    if let path = invocation.outputPath {
      if !writeReport(text, to: path, currentDirectory: currentDirectory, &terminal) { failedWrites += 1 }
    } else {
      terminal.out(text)
      if reportOutputError(&terminal) { failedWrites += 1 }
    }
    // Each extra report is what `--format FORMAT > FILE` would have written: never a terminal's form.
    for request in invocation.reports {
      let options = reportOptions(
        invocation, format: request.format, toFile: true, rules: rules, currentDirectory: currentDirectory,
        environment: environment)
      let text = request.format.reporter(options: options).render(result)
      if !writeReport(text, to: request.path, currentDirectory: currentDirectory, &terminal) { failedWrites += 1 }
    }
    if invocation.verbose {
      terminal.err(
        StatisticsText.render(result.statistics, report: StatisticsText.reportStage(result, since: reporting)))
    }
    let status = exitStatus(invocation, findings: result.findings, problems: result.problems.count + failedWrites)
    if !invocation.quiet {
      terminal.err(summary(result, elapsed: ContinuousClock.now - started, status: status, strict: invocation.strict))
    }
    return status
  }

  /// How a report in `format` looks. On stdout: colour as `useColor` decides, the source excerpt on a
  /// terminal. In a file (`-o`, `--report`): as `--format FORMAT > FILE` gives it, colour only with
  /// `--color always`, no excerpt.
  static func reportOptions(
    _ invocation: Invocation, format: OutputFormat, toFile: Bool, rules: [Rule], currentDirectory: String,
    environment: [String: String]
  ) -> ReportOptions {
    var invocation = invocation
    invocation.format = format
    return ReportOptions(
      color: toFile ? invocation.color == .always : useColor(invocation, environment),
      showSource: !toFile && format == .text && Terminal.isTerminal(1), rules: rules, sourceRoot: currentDirectory,
      showSuppressed: invocation.showSuppressed)
  }

  /// Writes a report to `path` with `AtomicFile` (whole or not at all; a device or directory is refused);
  /// a failure is printed on stderr. Whether it was written.
  static func writeReport(_ text: String, to path: String, currentDirectory: String, _ terminal: inout Terminal)
    -> Bool
  {
    let absolute = path.hasPrefix("/") ? path : currentDirectory + "/" + path
    do {
      try AtomicFile.write(Array(text.utf8), to: PathBytes(absolute), shown: path)
      return true
    } catch {
      terminal.err("llmlint: error: \(error.message); the report was not written\n")
      return false
    }
  }

  /// `--baseline`: reads the old baseline first; `--write-baseline`: records every current finding; then
  /// moves the findings the old baseline accepts to `result.suppressed`. A bad baseline is a problem and
  /// the run goes on without it.
  static func applyBaseline(
    _ invocation: Invocation, currentDirectory: String, _ result: inout ScanResult, _ terminal: inout Terminal
  ) {
    func paths(_ file: String) -> BaselinePaths {
      let absolute = file.hasPrefix("/") ? file : currentDirectory + "/" + file
      return BaselinePaths(currentDirectory: currentDirectory, base: (absolute as NSString).deletingLastPathComponent)
    }
    var baseline: Baseline? = nil
    if let file = invocation.baselinePath {
      let absolute = file.hasPrefix("/") ? file : currentDirectory + "/" + file
      switch FileReader.read(path: absolute) {
      case .failure:
        result.problems.append(
          Problem(.file, path: file, message: "cannot read the baseline (create it with --write-baseline \(file))"))
      case .success(let bytes):
        do {
          baseline = try Baseline.parse(bytes, path: file)
        } catch {
          result.problems.append(error)
        }
      }
    }
    if let file = invocation.writeBaselinePath {
      let text = Baseline(findings: result.findings, paths: paths(file)).render()
      let absolute = file.hasPrefix("/") ? file : currentDirectory + "/" + file
      do {
        try AtomicFile.write(Array(text.utf8), to: PathBytes(absolute), shown: file)
        if !invocation.quiet {
          let count = result.findings.count == 1 ? "1 finding" : "\(result.findings.count) findings"
          terminal.err("llmlint: wrote \(count) to the baseline \(file)\n")
        }
      } catch {
        result.problems.append(Problem(.file, path: file, message: "cannot write the baseline: \(error.reason)"))
      }
    }
    if let baseline, let file = invocation.baselinePath {
      let split = baseline.split(result.findings, paths: paths(file), source: file)
      result.findings = split.new
      if !split.known.isEmpty {
        result.suppressed = (result.suppressed + split.known).sorted(by: Finding.ordered)
      }
    }
  }

  static func summary(_ result: ScanResult, elapsed: Duration, status: Int32, strict: Bool) -> String {
    var findings = result.findings.count == 1 ? "1 finding" : "\(result.findings.count) findings"
    let inline = result.suppressed.count { $0.suppression?.kind == .inSource }
    let baselined = result.suppressed.count - inline
    let hidden = (inline > 0 ? ["\(inline) suppressed"] : []) + (baselined > 0 ? ["\(baselined) in baseline"] : [])
    if !hidden.isEmpty { findings += " (\(hidden.joined(separator: ", ")))" }
    let files = result.filesScanned == 1 ? "1 file" : "\(result.filesScanned) files"
    let problems =
      result.problems.isEmpty ? "" : result.problems.count == 1 ? ", 1 problem" : ", \(result.problems.count) problems"
    let milliseconds = Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15
    let time = milliseconds < 1000 ? "\(Int(milliseconds.rounded())) ms" : String(format: "%.2f s", milliseconds / 1000)
    let exit = strict ? "exit status \(status) (--strict)" : "exit status 0 (advisory)"
    return "llmlint: \(findings) in \(files)\(problems), \(time); \(exit)\n"
  }

  static func report(problems: [Problem], _ terminal: inout Terminal) {
    for problem in problems { terminal.err("llmlint: \(problem)\n") }
  }

  /// Advisory (no `--strict`): 0. `--strict[=SEVERITY]`: 2 on problems, else 1 when a finding is at or
  /// above the threshold, else 0.
  static func exitStatus(_ invocation: Invocation, findings: [Finding], problems: Int) -> Int32 {
    guard let threshold = invocation.strictThreshold else { return 0 }
    if problems > 0 { return 2 }
    return findings.contains { $0.severity >= threshold } ? 1 : 0
  }

  static func useColor(_ invocation: Invocation, _ environment: [String: String]) -> Bool {
    switch invocation.color {
    case .always: return true
    case .never: return false
    case .auto:
      if let value = environment["NO_COLOR"], !value.isEmpty { return false }
      if let value = environment["FORCE_COLOR"], !value.isEmpty, value != "0" { return true }
      return invocation.format == .text && Terminal.isTerminal(1)
    }
  }
}
