#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// A file the walker picked: how to show it, how to open it, and its language if the name tells it.
public struct WalkedFile: Sendable, Equatable {
  /// The path shown to the user: relative to the current directory when the file lies below it (`a/b.py`,
  /// never `./a/b.py`), otherwise relative as given (`../x/b.py`) or absolute. Lexically normalized
  /// (`.`, `..` and repeated `/` resolved); invalid UTF-8 in names is shown as U+FFFD.
  public var displayPath: String
  /// The absolute, lexically normalized path, decoded for messages (lossy when names are not UTF-8).
  public var fileSystemPath: String
  /// The exact bytes of the absolute path, for opening the file (`FileReader.read(_:)`).
  public var rawPath: [UInt8]
  /// `.python` for `.py` / `.pyi`, `.swift` for `.swift`; `nil` for a name without an extension, which is
  /// Python only if its first line is a Python shebang (`FileReader.source(_:)` decides).
  public var language: Language?
  /// The path `FileReader` opens: `rawPath`, or the same file relative to the process's current directory
  /// when it lies below it (fewer components for the kernel to look up).
  var openPath: [UInt8]
  /// The config that applies to the file by where it lies, as far as the walk can tell (only when the walker
  /// `findsConfigs`; otherwise always `.argument`).
  public var config: WalkedConfig = .argument

  public init(displayPath: String, fileSystemPath: String, rawPath: [UInt8], language: Language?) {
    self.displayPath = displayPath
    self.fileSystemPath = fileSystemPath
    self.rawPath = rawPath
    self.language = language
    self.openPath = rawPath
  }

  /// Equal when they name the same file the same way (how it is opened does not count).
  public static func == (lhs: WalkedFile, rhs: WalkedFile) -> Bool {
    lhs.displayPath == rhs.displayPath && lhs.fileSystemPath == rhs.fileSystemPath && lhs.rawPath == rhs.rawPath
      && lhs.language == rhs.language
  }
}

/// Which config applies to a walked file: the one found from the path named on the command line, a
/// `.llmlint.yml` (or `.yaml`) in a directory the walk entered on the way to the file (the nearest one), or
/// none because the file lies in a git work tree nested below the argument that has no config of its own (a
/// config is looked for up to its work tree's root, as `ConfigLoader.discover` does).
public enum WalkedConfig: Sendable, Hashable {
  case argument
  /// The absolute, normalized path of the config file.
  case file(String)
  case builtIn
}

/// The files to lint, sorted by display path (byte order), and what went wrong finding them.
public struct WalkResult: Sendable, Equatable {
  public var files: [WalkedFile]
  public var problems: [Problem]

  public init(files: [WalkedFile] = [], problems: [Problem] = []) {
    self.files = files
    self.problems = problems
  }
}

/// Turns the paths on the command line into the Python and Swift files to lint.
///
/// Directories are walked with `opendir` / `readdir`; files are picked by extension (`.py`, `.pyi`,
/// `.swift`), and names without an extension are kept as possible Python scripts. Tool and dependency
/// directories are skipped (`skippedDirectoryNames`, `.build-*`, `.build_*`, `Carthage/Checkouts`, and any
/// directory holding `pyvenv.cfg`, a virtualenv such as `env/`). Inside a git work tree, `.gitignore` files
/// (the root's, nested ones, and `$GIT_DIR/info/exclude`) are honoured as git does, by reading them (git is
/// not run); a directory holding `.git` starts its own work tree. Configured `excludes` apply to paths
/// relative to `excludeBase` (the current directory when `nil`); paths outside it are not excluded by them.
///
/// Paths named on the command line are always taken, even when ignored or excluded, unless `forceExclude`
/// is set; a named symbolic link is followed. Inside a walk, symbolic links are not followed at all (so
/// there are no loops and nothing outside the tree is read through one). FIFOs,
/// sockets and devices found in a walk are skipped. A missing path, an unreadable directory or a bad
/// `.gitignore` line is a `Problem`; the walk goes on. Output is sorted and free of duplicates.
public struct FileWalker: Sendable {
  public var excludes: GlobSet
  public var excludeBase: String?
  public var respectGitignore: Bool
  public var forceExclude: Bool
  /// Whether walked files are told the nearest config below the argument (`WalkedFile.config`).
  public var findsConfigs = false
  /// The languages whose files a walk picks (by extension; a name without one may be a script).
  public var languages: Languages

