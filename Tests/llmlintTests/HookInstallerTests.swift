import Foundation
import Testing

@testable import llmlint

/// `llmlint install-hook` / `uninstall-hook` and the hook script, with the built binary and real git.
@Suite struct HookInstallerTests {
  static let call = "x = client.chat.completions.create(model=\"m\")\n"
  static let foreignHook = "#!/bin/sh\necho 'legacy hook ran'\nexit 0\n"

  /// Writes an executable (or not) file.
  static func writeExecutable(_ path: String, _ text: String, mode: mode_t = 0o755) throws {
    try FileManager.default.createDirectory(
      atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
    guard FileManager.default.createFile(atPath: path, contents: Data(text.utf8)) else {
      throw SandboxError(message: "cannot write \(path)")
    }
    #expect(chmod(path, mode) == 0)
  }

  /// `git commit -m message` with the hooks enabled and `LLMLINT` naming the built binary (or not).
  static func commit(_ sandbox: GitSandbox, _ message: String = "change", binary: Bool = true, in directory: String? = nil)
    throws -> RunResult
  {
    var environment: [String: String] = [:]
    if binary { environment["LLMLINT"] = try GitSandbox.llmlintBinary() }
    return try sandbox.run(try GitSandbox.which("git"), ["commit", "-m", message], in: directory, environment: environment)
  }

  static func headExists(_ sandbox: GitSandbox) -> Bool {
    (try? sandbox.git(["rev-parse", "--verify", "-q", "HEAD"])) != nil
  }

  // MARK: - The script

  @Test func embeddedScriptIsTheShippedHookByteForByte() throws {
    let path = GitSandbox.packageRoot + "/hooks/pre-commit"
    let shipped = try #require(FileManager.default.contents(atPath: path))
    #expect(String(decoding: shipped, as: UTF8.self) == HookInstaller.script)
    #expect(FileManager.default.isExecutableFile(atPath: path))
    #expect(HookInstaller.script.hasPrefix("#!/bin/sh\n\(HookInstaller.marker)"))
  }

  @Test func scriptIsValidPOSIXShell() throws {
    let sandbox = try GitSandbox()
    for shell in ["/bin/sh", "/bin/dash", "/bin/bash"] where FileManager.default.isExecutableFile(atPath: shell) {
      let result = try sandbox.run(shell, ["-n", GitSandbox.packageRoot + "/hooks/pre-commit"])
      #expect(result.status == 0, "\(shell): \(result.stderr)")
    }
  }

  // MARK: - Install and uninstall

  @Test func installSaysWhatItDidAndTheHookRunsOnCommit() throws {
    let sandbox = try GitSandbox()
    let install = try sandbox.llmlint(["install-hook"], environment: ["LLMLINT": "/x/llmlint"])
    #expect(install.status == 0)
    #expect(install.stdout == "llmlint: installed the pre-commit hook in .git/hooks/pre-commit\n")
    #expect(install.stderr == "")
    let hook = sandbox.root + "/.git/hooks/pre-commit"
    #expect(FileManager.default.contents(atPath: hook) == Data(HookInstaller.script.utf8))
    #expect(FileManager.default.isExecutableFile(atPath: hook))
    try sandbox.stage("app.py", Self.call)
    let commit = try Self.commit(sandbox)
    #expect(commit.status == 0, "\(commit.output)")
    #expect(commit.stderr.contains("app.py:1:5: warning: "), "\(commit.output)")
    #expect(commit.stderr.contains("[openai-chat-completions]"), "\(commit.output)")
    #expect(Self.headExists(sandbox))
  }

  @Test func installNotesWhenTheBinaryIsNotOnPath() throws {
    let sandbox = try GitSandbox()
    let install = try sandbox.llmlint(["install-hook"], environment: ["PATH": "/usr/bin:/bin"])
    #expect(
      install.stdout == """
        llmlint: installed the pre-commit hook in .git/hooks/pre-commit
        llmlint: note: 'llmlint' is not on PATH; until it is (or LLMLINT names it), the hook prints a hint and lets commits through

        """)
  }

