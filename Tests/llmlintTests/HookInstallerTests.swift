import Foundation
import Testing

@testable import LLMLintCore
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
  static func commit(
    _ sandbox: GitSandbox, _ message: String = "change", binary: Bool = true, in directory: String? = nil
  )
    throws -> RunResult
  {
    var environment: [String: String] = [:]
    if binary { environment["LLMLINT"] = try GitSandbox.llmlintBinary() }
    return try sandbox.run(
      try GitSandbox.which("git"), ["commit", "-m", message], in: directory, environment: environment)
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
    #expect(commit.stderr.contains("app.py:1:29: warning: "), "\(commit.output)")
    #expect(commit.stderr.contains("[openai-chat-completions]"), "\(commit.output)")
    #expect(Self.headExists(sandbox))
  }

  /// A usage error exits 2, but the hook ignores llmlint's status: the commit goes through with the message.
  @Test func aBadHookArgumentStillLetsTheCommitThrough() throws {
    let sandbox = try GitSandbox()
    #expect(try sandbox.llmlint(["install-hook"], environment: ["LLMLINT": "/x/llmlint"]).status == 0)
    try sandbox.stage("app.py", Self.call)
    let direct = try sandbox.llmlint(["--staged", "--fromat"])
    #expect(direct.status == 2)
    let binary = try GitSandbox.llmlintBinary()
    for arguments in ["--fromat sarif", "--strict --bogus", "--config missing.yml"] {
      let commit = try sandbox.run(
        try GitSandbox.which("git"), ["commit", "-q", "--allow-empty", "-m", arguments],
        environment: [
          "LLMLINT": binary, "LLMLINT_HOOK_ARGS": arguments,
        ])
      #expect(commit.status == 0, "\(arguments): \(commit.output)")
      #expect(commit.stderr.contains("llmlint: error: "), "\(arguments): \(commit.output)")
      #expect(try sandbox.git(["log", "-1", "--format=%s"]).stdout == arguments + "\n")
    }
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
    #expect(
      second.stdout == "llmlint: the pre-commit hook in .git/hooks/pre-commit is already installed; nothing changed\n")
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
    #expect(commit.output.contains("app.py:1:29: warning: "), "\(commit.output)")
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
    #expect(commit.output.contains("app.py:1:29: warning: "), "\(commit.output)")
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
    let wrong = try sandbox.run(
      try GitSandbox.which("git"), ["commit", "-m", "wrong"], environment: ["LLMLINT": "/nope/llmlint"])
    #expect(wrong.status == 0)
    #expect(wrong.stderr.hasPrefix("llmlint: not found, staged files not checked;"))
  }

  @Test func theBinaryIsFoundOnPath() throws {
    let sandbox = try GitSandbox()
    let bin = sandbox.base + "/bin"
    try FileManager.default.createDirectory(atPath: bin, withIntermediateDirectories: true)
    try FileManager.default.createSymbolicLink(
      atPath: bin + "/llmlint", withDestinationPath: try GitSandbox.llmlintBinary())
    _ = try sandbox.llmlint(["install-hook"])
    try sandbox.stage("app.py", Self.call)
    let commit = try sandbox.run(
      try GitSandbox.which("git"), ["commit", "-m", "on path"], environment: ["PATH": bin + ":/usr/bin:/bin"])
    #expect(commit.status == 0)
    #expect(commit.stderr.contains("app.py:1:29: warning: "), "\(commit.output)")
  }

  @Test func commitAllAndCommitPathsAreJudgedByWhatTheyCommit() throws {
    let sandbox = try GitSandbox()
    try sandbox.stage("a.py", "a = 1\n")
    try sandbox.stage("b.py", "b = 1\n")
    try sandbox.commit()
    _ = try sandbox.llmlint(["install-hook"])
    // Not staged; `commit -a` and `commit PATH` stage them into a temporary index (GIT_INDEX_FILE).
    try sandbox.write("a.py", Self.call)
    try sandbox.write("b.py", Self.call)
    let paths = try sandbox.run(
      try GitSandbox.which("git"), ["commit", "-m", "only b", "b.py"],
      environment: ["LLMLINT": try GitSandbox.llmlintBinary()])
    #expect(paths.status == 0)
    #expect(paths.stderr.contains("b.py:1:29: warning: "), "\(paths.output)")
    #expect(!paths.stderr.contains("a.py:1:29"), "\(paths.output)")
    let all = try sandbox.run(
      try GitSandbox.which("git"), ["commit", "-a", "-m", "all"],
      environment: ["LLMLINT": try GitSandbox.llmlintBinary()])
    #expect(all.status == 0)
    #expect(all.stderr.contains("a.py:1:29: warning: "), "\(all.output)")
  }

  @Test func hookArgumentsFromTheEnvironment() throws {
    let sandbox = try GitSandbox()
    try sandbox.stage("old.py", Self.call)
    try sandbox.commit()
    _ = try sandbox.llmlint(["install-hook"])
    try sandbox.stage("old.py", Self.call + "y = 1\n")
    try sandbox.stage("new.py", Self.call)
    let commit = try sandbox.run(
      try GitSandbox.which("git"), ["commit", "-m", "changed lines"],
      environment: ["LLMLINT": try GitSandbox.llmlintBinary(), "LLMLINT_HOOK_ARGS": "--changed-lines --quiet"])
    #expect(commit.status == 0)
    #expect(commit.stderr.contains("new.py:1:29: warning: "), "\(commit.output)")
    #expect(!commit.stderr.contains("old.py:1:29"), "\(commit.output)")
    #expect(!commit.stderr.contains("llmlint: 1 finding"), "--quiet drops the summary: \(commit.output)")
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
    #expect(commit.stderr.contains("app.py:1:29: warning: "), "\(commit.output)")
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
    #expect(commit.output.contains("legacy hook ran") && commit.output.contains("app.py:1:29: warning: "))
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
    #expect(commit.stderr.contains("app.py:1:29: warning: "), "\(commit.output)")
    _ = try sandbox.llmlint(["uninstall-hook"], in: worktree)
    #expect(!FileManager.default.fileExists(atPath: sandbox.root + "/.git/hooks/pre-commit"))
  }

  @Test func gitFileWithASeparateGitDirectory() throws {
    let sandbox = try GitSandbox()
    let separate = sandbox.base + "/separate.git"
    let other = sandbox.base + "/other"
    try FileManager.default.createDirectory(atPath: other, withIntermediateDirectories: true)
    try sandbox.git(["init", "-q", "--separate-git-dir", separate], in: other)
    #expect(
      FileManager.default.contents(atPath: other + "/.git").map { String(decoding: $0, as: UTF8.self) }?.hasPrefix(
        "gitdir: ") == true)
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
    #expect(
      uninstall.stdout == "llmlint: the pre-commit hook in .git/hooks/pre-commit is not llmlint's; left it as it is\n")
    #expect(DirectorySnapshot(hooks) == before)
  }

  @Test func anOlderLlmlintHookIsUpdatedInPlaceKeepingTheLegacyHook() throws {
    let sandbox = try GitSandbox()
    let hooks = sandbox.root + "/.git/hooks"
    try Self.writeExecutable(hooks + "/pre-commit", EarlierHookScripts.all[0])
    try Self.writeExecutable(hooks + "/pre-commit.legacy", Self.foreignHook)
    let install = try sandbox.llmlint(["install-hook"], environment: ["LLMLINT": "/x/llmlint"])
    #expect(install.stdout == "llmlint: updated the pre-commit hook in .git/hooks/pre-commit\n")
    #expect(FileManager.default.contents(atPath: hooks + "/pre-commit") == Data(HookInstaller.script.utf8))
    #expect(FileManager.default.isExecutableFile(atPath: hooks + "/pre-commit"))
    #expect(FileManager.default.contents(atPath: hooks + "/pre-commit.legacy") == Data(Self.foreignHook.utf8))
  }

  /// Every text `hooks/pre-commit` ever had (as far as this clone's history goes) is the current script or
  /// one of `EarlierHookScripts`, so an install of any version is recognised as llmlint's.
  @Test func everyEarlierHookScriptIsListed() throws {
    let sandbox = try GitSandbox()
    let log = try sandbox.run(
      try GitSandbox.which("git"), ["-C", GitSandbox.packageRoot, "log", "--format=%H", "--", "hooks/pre-commit"])
    guard log.status == 0 else { return }  // not a clone (a source archive): nothing to compare
    for commit in log.stdout.split(separator: "\n") {
      let text = try sandbox.run(
        try GitSandbox.which("git"), ["-C", GitSandbox.packageRoot, "show", "\(commit):hooks/pre-commit"]
      ).stdout
      #expect(
        text == HookInstaller.script || EarlierHookScripts.all.contains(text),
        "hooks/pre-commit at \(commit) is not in EarlierHookScripts")
    }
  }

  // MARK: - Issue 12: hooks that are the user's, inactive hooks, races, paths that are not UTF-8

  /// Item 7: lines a team added to the installed hook make it theirs.
  @Test func anEditedHookIsTheUsersAndNeitherCommandTouchesIt() throws {
    let sandbox = try GitSandbox()
    let hooks = sandbox.root + "/.git/hooks"
    _ = try sandbox.llmlint(["install-hook"], environment: ["LLMLINT": "/x/llmlint"])
    let edited = HookInstaller.script + "echo 'our team check'\n"
    try Self.writeExecutable(hooks + "/pre-commit", edited)
    let before = DirectorySnapshot(hooks)
    let install = try sandbox.llmlint(["install-hook"], environment: ["LLMLINT": "/x/llmlint"])
    #expect(install.status == 0)
    #expect(install.stdout == "")
    #expect(
      install.stderr == """
        llmlint: error: .git/hooks/pre-commit is llmlint's hook with changes made since it was installed, so it is \
        yours now; nothing changed. To get the current hook, move your changes into a script of your own, delete \
        .git/hooks/pre-commit and run 'llmlint install-hook' again (your script, as pre-commit, is then kept as \
        pre-commit.legacy and run first)

        """)
    #expect(try sandbox.llmlint(["install-hook", "--strict"]).status == 2)
    let uninstall = try sandbox.llmlint(["uninstall-hook"])
    #expect(
      uninstall.stdout == """
        llmlint: the pre-commit hook in .git/hooks/pre-commit was changed since llmlint installed it, so it is \
        yours; left it as it is (to remove it, delete it)

        """)
    #expect(DirectorySnapshot(hooks) == before)
    #expect(FileManager.default.contents(atPath: hooks + "/pre-commit") == Data(edited.utf8))
  }

  /// Item 8: a leftover executable pre-commit.legacy without a pre-commit does not run today; installing
  /// must not make it run, and uninstalling must not make it the hook.
  @Test func aLeftoverLegacyHookWithoutAHookStaysInactive() throws {
    let sandbox = try GitSandbox()
    let hooks = sandbox.root + "/.git/hooks"
    try Self.writeExecutable(hooks + "/pre-commit.legacy", "#!/bin/sh\necho 'old script ran' >&2\nexit 1\n")
    let before = DirectorySnapshot(hooks)
    let install = try sandbox.llmlint(["install-hook"], environment: ["LLMLINT": "/x/llmlint"])
    #expect(
      install.stderr == """
        llmlint: error: .git/hooks/pre-commit.legacy is there without a pre-commit hook, so git does not run it, \
        and llmlint's hook would; remove or rename it (or make it pre-commit again), then run 'llmlint \
        install-hook' again; nothing changed

        """)
    #expect(DirectorySnapshot(hooks) == before)
    let uninstall = try sandbox.llmlint(["uninstall-hook"])
    #expect(
      uninstall.stdout
        == "llmlint: no pre-commit hook in .git/hooks; left .git/hooks/pre-commit.legacy as it is (git does not run it)\n"
    )
    #expect(DirectorySnapshot(hooks) == before)
    try sandbox.stage("app.py", Self.call)
    let commit = try Self.commit(sandbox)
    #expect(commit.status == 0, "\(commit.output)")
    #expect(!commit.output.contains("old script ran"))
  }

  /// Item 9: a second install runs between the first one's look at a foreign hook and its rename. Both
  /// end well and the foreign hook is kept, once.
  @Test func anInstallRacingAnotherNeverLosesTheForeignHook() throws {
    let sandbox = try GitSandbox()
    let hooks = PathBytes(sandbox.root + "/.git/hooks")
    try Self.writeExecutable(sandbox.root + "/.git/hooks/pre-commit", Self.foreignHook)
    var second: [String] = []
    let first = try HookInstaller.install(
      in: hooks,
      beforeMove: {
        second = (try? HookInstaller.install(in: hooks)) ?? ["failed"]
      })
    #expect(second.last == "installed the pre-commit hook in \(hooks.shown)/pre-commit")
    #expect(first == ["the pre-commit hook in \(hooks.shown)/pre-commit is already installed; nothing changed"])
    #expect(FileManager.default.contents(atPath: hooks.shown + "/pre-commit") == Data(HookInstaller.script.utf8))
    #expect(FileManager.default.contents(atPath: hooks.shown + "/pre-commit.legacy") == Data(Self.foreignHook.utf8))
  }

  /// Item 9 with real processes: eight installs at once over a foreign hook.
  @Test func concurrentInstallsKeepTheForeignHook() throws {
    let sandbox = try GitSandbox()
    let hooks = sandbox.root + "/.git/hooks"
    try Self.writeExecutable(hooks + "/pre-commit", Self.foreignHook)
    let binary = try GitSandbox.llmlintBinary()
    var environment = sandbox.environment
    environment["LLMLINT"] = "/x/llmlint"
    let installs = try (0..<8).map { _ in
      let process = Process()
      process.executableURL = URL(fileURLWithPath: binary)
      process.arguments = ["install-hook"]
      process.currentDirectoryURL = URL(fileURLWithPath: sandbox.root)
      process.environment = environment
      process.standardOutput = FileHandle.nullDevice
      process.standardError = FileHandle.nullDevice
      try process.run()
      return process
    }
    for install in installs {
      install.waitUntilExit()
      #expect(install.terminationStatus == 0)
    }
    #expect(FileManager.default.contents(atPath: hooks + "/pre-commit") == Data(HookInstaller.script.utf8))
    #expect(FileManager.default.contents(atPath: hooks + "/pre-commit.legacy") == Data(Self.foreignHook.utf8))
    let names = try FileManager.default.contentsOfDirectory(atPath: hooks).filter { $0.hasPrefix("pre-commit") }
    #expect(names.sorted() == ["pre-commit", "pre-commit.legacy"] + names.filter { $0.hasSuffix(".sample") }.sorted())
  }

  /// Item 10: a repository under a name that is not UTF-8, or holds a newline, gets the hook in its own
  /// hooks directory, and nothing is written beside it.
  @Test func repositoriesUnderNamesThatAreNotUTF8GetTheirOwnHook() throws {
    let sandbox = try GitSandbox()
    let binary = try GitSandbox.llmlintBinary()
    let git = try GitSandbox.which("git")
    for (octal, bytes) in [("repo-\\377\\376", [0xFF, 0xFE] as [UInt8]), ("repo\\nline", [0x0A])] {
      let run = try ChildProcess.shell(
        """
        name=$(printf "$1x") && name=${name%x} && mkdir "$name" && cd "$name" && "$2" init -q && \
        LLMLINT=/x/llmlint "$3" install-hook && [ -x .git/hooks/pre-commit ] && "$3" uninstall-hook && \
        [ ! -e .git/hooks/pre-commit ] && echo done
        """, [octal, git, binary], in: sandbox.base, environment: sandbox.environment)
      #expect(
        run.stdout == """
          llmlint: installed the pre-commit hook in .git/hooks/pre-commit
          llmlint: removed the pre-commit hook .git/hooks/pre-commit
          done

          """, "\(bytes): \(run.stdout)\(run.stderr)")
      #expect(run.stderr == "", "\(bytes)")
    }
    // Only the three repositories: no `repo-\u{FFFD}\u{FFFD}` tree beside them.
    let names = try FileManager.default.contentsOfDirectory(atPath: sandbox.base)
    #expect(names.count == 3, "\(names)")
  }

  @Test func aSymbolicLinkToAnLlmlintHookIsLeftAlone() throws {
    let sandbox = try GitSandbox()
    let hooks = sandbox.root + "/.git/hooks"
    try FileManager.default.createSymbolicLink(
      atPath: hooks + "/pre-commit", withDestinationPath: GitSandbox.packageRoot + "/hooks/pre-commit")
    let before = DirectorySnapshot(hooks)
    let install = try sandbox.llmlint(["install-hook"], environment: ["LLMLINT": "/x/llmlint"])
    #expect(install.stdout == "llmlint: .git/hooks/pre-commit is a symbolic link to an llmlint hook; nothing changed\n")
    let uninstall = try sandbox.llmlint(["uninstall-hook"])
    #expect(
      uninstall.stdout.hasPrefix("llmlint: .git/hooks/pre-commit is a symbolic link to an llmlint hook, not installed"))
    #expect(DirectorySnapshot(hooks) == before)
  }

  @Test func outsideARepository() throws {
    let sandbox = try GitSandbox()
    let outside = sandbox.base + "/plain"
    try FileManager.default.createDirectory(atPath: outside, withIntermediateDirectories: true)
    let install = try sandbox.llmlint(
      ["install-hook"], in: outside, environment: ["GIT_CEILING_DIRECTORIES": sandbox.base])
    #expect(install.status == 2)
    #expect(
      install.stderr.hasPrefix(
        "llmlint: error: 'install-hook' works inside a git work tree (git: not a git repository"),
      "\(install.stderr)")
  }
}