  /// Directory names never entered during a walk (a directory named on the command line is still walked).
  public static let skippedDirectoryNames: Set<String> = [
    ".git", ".hg", ".svn", ".build", ".swiftpm", "node_modules", "__pycache__", ".tox", ".nox", ".mypy_cache",
    ".pytest_cache", ".ruff_cache", ".venv", "venv", "site-packages", "DerivedData", "Pods",
  ]

  public init(
    excludes: GlobSet = GlobSet(), excludeBase: String? = nil, respectGitignore: Bool = true,
    forceExclude: Bool = false, languages: Languages = .builtIn
  ) {
    self.languages = languages
    self.excludes = excludes
    self.excludeBase = excludeBase
    self.respectGitignore = respectGitignore
    self.forceExclude = forceExclude
  }

  /// Collects the files to lint under `paths` (files or directories, absolute or relative to
  /// `currentDirectory`; a relative `currentDirectory` is taken from the process's). An empty `paths`
  /// collects nothing.
  public func collect(_ paths: [String], currentDirectory: String) -> WalkResult {
    collect(rawPaths: paths.map { Array($0.utf8) }, currentDirectory: currentDirectory)
  }

  /// Like `collect(_:currentDirectory:)`, for paths given as bytes (`CommandLine.unsafeArgv`), so that an
  /// argument that is not UTF-8 still names its file.
  public func collect(rawPaths: [[UInt8]], currentDirectory: String) -> WalkResult {
    var walk = makeWalk(rawPaths, currentDirectory: currentDirectory)
    for path in rawPaths where !path.isEmpty { walk.visitArgument(path) }
    return walk.finish()
  }

  /// Like `collect(_:currentDirectory:)`, handing each file to `visit` as soon as it is found (so that
  /// reading and linting can start during the walk), in walk order: the arguments in order, each directory's
  /// files by name before its subdirectories, subdirectories by name. Returns the problems.
  public func walk(_ paths: [String], currentDirectory: String, visit: (WalkedFile) -> Void) -> [Problem] {
    walk(rawPaths: paths.map { Array($0.utf8) }, currentDirectory: currentDirectory, visit: visit)
  }

  /// Like `walk(_:currentDirectory:visit:)`, for paths given as bytes (an argument that is not UTF-8 names
  /// its file, shown as the walk shows it: invalid bytes as U+FFFD).
  public func walk(rawPaths: [[UInt8]], currentDirectory: String, visit: (WalkedFile) -> Void) -> [Problem] {
    withoutActuallyEscaping(visit) { visit in
      var walk = makeWalk(rawPaths, currentDirectory: currentDirectory)
      walk.visit = visit
      for path in rawPaths where !path.isEmpty { walk.visitArgument(path) }
      return walk.problems
    }
  }

  private func makeWalk(_ rawPaths: [[UInt8]], currentDirectory: String) -> Walk {
    let process = normalize(processDirectory())
    var directory = Array(currentDirectory.utf8)
    if directory.first != slash { directory = joined(process, directory) }
    var walk = Walk(walker: self, currentDirectory: normalize(directory), processDirectory: process)
    // One argument reaches no file twice: a walk follows no symbolic link.
    walk.checksDuplicates = rawPaths.filter { !$0.isEmpty }.count > 1
    return walk
  }
}

// MARK: - The walk

private let slash = UInt8(ascii: "/")
private let dot = UInt8(ascii: ".")

/// `d_type` values (the same on Linux and macOS).
private enum EntryType {
  static let unknown: UInt8 = 0
  static let directory: UInt8 = 4
  static let regular: UInt8 = 8
  static let symbolicLink: UInt8 = 10
}

