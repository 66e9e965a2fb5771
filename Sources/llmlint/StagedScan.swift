import Foundation
import LLMLintCore

extension CLI {
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
      if excludes.isEmpty { return false }
      let absolute = Git.normalize(shown.hasPrefix("/") ? shown : currentDirectory + "/" + shown)
      let below = Paths.display(absolute, relativeTo: excludeBase)
      return !below.hasPrefix("/") && excludes.isExcludedOrInExcludedDirectory(relativePath: below, isDirectory: false)
    }
    let files = staged.files.filter { !isExcluded($0.path) }
    let linter = Linter(
      ruleSet: loaded.ruleSet, reportUnusedSuppressions: invocation.reportUnusedSuppressions,
      usePrefilter: environment["LLMLINT_NO_PREFILTER"] == nil)
    var result = Scan.run(count: files.count, linter: linter) { [files] index in
      SourceFile.looksBinary(files[index].bytes) ? .skipped : .file(files[index])
    }
    // Project facts (tracked helpers across files, a LiteLLM callback) only ever drop or annotate findings,
    // so a commit without findings needs none; otherwise they come from the whole index (staged content),
    // as a plain scan of the tree gathers them, with unchanged blobs' facts from the cache outside the
    // repository. This keeps the common case at the cost of asking git for the staged files.
    if !result.findings.isEmpty {
      switch StagedFiles.indexFiles(prefix: staged.prefix, topLevel: staged.topLevel, environment: environment) {
      case .failure(let problem): result.problems.append(problem)
      case .success(let indexed):
        let project = indexed.filter { !isExcluded($0.path) }
        let facts = ProjectFacts.gather(
          files: project, ruleSet: loaded.ruleSet,
          cache: FactCache.userCache(environment: environment, ruleSet: loaded.ruleSet),
          read: { indices in StagedFiles.readBlobs(indices.map { project[$0].blobID ?? "" }) })
        var kept: [Finding] = []
        var start = result.findings.startIndex
        while start < result.findings.endIndex {
          let path = result.findings[start].path
          let end = result.findings[start...].firstIndex { $0.path != path } ?? result.findings.endIndex
          kept += facts.apply(to: Array(result.findings[start..<end]), path: path, ruleSet: loaded.ruleSet)
          start = end
        }
        result.findings = kept
      }
    }
    if invocation.changedLines {
      result.findings.removeAll { finding in
        !(staged.changedLines[finding.path]?.touches(finding.line...max(finding.line, finding.endLine)) ?? false)
      }
    }
    result.problems = loaded.problems + staged.problems + result.problems
    return finish(
      &result, rules: loaded.ruleSet.rules.filter(\.isEnabled), invocation, currentDirectory: currentDirectory, environment: environment,
      started: started, &terminal)
  }
}
