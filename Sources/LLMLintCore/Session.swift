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

  /// The config at `config` (`nil`: the built-in rules) with `--select` / `--ignore` applied.
  func load(config: String?) -> ConfigLoader.Result {
    (config.map { config in
      ConfigLoader.load(
        explicitPath: config, searchingFrom: currentDirectory,
        displayPath: { Paths.display($0, relativeTo: currentDirectory) })
    } ?? ConfigLoader.builtIn()).selecting(options.selection)
  }

  func linter(_ loaded: ConfigLoader.Result) -> Linter {
    Linter(
      ruleSet: loaded.ruleSet, reportUnusedSuppressions: options.reportUnusedSuppressions,
      usePrefilter: options.usePrefilter)
  }

  // MARK: - Paths

  /// Scans `paths` (files and directories; `.` when empty). Each file gets the config nearest to it (or the
  /// one `--config` names): a named path the one found from it, a file found in a walk the nearest
  /// `.llmlint.yml` between it and the named directory, if any. The files that share a config are linted
  /// together, as one project with the rest of the repository, so a file gets the verdict it gets when it is
  /// named alone or staged.
  public func scan(_ paths: [String]) -> Outcome { scan(paths: paths.map(PathBytes.init)) }

  /// Like `scan(_:)` for paths as the exact bytes given (`argv`): a name that is not UTF-8 still names
  /// its file, as a directory walk would find it.
  public func scan(paths: [PathBytes]) -> Outcome {
    var statistics = ScanStatistics()
    var configs = LoadedConfigs { config in
      let (loaded, loading) = ScanStatistics.measure { load(config: config) }
      statistics.add(
        ScanStatistics.Stage(name: ScanStatistics.Name.config, count: 1, unit: "config", duration: loading))
      return loaded
    }
    var linted = ScanResult()
    let listing = IndexListingOnce()
    let problems = walkByConfig(paths, configs: &configs) { loaded, produce in
      let part = scan(loaded, produce: produce, listing: listing)
      statistics.add(part.statistics)
      linted.add(part, problems: [])
    }
    var result = linted
    result.problems = problems + linted.problems
    result.statistics = statistics
    result.sortInOutputOrder()
    result.statistics.files.sort()
    return Outcome(result: result, rules: configs.enabledRules)
  }

  /// Lints the files `produce` hands over with the config `loaded`, as one project (with the rest of the
  /// repository they lie in).
  private func scan(
    _ loaded: ConfigLoader.Result, produce: (_ emit: (WalkedFile) -> Void) -> Void, listing: IndexListingOnce
  ) -> ScanResult {
    let linter = linter(loaded)
    let rest = repositoryFiles(loaded: loaded, linter: linter, listing: listing)
    return Scan.runProject(linter: linter, rest: rest, produce: produce) {
      (walked: WalkedFile) -> LoadedInput in
      switch FileReader.source(walked, languages: options.languages) {
      case .failure(let problem): return .problem(problem)
      case .success(nil): return .skipped
      case .success(let file?): return SourceFile.looksBinary(file.bytes) ? .skipped : .file(file)
      }
    }
  }

  /// Given the files read (as shown, normalized), the rest of the repository holding them all, as a store of
  /// the files not read from disk; `nil` outside a work tree or when a file read lies outside it (the files
  /// read are then the project).
  func repositoryFiles(
    loaded: ConfigLoader.Result, linter: Linter, listing: IndexListingOnce = IndexListingOnce()
  ) -> ((Set<String>) -> FactStore?)? {
    guard options.useRepository, let location = Git.workTree(containing: currentDirectory, environment: environment)
    else { return nil }
    let top = location.topLevel
    let currentDirectory = currentDirectory
    return { read in
      // A path shown relative and not starting with `..` lies below the current directory, inside the work tree.
      for path in read where path.hasPrefix("/") || path == ".." || path.hasPrefix("../") {
        let absolute = Git.normalize(path.hasPrefix("/") ? path : currentDirectory + "/" + path)
        guard absolute == top || absolute.hasPrefix(top.hasSuffix("/") ? top : top + "/") else { return nil }
      }
      guard
        case .success(let indexed) = listing.files({
          StagedFiles.indexFiles(prefix: location.prefix, topLevel: top, environment: environment, git: self.git)
        })
      else { return nil }
      return self.indexStore(
        indexed, excluding: read, loaded: loaded, linter: linter,
        cache: self.factCache(FactCache.fingerprint(loaded.ruleSet), top))
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

  /// The facts cache for a rule set (its `FactCache.fingerprint`) in the work tree `topLevel`.
  private func factCache(_ fingerprint: String, _ topLevel: String) -> FactCache? {
    let directory: String
    switch options.cache {
    case .user:
      guard let user = FactCache.userDirectory(environment: environment) else { return nil }
      directory = user
    case .directory(let given): directory = given
    case .none: return nil
    }
    return FactCache.inDirectory(directory, fingerprint: fingerprint, repository: topLevel)
  }

  /// Whether a path (as shown, relative to the current directory) is excluded by the config `loaded`.
  func exclusion(_ loaded: ConfigLoader.Result) -> (String) -> Bool {
    let excludes = loaded.excludeGlobs
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

  /// Lints the staged content of the staged files (`--staged`), each with the config nearest to it on disk (or
  /// the one `--config` names), the index as the project. Fails with a `.git` problem outside a work tree.
  public func staged() -> Result<Outcome, Problem> {
    var rootConfig: String? = nil
    var root: (loaded: ConfigLoader.Result, fingerprint: String)? = nil
    var loading = Duration.zero
    let (read, reading) = ScanStatistics.measure {
      StagedFiles.read(
        currentDirectory: currentDirectory, environment: environment, changedLines: options.changedLines, git: git,
        whileGitRuns: {
          let started = ContinuousClock.now
          rootConfig = options.configPath ?? ConfigLoader.discover(from: currentDirectory)
          let loaded = load(config: rootConfig)
          // The cache's name digests the rule set: worked out while git runs too.
          root = (loaded, FactCache.fingerprint(loaded.ruleSet))
          loading = ContinuousClock.now - started
        })
    }
    let staged: StagedFiles
    switch read {
    case .failure(let problem): return .failure(problem)
    case .success(let files): staged = files
    }
    guard let root else { preconditionFailure("StagedFiles.read calls whileGitRuns once") }
    var configs = LoadedConfigs { path in path == rootConfig ? root.loaded : load(config: path) }
    // Each staged file's nearest config, looked up once per directory.
    var groups = OrderedBuckets<String?, Int>()
    var nearest: [Substring: String?] = [:]
    for index in staged.files.indices {
      guard options.configPath == nil else {
        groups.append(index, to: rootConfig)
        continue
      }
      let path = staged.repositoryPaths[index]
      let directory = path[..<(path.lastIndex(of: "/") ?? path.startIndex)]
      if nearest[directory] == nil {
        nearest[directory] = .some(ConfigLoader.discover(from: staged.topLevel + "/" + directory))
      }
      groups.append(index, to: nearest[directory]!)
    }
    // The current directory's config is reported (and its rules listed) even when no staged file is under it.
    var result = ScanResult()
    let listing = IndexListingOnce()
    result.problems = configs.loaded(rootConfig).problems
    // The config is loaded while git runs: the git stage's time includes it.
    result.statistics.add(
      ScanStatistics.Stage(name: ScanStatistics.Name.config, count: 1, unit: "config", duration: loading))
    result.statistics.add(
      ScanStatistics.Stage(name: ScanStatistics.Name.git, count: staged.files.count, duration: reading))
    for (config, indices) in groups.buckets {
      let fresh = !configs.has(config)
      let loaded = configs.loaded(config)
      let excluded = exclusion(loaded)
      let files = indices.map { staged.files[$0] }.filter { !excluded($0.path) }
      let fingerprint = config == rootConfig ? root.fingerprint : FactCache.fingerprint(loaded.ruleSet)
      var part = scanStaged(
        files, staged: staged, loaded: loaded, cache: factCache(fingerprint, staged.topLevel), listing: listing)
      if options.changedLines {
        part.findings.removeAll { finding in
          !(staged.changedLines[finding.path]?.touches(finding.line...max(finding.line, finding.endLine)) ?? false)
        }
      }
      result.add(part, problems: fresh ? loaded.problems : [])
      result.statistics.add(part.statistics)
    }
    result.problems += staged.problems
    result.sortInOutputOrder()
    result.statistics.files.sort()
    return .success(Outcome(result: result, rules: configs.enabledRules))
  }

  /// Lints staged `files` with the config `loaded`: the project is the index, the files with their staged
  /// content and every other file's blob, with its facts from the cache outside the repository. Nothing of it
  /// is read without a finding.
  private func scanStaged(
    _ files: [SourceFile], staged: StagedFiles, loaded: ConfigLoader.Result, cache: FactCache?,
    listing: IndexListingOnce
  ) -> ScanResult {
    let linter = linter(loaded)
    let environment = environment
    return Scan.runProject(
      count: files.count, linter: linter,
      rest: { read in
        guard
          case .success(let indexed) = listing.files({
            StagedFiles.indexFiles(
              prefix: staged.prefix, topLevel: staged.topLevel, environment: environment, git: self.git)
          })
        else { return nil }
        return self.indexStore(indexed, excluding: read, loaded: loaded, linter: linter, cache: cache)
      }
    ) { index in
      SourceFile.looksBinary(files[index].bytes) ? .skipped : .file(files[index])
    }
  }
}

extension ScanResult {
  /// Sorts findings, suppressed and tracked findings in output order (`Finding.ordered`).
  mutating func sortInOutputOrder() {
    findings.sort(by: Finding.ordered)
    suppressed.sort(by: Finding.ordered)
    tracked.sort(by: Finding.ordered)
  }

  /// Adds the findings, files and problems of `part`, after `problems`.
  mutating func add(_ part: ScanResult, problems: [Problem]) {
    findings += part.findings
    suppressed += part.suppressed
    tracked += part.tracked
    self.problems += problems + part.problems
    filesScanned += part.filesScanned
  }
}

extension ConfigLoader.Result {
  /// The config's exclude globs (validated when it was loaded: an invalid one cannot reach a scan).
  var excludeGlobs: GlobSet { (try? GlobSet(patterns: ruleSet.excludes.map(\.name))) ?? GlobSet() }
}