/// The process's current directory (`getcwd`), or `/` if it cannot be read.
private func processDirectory() -> [UInt8] {
  var buffer = [CChar](repeating: 0, count: 4096)
  guard getcwd(&buffer, buffer.count) != nil else { return [slash] }
  return buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }
}

/// Resolves `.`, `..` and repeated slashes of an absolute path without asking the file system.
func normalize(_ path: [UInt8]) -> [UInt8] {
  var components: [ArraySlice<UInt8>] = []
  for component in path.split(separator: slash) {
    if component.count == 1 && component.first == dot { continue }
    if component.count == 2 && component.allSatisfy({ $0 == dot }) {
      if !components.isEmpty { components.removeLast() }
      continue
    }
    components.append(component)
  }
  var result: [UInt8] = []
  result.reserveCapacity(path.count)
  for component in components {
    result.append(slash)
    result.append(contentsOf: component)
  }
  return result.isEmpty ? [slash] : result
}

/// Resolves `.` and repeated slashes of a relative path, and `..` where it can, keeping leading `..`.
private func normalizeRelative(_ path: [UInt8]) -> [UInt8] {
  var components: [ArraySlice<UInt8>] = []
  for component in path.split(separator: slash) {
    if component.count == 1 && component.first == dot { continue }
    if component.count == 2 && component.allSatisfy({ $0 == dot }) {
      if let last = components.last, !(last.count == 2 && last.allSatisfy({ $0 == dot })) {
        components.removeLast()
        continue
      }
    }
    components.append(component)
  }
  return Array(components.joined(separator: [slash]))
}

/// `path` relative to `base` when it is `base` itself (empty) or below it; `nil` otherwise. Both absolute
/// and normalized.
func relative(_ path: [UInt8], to base: [UInt8]) -> [UInt8]? {
  if base == [slash] { return Array(path.dropFirst()) }
  guard path.starts(with: base) else { return nil }
  if path.count == base.count { return [] }
  guard path[base.count] == slash else { return nil }
  return Array(path[(base.count + 1)...])
}

private func joined(_ directory: [UInt8], _ name: [UInt8]) -> [UInt8] {
  if directory.isEmpty { return name }
  var result = directory
  if result.last != slash { result.append(slash) }
  result.append(contentsOf: name)
  return result
}

private func lossy(_ bytes: [UInt8]) -> String { String(decoding: bytes, as: UTF8.self) }

/// Whether `lhs` sorts before `rhs`, byte by byte (`memcmp`), a prefix first.
private func precedes(_ lhs: [UInt8], _ rhs: [UInt8]) -> Bool {
  let common = min(lhs.count, rhs.count)
  let order =
    common == 0
    ? 0 : lhs.withUnsafeBytes { left in rhs.withUnsafeBytes { memcmp(left.baseAddress!, $0.baseAddress!, common) } }
  return order != 0 ? order < 0 : lhs.count < rhs.count
}

/// `stat` (or `lstat`) of a path given as bytes: the file type bits, or the `errno` of the failure.
func fileType(_ path: [UInt8], followLinks: Bool) -> Result<UInt32, Int32Error> {
  var name = path
  name.append(0)
  var status = stat()
  let result = name.withUnsafeBufferPointer { buffer in
    buffer.withMemoryRebound(to: CChar.self) { pointer in
      followLinks ? stat(pointer.baseAddress!, &status) : lstat(pointer.baseAddress!, &status)
    }
  }
  if result != 0 { return .failure(Int32Error(code: errno)) }
  return .success(UInt32(status.st_mode) & FileType.mask)
}

/// An `errno` value as an `Error`.
struct Int32Error: Error, Equatable {
  var code: Int32
}

