extension Session {
  /// Lints `content` (standard input, an editor's buffer) as the file at `path`, which need not exist:
  /// the config is the one nearest `path` (or `--config`), its rules and the file's own suppressions
  /// apply, and inside a git work tree the rest of the repository (the index, minus `path`) is the
  /// project whose facts decide, as for `scan(paths: [path])`. The display path is `path` as a walk
  /// would show it (relative to the current directory when below it).
  ///
  /// The language is the path's extension (`.py`, `.pyi`, `.swift`); a name without a dot is Python when
  /// `content` starts with a Python shebang. Anything else, binary content (a NUL byte), or a path the
  /// config excludes under `forceExclude` is not linted: the outcome has no findings and no file scanned.
  /// Content over `SourceFile.maximumSize` is a problem, as for a file on disk.
  public func scan(content: [UInt8], as path: PathBytes) -> Outcome {
    let argument = path.shown
    let absolute = Git.normalize(argument.hasPrefix("/") ? argument : currentDirectory + "/" + argument)
    let below = Paths.display(absolute, relativeTo: currentDirectory)
    let shown = !below.hasPrefix("/") || argument.hasPrefix("/") ? below : Paths.normalizedDisplay(argument)
    let config =
      options.configPath
      ?? ConfigLoader.discover(from: Paths.directoryForConfigSearch(absolute, currentDirectory: currentDirectory))
    let loaded =
      (config.map { config in
        ConfigLoader.load(
          explicitPath: config, searchingFrom: currentDirectory,
          displayPath: { Paths.display($0, relativeTo: currentDirectory) })
      } ?? ConfigLoader.builtIn()).selecting(options.selection)
    let rules = loaded.ruleSet.rules.filter(\.isEnabled)
    var result = ScanResult()
    result.problems = loaded.problems
    let name = absolute.split(separator: "/").last.map(String.init) ?? ""
    let language =
      Language.byExtension(of: name) ?? (!name.contains(".") && Language.hasPythonShebang(content) ? .python : nil)
    let excluded = stdinExclusion(loaded)
    guard let language, !(options.forceExclude && excluded(absolute)) else {
      return Outcome(result: result, rules: rules)
    }
    if content.count > SourceFile.maximumSize {
      result.problems.append(Problem(.file, path: shown, message: FileReader.tooLarge))
      return Outcome(result: result, rules: rules)
    }
    let file = SourceFile(path: shown, language: language, bytes: content)
    let linter = Linter(
      ruleSet: loaded.ruleSet, reportUnusedSuppressions: options.reportUnusedSuppressions,
      usePrefilter: options.usePrefilter)
    var part = Scan.runProject(
      count: 1, linter: linter,
      rest: stdinRepository(containing: absolute, loaded: loaded, excluded: excluded, linter: linter)
    ) { _ in SourceFile.looksBinary(file.bytes) ? .skipped : .file(file) }
    part.problems = result.problems + part.problems
    return Outcome(result: part, rules: rules)
  }

  // The helpers below mirror Session's private `exclusion`, `repositoryFiles`, `indexStore` and
  // `factCache` for one absolute path (kept apart while Session.swift is being reworked).

  /// Whether the config `loaded` excludes an absolute path (its globs compiled once).
  private func stdinExclusion(_ loaded: ConfigLoader.Result) -> @Sendable (String) -> Bool {
    // Exclude globs were validated when the config was loaded; an invalid one cannot reach this point.
    let excludes = (try? GlobSet(patterns: loaded.ruleSet.excludes.map(\.name))) ?? GlobSet()
    if excludes.isEmpty { return { _ in false } }
    let base = loaded.configBaseDirectory ?? currentDirectory
    return { absolute in
      let relative = Paths.display(absolute, relativeTo: base)
      return !relative.hasPrefix("/")
        && excludes.isExcludedOrInExcludedDirectory(relativePath: relative, isDirectory: false)
    }
  }

  /// The rest of the repository holding `absolute`, as a store of the index's files other than the ones
  /// read and those the config excludes; `nil` outside a work tree or with `useRepository` off.
  private func stdinRepository(
    containing absolute: String, loaded: ConfigLoader.Result, excluded: @escaping @Sendable (String) -> Bool,
    linter: Linter
  ) -> ((Set<String>) -> FactStore?)? {
    guard options.useRepository, let location = Git.workTree(containing: currentDirectory, environment: environment)
    else { return nil }
    let top = location.topLevel
    guard absolute == top || absolute.hasPrefix(top.hasSuffix("/") ? top : top + "/") else { return nil }
    let environment = environment
    let currentDirectory = currentDirectory
    let cache: FactCache?
    switch options.cache {
    case .user: cache = FactCache.userCache(environment: environment, ruleSet: loaded.ruleSet)
    case .directory(let directory): cache = FactCache.inDirectory(directory, ruleSet: loaded.ruleSet)
    case .none: cache = nil
    }
    return { read in
      guard
        case .success(let indexed) = StagedFiles.indexFiles(
          prefix: location.prefix, topLevel: top, environment: environment)
      else { return nil }
      let files = indexed.filter { file in
        guard !read.contains(Paths.normalizedDisplay(file.path)) else { return false }
        let path = Git.normalize(file.path.hasPrefix("/") ? file.path : currentDirectory + "/" + file.path)
        return !excluded(path)
      }
      guard !files.isEmpty else { return nil }
      return IndexFiles(
        files: files, linter: linter, cache: cache,
        read: { indices in StagedFiles.readBlobs(indices.map { files[$0].blobID ?? "" }) })
    }
  }
}
