import LLMLintCore

/// `llmlint coverage [PATH...]` (or `--staged`): the same scan as `llmlint [PATH...]` — discovery, config,
/// excludes, the repository as the project, the baseline — rendered as the tracking-coverage inventory.
/// Advisory: exit 0; `--strict` gives 2 on problems and, with `--min-coverage P`, 1 below P percent.
enum CoverageCommand {
  static func run(
    _ invocation: Invocation, currentDirectory: String, environment: [String: String], _ terminal: inout Terminal
  ) -> Int32 {
    let started = ContinuousClock.now
    let outcome: Session.Outcome
    switch scanned(invocation, currentDirectory: currentDirectory, environment: environment, &terminal) {
    case .failure(let status): return status.value
    case .success(let found): outcome = found
    }
    let reporting = ContinuousClock.now
    let coverage = Coverage(outcome.result, directoryDepth: invocation.directoryDepth)
    let format = invocation.formatName.flatMap(CoverageFormat.init(rawValue:)) ?? .text
    terminal.out(format.render(coverage))
    let outputFailed = CLI.reportOutputError(&terminal)
    if invocation.verbose {
      terminal.err(
        StatisticsText.render(
          outcome.result.statistics, report: StatisticsText.reportStage(outcome.result, since: reporting)))
    }
    let below = invocation.minimumCoverage.map { coverage.summary.isBelow($0) } ?? false
    var status: Int32 = 0
    if invocation.strict {
      if !outcome.result.problems.isEmpty || outputFailed { status = 2 } else if below { status = 1 }
    }
    if !invocation.quiet {
      terminal.err(
        summary(
          coverage, files: outcome.result.filesScanned, problems: outcome.result.problems.count,
          minimum: invocation.minimumCoverage, elapsed: ContinuousClock.now - started, status: status,
          strict: invocation.strict))
    }
    return status
  }

  /// Why a run gave no outcome: a usage error (`--staged` outside a repository) or a problem.
  struct Failure: Error {
    var usage: UsageError?
    var problem: Problem
  }

  /// The scan's outcome for the invocation's paths or the staged files, as `llmlint` itself would scan them.
  /// The exit status of a scan that could not run (a usage error, or a problem such as `--staged` outside
  /// a repository).
  struct Status: Error { let value: Int32 }

  /// The scan behind `coverage` and `explain` with the baseline applied and its problems reported, or the
  /// exit status when it cannot run.
  static func scanned(
    _ invocation: Invocation, paths: [PathBytes]? = nil, currentDirectory: String, environment: [String: String],
    _ terminal: inout Terminal
  ) -> Result<Session.Outcome, Status> {
    var outcome: Session.Outcome
    switch self.outcome(invocation, paths: paths, currentDirectory: currentDirectory, environment: environment) {
    case .failure(let error):
      if let usage = error.usage { return .failure(Status(value: CLI.usageError(usage, &terminal))) }
      CLI.report(problems: [error.problem], &terminal)
      return .failure(Status(value: invocation.strict ? 2 : 0))
    case .success(let found): outcome = found
    }
    CLI.applyBaseline(invocation, currentDirectory: currentDirectory, &outcome.result, &terminal)
    CLI.report(problems: outcome.result.problems, &terminal)
    return .success(outcome)
  }

  static func outcome(
    _ invocation: Invocation, paths: [PathBytes]? = nil, currentDirectory: String, environment: [String: String]
  ) -> Result<Session.Outcome, Failure> {
    var options = Session.Options(
      configPath: invocation.configPath, reportUnusedSuppressions: invocation.reportUnusedSuppressions,
      usePrefilter: environment["LLMLINT_NO_PREFILTER"] == nil, forceExclude: invocation.forceExclude)
    options.cache = CacheCommand.location(invocation, currentDirectory: currentDirectory, environment: environment)
    let session = Session(currentDirectory: currentDirectory, environment: environment, options: options)
    guard invocation.staged else { return .success(session.scan(paths: paths ?? invocation.rawPaths)) }
    switch session.staged() {
    case .success(let staged): return .success(staged)
    case .failure(let problem):
      let outside = CLI.outsideRepository(problem.message, currentDirectory: currentDirectory, environment: environment)
      let usage = outside ? UsageError(message: "'--staged' works inside a git work tree (\(problem.message))") : nil
      return .failure(Failure(usage: usage, problem: problem))
    }
  }

  /// `llmlint: coverage 75.0% (9 of 12 call sites tracked) in 40 files, 12 ms; exit status 0 (advisory)`.
  static func summary(
    _ coverage: Coverage, files: Int, problems: Int, minimum: Double?, elapsed: Duration, status: Int32, strict: Bool
  ) -> String {
    let counts = coverage.summary
    var text = "llmlint: coverage \(counts.percent)% (\(counts.tracked) of \(counts.sites) call "
    text += counts.sites == 1 ? "site tracked)" : "sites tracked)"
    if let minimum, counts.isBelow(minimum) { text += ", below --min-coverage \(Self.number(minimum))%" }
    text += " in " + (files == 1 ? "1 file" : "\(files) files")
    if problems > 0 { text += problems == 1 ? ", 1 problem" : ", \(problems) problems" }
    let milliseconds = Int(
      (Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15).rounded())
    text += ", \(milliseconds) ms; "
    text += strict ? "exit status \(status) (--strict)" : "exit status 0 (advisory)"
    return text + "\n"
  }

  /// `90` for 90.0, `92.5` for 92.5.
  static func number(_ value: Double) -> String {
    value == value.rounded() ? "\(Int(value))" : "\(value)"
  }
}