/// One directory waiting to be read.
private struct Frame {
  /// Absolute, normalized path.
  var path: [UInt8]
  /// Display path of the directory (empty for the current directory).
  var display: [UInt8]
  /// The work tree this directory is in, and its path relative to that tree's root.
  var repository: [UInt8]?
  var repositoryRelative: [UInt8]
  /// The gitignore patterns in effect, bases relative to `repository`.
  var ignores: GlobSet
  /// Path relative to the configured exclude base, when below it.
  var excludeRelative: [UInt8]?
  /// The directory's own name, for `Carthage/Checkouts`.
  var name: [UInt8]
  /// The open directory this one was found in (`nil` for a path named on the command line, or when too many
  /// directories are open), to open it relative to that.
  var parent: OpenDirectory?
  /// Whether the directory was named on the command line.
  var isArgument = false
  /// The config for files at or below this directory (`WalkedConfig`).
  var config = WalkedConfig.argument
}

/// The state of one `collect` call.
private struct Walk {
  let walker: FileWalker
  let currentDirectory: [UInt8]
  /// The process's current directory: files below it are opened by their path relative to it.
  let processDirectory: [UInt8]
  let excludeBase: [UInt8]
  var files: [WalkedFile] = []
  /// Per file, its display path's bytes, the sort key.
  var keys: [[UInt8]] = []
  /// Where found files go as they are found; `nil` keeps them in `files` for `finish`.
  var visit: ((WalkedFile) -> Void)?
  /// The directories open at once, kept few enough to leave descriptors for reading files.
  let openDirectories = DirectoryBudget()
  /// Whether a file can be reached twice (several arguments), so `seen` is kept.
  var checksDuplicates = true
  var seen: Set<[UInt8]> = []
  var problems: [Problem] = []
  var stack: [Frame] = []
  /// Work tree roots already looked up, by directory.
  var repositoryCache: [[UInt8]: [UInt8]?] = [:]
  /// Parsed `.gitignore` / `info/exclude` files, by absolute path.
  var ignoreFileCache: [[UInt8]: GlobSet] = [:]

  init(walker: FileWalker, currentDirectory: [UInt8], processDirectory: [UInt8]) {
    self.walker = walker
    self.currentDirectory = currentDirectory
    self.processDirectory = processDirectory
    if let base = walker.excludeBase {
      let bytes = Array(base.utf8)
      excludeBase = bytes.first == slash ? normalize(bytes) : normalize(joined(currentDirectory, bytes))
    } else {
      excludeBase = currentDirectory
    }
  }

  mutating func finish() -> WalkResult {
    let order = files.indices.sorted { left, right in
      let (lhs, rhs) = (keys[left], keys[right])
      if lhs != rhs { return precedes(lhs, rhs) }
      return precedes(files[left].rawPath, files[right].rawPath)
    }
    return WalkResult(files: order.map { files[$0] }, problems: problems)
  }

  // MARK: Display paths

  /// How to show `path` (absolute, normalized) that the user reached through `argument`.
  func display(_ path: [UInt8], argument: [UInt8]?) -> [UInt8] {
    if let below = relative(path, to: currentDirectory) { return below }
    if let argument, argument.first != slash { return normalizeRelative(argument) }
    return path
  }

  func displayString(_ display: [UInt8]) -> String { display.isEmpty ? "." : lossy(display) }

  // MARK: Arguments

  mutating func visitArgument(_ argument: [UInt8]) {
    let absolute = normalize(argument.first == slash ? argument : joined(currentDirectory, argument))
    let shown = display(absolute, argument: argument)
    switch fileType(absolute, followLinks: true) {
    case .failure(let error):
      problems.append(Problem(.file, path: displayString(shown), message: FileReader.describeErrno(error.code)))
    case .success(let type) where type == FileType.regular:
      if walker.forceExclude, isExcludedExplicitly(absolute, isDirectory: false) { return }
      let name = Array(absolute.split(separator: slash).last ?? [])
      add(absolute, display: shown, language: language(of: name) ?? nil)
    case .success(let type) where type == FileType.directory:
      if walker.forceExclude, isExcludedExplicitly(absolute, isDirectory: true) { return }
      var frame = Frame(
        path: absolute, display: shown, repository: nil, repositoryRelative: [], ignores: GlobSet(),
        excludeRelative: relative(absolute, to: excludeBase), name: Array(absolute.split(separator: slash).last ?? []),
        isArgument: true)
      if walker.respectGitignore, let root = repositoryRoot(of: absolute) {
        frame.repository = root
        frame.repositoryRelative = relative(absolute, to: root) ?? []
        frame.ignores = ignoresAbove(absolute, root: root)
      }
      walkTree(frame)
    case .success(let type):
      problems.append(
        Problem(.file, path: displayString(shown), message: "not a regular file or directory (\(FileType.name(type)))"))
    }
  }

