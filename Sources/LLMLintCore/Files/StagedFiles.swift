/// The staged content of the staged Python and Swift files of the repository holding the current directory:
/// what `git commit` would record, read from the index (not the work tree), so a partially staged file is
/// judged by its staged part only.
///
/// Two git processes, started together so their start-up overlaps: one `git diff --cached --raw -z` (what is
/// staged, with modes and blob ids; it diffs against the empty tree when there is no commit yet) and one
/// `git cat-file --batch` for every blob at once. Where the work tree starts is found by looking for `.git`
/// upward, as git does; a third process, `git rev-parse`, answers instead when `GIT_DIR`, `GIT_WORK_TREE` or
/// `GIT_COMMON_DIR` is set, or no `.git` is found (it then also says why).
///
/// Kept: Added, Copied, Modified, Renamed and Type-changed entries that are regular files now (mode 100644 or
/// 100755) and are Python (`.py`, `.pyi`, or no extension and a Python shebang) or Swift (`.swift`). Skipped:
/// deletions, submodules (160000), symlinks (120000), other files. Paths are shown relative to the current
/// directory (`../lib/x.py` from a sibling directory), decoded as UTF-8 with invalid bytes replaced.
public struct StagedFiles: Sendable {
  /// The root of the work tree, absolute.
  public var topLevel: String
  /// The current directory relative to `topLevel`: `""` at the root, else ending in `/`.
  public var prefix: String
  /// The files to lint, in `git diff` order (path order), with their staged bytes.
  public var files: [SourceFile]
  /// Each file's path relative to `topLevel` (same order as `files`), for matching exclude globs.
  public var repositoryPaths: [String]
  /// Staged files that could not be taken (a blob larger than `SourceFile.maximumSize`), as a plain scan
  /// reports them.
  public var problems: [Problem]
  /// With `changedLines: true`: for each file's display path, the lines the staged diff adds or changes.
  public var changedLines: [String: ChangedLines]
  /// With `projectFiles: true`: every Python and Swift file of the index (regular files, picked by
  /// extension), paths shown as `files` shows them, with blob ids: the project `ProjectFacts` is gathered
  /// from, the staged files with their staged content. Read their bytes with `readBlobs`.
  public var projectFiles: [ProjectFacts.ProjectFile] = []

  /// File modes kept: regular files, executable or not.
  static let regularModes: Set<String> = ["100644", "100755"]
  /// Statuses kept (`--diff-filter`): Added, Copied, Modified, Renamed, Type changed (e.g. a symlink that
  /// became a file; the mode check drops the reverse).
  static let statusFilter = "ACMRT"

