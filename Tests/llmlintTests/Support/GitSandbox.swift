import Foundation
import Testing

/// What a child process gave.
struct RunResult {
  var status: Int32
  var stdout: String
  var stderr: String
  /// stdout then stderr, for checks on "what the terminal shows".
  var output: String { stdout + stderr }
}

/// A temporary git repository for end-to-end tests, isolated from the machine's git configuration
/// (`GIT_CONFIG_GLOBAL=/dev/null`, `GIT_CONFIG_NOSYSTEM=1`, its own `HOME`), with a committer identity.
/// Every program runs through `Process` with an argument array, never a shell string.
final class GitSandbox {
  /// The temporary directory holding the repository (`root`) and anything else a test makes next to it.
  let base: String
  /// The work tree root, resolved (no symlinks), so it compares equal to what git prints.
  let root: String

  /// Makes a fresh repository at `base/repo` with `git init` (`initArguments` added).
  init(initArguments: [String] = []) throws {
    let template = NSTemporaryDirectory() + "/llmlint-git-XXXXXX"
    var bytes = Array(template.utf8CString)
    guard let made = mkdtemp(&bytes) else { throw SandboxError(message: "mkdtemp failed") }
    base = URL(fileURLWithPath: String(cString: made)).resolvingSymlinksInPath().path
    root = base + "/repo"
    try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
    try git(["init", "-q", "-b", "main"] + initArguments)
    try git(["config", "user.name", "Test"])
    try git(["config", "user.email", "test@example.com"])
    try git(["config", "commit.gpgsign", "false"])
  }

  deinit {
    try? FileManager.default.removeItem(atPath: base)
  }

  /// The environment every child gets: isolated git config, `HOME` inside the sandbox, a plain `PATH`.
  var environment: [String: String] {
    let inherited = ProcessInfo.processInfo.environment
    var environment: [String: String] = [
      "GIT_CONFIG_GLOBAL": "/dev/null", "GIT_CONFIG_NOSYSTEM": "1", "HOME": base, "LANG": "C.UTF-8",
      "PATH": inherited["PATH"] ?? "/usr/local/bin:/usr/bin:/bin", "NO_COLOR": "1",
    ]
    if let temporary = inherited["TMPDIR"] { environment["TMPDIR"] = temporary }
    return environment
  }

  /// Runs `git arguments…` in `directory` (default: the root); throws when it fails.
  @discardableResult
  func git(_ arguments: [String], in directory: String? = nil, environment extra: [String: String] = [:]) throws
    -> RunResult
  {
    let result = try run(Self.which("git"), arguments, in: directory, environment: extra)
    guard result.status == 0 else {
      throw SandboxError(message: "git \(arguments.joined(separator: " ")) failed (\(result.status)): \(result.stderr)")
    }
    return result
  }

  /// Runs the built `llmlint` with `arguments` in `directory` (default: the root).
  func llmlint(_ arguments: [String], in directory: String? = nil, environment extra: [String: String] = [:]) throws
    -> RunResult
  {
    try run(try Self.llmlintBinary(), arguments, in: directory, environment: extra)
  }

  /// Runs `program` (an absolute path) with `arguments`; stdin is empty.
  func run(
    _ program: String, _ arguments: [String], in directory: String? = nil, environment extra: [String: String] = [:]
  )
    throws -> RunResult
  {
    let child = try ChildProcess.run(
      program, arguments, in: directory ?? root, environment: environment.merging(extra) { $1 })
    return RunResult(status: child.status, stdout: child.stdout, stderr: child.stderr)
  }

  /// Writes `text` to `path` (relative to the root), creating directories.
  func write(_ path: String, _ text: String) throws {
    let full = root + "/" + path
    try FileManager.default.createDirectory(
      atPath: (full as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
    guard FileManager.default.createFile(atPath: full, contents: Data(text.utf8)) else {
      throw SandboxError(message: "cannot write \(full)")
    }
  }

  /// Writes `text` to `path` and stages it.
  func stage(_ path: String, _ text: String) throws {
    try write(path, text)
    try git(["add", "--", path])
  }

  /// Makes a commit of whatever is staged (allowing an empty one), without running hooks.
  func commit(_ message: String = "commit") throws {
    try git(["commit", "-q", "--no-verify", "--allow-empty", "-m", message])
  }

  // MARK: - Programs

  /// The `llmlint` built next to this test bundle (`.build/debug/llmlint`); a clear error when missing.
  static func llmlintBinary() throws -> String {
    var candidates: [String] = []
    if let executable = Bundle.main.executableURL?.resolvingSymlinksInPath() {
      var directory = executable.deletingLastPathComponent()
      // On Linux the tests run from `.build/<triple>/debug/<name>.xctest`; on macOS from inside the bundle.
      for _ in 0..<4 {
        candidates.append(directory.appendingPathComponent("llmlint").path)
        directory = directory.deletingLastPathComponent()
      }
    }
    let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent().deletingLastPathComponent()
    candidates.append(packageRoot.appendingPathComponent(".build/debug/llmlint").path)
    for candidate in candidates {
      var isDirectory: ObjCBool = false
      if FileManager.default.fileExists(atPath: candidate, isDirectory: &isDirectory), !isDirectory.boolValue,
        FileManager.default.isExecutableFile(atPath: candidate)
      {
        return candidate
      }
    }
    throw SandboxError(
      message:
        "the llmlint binary was not found (looked in: \(candidates.joined(separator: ", "))); run 'swift build' first")
  }

  /// The package root (holds `hooks/pre-commit`).
  static var packageRoot: String {
    URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent().deletingLastPathComponent().path
  }

  /// `name` found on `PATH`.
  static func which(_ name: String) throws -> String {
    let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
    for directory in path.split(separator: ":") {
      let candidate = "\(directory)/\(name)"
      if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
    }
    throw SandboxError(message: "'\(name)' not found on PATH")
  }
}

struct SandboxError: Error, CustomStringConvertible {
  var message: String
  var description: String { message }
}

/// A file tree's names, bytes and permission bits, for "exactly what was there" checks.
struct DirectorySnapshot: Equatable, CustomStringConvertible {
  var entries: [String: String] = [:]

  init(_ directory: String) {
    guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory) else { return }
    for name in names.sorted() {
      let path = directory + "/" + name
      var status = stat()
      guard lstat(path, &status) == 0 else { continue }
      let mode = String(status.st_mode, radix: 8)
      if (status.st_mode & S_IFMT) == S_IFLNK {
        let target = (try? FileManager.default.destinationOfSymbolicLink(atPath: path)) ?? "?"
        entries[name] = "link \(mode) -> \(target)"
      } else if let data = FileManager.default.contents(atPath: path) {
        entries[name] = "file \(mode) \(data.count) bytes \(data.base64EncodedString())"
      } else {
        entries[name] = "other \(mode)"
      }
    }
  }

  var description: String { entries.keys.sorted().map { "\($0): \(entries[$0]!.prefix(60))" }.joined(separator: "\n") }
}