  /// The language of a file name, as `Languages.byExtension` decides; `.some(nil)` for a name without a dot
  /// (a possible script); `nil` for other names, hidden ones (`.gitignore`) included.
  func language(of name: [UInt8]) -> Language?? {
    if let language = walker.languages.byExtension(ofBytes: name[...]) { return language }
    if !name.contains(dot) { return .some(nil) }
    return nil
  }

  /// Records a file unless it was seen already; a file below the current directory is shown relative to it
  /// even when it was reached through an argument that is not (`..`, an absolute path above).
  mutating func add(_ path: [UInt8], display: [UInt8], language: Language?, config: WalkedConfig = .argument) {
    if checksDuplicates, !seen.insert(path).inserted { return }
    let below = relative(path, to: currentDirectory)
    var file = WalkedFile(
      displayPath: lossy(below ?? display), fileSystemPath: lossy(path), rawPath: path, language: language)
    // Usually the current directory is the process's: the path below it serves both.
    let belowProcess = currentDirectory == processDirectory ? below : relative(path, to: processDirectory)
    if let belowProcess, !belowProcess.isEmpty { file.openPath = belowProcess }
    file.config = config
    if let visit { return visit(file) }
    files.append(file)
    // The key is what is shown: invalid UTF-8 sorts as its replacement character, as the path is printed.
    keys.append(Array(file.displayPath.utf8))
  }

  /// Whether a path named on the command line is excluded (for `forceExclude`): it lies in a directory the
  /// walk skips (below the current directory), or the configured excludes or, in a work tree, gitignore
  /// files exclude it or a directory above it.
  mutating func isExcludedExplicitly(_ path: [UInt8], isDirectory: Bool) -> Bool {
    // A directory the walk would skip (`node_modules`, `.venv`, …) between the current directory and the path.
    if let inside = relative(path, to: currentDirectory) {
      var parent: [UInt8] = []
      let components = inside.split(separator: slash)
      for component in isDirectory ? components[...] : components.dropLast() {
        if Walk.isSkippedName(Array(component), parent: parent) { return true }
        parent = Array(component)
      }
    }
    if let below = relative(path, to: excludeBase), !below.isEmpty,
      walker.excludes.isExcludedOrInExcludedDirectory(below[...], isDirectory: isDirectory)
    {
      return true
    }
    guard walker.respectGitignore, let root = repositoryRoot(of: path), let below = relative(path, to: root),
      !below.isEmpty
    else { return false }
    return ignoresAbove(path, root: root).isExcludedOrInExcludedDirectory(below[...], isDirectory: isDirectory)
  }

  // MARK: Git work trees

  /// The root of the work tree holding `path` (the nearest directory at or above it with a `.git`).
  mutating func repositoryRoot(of path: [UInt8]) -> [UInt8]? {
    if let cached = repositoryCache[path] { return cached }
    var root: [UInt8]?
    if case .success = fileType(joined(path, Array(".git".utf8)), followLinks: false) {
      root = path
    } else if path != [slash] {
      var parent = path
      while let last = parent.last, last != slash { parent.removeLast() }
      if parent.count > 1 { parent.removeLast() }
      root = repositoryRoot(of: parent)
    }
    repositoryCache[path] = root
    return root
  }