  /// Reads the staged files. `changedLines` also asks git for the `-U0` patch and fills `changedLines`.
  /// Fails with a `.git` problem when the current directory is not in a work tree or git cannot be run.
  /// `environment` is the process's (only `GIT_DIR`, `GIT_WORK_TREE` and `GIT_COMMON_DIR` are looked at).
  /// `projectFiles` also lists the whole index (one more git process, `git ls-files -s -z`, started with
  /// the others) into `projectFiles`. `whileGitRuns` is called once, right after the git processes are
  /// started and before waiting for them, so the caller's own start-up work (loading the config) overlaps
  /// theirs.
  public static func read(
    currentDirectory: String, environment: [String: String], changedLines wantChangedLines: Bool = false,
    projectFiles wantProjectFiles: Bool = false, git: Git = Git(), whileGitRuns: () -> Void = {}
  ) -> Result<StagedFiles, Problem> {
    var diffArguments = [
      "diff", "--cached", "--raw", "-z", "--no-abbrev", "--no-color", "--no-ext-diff", "--no-textconv",
      "--no-relative", "--find-renames", "--diff-filter=\(statusFilter)",
    ]
    if wantChangedLines {
      // Explicit prefixes and no inter-hunk context, whatever diff.* settings the user has; `--text`, so a
      // file that `.gitattributes` marks `-diff` or `binary` still has hunks (it was only ever code to us).
      diffArguments += ["-p", "-U0", "--inter-hunk-context=0", "--src-prefix=a/", "--dst-prefix=b/", "--text"]
    }
    let found = Git.workTree(containing: currentDirectory, environment: environment)
    let revParse = found == nil ? git.start(Git.repositoryArguments) : nil
    let diff = git.start(diffArguments)
    let catFile = git.start(["cat-file", "--batch"])
    let listing = wantProjectFiles ? git.start(listArguments) : nil
    whileGitRuns()
    // Children left unfinished are reaped (with empty input) when released.
    let location: (topLevel: String, prefix: String)
    if let found {
      location = found
    } else {
      switch revParse! {
      case .failure(let problem): return .failure(problem)
      case .success(let child):
        switch Git.parseRepository(child.finish(input: []), currentDirectory: currentDirectory) {
        case .failure(let problem): return .failure(problem)
        case .success(let repository): location = (repository.topLevel, repository.prefix)
        }
      }
    }
    guard case .success(let diffChild) = diff else { return .failure(diff.failure!) }
    let diffOutput = diffChild.finish(input: [])
    guard diffOutput.status == 0 else {
      return .failure(Problem(.git, message: "git diff --cached: \(diffOutput.errorSummary)"))
    }
    let parsed = parseDiff(diffOutput.stdout)
    // Files named as code are read whole; a file without an extension only as far as its first line, unless
    // that line is a Python shebang (a large data file must not be read to find out it is not a script).
    let regular = parsed.entries.filter { regularModes.contains($0.newMode) }
    let named = regular.filter { hasCodeExtension($0.path) }
    let scripts = regular.filter { !hasCodeExtension($0.path) && mayBeCode($0.path) }

    var request: [UInt8] = []
    for entry in named { request += entry.blob.utf8 + [ASCII.lineFeed] }
    guard case .success(let catFileChild) = catFile else { return .failure(catFile.failure!) }
    let blobs = catFileChild.finish(input: request)
    guard blobs.status == 0 else {
      return .failure(Problem(.git, message: "git cat-file --batch: \(blobs.errorSummary)"))
    }
    var byPath: [[UInt8]: ScriptBlob] = [:]
    for (entry, bytes) in zip(named, parseBatch(blobs.stdout, count: named.count)) {
      byPath[entry.path] = bytes.map { $0.count > SourceFile.maximumSize ? .tooLarge : .code($0) } ?? .notCode
    }
    for (entry, blob) in zip(scripts, readScripts(scripts.map(\.blob), git: git)) { byPath[entry.path] = blob }
    let wanted = regular.filter { byPath[$0.path] != nil }

    var result = StagedFiles(
      topLevel: location.topLevel, prefix: location.prefix, files: [], repositoryPaths: [], problems: [],
      changedLines: [:])
    for entry in wanted {
      let path = String(decoding: entry.path, as: UTF8.self)
      let shown = displayPath(entry.path[...], prefix: Array(location.prefix.utf8))
      let bytes: [UInt8]
      switch byPath[entry.path]! {
      case .notCode: continue
      case .tooLarge:
        result.problems.append(Problem(.file, path: shown, message: FileReader.tooLarge))
        continue
      case .code(let content): bytes = content
      }
      guard let language = Languages.builtIn.byExtension(of: path) ?? Languages.builtIn.byShebang(bytes)
      else { continue }
      result.files.append(SourceFile(path: shown, language: language, bytes: bytes))
      result.repositoryPaths.append(path)
      if wantChangedLines { result.changedLines[shown] = parsed.changes[entry.path] ?? ChangedLines() }
    }
    if let listing {
      guard case .success(let child) = listing else { return .failure(listing.failure!) }
      let output = child.finish(input: [])
      guard output.status == 0 else {
        return .failure(Problem(.git, message: "git ls-files: \(output.errorSummary)"))
      }
      result.projectFiles = projectFiles(fromListing: output.stdout, prefix: location.prefix)
    }
    return .success(result)
  }

