import Foundation
import Testing

@testable import LLMLintCore

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Issue 12, a hostile tester's broken promises: each test runs the built binary (real git, real files,
/// real devices) on one of them. The hook installer's items are in `HookInstallerTests`, the git ones
/// here too, the memory bound in `HostileInputTests`.
@Suite struct RobustnessTests {
  static let call = "x = client.chat.completions.create(model=\"m\")\n"
  static let finding =
    "a.py:1:29: warning: OpenAI chat completion call outside a tracked context; wrap it in track_llm_call(...) so its"
    + " tokens and cost are recorded [openai-chat-completions]\n"

  static func mode(_ path: String) -> mode_t? {
    var status = stat()
    return lstat(path, &status) == 0 ? status.st_mode : nil
  }

  static func names(_ directory: String) -> [String] {
    ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []).sorted()
  }

  // MARK: - Item 3: a baseline whose counts overflow

  @Test func aBaselineWhoseCountsOverflowIsReportedAndTheRunGoesOn() throws {
    let sandbox = try GitSandbox()
    try sandbox.write("a.py", Self.call)
    let entry = { (count: String) in
      "{\"call\": \"client.chat.completions.create\", \"count\": \(count), \"path\": \"a.py\", \"rule\": \"openai-chat-completions\"}"
    }
    try sandbox.write("b.json", "{\"version\": 1, \"findings\": [\n\(entry("9223372036854775807")),\n\(entry("1"))]}\n")
    let run = try sandbox.llmlint(["--baseline", "b.json", "a.py"])
    #expect(run.status == 0, "\(run.output)")
    #expect(run.stdout == Self.finding)
    #expect(
      run.stderr.hasPrefix(
        "llmlint: b.json:3: invalid baseline: the counts of the findings for this path, rule and call add up to more"
          + " than 9223372036854775807; the baseline is ignored for this run\n"), "\(run.stderr)")
    #expect(try sandbox.llmlint(["--strict", "--baseline", "b.json", "a.py"]).status == 2)
  }

  // MARK: - Item 4: --write-baseline never replaces what the name stands for

  @Test func writeBaselineWritesThroughASymlinkAndKeepsTheTargetsMode() throws {
    let sandbox = try GitSandbox()
    try sandbox.write("a.py", Self.call)
    try sandbox.write("data/real.json", "old\n")
    #expect(chmod(sandbox.root + "/data/real.json", 0o600) == 0)
    try FileManager.default.createSymbolicLink(atPath: sandbox.root + "/b.json", withDestinationPath: "data/real.json")
    let run = try sandbox.llmlint(["--write-baseline", "b.json", "a.py"])
    #expect(run.stderr.hasPrefix("llmlint: wrote 1 finding to the baseline b.json\n"), "\(run.stderr)")
    #expect(Self.mode(sandbox.root + "/b.json").map { $0 & S_IFMT } == S_IFLNK)
    #expect(Self.mode(sandbox.root + "/data/real.json") == S_IFREG | 0o600)
    let written = try String(contentsOfFile: sandbox.root + "/data/real.json", encoding: .utf8)
    #expect(written.contains("\"path\": \"a.py\""), "\(written)")
    // A dangling link: the file it names is created, the link stays.
    try FileManager.default.createSymbolicLink(atPath: sandbox.root + "/c.json", withDestinationPath: "data/new.json")
    _ = try sandbox.llmlint(["--write-baseline", "c.json", "a.py"])
    #expect(Self.mode(sandbox.root + "/c.json").map { $0 & S_IFMT } == S_IFLNK)
    #expect(Self.mode(sandbox.root + "/data/new.json").map { $0 & S_IFMT } == S_IFREG)
    #expect(Self.names(sandbox.root + "/data") == ["new.json", "real.json"])
  }

  @Test func writeBaselineRefusesANonRegularDestination() throws {
    let sandbox = try GitSandbox()
    try sandbox.write("a.py", Self.call)
    #expect(mkfifo(sandbox.root + "/b.json", 0o644) == 0)
    let run = try sandbox.llmlint(["--write-baseline", "b.json", "a.py"])
    #expect(run.status == 0)
    #expect(run.stdout == Self.finding)
    #expect(
      run.stderr.hasPrefix("llmlint: b.json: cannot write the baseline: it is a FIFO, not a regular file\n"),
      "\(run.stderr)")
    #expect(Self.mode(sandbox.root + "/b.json").map { $0 & S_IFMT } == S_IFIFO)
    #expect(try sandbox.llmlint(["--strict", "--write-baseline", "b.json", "a.py"]).status == 2)
    #expect(Self.names(sandbox.root) == [".git", "a.py", "b.json"])
  }

  // MARK: - Item 17: temporary files a killed run left

  @Test func aStaleTemporaryFileOfADeadProcessIsRemovedByTheNextWrite() throws {
    let sandbox = try GitSandbox()
    try sandbox.write("a.py", Self.call)
    // A process that has ended: its id names no running process (ids are not reused this soon).
    let ended = Process()
    ended.executableURL = URL(fileURLWithPath: "/bin/true")
    try ended.run()
    ended.waitUntilExit()
    let stale = ".b.json.llmlint-tmp-\(ended.processIdentifier)-1f2e"
    let living = ".b.json.llmlint-tmp-\(getpid())-3a4b"
    try sandbox.write(stale, "half a baseline")
    try sandbox.write(living, "another run's, still writing")
    let run = try sandbox.llmlint(["--write-baseline", "b.json", "a.py"])
    #expect(run.stderr.hasPrefix("llmlint: wrote 1 finding to the baseline b.json\n"), "\(run.stderr)")
    #expect(Self.names(sandbox.root) == [living, ".git", "a.py", "b.json"])
  }

  // MARK: - Item 5: only a closed pipe is a quiet end

  @Test func aFullDiskIsAnErrorNotATruncatedReport() throws {
    let sandbox = try GitSandbox()
    try sandbox.write("a.py", Self.call)
    let binary = try GitSandbox.llmlintBinary()
    for strict in [false, true] {
      let run = try ChildProcess.run(
        binary, (strict ? ["--strict"] : []) + ["--format", "sarif", "."], in: sandbox.root,
        environment: sandbox.environment, timeout: 60, stdoutPath: "/dev/full")
      #expect(run.status == (strict ? 2 : 0), "\(run.stderr)")
      #expect(
        run.stderr.hasPrefix(
          "llmlint: error: cannot write to standard output (no space left on device); the output is incomplete\n"),
        "\(run.stderr)")
    }
    let rules = try ChildProcess.run(
      binary, ["--strict", "rules"], in: sandbox.root, environment: sandbox.environment, timeout: 60,
      stdoutPath: "/dev/full")
    #expect(rules.status == 2)
    #expect(rules.stderr.contains("cannot write to standard output (no space left on device)"), "\(rules.stderr)")
  }

  // MARK: - Item 6: a removed current directory

  @Test func aRemovedCurrentDirectoryIsAClearErrorForEveryCommand() throws {
    let sandbox = try GitSandbox()
    try sandbox.write("a.py", Self.call)
    let binary = try GitSandbox.llmlintBinary()
    let rootConfigExisted = FileManager.default.fileExists(atPath: "/.llmlint.yml")
    let rootBaselineExisted = FileManager.default.fileExists(atPath: "/b.json")
    defer {
      if !rootConfigExisted { try? FileManager.default.removeItem(atPath: "/.llmlint.yml") }
      if !rootBaselineExisted { try? FileManager.default.removeItem(atPath: "/b.json") }
    }
    let commands = [
      ["init"], ["--write-baseline", "b.json", "."], ["."], ["rules"], ["--staged"], ["install-hook"],
    ]
    for command in commands {
      let run = try ChildProcess.shell(
        "mkdir \"$1\" && cd \"$1\" && rmdir \"$1\" && shift && exec \"$@\"",
        [sandbox.root + "/gone", binary, "--strict"] + command, in: sandbox.root, environment: sandbox.environment)
      #expect(!run.timedOut, "\(command)")
      #expect(run.status == 2, "\(command): \(run.stdout)\(run.stderr)")
      #expect(
        run.stderr
          == "llmlint: error: cannot use the current directory (no such file or directory); was it removed? cd to an"
          + " existing directory\n", "\(command): \(run.stderr)")
      #expect(run.stdout == "", "\(command)")
    }
    #expect(rootConfigExisted || !FileManager.default.fileExists(atPath: "/.llmlint.yml"))
    #expect(rootBaselineExisted || !FileManager.default.fileExists(atPath: "/b.json"))
  }

  // MARK: - Item 14: init beside another config

  @Test func initRefusesBesideAnyConfigDiscoveryWouldFind() throws {
    let sandbox = try GitSandbox()
    try sandbox.write(".llmlint.yaml", "disable: [openai-images]\n")
    let run = try sandbox.llmlint(["init"])
    #expect(run.status == 0)
    #expect(
      run.stderr
        == "llmlint: error: .llmlint.yaml already exists; not overwritten (llmlint reads it; a new .llmlint.yml would"
        + " take its place); nothing written\n")
    #expect(!FileManager.default.fileExists(atPath: sandbox.root + "/.llmlint.yml"))
    #expect(try sandbox.llmlint(["init", "--strict"]).status == 2)
    try FileManager.default.removeItem(atPath: sandbox.root + "/.llmlint.yaml")
    let fresh = try sandbox.llmlint(["init"])
    #expect(fresh.stderr == "llmlint: wrote .llmlint.yml; `llmlint rules` shows the merged rule set\n")
    #expect(Self.names(sandbox.root) == [".git", ".llmlint.yml"])
    let again = try sandbox.llmlint(["init"])
    #expect(again.stderr == "llmlint: error: .llmlint.yml already exists; not overwritten\n")
  }

  // MARK: - Item 13: --changed-lines on files git diffs as binary

  @Test func changedLinesWorkWhenGitattributesSayMinusDiffOrBinary() throws {
    for attribute in ["*.py -diff", "*.py binary"] {
      let sandbox = try GitSandbox()
      try sandbox.stage(".gitattributes", attribute + "\n")
      try sandbox.stage("a.py", "old = client.chat.completions.create(model=\"m\")\n")
      try sandbox.commit()
      try sandbox.stage("a.py", "old = client.chat.completions.create(model=\"m\")\n" + Self.call)
      let run = try sandbox.llmlint(["--staged", "--changed-lines"])
      #expect(
        run.stdout == Self.finding.replacingOccurrences(of: "a.py:1:29", with: "a.py:2:29"), "\(attribute): \(run.output)"
      )
    }
  }

  // MARK: - Item 16: a large staged file without an extension

  /// A 300 MB extension-less data file is staged beside a script; under a 250 MB address-space limit the
  /// run must still succeed, so the data file cannot have been read whole.
  @Test func stagedReadsOnlyTheFirstLineOfAnExtensionlessBlob() throws {
    let sandbox = try GitSandbox()
    let data = FileManager.default.createFile(atPath: sandbox.root + "/data", contents: nil)
    #expect(data)
    let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: sandbox.root + "/data"))
    let chunk = Data(count: 1 << 20)
    for _ in 0..<300 { handle.write(chunk) }
    try handle.close()
    try sandbox.write("script", "#!/usr/bin/env python3\n" + Self.call)
    try sandbox.write("NOTES", "no shebang here\n")
    try sandbox.git(["add", "data", "script", "NOTES"])
    let run = try ChildProcess.shell(
      "ulimit -v 250000 && exec \"$@\"", [try GitSandbox.llmlintBinary(), "--staged"], in: sandbox.root,
      environment: sandbox.environment)
    #expect(run.status == 0, "\(run.stderr)")
    #expect(run.stdout == Self.finding.replacingOccurrences(of: "a.py:1:29", with: "script:2:29"), "\(run.stderr)")
    #expect(run.stderr.hasPrefix("llmlint: 1 finding in 1 file, "), "\(run.stderr)")
  }

  // MARK: - Item 12: tracked.paths are relative to their config

  @Test func trackedPathsAreRelativeToTheConfigsDirectoryWhereverLlmlintRuns() throws {
    let sandbox = try GitSandbox()
    try sandbox.stage(".llmlint.yml", "tracked:\n  paths: [\"vendor/tracked/\"]\n")
    try sandbox.stage("vendor/tracked/x.py", Self.call)
    try sandbox.stage("app/a.py", Self.call)
    try FileManager.default.createDirectory(atPath: sandbox.root + "/app/sub", withIntermediateDirectories: true)
    let fromRoot = try sandbox.llmlint(["."])
    #expect(fromRoot.stdout == Self.finding.replacingOccurrences(of: "a.py:", with: "app/a.py:"), "\(fromRoot.output)")
    let message = Self.finding.drop { $0 != ":" }
    for directory in ["app", "app/sub"] {
      let here = sandbox.root + "/" + directory
      let up = directory == "app" ? ".." : "../.."
      for arguments in [[up], [sandbox.root], ["--staged"]] {
        let run = try sandbox.llmlint(arguments, in: here)
        // One finding, in app/a.py (shown relative as walked), none under vendor/tracked/.
        #expect(run.stdout.split(separator: "\n").count == 1, "\(directory) \(arguments): \(run.output)")
        #expect(run.stdout.hasSuffix("a.py" + message), "\(directory) \(arguments): \(run.output)")
        #expect(!run.stdout.contains("x.py"), "\(directory) \(arguments): \(run.output)")
      }
    }
  }

  // MARK: - Item 11: an argument that is not UTF-8

  @Test func aFileNamedByAnArgumentThatIsNotUTF8IsLintedAsAWalkFindsIt() throws {
    let sandbox = try GitSandbox()
    let name = Array("mod".utf8) + [0xFF] + Array(".py".utf8)
    let full = PathBytes(sandbox.root).appending(name)
    let descriptor = full.withCString { open($0, O_CREAT | O_WRONLY | O_TRUNC, 0o644) }
    #expect(descriptor >= 0)
    _ = Self.call.utf8CString.withUnsafeBytes { write(descriptor, $0.baseAddress!, Self.call.utf8.count) }
    close(descriptor)
    let binary = try GitSandbox.llmlintBinary()
    let walked = try sandbox.llmlint(["--strict", "."])
    let shown = Self.finding.replacingOccurrences(of: "a.py:", with: "mod\u{FFFD}.py:")
    #expect(walked.stdout == shown)
    for script in [
      "exec \"$1\" --strict \"$(printf 'mod\\377.py')\"", "exec \"$1\" --strict -- \"$(printf 'mod\\377.py')\"",
    ] {
      let named = try ChildProcess.shell(script, [binary], in: sandbox.root, environment: sandbox.environment)
      #expect(named.status == 1, "\(named.stderr)")
      #expect(named.stdout == walked.stdout, "\(named.stderr)")
      #expect(named.stderr.hasPrefix("llmlint: 1 finding in 1 file, "), "\(named.stderr)")
    }
  }

  // MARK: - Items 1 and 2: a hostile facts cache (fixed in FactCache; these hold the fix)

  /// A repository whose staged file calls an LLM (so `--staged` needs the project's facts and fills the
  /// cache), with the cache under the sandbox; returns the sandbox, the run's environment and its stdout.
  static func cachedRepository() throws -> (GitSandbox, [String: String], String) {
    let sandbox = try GitSandbox()
    try sandbox.stage("jobs.py", "from helper import ask\n\ndef run(c):\n    return ask(c)\n")
    try sandbox.stage("other.py", "def ask_twice(c):\n    return ask(c)\n")
    try sandbox.commit()
    // A call in a function whose callers are elsewhere in the index: its verdict needs their facts.
    try sandbox.stage("helper.py", "def ask(c):\n    return c.chat.completions.create(model=\"m\")\n")
    let environment = ["XDG_CACHE_HOME": sandbox.base + "/cache"]
    let first = try sandbox.llmlint(["--staged"], environment: environment)
    #expect(first.status == 0, "\(first.output)")
    #expect(first.stdout.contains("helper.py:2:31: warning: "), "\(first.output)")
    return (sandbox, environment, first.stdout)
  }

  static func cacheFile(_ sandbox: GitSandbox) throws -> String {
    let directory = sandbox.base + "/cache/llmlint"
    let name = try #require(Self.names(directory).first { $0.hasPrefix("facts-") && $0.hasSuffix(".bin") })
    return directory + "/" + name
  }

  @Test func aCacheHeaderWithAHugeTableLengthIsDamageNotACrash() throws {
    let (sandbox, environment, expected) = try Self.cachedRepository()
    let main = try Self.cacheFile(sandbox)
    var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: main)))
    #expect(bytes.count > 32)
    bytes[23] = 0x01  // the high byte of the entry table's length
    for path in [main, main + ".delta"] {
      try Data(bytes).write(to: URL(fileURLWithPath: path))
      for _ in 0..<2 {
        let run = try sandbox.llmlint(["--staged"], environment: environment)
        #expect(run.status == 0, "\(path): \(run.output)")
        #expect(run.stdout == expected, "\(path): \(run.output)")
      }
    }
  }

  @Test func aFIFOAtTheCachesPathDoesNotHangTheRun() throws {
    let (sandbox, environment, expected) = try Self.cachedRepository()
    let main = try Self.cacheFile(sandbox)
    let binary = try GitSandbox.llmlintBinary()
    for path in [main + ".delta", main] {
      try? FileManager.default.removeItem(atPath: path)
      #expect(mkfifo(path, 0o644) == 0)
      let run = try ChildProcess.run(
        binary, ["--staged"], in: sandbox.root, environment: sandbox.environment.merging(environment) { $1 },
        timeout: 30)
      #expect(!run.timedOut, "\(path)")
      #expect(run.status == 0, "\(path): \(run.stderr)")
      #expect(run.stdout == expected, "\(path): \(run.stderr)")
    }
  }
}