  /// The patterns that apply inside `directory`, from `info/exclude` and the `.gitignore` files of the
  /// directories from `root` down to (not including) `directory`.
  mutating func ignoresAbove(_ directory: [UInt8], root: [UInt8]) -> GlobSet {
    var set = infoExclude(root: root)
    guard let below = relative(directory, to: root), !below.isEmpty else { return set }
    var current = root
    var currentRelative: [UInt8] = []
    set.append(contentsOf: ignoreFile(joined(current, Array(".gitignore".utf8)), base: currentRelative))
    let components = below.split(separator: slash)
    for component in components.dropLast() {
      current = joined(current, Array(component))
      currentRelative = joined(currentRelative, Array(component))
      set.append(contentsOf: ignoreFile(joined(current, Array(".gitignore".utf8)), base: currentRelative))
    }
    return set
  }

  /// The patterns of `$GIT_DIR/info/exclude` for the work tree at `root` (following a `.git` file to a linked
  /// work tree's common directory).
  mutating func infoExclude(root: [UInt8]) -> GlobSet {
    let dotGit = joined(root, Array(".git".utf8))
    var gitDirectory = dotGit
    if case .success(let type) = fileType(dotGit, followLinks: true), type == FileType.regular,
      case .success(let contents) = FileReader.read(rawPath: dotGit, displayPath: lossy(dotGit))
    {
      let prefix = Array("gitdir:".utf8)
      guard contents.starts(with: prefix) else { return GlobSet() }
      let target = Array(contents.dropFirst(prefix.count)).trimmingBlanks()
      gitDirectory = normalize(target.first == slash ? target : joined(root, target))
      let commonFile = joined(gitDirectory, Array("commondir".utf8))
      if case .success(let common) = FileReader.read(rawPath: commonFile, displayPath: lossy(commonFile)) {
        let commonPath = common.trimmingBlanks()
        gitDirectory = normalize(commonPath.first == slash ? commonPath : joined(gitDirectory, commonPath))
      }
    }
    return ignoreFile(joined(gitDirectory, Array("info/exclude".utf8)), base: [])
  }

  /// The patterns of one ignore file (empty when it does not exist), bases relative to the work tree root.
  mutating func ignoreFile(_ path: [UInt8], base: [UInt8]) -> GlobSet {
    if let cached = ignoreFileCache[path] { return cached }
    var set = GlobSet()
    switch FileReader.read(rawPath: path, displayPath: displayString(display(path, argument: nil))) {
    case .success(let bytes):
      let parsed = GlobSet.gitignore(bytes, base: base)
      set = parsed.set
      for lineError in parsed.errors {
        problems.append(
          Problem(
            .file, path: displayString(display(path, argument: nil)), line: lineError.line,
            message: lineError.error.description))
      }
    case .failure(let problem):
      if case .success = fileType(path, followLinks: true) { problems.append(problem) }
    }
    ignoreFileCache[path] = set
    return set
  }

  // MARK: Directories

  mutating func walkTree(_ root: Frame) {
    stack.append(root)
    while let frame = stack.popLast() { readDirectory(frame) }
  }