  /// Like `indexFiles(prefix:git:)`, reading the index file of the work tree at `topLevel` directly when
  /// `GitIndex` can (the same list, without a git process), else asking git.
  public static func indexFiles(
    prefix: String, topLevel: String, environment: [String: String], git: Git = Git()
  ) -> Result<[ProjectFacts.ProjectFile], Problem> {
    let prefixBytes = Array(prefix.utf8)
    if let index = GitIndex.path(topLevel: topLevel, environment: environment),
      let files = GitIndex.projectFiles(at: index, displayPath: { displayPath($0, prefix: prefixBytes) })
    {
      return .success(files)
    }
    return indexFiles(prefix: prefix, git: git)
  }

  /// Every Python and Swift file of the index (regular files, picked by extension), with one
  /// `git ls-files -s -z`, paths shown relative to the current directory, which is `prefix` below the top
  /// level (as `read` reports it): the project `ProjectFacts` is gathered from. Read their bytes with
  /// `readBlobs`.
  public static func indexFiles(prefix: String, git: Git = Git()) -> Result<[ProjectFacts.ProjectFile], Problem> {
    guard case .success(let output) = git.run(listArguments) else {
      return .failure(Problem(.git, message: "cannot run git ls-files"))
    }
    guard output.status == 0 else { return .failure(Problem(.git, message: "git ls-files: \(output.errorSummary)")) }
    return .success(projectFiles(fromListing: output.stdout, prefix: prefix))
  }

  /// `git ls-files` for the whole index; `:/` is the top of the work tree, so a run from a subdirectory
  /// still sees the whole project.
  static let listArguments = ["ls-files", "-s", "-z", "--full-name", "--", ":/"]

  static func projectFiles(fromListing listing: [UInt8], prefix: String) -> [ProjectFacts.ProjectFile] {
    let prefix = Array(prefix.utf8)
    return IndexListing.parse(listing) { displayPath($0, prefix: prefix) }
  }

  /// The contents of the blobs `ids`, in order, with one `git cat-file --batch`; `nil` for one git does not
  /// have (or when git cannot be run).
  public static func readBlobs(_ ids: [String], git: Git = Git()) -> [[UInt8]?] {
    guard !ids.isEmpty else { return [] }
    var request: [UInt8] = []
    for id in ids { request += id.utf8 + [ASCII.lineFeed] }
    guard case .success(let output) = git.run(["cat-file", "--batch"], input: request), output.status == 0 else {
      return ids.map { _ in nil }
    }
    return parseBatch(output.stdout, count: ids.count)
  }

  // MARK: - Scripts without an extension

  /// A staged blob as far as it was read.
  enum ScriptBlob: Equatable {
    /// Not code (no Python shebang), missing, or not a blob; read no further than needed to know.
    case notCode
    /// Code, larger than `SourceFile.maximumSize`: not read.
    case tooLarge
    case code([UInt8])
  }

  /// A blob's remainder up to this size is read past (the same `cat-file` goes on with the next blob);
  /// beyond it the process is ended and a new one started, so no more of a large blob is read than a pipe
  /// holds.
  static let skipLimit = 64 << 10

  /// The blobs `ids` of files without an extension, each read only to its first `FileReader.prefixSize`
  /// bytes unless they start with a Python shebang: one `git cat-file --batch` asked one blob at a time
  /// (it answers each before reading the next), restarted after a large blob that is not code. `.notCode`
  /// for a blob git does not have, and for all when git cannot be run.
  static func readScripts(_ ids: [String], git: Git) -> [ScriptBlob] {
    var stream = BlobStream(git: git)
    defer { stream.close() }
    return ids.map { id in
      guard let size = stream.request(id) else { return .notCode }
      guard let first = stream.take(min(size, FileReader.prefixSize)) else { return .notCode }
      let rest = size - first.count
      let script = Languages.builtIn.byShebang(first) != nil
      guard script, size <= SourceFile.maximumSize else {
        // Past the rest of the blob and its line feed, or away from it.
        if rest + 1 <= skipLimit { _ = stream.take(rest + 1) } else { stream.close() }
        return script ? .tooLarge : .notCode
      }
      guard let tail = stream.take(rest), stream.take(1) != nil else { return .notCode }
      return .code(first + tail)
    }
  }

