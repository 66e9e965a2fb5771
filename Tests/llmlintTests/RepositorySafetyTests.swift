import Foundation
import Testing

/// Nothing written, nothing lost: the hook and `llmlint --staged` leave the index, the work tree and `.git`
/// exactly as they were, and a commit made through the hook holds exactly what was staged. And the hook is
/// safe: file names never reach a shell or the option parser, and a repository's `.llmlint.yml` cannot make
/// llmlint run a program or read outside the repository. Real git, the built binary, temporary repositories.
@Suite struct RepositorySafetyTests {
  static let call = "x = client.chat.completions.create(model=\"m\")\n"

  // MARK: - Snapshots

  /// Every entry below `directory` (`.git` included): kind, permission bits, modification time, size and an
  /// FNV-1a hash of the bytes, or the target of a symbolic link. Equal snapshots: nothing was written.
  static func snapshot(_ directory: String) -> [String: String] {
    var entries: [String: String] = [:]
    func visit(_ path: String, _ relative: String) {
      var status = stat()
      guard lstat(path, &status) == 0 else { return }
      let mode = String(status.st_mode, radix: 8)
      let modified = "\(status.st_mtim.tv_sec).\(status.st_mtim.tv_nsec)"
      switch status.st_mode & S_IFMT {
      case S_IFDIR:
        entries[relative + "/"] = "directory \(mode)"
        for name in (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? [] {
          visit(path + "/" + name, relative.isEmpty ? name : relative + "/" + name)
        }
      case S_IFLNK:
        entries[relative] = "link -> \((try? FileManager.default.destinationOfSymbolicLink(atPath: path)) ?? "?")"
      default:
        let data = FileManager.default.contents(atPath: path) ?? Data()
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in data { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        entries[relative] = "file \(mode) \(modified) \(data.count) \(String(hash, radix: 16))"
      }
    }
    visit(directory, "")
    return entries
  }

  /// The keys whose values differ between two snapshots, for a readable failure.
  static func difference(_ before: [String: String], _ after: [String: String]) -> [String] {
    Set(before.keys).union(after.keys).filter { before[$0] != after[$0] }.sorted().map {
      "\($0): \(before[$0] ?? "absent") -> \(after[$0] ?? "absent")"
    }
  }

  /// A repository with one commit, the hook installed, and `staged` staged on top (plus work tree edits).
  static func repository(staged: [String: [UInt8]], workTreeOnly: [String: String] = [:]) throws -> GitSandbox {
    let sandbox = try GitSandbox()
    try sandbox.stage("README", "hello\n")
    try sandbox.stage("tracked.py", "x = 1\n")
    try sandbox.commit("initial")
    #expect(try sandbox.llmlint(["install-hook"]).status == 0)
    for (path, bytes) in staged {
      let full = sandbox.root + "/" + path
      try FileManager.default.createDirectory(
        atPath: (full as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
      try Data(bytes).write(to: URL(fileURLWithPath: full))
      try sandbox.git(["add", "--", path])
    }
    for (path, text) in workTreeOnly { try sandbox.write(path, text) }
    // Let the index's racy-git timestamps settle, so a later refresh would be visible as a rewrite.
    usleep(1_100_000)
    return sandbox
  }

  /// Runs the installed hook the way `git commit` does and, separately, `llmlint --staged`; checks the whole
  /// repository (work tree, index, `.git`) is byte for byte and timestamp for timestamp unchanged.
  static func expectNothingWritten(
    _ sandbox: GitSandbox, expecting findings: [String], sourceLocation: SourceLocation = #_sourceLocation
  ) throws {
    let before = snapshot(sandbox.root)
    let binary = try GitSandbox.llmlintBinary()
    let hook = try sandbox.run(
      try GitSandbox.which("git"), ["hook", "run", "pre-commit"], environment: ["LLMLINT": binary])
    #expect(hook.status == 0, "\(hook.output)", sourceLocation: sourceLocation)
    for finding in findings {
      // git hands a hook's stdout to stderr.
      #expect(hook.output.contains(finding), "\(hook.output)", sourceLocation: sourceLocation)
    }
    let staged = try sandbox.llmlint(["--staged", "--format", "json"])
    #expect(staged.status == 0, "\(staged.stderr)", sourceLocation: sourceLocation)
    let strict = try sandbox.llmlint(["--staged", "--strict"])
    #expect((0...2).contains(strict.status), "\(strict.stderr)", sourceLocation: sourceLocation)
    for run in [hook, staged, strict] {
      for marker in HostileInputTests.crashMarkers {
        #expect(!run.stderr.contains(marker), "\(run.stderr)", sourceLocation: sourceLocation)
      }
    }
    let after = snapshot(sandbox.root)
    #expect(before == after, "\(difference(before, after))", sourceLocation: sourceLocation)
  }

  // MARK: - Nothing written

  @Test func hookRunWithFindingsWritesNothing() throws {
    let sandbox = try Self.repository(
      staged: ["app.py": Array(Self.call.utf8), "tracked.py": Array(("x = 1\n" + Self.call).utf8)],
      workTreeOnly: ["tracked.py": "x = 2\n", "untracked.py": Self.call])
    try Self.expectNothingWritten(sandbox, expecting: ["app.py:1:29: warning:", "tracked.py:2:29: warning:"])
  }

  @Test func hookRunWithErrorsWritesNothing() throws {
    let sandbox = try Self.repository(
      staged: [
        ".llmlint.yml": Array("rules: [\n".utf8), "app.py": Array(Self.call.utf8), "gone.py": Array(Self.call.utf8),
      ])
    // Staged but removed from the work tree, and a config that does not parse.
    try FileManager.default.removeItem(atPath: sandbox.root + "/gone.py")
    try Self.expectNothingWritten(sandbox, expecting: ["app.py:1:29: warning:", "gone.py:1:29: warning:"])
  }

  @Test func hookRunWithCrashWorthyFilesWritesNothing() throws {
    let depth = 100_000
    var random = SplitMix64(seed: 0x5AFE)
    let sandbox = try Self.repository(staged: [
      "blob.py": (0..<100_000).map { _ in UInt8(truncatingIfNeeded: random.next()) },
      "noise.py": (0..<100_000).map { _ in UInt8(truncatingIfNeeded: random.next() % 255 + 1) },
      "deep.py": Array((String(repeating: "(", count: depth) + "\"\"\"").utf8),
      "Deep.swift": Array((String(repeating: "{\"\\(", count: depth) + "/*").utf8),
      "bad.py": [0xEF, 0xBB, 0xBF, 0xFF, 0xFE, 0x0D, 0x0C, 0x09, 0x5C] + Array(Self.call.utf8),
    ])
    try Self.expectNothingWritten(sandbox, expecting: [])
  }

  // MARK: - Nothing lost

  @Test func commitThroughTheHookHoldsExactlyWhatWasStaged() throws {
    let sandbox = try GitSandbox()
    try sandbox.stage("keep.py", "x = 1\n")
    try sandbox.stage("partial.py", "a = 1\n")
    try sandbox.stage("old.py", Self.call)
    try sandbox.stage("remove.py", "gone = 1\n")
    try sandbox.commit("initial")
    #expect(try sandbox.llmlint(["install-hook"]).status == 0)
    // Partly staged: the index holds the call, the work tree a later edit that must stay out of the commit.
    try sandbox.stage("partial.py", "a = 1\n" + Self.call)
    try sandbox.write("partial.py", "a = 1\n" + Self.call + "b = 2\n")
    try sandbox.git(["mv", "old.py", "new.py"])
    try sandbox.git(["rm", "-q", "remove.py"])
    try sandbox.stage("tool.py", "#!/usr/bin/env python3\n" + Self.call)
    #expect(chmod(sandbox.root + "/tool.py", 0o755) == 0)
    try sandbox.git(["add", "tool.py"])
    try sandbox.stage("blob.py", "\0binary\0")
    try sandbox.write("notes.py", Self.call)  // Not staged: must not be committed.
    let stagedTree = try sandbox.git(["write-tree"]).stdout
    let workTree = Self.snapshot(sandbox.root).filter { !$0.key.hasPrefix(".git/") }
    let commit = try sandbox.run(
      try GitSandbox.which("git"), ["commit", "-q", "-m", "through the hook"],
      environment: ["LLMLINT": try GitSandbox.llmlintBinary()])
    #expect(commit.status == 0, "\(commit.output)")
    #expect(commit.output.contains("partial.py:2:29: warning:"), "\(commit.output)")
    #expect(try sandbox.git(["rev-parse", "HEAD^{tree}"]).stdout == stagedTree)
    #expect(try sandbox.git(["show", "HEAD:partial.py"]).stdout == "a = 1\n" + Self.call)
    #expect(try sandbox.git(["ls-tree", "HEAD", "tool.py"]).stdout.hasPrefix("100755 "))
    #expect(try sandbox.git(["diff", "--cached", "--name-only"]).stdout == "")
    #expect(try sandbox.git(["status", "--porcelain"]).stdout == " M partial.py\n?? notes.py\n")
    let after = Self.snapshot(sandbox.root).filter { !$0.key.hasPrefix(".git/") }
    #expect(workTree == after, "\(Self.difference(workTree, after))")
  }

  // MARK: - File names reach neither a shell nor the option parser

  static let shellNames = [
    "$(touch PWNED1).py", "`touch PWNED2`.py", ";touch PWNED3;.py", "a b.py", "'quote\".py", "*.py",
    "x|touch PWNED4.py",
    "new\nline.py", "$HOME.py", "& touch PWNED5 &.py",
  ]

  @Test func fileNamesWithShellSyntaxAreNeverRunThroughTheHook() throws {
    let sandbox = try GitSandbox()
    try sandbox.stage("README", "hello\n")
    try sandbox.commit("initial")
    #expect(try sandbox.llmlint(["install-hook"]).status == 0)
    for name in Self.shellNames { try sandbox.stage(name, Self.call) }
    let commit = try sandbox.run(
      try GitSandbox.which("git"), ["commit", "-q", "-m", "names"],
      environment: ["LLMLINT": try GitSandbox.llmlintBinary(), "LLMLINT_HOOK_ARGS": "--format json --quiet"])
    #expect(commit.status == 0, "\(commit.output)")
    // git hands a hook's stdout to stderr; with --quiet the JSON report is all there is.
    let json = try JSONSerialization.jsonObject(with: Data(commit.stderr.utf8)) as? [[String: Any]]
    #expect(Set(json?.compactMap { $0["path"] as? String } ?? []) == Set(Self.shellNames), "\(commit.output)")
    for directory in [sandbox.root, sandbox.base, FileManager.default.currentDirectoryPath] {
      let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
      #expect(!names.contains { $0.hasPrefix("PWNED") }, "a file name was run as a command in \(directory)")
    }
  }

  @Test func fileNamesStartingWithADashAreNotOptions() throws {
    let sandbox = try GitSandbox()
    let names = ["-x.py", "--strict.py", "--format=json.py", "--config.py", "-.py"]
    for name in names { try sandbox.stage(name, Self.call) }
    // Staged: the names come from git, never from argv.
    let staged = try sandbox.llmlint(["--staged"])
    #expect(staged.status == 0, "\(staged.output)")
    let stagedPaths = staged.stdout.split(separator: "\n").map { String($0.prefix { $0 != ":" }) }
    #expect(stagedPaths == names.sorted(), "\(staged.output)")
    // Named on the command line after `--`.
    let named = try sandbox.llmlint(["--"] + names)
    #expect(named.status == 0, "\(named.output)")
    #expect(named.stdout.split(separator: "\n").count == names.count, "\(named.output)")
    // Through the hook on a real commit.
    #expect(try sandbox.llmlint(["install-hook"]).status == 0)
    let commit = try sandbox.run(
      try GitSandbox.which("git"), ["commit", "-q", "-m", "dashes"],
      environment: ["LLMLINT": try GitSandbox.llmlintBinary()])
    #expect(commit.status == 0, "\(commit.output)")
    for name in names { #expect(commit.output.contains("\(name):1:29: warning:"), "\(commit.output)") }
  }

  @Test func theHookScriptPassesNoFileNameToAShell() throws {
    let script = try String(contentsOfFile: GitSandbox.packageRoot + "/hooks/pre-commit", encoding: .utf8)
    // The only command the hook runs with staged content is `llmlint --staged`; names come from git inside it.
    let code = script.split(separator: "\n").filter { !$0.trimmingCharacters(in: .whitespaces).hasPrefix("#") }
    for forbidden in ["eval", "xargs", "git diff", "git ls-files", "$(git", "`"] {
      #expect(!code.contains { $0.contains(forbidden) }, "the hook script uses '\(forbidden)'")
    }
    #expect(code.contains { $0.contains("\"$llmlint\" --staged") })
  }

  // MARK: - A repository's config reads nothing outside the repository

  @Test func configPathsOutsideTheRepositoryAreNotRead() throws {
    let sandbox = try GitSandbox()
    // Next to the repository: a file and a directory that a config must not make llmlint read.
    let outside = sandbox.base + "/outside"
    try FileManager.default.createDirectory(atPath: outside + "/sub", withIntermediateDirectories: true)
    try Data(Self.call.utf8).write(to: URL(fileURLWithPath: outside + "/secret.py"))
    try Data(Self.call.utf8).write(to: URL(fileURLWithPath: outside + "/sub/deeper.py"))
    try sandbox.stage(
      ".llmlint.yml",
      """
      exclude: ["../outside/**", "/etc/**", "../../**", "/**/secret.py"]
      tracked:
        paths: ["../outside/secret.py", "/etc/passwd", "../**"]

      """)
    try sandbox.stage("app.py", Self.call)
    try sandbox.commit("initial")
    try sandbox.stage("app2.py", Self.call)
    // Access times older than the modification times: with `relatime`, any read or listing moves them.
    let watched = [outside, outside + "/secret.py", outside + "/sub", outside + "/sub/deeper.py"]
    func age() {
      for path in watched {
        // tv_nsec (1 << 30) - 2 is UTIME_OMIT: leave the modification time alone.
        var stamps = [timespec(tv_sec: 1_000_000_000, tv_nsec: 0), timespec(tv_sec: 0, tv_nsec: (1 << 30) - 2)]
        #expect(utimensat(AT_FDCWD, path, &stamps, 0) == 0)
      }
    }
    func accessed() -> [String] {
      watched.filter { path in
        var status = stat()
        return stat(path, &status) == 0 && status.st_atim.tv_sec != 1_000_000_000
      }
    }
    // The detector itself: reading a watched file moves its access time on this file system.
    age()
    _ = FileManager.default.contents(atPath: outside + "/secret.py")
    let detectorWorks = accessed() == [outside + "/secret.py"]
    age()
    for arguments in [["."], ["--staged"], ["app.py"], ["rules"]] {
      let run = try sandbox.llmlint(arguments)
      #expect(run.status == 0, "\(arguments): \(run.output)")
      // `rules` lists the config's globs, which name the files; the scans must not report or mention them.
      if arguments != ["rules"] {
        #expect(!run.output.contains("secret") && !run.output.contains("deeper"), "\(arguments): \(run.output)")
      }
    }
    if detectorWorks {
      #expect(accessed() == [], "llmlint read outside the repository")
    }
    // The commit through the hook sees the same.
    #expect(try sandbox.llmlint(["install-hook"]).status == 0)
    let commit = try sandbox.run(
      try GitSandbox.which("git"), ["commit", "-q", "-m", "more"],
      environment: ["LLMLINT": try GitSandbox.llmlintBinary()])
    #expect(commit.status == 0)
    #expect(commit.output.contains("app2.py:1:29: warning:"), "\(commit.output)")
    if detectorWorks { #expect(accessed() == [], "the hook read outside the repository") }
  }
}