  mutating func readDirectory(_ incoming: Frame) {
    var frame = incoming
    let entries: [(name: [UInt8], type: UInt8)]
    let directory: OpenDirectory
    switch OpenDirectory.open(frame.path, name: frame.name, in: frame.parent, budget: openDirectories) {
    case .success(let opened): directory = opened
    case .failure(let error):
      let message = "cannot read directory: \(FileReader.describeErrno(error.code))"
      problems.append(Problem(.file, path: displayString(frame.display), message: message))
      return
    }
    entries = directory.entries()
    // A virtualenv (`env/`, whatever its name) holds `pyvenv.cfg`; one named on the command line is walked.
    if !frame.isArgument, entries.contains(where: { $0.name == Walk.pyvenvConfig }) { return }
    if walker.respectGitignore {
      if entries.contains(where: { $0.name == Walk.dotGit }), frame.repository != frame.path {
        frame.repository = frame.path
        frame.repositoryRelative = []
        frame.ignores = infoExclude(root: frame.path)
      }
      if frame.repository != nil, entries.contains(where: { $0.name == Walk.dotGitignore }) {
        frame.ignores.append(
          contentsOf: ignoreFile(joined(frame.path, Array(".gitignore".utf8)), base: frame.repositoryRelative))
      }
    }
    // The argument's own directory has the config found from the argument; below it, the nearest one wins, and a
    // nested work tree starts without one.
    if walker.findsConfigs, !frame.isArgument {
      if entries.contains(where: { $0.name == Walk.dotGit }) { frame.config = .builtIn }
      if let name = Walk.configNames.first(where: { name in entries.contains { $0.name == name } }) {
        let path = joined(frame.path, name)
        if case .success(let type) = fileType(path, followLinks: true), type == FileType.regular {
          frame.config = .file(lossy(path))
        }
      }
    }
    // Subdirectories are visited in name order (pushed in reverse), so problems come out in a stable order
    // whatever order the file system lists entries in; files are sorted at the end anyway.
    var subdirectories: [Frame] = []
    defer { stack.append(contentsOf: subdirectories.reversed()) }
    for entry in entries.sorted(by: { $0.name.lexicographicallyPrecedes($1.name) }) {
      var type = entry.type
      let path = joined(frame.path, entry.name)
      if type == EntryType.unknown {
        guard case .success(let mode) = fileType(path, followLinks: false) else { continue }
        type =
          mode == FileType.directory
          ? EntryType.directory
          : mode == FileType.regular ? EntryType.regular : mode == FileType.symbolicLink ? EntryType.symbolicLink : 255
      }
      // Symbolic links met in a walk are not followed, to files or directories alike (ripgrep's default, and
      // what --staged does): no loops, no file listed twice, nothing read from outside the tree through a
      // link. A link named on the command line is followed.
      if type == EntryType.symbolicLink { continue }
      if type == EntryType.directory {
        if var child = enter(entry.name, path: path, parent: frame) {
          // Kept open for the subdirectory while the budget allows; otherwise it is opened by its path.
          if openDirectories.open < openDirectories.limit { child.parent = directory }
          subdirectories.append(child)
        }
      } else if type == EntryType.regular {
        guard let language = language(of: entry.name) else { continue }
        let gitPath = frame.repository == nil ? nil : joined(frame.repositoryRelative, entry.name)
        if let gitPath, frame.ignores.verdict(gitPath[...], isDirectory: false) == .excluded { continue }
        if let excludePath = frame.excludeRelative.map({ joined($0, entry.name) }),
          walker.excludes.verdict(excludePath[...], isDirectory: false) == .excluded
        {
          continue
        }
        add(path, display: joined(frame.display, entry.name), language: language, config: frame.config)
      }
    }
  }

  /// The frame for the subdirectory `name` of `parent`, or `nil` when it is skipped.
  mutating func enter(_ name: [UInt8], path: [UInt8], parent: Frame) -> Frame? {
    if Walk.isSkippedName(name, parent: parent.name) { return nil }
    let gitPath = parent.repository == nil ? [] : joined(parent.repositoryRelative, name)
    if parent.repository != nil, parent.ignores.verdict(gitPath[...], isDirectory: true) == .excluded { return nil }
    let excludePath = parent.excludeRelative.map { joined($0, name) }
    if let excludePath, walker.excludes.verdict(excludePath[...], isDirectory: true) == .excluded { return nil }
    return Frame(
      path: path, display: joined(parent.display, name), repository: parent.repository,
      repositoryRelative: gitPath, ignores: parent.ignores, excludeRelative: excludePath, name: name,
      config: parent.config)
  }

  static let dotGit = Array(".git".utf8)
  static let pyvenvConfig = Array("pyvenv.cfg".utf8)
  static let dotGitignore = Array(".gitignore".utf8)
  static let configNames = ConfigLoader.fileNames.map { Array($0.utf8) }
  static let skippedNames: Set<[UInt8]> = Set(FileWalker.skippedDirectoryNames.map { Array($0.utf8) })

  static func isSkippedName(_ name: [UInt8], parent: [UInt8]) -> Bool {
    if skippedNames.contains(name) { return true }
    if name.count > 7, name.starts(with: ".build".utf8), name[6] == UInt8(ascii: "-") || name[6] == UInt8(ascii: "_") {
      return true
    }
    return name.elementsEqual("Checkouts".utf8) && parent.elementsEqual("Carthage".utf8)
  }

}

