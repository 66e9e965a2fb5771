import Foundation

/// One run of llmlint over a project: paths on disk (a directory scan or a file list) or the staged content
/// of a git repository. Every way goes through the same first pass (`Scan.runProject`) and the same
/// `CallGraph`, and inside a git work tree the project whose facts decide a verdict is the repository: the
/// files read (from disk, or the staged blobs) plus every other file of the index, with their facts from
/// the facts cache. So `llmlint FILE`, `llmlint .` and `--staged` give one verdict for one file content.
public struct Session: Sendable {
  /// What a run is asked to do besides its inputs.
  public struct Options: Sendable {
    /// `--config`: this config for every file instead of discovery.
    public var configPath: String?
    public var reportUnusedSuppressions: Bool
    public var usePrefilter: Bool
    public var forceExclude: Bool
    /// `--changed-lines` (staged runs): only findings on lines the staged diff adds or changes.
    public var changedLines: Bool
    /// Whether the repository's other files are part of the project (off: only the files read).
    public var useRepository: Bool
    /// Where the facts cache lives: the user's cache directory (`FactCache.userDirectory`), a given
    /// directory (`--cache-dir`), or nowhere (`--no-cache`: nothing read or written).
    public var cache: CacheLocation = .user
    /// `--select` / `--extend-select` / `--ignore`, applied to every config's rules.
    public var selection = RuleSelection()
    /// The languages read: which files a walk or a file list takes, and how each is analysed.
    public var languages = Languages.builtIn

    public enum CacheLocation: Sendable, Equatable {
      case user
      case directory(String)
      case none
    }

    public init(
      configPath: String? = nil, reportUnusedSuppressions: Bool = true, usePrefilter: Bool = true,
      forceExclude: Bool = false, changedLines: Bool = false, useRepository: Bool = true
    ) {
      self.configPath = configPath
      self.reportUnusedSuppressions = reportUnusedSuppressions
      self.usePrefilter = usePrefilter
      self.forceExclude = forceExclude
      self.changedLines = changedLines
      self.useRepository = useRepository
    }
  }

  /// What a run gave: the scan's result and the enabled rules of every config applied (for reporters).
  public struct Outcome: Sendable {
    public var result: ScanResult
    public var rules: [Rule]
  }

  public let currentDirectory: String
  public let environment: [String: String]
  public let options: Options

  /// Git, run in `currentDirectory` (which need not be the process's).
  private var git: Git { Git(directory: currentDirectory) }

  public init(currentDirectory: String, environment: [String: String], options: Options) {
    self.currentDirectory = currentDirectory
    self.environment = environment
    self.options = options
  }

  private func load(config: String?) -> ConfigLoader.Result {
    (config.map { config in
      ConfigLoader.load(
        explicitPath: config, searchingFrom: currentDirectory,
        displayPath: { Paths.display($0, relativeTo: currentDirectory) })
    } ?? ConfigLoader.builtIn()).selecting(options.selection)
  }

  private func linter(_ loaded: ConfigLoader.Result) -> Linter {
    Linter(
      ruleSet: loaded.ruleSet, reportUnusedSuppressions: options.reportUnusedSuppressions,
      usePrefilter: options.usePrefilter)
  }

  // MARK: - Paths

  /// Scans `paths` (files and directories; `.` when empty). Each path gets the config nearest to it (or the
  /// one `--config` names); the paths that share a config are scanned together.
  public func scan(_ paths: [String]) -> Outcome { scan(paths: paths.map(PathBytes.init)) }

