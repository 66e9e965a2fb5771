import Foundation
import LLMLintCore

/// The command line: reads the invocation, calls the library, prints, and decides the exit status.
enum CLI {
  static func environment() -> [String: String] { ProcessInfo.processInfo.environment }

  /// Runs one invocation; returns the exit status (0 unless `--strict` asks otherwise).
  static func run(arguments: [String], environment: [String: String]) -> Int32 {
    Terminal.ignoreBrokenPipeSignal()
    var terminal = Terminal()
    let invocation: Invocation
    do {
      invocation = try Arguments.parse(arguments)
    } catch {
      terminal.err("llmlint: error: \(error.message)\nRun 'llmlint --help' for usage.\n")
      return arguments.contains("--strict") ? 2 : 0
    }
    let currentDirectory = FileManager.default.currentDirectoryPath
    switch invocation.command {
    case .help:
      terminal.out(Help.text + "\n")
      return 0
    case .version:
      terminal.out(Help.version + "\n")
      return 0
    case .rules:
      let loaded = ConfigLoader.load(
        explicitPath: invocation.configPath, searchingFrom: currentDirectory,
        displayPath: { Paths.display($0, relativeTo: currentDirectory) })
      report(problems: loaded.problems, &terminal)
      terminal.out(RulesListing.render(loaded.ruleSet, configPath: loaded.configPath))
      return exitStatus(invocation, findings: 0, problems: loaded.problems.count)
    case .installHook, .uninstallHook:
      terminal.err("llmlint: error: hook installation is not available in this build\n")
      return invocation.strict ? 2 : 0
    case .scan:
      return scan(invocation, currentDirectory: currentDirectory, environment: environment, &terminal)
    }
  }

  private static func scan(
    _ invocation: Invocation, currentDirectory: String, environment: [String: String], _ terminal: inout Terminal
  ) -> Int32 {
    let started = ContinuousClock.now
    if invocation.staged {
      terminal.err("llmlint: error: --staged is not available in this build\n")
      return invocation.strict ? 2 : 0
    }
    if invocation.explicitPathList, invocation.paths.isEmpty { return 0 }
    let paths = invocation.paths.isEmpty ? ["."] : invocation.paths
    let searchStart = Paths.directoryForConfigSearch(paths[0], currentDirectory: currentDirectory)
    let loaded = ConfigLoader.load(
      explicitPath: invocation.configPath, searchingFrom: searchStart,
      displayPath: { Paths.display($0, relativeTo: currentDirectory) })
    var problems = loaded.problems
    let walker = FileWalker(
      excludes: loaded.ruleSet.excludes.map(\.name), excludeBase: loaded.configBaseDirectory,
      forceExclude: invocation.forceExclude)
    let walked = walker.collect(paths, currentDirectory: currentDirectory)
    problems += walked.problems
    let files = walked.files
    let linter = Linter(ruleSet: loaded.ruleSet)
    // The scanned files are the project: tracked helpers and a LiteLLM callback are decided across them.
    var result = Scan.runProject(count: files.count, linter: linter) { index in
      let file = files[index]
      switch FileReader.read(path: file.fileSystemPath) {
      case .failure(let problem):
        var problem = problem
        problem.path = file.displayPath
        return .problem(problem)
      case .success(let bytes):
        if SourceFile.looksBinary(bytes) { return .skipped }
        guard let language = file.language ?? (Language.hasPythonShebang(bytes) ? .python : nil) else { return .skipped }
        return .file(SourceFile(path: file.displayPath, language: language, bytes: bytes))
      }
    }
    result.problems = problems + result.problems
    let options = ReportOptions(color: useColor(invocation, environment))
    report(problems: result.problems, &terminal)
    terminal.out(invocation.format.reporter(options: options).render(result))
    let status = exitStatus(invocation, findings: result.findings.count, problems: result.problems.count)
    if !invocation.quiet {
      terminal.err(summary(result, elapsed: ContinuousClock.now - started, status: status, strict: invocation.strict))
    }
    return status
  }

  static func summary(_ result: ScanResult, elapsed: Duration, status: Int32, strict: Bool) -> String {
    let findings = result.findings.count == 1 ? "1 finding" : "\(result.findings.count) findings"
    let files = result.filesScanned == 1 ? "1 file" : "\(result.filesScanned) files"
    let problems = result.problems.isEmpty ? "" : result.problems.count == 1 ? ", 1 problem" : ", \(result.problems.count) problems"
    let milliseconds = Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15
    let time = milliseconds < 1000 ? "\(Int(milliseconds.rounded())) ms" : String(format: "%.2f s", milliseconds / 1000)
    let exit = strict ? "exit status \(status) (--strict)" : "exit status 0 (advisory)"
    return "llmlint: \(findings) in \(files)\(problems), \(time); \(exit)\n"
  }

  static func report(problems: [Problem], _ terminal: inout Terminal) {
    for problem in problems { terminal.err("llmlint: \(problem)\n") }
  }

  static func exitStatus(_ invocation: Invocation, findings: Int, problems: Int) -> Int32 {
    guard invocation.strict else { return 0 }
    if problems > 0 { return 2 }
    return findings > 0 ? 1 : 0
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
