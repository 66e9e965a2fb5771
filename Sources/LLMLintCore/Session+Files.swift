extension Session {
  /// What `scan(paths:)` would read, without reading it for findings (`--show-files`): the display
  /// paths of the files the walk finds for `paths` (`.` when empty), each with the config nearest it (or
  /// `--config`) deciding its excludes, in output order, and the problems of the walk. An extension-less
  /// file is listed when it starts with a Python shebang, a binary file (a NUL byte) is not, as in a scan.
  public func files(paths: [PathBytes]) -> (files: [String], problems: [Problem]) {
    let paths = paths.isEmpty ? [PathBytes(".")] : paths
    var files: [String] = []
    var problems: [Problem] = []
    for path in paths {
      let config =
        options.configPath
        ?? ConfigLoader.discover(from: Paths.directoryForConfigSearch(path.shown, currentDirectory: currentDirectory))
      let loaded =
        config.map { config in
          ConfigLoader.load(
            explicitPath: config, searchingFrom: currentDirectory,
            displayPath: { Paths.display($0, relativeTo: currentDirectory) })
        } ?? ConfigLoader.builtIn()
      // Exclude globs were validated when the config was loaded; an invalid one cannot reach this point.
      let excludes = (try? GlobSet(patterns: loaded.ruleSet.excludes.map(\.name))) ?? GlobSet()
      let walker = FileWalker(
        excludes: excludes, excludeBase: loaded.configBaseDirectory, forceExclude: options.forceExclude,
      languages: options.languages)
      var readProblems: [Problem] = []
      let walkProblems = walker.walk(rawPaths: [path.bytes], currentDirectory: currentDirectory) { walked in
        switch FileReader.source(walked, languages: options.languages) {
        case .failure(let problem): readProblems.append(problem)
        case .success(nil): break
        case .success(let file?): if !SourceFile.looksBinary(file.bytes) { files.append(file.path) }
        }
      }
      problems += loaded.problems + walkProblems + readProblems
    }
    var seen = Set<String>()
    files = files.filter { seen.insert($0).inserted }.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
    return (files, problems)
  }
}
