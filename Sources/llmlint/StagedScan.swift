import Foundation
import LLMLintCore

extension CLI {
  /// Whether `--staged` gathers `ProjectFacts` from the whole index (tracked helpers across files, LiteLLM
  /// callbacks), as ARCHITECTURE.md intends. Off for now, for two measured reasons: the plain scan does not
  /// gather facts yet, so turning it on here alone would make `--staged` disagree with a plain scan of the
  /// same content; and on a 10,000-file index a warm facts cache still costs about 60 ms of CPU (decode and
  /// resolve), which would break the hook's budget (Benchmarks/hook.sh). Turn on together with the plain
  /// scan once the warm path is cheap; `GitIntegrationTests` checks both settings' plumbing.
  static let stagedGathersProjectFacts = false

  /// `llmlint --staged [--changed-lines]`: lints the staged content of the staged files the way a plain scan
  /// of the current directory lints files: same config discovery (from the current directory), same exclude
  /// globs (relative to the config's directory), same `Linter` and `Scan.run`, baseline, reporters, summary
  /// and exit status. Outside a git work tree it reports one problem and scans nothing.
  ///
  /// The output stage is `CLI.finish`, shared with a plain scan; `GitIntegrationTests` compares the two
  /// outputs.
  static func scanStaged(
    _ invocation: Invocation, currentDirectory: String, environment: [String: String], started: ContinuousClock.Instant,
    _ terminal: inout Terminal
  ) -> Int32 {
    let staged: StagedFiles
    var config: ConfigLoader.Result? = nil
    let read = StagedFiles.read(
      currentDirectory: currentDirectory, environment: environment, changedLines: invocation.changedLines,
      projectFiles: stagedGathersProjectFacts,
      whileGitRuns: {
        config = ConfigLoader.load(
          explicitPath: invocation.configPath, searchingFrom: currentDirectory,
          displayPath: { Paths.display($0, relativeTo: currentDirectory) })
      })
    switch read {
    case .failure(let problem):
      report(problems: [problem], &terminal)
      return exitStatus(invocation, findings: 0, problems: 1)
    case .success(let files): staged = files
    }
    guard let loaded = config else { preconditionFailure("StagedFiles.read calls whileGitRuns once") }
    // Exclude globs were validated when the config was loaded; an invalid one cannot reach this point.
    let excludes = (try? GlobSet(patterns: loaded.ruleSet.excludes.map(\.name))) ?? GlobSet()
    let excludeBase = loaded.configBaseDirectory ?? currentDirectory
    /// Whether a path (as shown, relative to the current directory) is excluded by the config.
    func isExcluded(_ shown: String) -> Bool {
      let absolute = Git.normalize(shown.hasPrefix("/") ? shown : currentDirectory + "/" + shown)
      let below = Paths.display(absolute, relativeTo: excludeBase)
      return !below.hasPrefix("/") && excludes.isExcludedOrInExcludedDirectory(relativePath: below, isDirectory: false)
    }
    let files = staged.files.filter { !isExcluded($0.path) }
    // The project is the whole index (staged content), so a staged file gets a full scan's verdict; facts
    // of unchanged blobs come from the cache outside the repository.
    let project = staged.projectFiles.filter { !isExcluded($0.path) }
    let facts =
      project.isEmpty
      ? ProjectFacts.empty
      : ProjectFacts.gather(
        files: project, ruleSet: loaded.ruleSet,
        cache: FactCache.userCache(environment: environment, ruleSet: loaded.ruleSet),
        read: { indices in StagedFiles.readBlobs(indices.map { project[$0].blobID ?? "" }) })
    let linter = Linter(
      ruleSet: loaded.ruleSet, facts: facts, reportUnusedSuppressions: invocation.reportUnusedSuppressions)
    var result = Scan.run(count: files.count, linter: linter) { [files] index in
      SourceFile.looksBinary(files[index].bytes) ? .skipped : .file(files[index])
    }
    if invocation.changedLines {
      result.findings.removeAll { finding in
        !(staged.changedLines[finding.path]?.touches(finding.line...max(finding.line, finding.endLine)) ?? false)
      }
    }
    result.problems = loaded.problems + staged.problems + result.problems
    return finish(
      &result, ruleSet: loaded.ruleSet, invocation, currentDirectory: currentDirectory, environment: environment,
      started: started, &terminal)
  }
}