  /// `git cat-file --batch` read as a stream, one request at a time.
  private struct BlobStream {
    let git: Git
    var child: Git.Child?
    var buffer: [UInt8] = []
    var position = 0
    /// Set when git cannot be started: every later request fails.
    var broken = false

    init(git: Git) { self.git = git }

    /// Asks for blob `id`; its size, or `nil` when it is missing, not a blob, or git failed.
    mutating func request(_ id: String) -> Int? {
      if child == nil, !broken {
        if case .success(let started) = git.start(["cat-file", "--batch"]) { child = started } else { broken = true }
      }
      guard let child, child.send(Array(id.utf8) + [ASCII.lineFeed]) else { return nil }
      guard let header = line() else {
        close()
        return nil
      }
      let fields = header.split(separator: ASCII.space)
      // "<id> <type> <size>"; "<id> missing" alone.
      guard fields.count == 3, let size = Int(String(decoding: fields[2], as: UTF8.self)), size >= 0 else { return nil }
      guard fields[1].elementsEqual("blob".utf8) else {
        _ = take(size + 1)
        return nil
      }
      return size
    }

    /// The next `count` bytes, or `nil` when the output ends first (the stream is then closed).
    mutating func take(_ count: Int) -> [UInt8]? {
      var result: [UInt8] = []
      result.reserveCapacity(count)
      while result.count < count {
        if position == buffer.count, !fill() {
          close()
          return nil
        }
        let end = min(buffer.count, position + count - result.count)
        result += buffer[position..<end]
        position = end
      }
      return result
    }

    /// The next line without its line feed, or `nil` at the end of the output.
    private mutating func line() -> [UInt8]? {
      var result: [UInt8] = []
      while true {
        if position == buffer.count, !fill() { return nil }
        if let feed = buffer[position...].firstIndex(of: ASCII.lineFeed) {
          result += buffer[position..<feed]
          position = feed + 1
          return result
        }
        result += buffer[position...]
        position = buffer.count
        if result.count > 4096 { return nil }
      }
    }

    private mutating func fill() -> Bool {
      guard let child else { return false }
      buffer = child.receive(upTo: 1 << 16)
      position = 0
      return !buffer.isEmpty
    }

    /// Ends the current process (a later request starts another).
    mutating func close() {
      child?.terminate()
      child = nil
      buffer = []
      position = 0
    }
  }

  // MARK: - Parsing git's output

  /// One record of `git diff --raw -z`.
  struct Entry: Equatable {
    var newMode: String
    var blob: String
    var status: UInt8
    /// The path in the index (the new path of a rename or copy), relative to the top level, as bytes.
    var path: [UInt8]
  }

  /// The raw records, and (when the output holds a `-p` patch after them) each new path's changed lines.
  static func parseDiff(_ bytes: [UInt8]) -> (entries: [Entry], changes: [[UInt8]: ChangedLines]) {
    var entries: [Entry] = []
    var index = 0
    // Raw records: ":old new oldblob newblob STATUS\0path\0" (two paths for R and C).
    while index < bytes.count, bytes[index] == UInt8(ascii: ":") {
      guard let headerEnd = bytes[index...].firstIndex(of: 0) else { break }
      let header = bytes[(index + 1)..<headerEnd].split(separator: ASCII.space)
      index = headerEnd + 1
      guard header.count == 5, let status = header[4].first else { break }
      let pathCount = status == UInt8(ascii: "R") || status == UInt8(ascii: "C") ? 2 : 1
      var paths: [[UInt8]] = []
      for _ in 0..<pathCount {
        guard let end = bytes[index...].firstIndex(of: 0) else { break }
        paths.append(Array(bytes[index..<end]))
        index = end + 1
      }
      guard paths.count == pathCount else { break }
      entries.append(
        Entry(
          newMode: String(decoding: header[1], as: UTF8.self), blob: String(decoding: header[3], as: UTF8.self),
          status: status, path: paths[pathCount - 1]))
    }
    guard index < bytes.count else { return (entries, [:]) }
    return (entries, parsePatch(bytes[index...]))
  }