  /// Like `scan(_:)` for paths as the exact bytes given (`argv`): a name that is not UTF-8 still names
  /// its file, as a directory walk would find it.
  public func scan(paths: [PathBytes]) -> Outcome {
    let paths = paths.isEmpty ? [PathBytes(".")] : paths
    var groups: [(config: String?, paths: [PathBytes])] = []
    for path in paths {
      let config =
        options.configPath
        ?? ConfigLoader.discover(
          from: Paths.directoryForConfigSearch(path.shown, currentDirectory: currentDirectory))
      if let index = groups.firstIndex(where: { $0.config == config }) {
        groups[index].paths.append(path)
      } else {
        groups.append((config, [path]))
      }
    }
    var result = ScanResult()
    var rules: [Rule] = []
    for group in groups {
      let loaded = load(config: group.config)
      let part = scan(group.paths, loaded: loaded)
      result.findings += part.findings
      result.suppressed += part.suppressed
      result.tracked += part.tracked
      result.problems += part.problems
      result.filesScanned += part.filesScanned
      for rule in loaded.ruleSet.rules where rule.isEnabled && !rules.contains(where: { $0.id == rule.id }) {
        rules.append(rule)
      }
    }
    result.findings.sort(by: Finding.ordered)
    result.suppressed.sort(by: Finding.ordered)
    result.tracked.sort(by: Finding.ordered)
    return Outcome(result: result, rules: rules)
  }

  /// Walks `paths` and lints what it finds with the config `loaded`, as one project (with the rest of the
  /// repository they lie in).
  private func scan(_ paths: [PathBytes], loaded: ConfigLoader.Result) -> ScanResult {
    let linter = linter(loaded)
    // Exclude globs were validated when the config was loaded; an invalid one cannot reach this point.
    let excludes = (try? GlobSet(patterns: loaded.ruleSet.excludes.map(\.name))) ?? GlobSet()
    let walker = FileWalker(
      excludes: excludes, excludeBase: loaded.configBaseDirectory, forceExclude: options.forceExclude,
      languages: options.languages)
    var walkProblems: [Problem] = []
    let rest = repositoryFiles(containing: paths.map(\.shown), loaded: loaded, linter: linter)
    var result = Scan.runProject(linter: linter, rest: rest) { emit in
      walkProblems = walker.walk(rawPaths: paths.map(\.bytes), currentDirectory: currentDirectory, visit: emit)
    } load: { (walked: WalkedFile) -> LoadedInput in
      switch FileReader.source(walked, languages: options.languages) {
      case .failure(let problem): return .problem(problem)
      case .success(nil): return .skipped
      case .success(let file?): return SourceFile.looksBinary(file.bytes) ? .skipped : .file(file)
      }
    }
    result.problems = loaded.problems + walkProblems + result.problems
    return result
  }

  /// The rest of the repository holding every one of `paths`, as a store of the files not read from disk;
  /// `nil` outside a work tree (the paths are then the project).
  func repositoryFiles(
    containing paths: [String], loaded: ConfigLoader.Result, linter: Linter
  ) -> ((Set<String>) -> FactStore?)? {
    guard options.useRepository, let location = Git.workTree(containing: currentDirectory, environment: environment)
    else { return nil }
    let top = location.topLevel
    for path in paths {
      let absolute = Git.normalize(path.hasPrefix("/") ? path : currentDirectory + "/" + path)
      guard absolute == top || absolute.hasPrefix(top.hasSuffix("/") ? top : top + "/") else { return nil }
    }
    return { read in
      guard
        case .success(let indexed) = StagedFiles.indexFiles(
          prefix: location.prefix, topLevel: top, environment: environment, git: self.git)
      else { return nil }
      return self.indexStore(
        indexed, excluding: read, loaded: loaded, linter: linter, cache: self.factCache(loaded.ruleSet))
    }
  }

  /// The index's files other than `read` (normalized display paths) and those the config excludes.
  private func indexStore(
    _ indexed: [ProjectFacts.ProjectFile], excluding read: Set<String>, loaded: ConfigLoader.Result, linter: Linter,
    cache: FactCache?
  ) -> FactStore? {
    let excluded = exclusion(loaded)
    // A cheap hash first: this runs once per file of the index, and few of them were read.
    let readHashes = Set(read.map { NameHash.of($0) })
    let files = indexed.filter { file in
      let shown = Paths.normalizedDisplay(file.path)
      return !(readHashes.contains(NameHash.of(shown)) && read.contains(shown)) && !excluded(file.path)
    }
    guard !files.isEmpty else { return nil }
    return IndexFiles(
      files: files, linter: linter, cache: cache,
      read: { [git] indices in StagedFiles.readBlobs(indices.map { files[$0].blobID ?? "" }, git: git) })
  }