  @Test func installTwiceThenUninstallLeavesTheHooksDirectoryAsItWas() throws {
    let sandbox = try GitSandbox()
    let hooks = sandbox.root + "/.git/hooks"
    let before = DirectorySnapshot(hooks)
    #expect(!before.entries.isEmpty, "git init puts sample hooks there")
    _ = try sandbox.llmlint(["install-hook"])
    let once = DirectorySnapshot(hooks)
    let second = try sandbox.llmlint(["install-hook"], environment: ["LLMLINT": "/x/llmlint"])
    #expect(second.stdout == "llmlint: the pre-commit hook in .git/hooks/pre-commit is already installed; nothing changed\n")
    #expect(DirectorySnapshot(hooks) == once)
    let uninstall = try sandbox.llmlint(["uninstall-hook"])
    #expect(uninstall.stdout == "llmlint: removed the pre-commit hook .git/hooks/pre-commit\n")
    #expect(DirectorySnapshot(hooks) == before)
    let again = try sandbox.llmlint(["uninstall-hook"])
    #expect(again.stdout == "llmlint: no pre-commit hook in .git/hooks; nothing changed\n")
    #expect(DirectorySnapshot(hooks) == before)
  }

  @Test func existingHookIsKeptRunAndRestoredByteForByteWithItsMode() throws {
    let sandbox = try GitSandbox()
    let hooks = sandbox.root + "/.git/hooks"
    try Self.writeExecutable(hooks + "/pre-commit", Self.foreignHook, mode: 0o750)
    let before = DirectorySnapshot(hooks)
    let install = try sandbox.llmlint(["install-hook"], environment: ["LLMLINT": "/x/llmlint"])
    #expect(
      install.stdout == """
        llmlint: kept the existing hook as .git/hooks/pre-commit.legacy (it runs first, and its exit status decides the commit)
        llmlint: installed the pre-commit hook in .git/hooks/pre-commit

        """)
    #expect(FileManager.default.contents(atPath: hooks + "/pre-commit.legacy") == Data(Self.foreignHook.utf8))
    _ = try sandbox.llmlint(["install-hook"])
    try sandbox.stage("app.py", Self.call)
    let commit = try Self.commit(sandbox)
    #expect(commit.status == 0, "\(commit.output)")
    #expect(commit.output.contains("legacy hook ran"), "\(commit.output)")
    #expect(commit.output.contains("app.py:1:5: warning: "), "\(commit.output)")
    let uninstall = try sandbox.llmlint(["uninstall-hook"])
    #expect(
      uninstall.stdout == """
        llmlint: removed the pre-commit hook .git/hooks/pre-commit
        llmlint: restored the hook kept in .git/hooks/pre-commit.legacy as .git/hooks/pre-commit

        """)
    #expect(DirectorySnapshot(hooks) == before)
  }

  @Test func aFailingKeptHookStillBlocksTheCommitAndTheWarningsStillShow() throws {
    let sandbox = try GitSandbox()
    try Self.writeExecutable(sandbox.root + "/.git/hooks/pre-commit", "#!/bin/sh\necho 'legacy says no' >&2\nexit 3\n")
    _ = try sandbox.llmlint(["install-hook"])
    try sandbox.stage("app.py", Self.call)
    let commit = try Self.commit(sandbox)
    #expect(commit.status != 0)
    #expect(commit.output.contains("legacy says no"))
    #expect(commit.output.contains("app.py:1:5: warning: "), "\(commit.output)")
    #expect(!Self.headExists(sandbox))
    // The script passes the kept hook's status through exactly.
    let direct = try sandbox.run(
      "/bin/sh", [sandbox.root + "/.git/hooks/pre-commit"], environment: ["LLMLINT": try GitSandbox.llmlintBinary()])
    #expect(direct.status == 3)
  }

  @Test func aKeptHookThatIsNotExecutableStaysSilentAsGitWouldLeaveIt() throws {
    let sandbox = try GitSandbox()
    try Self.writeExecutable(sandbox.root + "/.git/hooks/pre-commit", "#!/bin/sh\nexit 1\n", mode: 0o644)
    let install = try sandbox.llmlint(["install-hook"], environment: ["LLMLINT": "/x/llmlint"])
    #expect(install.stdout.contains("(it is not executable, so, as before, it does not run)"), "\(install.stdout)")
    try sandbox.stage("app.py", Self.call)
    #expect(try Self.commit(sandbox).status == 0)
  }

  @Test func binaryMissingTheCommitGoesThroughWithOneLineHint() throws {
    let sandbox = try GitSandbox()
    _ = try sandbox.llmlint(["install-hook"])
    try sandbox.stage("app.py", Self.call)
    let commit = try sandbox.run(
      try GitSandbox.which("git"), ["commit", "-m", "no binary"], environment: ["PATH": "/usr/bin:/bin"])
    #expect(commit.status == 0, "\(commit.output)")
    let lines = commit.stderr.split(separator: "\n")
    #expect(
      lines == [
        "llmlint: not found, staged files not checked; build it (swift build -c release) and put .build/release/llmlint on PATH, or set LLMLINT=/path/to/llmlint"
      ], "\(commit.output)")
    #expect(Self.headExists(sandbox))
    // LLMLINT naming something that is not there gives the same hint.
    try sandbox.stage("b.py", Self.call)
    let wrong = try sandbox.run(try GitSandbox.which("git"), ["commit", "-m", "wrong"], environment: ["LLMLINT": "/nope/llmlint"])
    #expect(wrong.status == 0)
    #expect(wrong.stderr.hasPrefix("llmlint: not found, staged files not checked;"))
  }

  @Test func theBinaryIsFoundOnPath() throws {
    let sandbox = try GitSandbox()
    let bin = sandbox.base + "/bin"
    try FileManager.default.createDirectory(atPath: bin, withIntermediateDirectories: true)
    try FileManager.default.createSymbolicLink(atPath: bin + "/llmlint", withDestinationPath: try GitSandbox.llmlintBinary())
    _ = try sandbox.llmlint(["install-hook"])
    try sandbox.stage("app.py", Self.call)
    let commit = try sandbox.run(
      try GitSandbox.which("git"), ["commit", "-m", "on path"], environment: ["PATH": bin + ":/usr/bin:/bin"])
    #expect(commit.status == 0)
    #expect(commit.stderr.contains("app.py:1:5: warning: "), "\(commit.output)")
  }

  // MARK: - Where hooks live

  @Test func coreHooksPathRelativeToTheWorkTreeRootFromASubdirectory() throws {
    let sandbox = try GitSandbox()
    try sandbox.git(["config", "core.hooksPath", ".githooks"])
    try FileManager.default.createDirectory(atPath: sandbox.root + "/deep/er", withIntermediateDirectories: true)
    let install = try sandbox.llmlint(
      ["install-hook"], in: sandbox.root + "/deep/er", environment: ["LLMLINT": "/x/llmlint"])
    #expect(
      install.stdout == """
        llmlint: created the hooks directory \(sandbox.root)/.githooks
        llmlint: installed the pre-commit hook in \(sandbox.root)/.githooks/pre-commit

        """)
    #expect(FileManager.default.fileExists(atPath: sandbox.root + "/.githooks/pre-commit"))
    #expect(!FileManager.default.fileExists(atPath: sandbox.root + "/.git/hooks/pre-commit"))
    try sandbox.stage("app.py", Self.call)
    let commit = try Self.commit(sandbox, in: sandbox.root + "/deep")
    #expect(commit.status == 0)
    #expect(commit.stderr.contains("app.py:1:5: warning: "), "\(commit.output)")
  }

  @Test func coreHooksPathAbsoluteWithAnExistingHook() throws {
    let sandbox = try GitSandbox()
    let shared = sandbox.base + "/shared-hooks"
    try Self.writeExecutable(shared + "/pre-commit", Self.foreignHook)
    try Self.writeExecutable(shared + "/commit-msg", "#!/bin/sh\nexit 0\n")
    try sandbox.git(["config", "core.hooksPath", shared])
    let before = DirectorySnapshot(shared)
    _ = try sandbox.llmlint(["install-hook"])
    _ = try sandbox.llmlint(["install-hook"])
    #expect(FileManager.default.contents(atPath: shared + "/pre-commit.legacy") == Data(Self.foreignHook.utf8))
    try sandbox.stage("app.py", Self.call)
    let commit = try Self.commit(sandbox)
    #expect(commit.output.contains("legacy hook ran") && commit.output.contains("app.py:1:5: warning: "))
    _ = try sandbox.llmlint(["uninstall-hook"])
    #expect(DirectorySnapshot(shared) == before)
  }

  @Test func linkedWorktreeInstallsIntoTheSharedHooksDirectory() throws {
    let sandbox = try GitSandbox()
    try sandbox.commit("initial")
    let worktree = sandbox.base + "/linked"
    try sandbox.git(["worktree", "add", "-q", "-b", "feature", worktree])
    let install = try sandbox.llmlint(["install-hook"], in: worktree, environment: ["LLMLINT": "/x/llmlint"])
    #expect(install.stdout == "llmlint: installed the pre-commit hook in \(sandbox.root)/.git/hooks/pre-commit\n")
    try sandbox.write("../linked/app.py", Self.call)
    try sandbox.git(["add", "app.py"], in: worktree)
    let commit = try Self.commit(sandbox, in: worktree)
    #expect(commit.status == 0)
    #expect(commit.stderr.contains("app.py:1:5: warning: "), "\(commit.output)")
    _ = try sandbox.llmlint(["uninstall-hook"], in: worktree)
    #expect(!FileManager.default.fileExists(atPath: sandbox.root + "/.git/hooks/pre-commit"))
  }

  @Test func gitFileWithASeparateGitDirectory() throws {
    let sandbox = try GitSandbox()
    let separate = sandbox.base + "/separate.git"
    let other = sandbox.base + "/other"
    try FileManager.default.createDirectory(atPath: other, withIntermediateDirectories: true)
    try sandbox.git(["init", "-q", "--separate-git-dir", separate], in: other)
    #expect(FileManager.default.contents(atPath: other + "/.git").map { String(decoding: $0, as: UTF8.self) }?.hasPrefix("gitdir: ") == true)
    let install = try sandbox.llmlint(["install-hook"], in: other, environment: ["LLMLINT": "/x/llmlint"])
    #expect(install.stdout == "llmlint: installed the pre-commit hook in \(separate)/hooks/pre-commit\n")
    #expect(FileManager.default.isExecutableFile(atPath: separate + "/hooks/pre-commit"))
  }

  // MARK: - Refusals

  @Test func refusesWhenAKeptHookIsAlreadyThere() throws {
    let sandbox = try GitSandbox()
    let hooks = sandbox.root + "/.git/hooks"
    try Self.writeExecutable(hooks + "/pre-commit", Self.foreignHook)
    try Self.writeExecutable(hooks + "/pre-commit.legacy", "#!/bin/sh\nexit 0\n")
    let before = DirectorySnapshot(hooks)
    let install = try sandbox.llmlint(["install-hook"])
    #expect(install.status == 0)
    #expect(
      install.stderr == """
        llmlint: error: .git/hooks/pre-commit is not llmlint's and .git/hooks/pre-commit.legacy exists too, so there \
        is nowhere to keep it; merge or move them, then run 'llmlint install-hook' again; nothing changed

        """)
    #expect(try sandbox.llmlint(["install-hook", "--strict"]).status == 2)
    #expect(DirectorySnapshot(hooks) == before)
  }

  @Test func refusesToMoveThePreCommitFrameworksHook() throws {
    let sandbox = try GitSandbox()
    let hooks = sandbox.root + "/.git/hooks"
    try Self.writeExecutable(
      hooks + "/pre-commit", "#!/usr/bin/env bash\n# File generated by pre-commit: https://pre-commit.com\nexit 0\n")
    let before = DirectorySnapshot(hooks)
    let install = try sandbox.llmlint(["install-hook"])
    #expect(install.stderr.hasPrefix("llmlint: error: .git/hooks/pre-commit is the pre-commit framework's hook;"))
    #expect(DirectorySnapshot(hooks) == before)
  }

  @Test func uninstallLeavesAForeignHookAlone() throws {
    let sandbox = try GitSandbox()
    let hooks = sandbox.root + "/.git/hooks"
    try Self.writeExecutable(hooks + "/pre-commit", Self.foreignHook)
    let before = DirectorySnapshot(hooks)
    let uninstall = try sandbox.llmlint(["uninstall-hook"])
    #expect(uninstall.stdout == "llmlint: the pre-commit hook in .git/hooks/pre-commit is not llmlint's; left it as it is\n")
    #expect(DirectorySnapshot(hooks) == before)
  }

  @Test func anOlderLlmlintHookIsUpdatedInPlaceKeepingTheLegacyHook() throws {
    let sandbox = try GitSandbox()
    let hooks = sandbox.root + "/.git/hooks"
    try Self.writeExecutable(hooks + "/pre-commit", "#!/bin/sh\n\(HookInstaller.marker) (old)\nllmlint --staged\n")
    try Self.writeExecutable(hooks + "/pre-commit.legacy", Self.foreignHook)
    let install = try sandbox.llmlint(["install-hook"], environment: ["LLMLINT": "/x/llmlint"])
    #expect(install.stdout == "llmlint: updated the pre-commit hook in .git/hooks/pre-commit\n")
    #expect(FileManager.default.contents(atPath: hooks + "/pre-commit") == Data(HookInstaller.script.utf8))
    #expect(FileManager.default.contents(atPath: hooks + "/pre-commit.legacy") == Data(Self.foreignHook.utf8))
  }

  @Test func outsideARepository() throws {
    let sandbox = try GitSandbox()
    let outside = sandbox.base + "/plain"
    try FileManager.default.createDirectory(atPath: outside, withIntermediateDirectories: true)
    let install = try sandbox.llmlint(["install-hook"], in: outside, environment: ["GIT_CEILING_DIRECTORIES": sandbox.base])
    #expect(install.status == 0)
    #expect(install.stderr.hasPrefix("llmlint: error: git: not a git repository"), "\(install.stderr)")
  }
}