/// The entries of a directory (without `.` and `..`) with their `d_type`, or the `errno` of `opendir`.
func listDirectory(_ path: [UInt8]) -> Result<[(name: [UInt8], type: UInt8)], Int32Error> {
  OpenDirectory.open(path, name: [], in: nil, budget: DirectoryBudget()).map { $0.entries() }
}

/// How many directories a walk has open, and how many it may keep open: at most 64, and at most a quarter of
/// the process's descriptor limit, so that files can still be read (by every core) during the walk.
final class DirectoryBudget {
  var open = 0
  let limit: Int

  init() {
    var descriptors = rlimit()
    let available = getrlimit(Int32(RLIMIT_NOFILE.rawValue), &descriptors) == 0 ? Int(clamping: descriptors.rlim_cur) : 256
    limit = max(0, min(64, available / 4))
  }
}

#if canImport(Darwin)
  private typealias DirectoryStream = UnsafeMutablePointer<DIR>
#else
  private typealias DirectoryStream = OpaquePointer
#endif

/// A directory open for reading. A walk keeps a directory open while subdirectories found in it wait to be
/// read, and opens them relative to it (`openat`), so the kernel looks up one name rather than the whole
/// path; a walk holds at most one open directory per level of depth. Closed when the last reference goes.
final class OpenDirectory {
  private let stream: DirectoryStream
  private let budget: DirectoryBudget

  private init(stream: DirectoryStream, budget: DirectoryBudget) {
    self.stream = stream
    self.budget = budget
    budget.open += 1
  }

  deinit {
    closedir(stream)
    budget.open -= 1
  }

  /// Opens `name` in `parent` without following a symbolic link, or `path` (absolute) when there is no
  /// parent or no descriptor left; the `errno` of the failure otherwise.
  static func open(_ path: [UInt8], name: [UInt8], in parent: OpenDirectory?, budget: DirectoryBudget)
    -> Result<OpenDirectory, Int32Error>
  {
    if let parent, !name.isEmpty {
      var terminated = name
      terminated.append(0)
      let descriptor = terminated.withUnsafeBufferPointer { buffer in
        buffer.withMemoryRebound(to: CChar.self) {
          openat(dirfd(parent.stream), $0.baseAddress!, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
        }
      }
      if descriptor >= 0 {
        if let stream = fdopendir(descriptor) { return .success(OpenDirectory(stream: stream, budget: budget)) }
        let code = errno
        close(descriptor)
        return .failure(Int32Error(code: code))
      }
      let code = errno
      guard code == EMFILE || code == ENFILE else { return .failure(Int32Error(code: code)) }
    }
    var terminated = path
    terminated.append(0)
    let stream = terminated.withUnsafeBufferPointer { buffer in
      buffer.withMemoryRebound(to: CChar.self) { opendir($0.baseAddress!) }
    }
    guard let stream else { return .failure(Int32Error(code: errno)) }
    return .success(OpenDirectory(stream: stream, budget: budget))
  }

  /// The entries (without `.` and `..`) with their `d_type`.
  func entries() -> [(name: [UInt8], type: UInt8)] {
    var entries: [(name: [UInt8], type: UInt8)] = []
    while let entry = readdir(stream) {
      let bytes = withUnsafeBytes(of: &entry.pointee.d_name) { raw -> [UInt8] in
        let length = raw.firstIndex(of: 0) ?? raw.count
        return Array(raw[..<length])
      }
      if bytes == [dot] || bytes == [dot, dot] { continue }
      entries.append((bytes, entry.pointee.d_type))
    }
    return entries
  }
}

extension Array where Element == UInt8 {
  /// Without leading and trailing spaces, tabs and line breaks.
  fileprivate func trimmingBlanks() -> [UInt8] {
    let isBlank: (UInt8) -> Bool = { $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }
    guard let first = firstIndex(where: { !isBlank($0) }), let last = lastIndex(where: { !isBlank($0) }) else {
      return []
    }
    return Array(self[first...last])
  }
}