  /// The changed lines of each file of a `-U0` patch, keyed by the `+++ b/` path (unquoted).
  static func parsePatch(_ patch: ArraySlice<UInt8>) -> [[UInt8]: ChangedLines] {
    var changes: [[UInt8]: ChangedLines] = [:]
    var current: [UInt8]? = nil
    for line in patch.split(separator: ASCII.lineFeed) {
      if line.starts(with: "diff --git ".utf8) {
        current = nil
      } else if current == nil, line.starts(with: "+++ ".utf8) {
        current = patchPath(line.dropFirst(4))
        if let current, changes[current] == nil { changes[current] = ChangedLines() }
      } else if let path = current, line.starts(with: "@@ ".utf8), let hunk = hunkRange(line) {
        if hunk.count == 0 {
          changes[path]!.removedAfter.append(hunk.start)
        } else {
          changes[path]!.added.append(hunk.start...(hunk.start + hunk.count - 1))
        }
      }
    }
    return changes
  }

  /// The path of a `+++ ` line: `b/path` (with git's trailing tab after a path holding a space) or a
  /// C-quoted `"b/pa\th"`; `nil` for `/dev/null`.
  static func patchPath(_ text: ArraySlice<UInt8>) -> [UInt8]? {
    var path: [UInt8]
    if text.first == UInt8(ascii: "\"") {
      path = unquote(text)
    } else {
      path = Array(text)
      if path.last == ASCII.tab { path.removeLast() }
    }
    guard path.starts(with: "b/".utf8) else { return nil }
    return Array(path.dropFirst(2))
  }

  /// Undoes git's C-style quoting (`quote_c_style`): `\a \b \t \n \v \f \r \" \\` and octal `\ooo` bytes.
  static func unquote(_ text: ArraySlice<UInt8>) -> [UInt8] {
    var bytes: [UInt8] = []
    var index = text.startIndex + 1
    while index < text.endIndex, text[index] != UInt8(ascii: "\"") {
      let byte = text[index]
      index += 1
      guard byte == UInt8(ascii: "\\"), index < text.endIndex else {
        bytes.append(byte)
        continue
      }
      let escaped = text[index]
      index += 1
      switch escaped {
      case UInt8(ascii: "a"): bytes.append(0x07)
      case UInt8(ascii: "b"): bytes.append(0x08)
      case UInt8(ascii: "t"): bytes.append(0x09)
      case UInt8(ascii: "n"): bytes.append(0x0A)
      case UInt8(ascii: "v"): bytes.append(0x0B)
      case UInt8(ascii: "f"): bytes.append(0x0C)
      case UInt8(ascii: "r"): bytes.append(0x0D)
      case UInt8(ascii: "0")...UInt8(ascii: "7"):
        var value = Int(escaped - UInt8(ascii: "0"))
        for _ in 0..<2 where index < text.endIndex && (UInt8(ascii: "0")...UInt8(ascii: "7")).contains(text[index]) {
          value = value * 8 + Int(text[index] - UInt8(ascii: "0"))
          index += 1
        }
        bytes.append(UInt8(truncatingIfNeeded: value))
      default: bytes.append(escaped)
      }
    }
    return bytes
  }

  /// The new-side `+start[,count]` of a hunk header `@@ -a,b +c,d @@`; count is 1 when left out.
  static func hunkRange(_ line: ArraySlice<UInt8>) -> (start: Int, count: Int)? {
    guard let plus = line.firstIndex(of: UInt8(ascii: "+")) else { return nil }
    var index = plus + 1
    func number() -> Int? {
      var value = 0
      var digits = 0
      while index < line.endIndex, ASCII.isDigit(line[index]), digits < 18 {
        value = value * 10 + Int(line[index] - UInt8(ascii: "0"))
        index += 1
        digits += 1
      }
      return digits > 0 ? value : nil
    }
    guard let start = number() else { return nil }
    var count = 1
    if index < line.endIndex, line[index] == UInt8(ascii: ",") {
      index += 1
      guard let given = number() else { return nil }
      count = given
    }
    return (start, count)
  }

