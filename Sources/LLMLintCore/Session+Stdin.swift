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
    let (loaded, loading) = ScanStatistics.measure { load(config: config) }
    let rules = loaded.ruleSet.rules.filter(\.isEnabled)
    var result = ScanResult()
    result.problems = loaded.problems
    let name = absolute.split(separator: "/").last.map(String.init) ?? ""
    let language =
      options.languages.byExtension(of: name) ?? (!name.contains(".") ? options.languages.byShebang(content) : nil)
    let excluded = exclusion(loaded)
    guard let language, !(options.forceExclude && excluded(absolute)) else {
      return Outcome(result: result, rules: rules)
    }
    if content.count > SourceFile.maximumSize {
      result.problems.append(Problem(.file, path: shown, message: FileReader.tooLarge))
      return Outcome(result: result, rules: rules)
    }
    let file = SourceFile(path: shown, language: language, bytes: content)
    let linter = linter(loaded)
    var part = Scan.runProject(
      count: 1, linter: linter,
      rest: repositoryFiles(loaded: loaded, linter: linter)
    ) { _ in SourceFile.looksBinary(file.bytes) ? .skipped : .file(file) }
    part.problems = result.problems + part.problems
    var statistics = ScanStatistics()
    statistics.add(ScanStatistics.Stage(name: ScanStatistics.Name.config, count: 1, unit: "config", duration: loading))
    statistics.add(part.statistics)
    part.statistics = statistics
    return Outcome(result: part, rules: rules)
  }
}