  private func factCache(_ ruleSet: RuleSet) -> FactCache? {
    switch options.cache {
    case .user: return FactCache.userCache(environment: environment, ruleSet: ruleSet)
    case .directory(let directory): return FactCache.inDirectory(directory, ruleSet: ruleSet)
    case .none: return nil
    }
  }

  /// Whether a path (as shown, relative to the current directory) is excluded by the config `loaded`.
  func exclusion(_ loaded: ConfigLoader.Result) -> (String) -> Bool {
    // Exclude globs were validated when the config was loaded; an invalid one cannot reach this point.
    let excludes = (try? GlobSet(patterns: loaded.ruleSet.excludes.map(\.name))) ?? GlobSet()
    if excludes.isEmpty { return { _ in false } }
    let base = loaded.configBaseDirectory ?? currentDirectory
    let currentDirectory = currentDirectory
    return { shown in
      let absolute = Git.normalize(shown.hasPrefix("/") ? shown : currentDirectory + "/" + shown)
      let below = Paths.display(absolute, relativeTo: base)
      return !below.hasPrefix("/") && excludes.isExcludedOrInExcludedDirectory(relativePath: below, isDirectory: false)
    }
  }

  // MARK: - Staged

  /// Lints the staged content of the staged files (`--staged`) with the config found from the current
  /// directory, the index as the project. Fails with a `.git` problem outside a work tree.
  public func staged() -> Result<Outcome, Problem> {
    var config: ConfigLoader.Result? = nil
    var cache: FactCache? = nil
    let read = StagedFiles.read(
      currentDirectory: currentDirectory, environment: environment, changedLines: options.changedLines, git: git,
      whileGitRuns: {
        let loaded = ConfigLoader.load(
          explicitPath: options.configPath, searchingFrom: currentDirectory,
          displayPath: { Paths.display($0, relativeTo: currentDirectory) }
        ).selecting(options.selection)
        config = loaded
        // The cache's name digests the rule set: worked out while git runs too.
        cache = factCache(loaded.ruleSet)
      })
    let staged: StagedFiles
    switch read {
    case .failure(let problem): return .failure(problem)
    case .success(let files): staged = files
    }
    guard let loaded = config else { preconditionFailure("StagedFiles.read calls whileGitRuns once") }
    let excluded = exclusion(loaded)
    let files = staged.files.filter { !excluded($0.path) }
    let linter = linter(loaded)
    let environment = environment
    // The project is the index: the staged files' staged content, and every other file's blob, with its
    // facts from the cache outside the repository. Nothing of it is read without a finding.
    var result = Scan.runProject(
      count: files.count, linter: linter,
      rest: { read in
        guard
          case .success(let indexed) = StagedFiles.indexFiles(
            prefix: staged.prefix, topLevel: staged.topLevel, environment: environment, git: self.git)
        else { return nil }
        return self.indexStore(indexed, excluding: read, loaded: loaded, linter: linter, cache: cache)
      }
    ) { [files] index in
      SourceFile.looksBinary(files[index].bytes) ? .skipped : .file(files[index])
    }
    if options.changedLines {
      result.findings.removeAll { finding in
        !(staged.changedLines[finding.path]?.touches(finding.line...max(finding.line, finding.endLine)) ?? false)
      }
    }
    result.problems = loaded.problems + staged.problems + result.problems
    return .success(Outcome(result: result, rules: loaded.ruleSet.rules.filter(\.isEnabled)))
  }
}
