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
    switch StagedFiles.read(
      currentDirectory: currentDirectory, environment: environment, changedLines: invocation.changedLines)
    {
    case .failure(let problem):
      report(problems: [problem], &terminal)
      return exitStatus(invocation, findings: 0, problems: 1)
    case .success(let read): staged = read
    }
    let loaded = ConfigLoader.load(
      explicitPath: invocation.configPath, searchingFrom: currentDirectory,
      displayPath: { Paths.display($0, relativeTo: currentDirectory) })
    let linter = Linter(ruleSet: loaded.ruleSet, reportUnusedSuppressions: invocation.reportUnusedSuppressions)
    // Exclude globs were validated when the config was loaded; an invalid one cannot reach this point.
    let excludes = (try? GlobSet(patterns: loaded.ruleSet.excludes.map(\.name))) ?? GlobSet()
    let excludeBase = loaded.configBaseDirectory ?? currentDirectory
    var files: [SourceFile] = []
    for (file, path) in zip(staged.files, staged.repositoryPaths) {
      let absolute = staged.topLevel + "/" + path
      let below = Paths.display(absolute, relativeTo: excludeBase)
      if !below.hasPrefix("/"), excludes.isExcludedOrInExcludedDirectory(relativePath: below, isDirectory: false) {
        continue
      }
      files.append(file)
    }
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