  /// The contents of `git cat-file --batch` output for `count` requests, in order; `nil` for a missing
  /// object or anything that is not a blob.
  static func parseBatch(_ bytes: [UInt8], count: Int) -> [[UInt8]?] {
    var contents: [[UInt8]?] = []
    var index = 0
    while contents.count < count, index < bytes.count {
      guard let headerEnd = bytes[index...].firstIndex(of: ASCII.lineFeed) else { break }
      let header = bytes[index..<headerEnd].split(separator: ASCII.space)
      index = headerEnd + 1
      // "<id> <type> <size>" then the content and a line feed; "<id> missing" (or ambiguous) alone.
      guard header.count == 3, let size = Int(String(decoding: header[2], as: UTF8.self)), size >= 0,
        index + size <= bytes.count
      else {
        contents.append(nil)
        continue
      }
      contents.append(header[1].elementsEqual("blob".utf8) ? Array(bytes[index..<(index + size)]) : nil)
      index += size + 1
    }
    while contents.count < count { contents.append(nil) }
    return contents
  }

  // MARK: - Paths

  /// Whether `path`'s name ends in a Python or Swift extension.
  static func hasCodeExtension(_ path: [UInt8]) -> Bool {
    let name = path.split(separator: UInt8(ascii: "/")).last ?? []
    return Languages.builtIn.byExtension(ofBytes: name[...]) != nil
  }

  /// Whether `path` could be code worth fetching: a Python or Swift extension, or no extension at all (a
  /// script that may have a Python shebang).
  static func mayBeCode(_ path: [UInt8]) -> Bool {
    let name = path.split(separator: UInt8(ascii: "/")).last ?? []
    if name.firstIndex(of: UInt8(ascii: ".")) == nil { return true }
    return Languages.builtIn.byExtension(ofBytes: name[...]) != nil
  }

  /// `path` (relative to the top level) made relative to the current directory, which is `prefix` below
  /// the top level (`""` or ending in `/`): `sub/x.py` from `sub/` is `x.py`, from `other/` `../sub/x.py`.
  static func displayPath(_ path: ArraySlice<UInt8>, prefix: [UInt8]) -> String {
    if prefix.isEmpty { return String(decoding: path, as: UTF8.self) }
    let slash = UInt8(ascii: "/")
    let here = prefix.split(separator: slash)
    var components = path.split(separator: slash, omittingEmptySubsequences: false)
    var common = 0
    while common < here.count, common < components.count - 1, here[common].elementsEqual(components[common]) {
      common += 1
    }
    components.removeFirst(common)
    let ups = String(repeating: "../", count: here.count - common)
    return ups + String(decoding: Array(components.joined(separator: [slash])), as: UTF8.self)
  }
}

/// The lines of one file's new content that a diff adds or changes, 1-based as git counts them (at `\n`).
public struct ChangedLines: Sendable, Equatable {
  /// Line ranges added or rewritten.
  public var added: [ClosedRange<Int>]
  /// Lines after which old lines were removed with nothing put in their place (0: at the top).
  public var removedAfter: [Int]

  public init(added: [ClosedRange<Int>] = [], removedAfter: [Int] = []) {
    self.added = added
    self.removedAfter = removedAfter
  }

  /// Whether a call on `lines` was touched: it holds an added line, or lines were removed from inside it
  /// (between two of its lines). Lines removed just before or after it do not touch it.
  public func touches(_ lines: ClosedRange<Int>) -> Bool {
    added.contains { $0.overlaps(lines) }
      || removedAfter.contains { $0 >= lines.lowerBound && $0 < lines.upperBound }
  }
}

extension Result {
  /// The error, if this is a failure.
  fileprivate var failure: Failure? {
    if case .failure(let error) = self { return error }
    return nil
  }
}
