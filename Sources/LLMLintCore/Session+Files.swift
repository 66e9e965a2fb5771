extension Session {
  /// What `scan(paths:)` would read, without reading it for findings (`--show-files`): the display
  /// paths of the files the walk finds for `paths` (`.` when empty), each with the config nearest it (or
  /// `--config`) deciding its excludes, in output order, and the problems of the walk. An extension-less
  /// file is listed when it starts with a Python shebang, a binary file (a NUL byte) is not, as in a scan.
  public func files(paths: [PathBytes]) -> (files: [String], problems: [Problem]) {
    var files: [String] = []
    var readProblems: [Problem] = []
    // `--select` / `--ignore` change rules, not which files are read.
    var configs = LoadedConfigs(load: load(config:))
    let walkProblems = walkByConfig(paths, configs: &configs) { _, produce in
      produce { walked in
        switch FileReader.source(walked, languages: options.languages) {
        case .failure(let problem): readProblems.append(problem)
        case .success(nil): break
        case .success(let file?): if !SourceFile.looksBinary(file.bytes) { files.append(file.path) }
        }
      }
    }
    let problems = walkProblems + readProblems
    var seen = Set<String>()
    files = files.filter { seen.insert($0).inserted }.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
    return (files, problems)
  }
}
