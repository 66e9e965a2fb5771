import Foundation
import Testing

@testable import LLMLintCore

/// `llmlint --staged` and the installed hook, run for real: the built binary, real git, temporary
/// repositories. Expected findings name the built-in `openai-chat-completions` rule.
@Suite struct GitIntegrationTests {
  static let call = "x = client.chat.completions.create(model=\"m\")\n"
  static let clean = "x = 1\n"
  static let rule = "[openai-chat-completions]"

  /// The findings of a `--format json` run as (path, line, column, rule), in output order.
  static func findings(_ result: RunResult, sourceLocation: SourceLocation = #_sourceLocation) -> [String] {
    guard let data = result.stdout.data(using: .utf8),
      let array = try? JSONSerialization.jsonObject(with: data) as? [[String: Any]]
    else {
      Issue.record("not a JSON array: \(result.stdout)\nstderr: \(result.stderr)", sourceLocation: sourceLocation)
      return []
    }
    return array.map { "\($0["path"] ?? "?"):\($0["line"] ?? "?"):\($0["column"] ?? "?") \($0["rule"] ?? "?")" }
  }

  static func staged(_ sandbox: GitSandbox, in directory: String? = nil, _ extra: [String] = []) throws
    -> [String]
  {
    let result = try sandbox.llmlint(["--staged", "--format", "json"] + extra, in: directory)
    #expect(result.status == 0, "\(result.stderr)")
    return findings(result)
  }

  // MARK: - The hook on a real commit

  @Test func commitWithInstalledHookShowsTheWarningAndGoesThrough() throws {
    let sandbox = try GitSandbox()
    try sandbox.stage("README", "hello\n")
    try sandbox.commit("initial")
    let install = try sandbox.llmlint(["install-hook"])
    #expect(install.status == 0)
    try sandbox.stage("app.py", Self.call)
    let commit = try sandbox.run(
      try GitSandbox.which("git"), ["commit", "-m", "add app"], environment: ["LLMLINT": try GitSandbox.llmlintBinary()]
    )
    #expect(commit.status == 0, "\(commit.output)")
    let line = commit.output.split(separator: "\n").first { $0.hasPrefix("app.py:1:29: warning: ") }
    #expect(line?.hasSuffix(" \(Self.rule)") == true, "\(commit.output)")
    #expect(commit.output.contains("llmlint: 1 finding in 1 file"), "\(commit.output)")
    let log = try sandbox.git(["log", "--format=%s"])
    #expect(log.stdout == "add app\ninitial\n")
  }

  // MARK: - What is judged: the index

  @Test func partiallyStagedFileWithTheCallOnlyInTheWorkTreeIsClean() throws {
    let sandbox = try GitSandbox()
    try sandbox.stage("app.py", Self.clean)
    try sandbox.write("app.py", Self.clean + Self.call)
    #expect(try Self.staged(sandbox) == [])
    let plain = try sandbox.llmlint(["--format", "json", "app.py"])
    #expect(Self.findings(plain) == ["app.py:2:29 openai-chat-completions"])
  }

  @Test func partiallyStagedFileWithTheCallOnlyInTheIndexIsReported() throws {
    let sandbox = try GitSandbox()
    try sandbox.stage("app.py", Self.clean + Self.call)
    try sandbox.write("app.py", Self.clean)
    #expect(try Self.staged(sandbox) == ["app.py:2:29 openai-chat-completions"])
  }

  @Test func repositoryWithNoCommits() throws {
    let sandbox = try GitSandbox()
    try sandbox.stage("app.py", Self.call)
    let result = try sandbox.llmlint(["--staged"])
    #expect(result.status == 0)
    #expect(result.stdout.hasPrefix("app.py:1:29: warning: "), "\(result.output)")
    #expect(result.stdout.hasSuffix(" \(Self.rule)\n"), "\(result.output)")
  }

  @Test func onlyStagedChangesAreScanned() throws {
    let sandbox = try GitSandbox()
    try sandbox.stage("old.py", Self.call)
    try sandbox.commit()
    try sandbox.stage("new.py", Self.call)
    try sandbox.write("untracked.py", Self.call)
    #expect(try Self.staged(sandbox) == ["new.py:1:29 openai-chat-completions"])
  }

  // MARK: - Paths

  @Test func pathsWithSpacesQuotesNewlinesAndNonASCII() throws {
    let sandbox = try GitSandbox()
    let names = ["dir with space/a b.py", "quote\"d 'x'.py", "new\nline.py", "ünïcødé/日本.py", "tab\tname.py"]
    for name in names { try sandbox.stage(name, Self.call) }
    let expected = names.map { "\($0):1:29 openai-chat-completions" }
      .sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
    #expect(try Self.staged(sandbox) == expected)
  }

  @Test func fromASubdirectoryPathsAreRelativeToIt() throws {
    let sandbox = try GitSandbox()
    try sandbox.stage("top.py", Self.call)
    try sandbox.stage("sub/inner/a.py", Self.call)
    try sandbox.stage("other/b.py", Self.call)
    let directory = sandbox.root + "/sub"
    #expect(
      try Self.staged(sandbox, in: directory) == [
        "../other/b.py:1:29 openai-chat-completions", "../top.py:1:29 openai-chat-completions",
        "inner/a.py:1:29 openai-chat-completions",
      ])
  }

  @Test func linkedWorktree() throws {
    let sandbox = try GitSandbox()
    try sandbox.stage("README", "hello\n")
    try sandbox.commit()
    let worktree = sandbox.base + "/linked"
    try sandbox.git(["worktree", "add", "-q", "-b", "feature", worktree])
    try sandbox.write("../linked/app.py", Self.call)
    try sandbox.git(["add", "app.py"], in: worktree)
    try sandbox.stage("main-only.py", Self.call)
    #expect(try Self.staged(sandbox, in: worktree) == ["app.py:1:29 openai-chat-completions"])
    #expect(try Self.staged(sandbox) == ["main-only.py:1:29 openai-chat-completions"])
  }

  @Test func withGitDirAndGitWorkTreeSetGitItselfSaysWhereTheWorkTreeIs() throws {
    let sandbox = try GitSandbox()
    try sandbox.stage("sub/app.py", Self.call)
    let elsewhere = sandbox.base + "/elsewhere"
    try FileManager.default.createDirectory(atPath: elsewhere, withIntermediateDirectories: true)
    let environment = ["GIT_DIR": sandbox.root + "/.git", "GIT_WORK_TREE": sandbox.root]
    let result = try sandbox.llmlint(
      ["--staged", "--format", "json"], in: sandbox.root + "/sub", environment: environment)
    #expect(Self.findings(result) == ["app.py:1:29 openai-chat-completions"])
    #expect(Git.workTree(containing: sandbox.root + "/sub", environment: environment) == nil)
    #expect(Git.workTree(containing: sandbox.root + "/sub", environment: [:])! == (sandbox.root, "sub/"))
  }

  @Test func insideTheGitDirectoryIsAUsageError() throws {
    let sandbox = try GitSandbox()
    try sandbox.stage("app.py", Self.call)
    #expect(Git.workTree(containing: sandbox.root + "/.git/refs", environment: [:]) == nil)
    let result = try sandbox.llmlint(["--staged"], in: sandbox.root + "/.git/refs")
    #expect(result.status == 2)
    #expect(result.stdout == "")
    #expect(
      result.stderr.hasPrefix("llmlint: error: '--staged' works inside a git work tree (git: "), "\(result.stderr)")
  }

  // MARK: - What is skipped

  @Test func skipsSymlinksSubmodulesDeletionsAndOtherFiles() throws {
    let sandbox = try GitSandbox()
    try sandbox.stage(
      "gone.py", "def old(a, b, c):\n    return llm.chat.completions.create(model=a, messages=b, n=c)\n")
    try sandbox.commit()
    try sandbox.git(["rm", "-q", "gone.py"])
    try sandbox.stage("real.py", Self.call)
    try FileManager.default.createSymbolicLink(atPath: sandbox.root + "/link.py", withDestinationPath: "real.py")
    try sandbox.git(["add", "link.py"])
    let head = try sandbox.git(["rev-parse", "HEAD"]).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    try sandbox.git(["update-index", "--add", "--cacheinfo", "160000,\(head),module.py"])
    try sandbox.stage("notes.txt", Self.call)
    try sandbox.stage("data.json", Self.call)
    let status = try sandbox.git(["status", "--porcelain"]).stdout
    #expect(
      status.contains("D  gone.py") && status.contains("A  link.py") && status.contains("A")
        && status.contains(" module.py"), "\(status)")
    #expect(try Self.staged(sandbox) == ["real.py:1:29 openai-chat-completions"])
  }

  @Test func pythonShebangWithoutExtensionAndSwiftFiles() throws {
    let sandbox = try GitSandbox()
    try sandbox.stage("bin/tool", "#!/usr/bin/env python3\n" + Self.call)
    try sandbox.stage("bin/shell", "#!/bin/sh\necho client.chat.completions.create\n")
    try sandbox.stage("App.swift", "let x = 1\n")
    let result = try sandbox.llmlint(["--staged", "--format", "json"])
    #expect(Self.findings(result) == ["bin/tool:2:29 openai-chat-completions"])
    #expect(result.stderr.contains(" in 2 files"), "\(result.stderr)")
  }

  @Test func renamedAndModifiedFilesAreScannedUnderTheirNewPath() throws {
    let sandbox = try GitSandbox()
    try sandbox.stage("before.py", Self.clean + Self.call + String(repeating: "y = 2\n", count: 20))
    try sandbox.stage("changed.py", Self.clean)
    try sandbox.commit()
    try sandbox.git(["mv", "before.py", "after.py"])
    try sandbox.stage("changed.py", Self.clean + Self.call)
    #expect(
      try Self.staged(sandbox) == ["after.py:2:29 openai-chat-completions", "changed.py:2:29 openai-chat-completions"])
  }

  // MARK: - --changed-lines

  @Test func changedLinesReportsOnlyCallsOnAddedOrChangedLines() throws {
    let sandbox = try GitSandbox()
    let old = "a = client.chat.completions.create(model=\"m\")\nb = 1\nc = 2\n"
    try sandbox.stage("app.py", old)
    try sandbox.stage("moved.py", String(repeating: "z = 0\n", count: 10) + Self.call)
    try sandbox.commit()
    let new = old + "d = client.chat.completions.create(\n  model=\"m\")\n"
    try sandbox.stage("app.py", new)
    try sandbox.git(["mv", "moved.py", "renamed.py"])
    try sandbox.stage("fresh.py", Self.call)
    #expect(
      try Self.staged(sandbox) == [
        "app.py:1:29 openai-chat-completions", "app.py:4:29 openai-chat-completions",
        "fresh.py:1:29 openai-chat-completions", "renamed.py:11:29 openai-chat-completions",
      ])
    #expect(
      try Self.staged(sandbox, ["--changed-lines"]) == [
        "app.py:4:29 openai-chat-completions", "fresh.py:1:29 openai-chat-completions",
      ])
  }

  @Test func changedLinesCountsAnEditInsideAMultiLineCall() throws {
    let sandbox = try GitSandbox()
    try sandbox.stage("app.py", "x = client.chat.completions.create(\n  model=\"m\",\n  temperature=0,\n)\n")
    try sandbox.commit()
    // Only the argument line changes: the call spans it, so the call was touched.
    try sandbox.stage("app.py", "x = client.chat.completions.create(\n  model=\"n\",\n  temperature=0,\n)\n")
    #expect(try Self.staged(sandbox, ["--changed-lines"]) == ["app.py:1:29 openai-chat-completions"])
    // A line removed from inside the call touches it too.
    try sandbox.commit()
    try sandbox.stage("app.py", "x = client.chat.completions.create(\n  model=\"n\",\n)\n")
    #expect(try Self.staged(sandbox, ["--changed-lines"]) == ["app.py:1:29 openai-chat-completions"])
    // Lines added after it do not.
    try sandbox.commit()
    try sandbox.stage("app.py", "x = client.chat.completions.create(\n  model=\"n\",\n)\ny = 1\n")
    #expect(try Self.staged(sandbox, ["--changed-lines"]) == [])
  }

  // MARK: - Same verdict as a plain scan

  @Test func stagedReportsExactlyWhatAPlainScanOfTheSameContentReports() throws {
    let sandbox = try GitSandbox()
    let files: [(String, String)] = [
      ("svc/chat.py", "from openai import OpenAI\nclient = OpenAI()\n" + Self.call),
      (
        "svc/tracked.py",
        "async def f():\n    async with tracker.track_llm_call(provider=\"openai\"):\n"
          + "        r = await client.chat.completions.create(model=\"m\")\n    return await client.chat.completions.create(model=\"m\")\n"
      ),
      ("svc/comment.py", "# client.chat.completions.create(model=\"m\")\ns = \"client.chat.completions.create(\"\n"),
      (
        "svc/lite.py",
        "import litellm as ll\nfrom litellm import completion as ask\nll.completion(model=\"m\")\nask(model=\"m\")\n"
      ),
      ("svc/anth.py", "import anthropic\nc = anthropic.Anthropic()\nm = c.messages.create(model=\"m\")\n"),
      ("svc/twilio.py", "m = client.messages.create(to=\"x\")\n"),
      ("ios/Chat.swift", "let r = try await client.chat.completions.create(model: \"m\")\n"),
      ("ios/Tracked.swift", "trackLLMCall { let r = try await client.chat.completions.create(model: \"m\") }\n"),
      ("tool", "#!/usr/bin/env python3\n" + Self.call),
    ]
    for (path, text) in files { try sandbox.stage(path, text) }
    for directory in [sandbox.root, sandbox.root + "/svc"] {
      let relative = files.map { directory == sandbox.root ? $0.0 : "../" + $0.0 }
        .map { $0.hasPrefix("../svc/") ? String($0.dropFirst(7)) : $0 }
      for format in ["json", "text", "sarif", "github"] {
        let staged = try sandbox.llmlint(["--staged", "--format", format, "--no-color"], in: directory)
        let plain = try sandbox.llmlint(["--format", format, "--no-color", "--"] + relative, in: directory)
        #expect(staged.status == 0 && plain.status == 0)
        #expect(staged.stdout == plain.stdout, "\(format) in \(directory)")
      }
      let staged = try sandbox.llmlint(["--staged", "--format", "json"], in: directory)
      #expect(Self.findings(staged).count >= 5, "\(staged.stdout)")
    }
  }

  @Test func configExcludesApplyAsInAPlainScan() throws {
    let sandbox = try GitSandbox()
    try sandbox.stage(".llmlint.yml", "exclude: [\"legacy/**\", \"*_pb2.py\"]\n")
    try sandbox.stage("legacy/old.py", Self.call)
    try sandbox.stage("api_pb2.py", Self.call)
    try sandbox.stage("svc/new.py", Self.call)
    #expect(try Self.staged(sandbox) == ["svc/new.py:1:29 openai-chat-completions"])
    #expect(try Self.staged(sandbox, in: sandbox.root + "/svc") == ["new.py:1:29 openai-chat-completions"])
    let plain = try sandbox.llmlint(["--format", "json", "."])
    #expect(Self.findings(plain) == ["svc/new.py:1:29 openai-chat-completions"])
  }

  @Test func binaryStagedFilesAreSkipped() throws {
    let sandbox = try GitSandbox()
    try sandbox.stage("blob.py", Self.call + "\u{0}\u{1}")
    let result = try sandbox.llmlint(["--staged", "--format", "json"])
    #expect(Self.findings(result) == [])
    #expect(result.stderr.contains(" in 0 files"), "\(result.stderr)")
  }

  @Test func manyStagedFilesAndLargeBatchesDoNotDeadlock() throws {
    let sandbox = try GitSandbox()
    for index in 0..<300 {
      try sandbox.write("pkg/m\(index).py", String(repeating: "# padding line\n", count: 200) + Self.call)
    }
    try sandbox.git(["add", "pkg"])
    let findings = try Self.staged(sandbox)
    #expect(findings.count == 300)
    #expect(findings.first == "pkg/m0.py:201:29 openai-chat-completions")
    // The child runner alone: 300 KB in, more than that out, through pipes of 64 KB.
    let blob = try sandbox.git(["rev-parse", ":pkg/m0.py"]).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    let input = Array(String(repeating: blob + "\n", count: 7_000).utf8)
    let output = try Git().run(["-C", sandbox.root, "cat-file", "--batch"], input: input).get()
    #expect(output.status == 0)
    #expect(StagedFiles.parseBatch(output.stdout, count: 7_000).allSatisfy { $0?.count == 200 * 15 + 46 })
  }

  /// The findings of the staged files with project facts gathered from the whole index, through the
  /// library alone: `StagedFiles.read(projectFiles:)`, `ProjectFacts`, `FactCache`, `Linter`.
  static func stagedWithFacts(_ sandbox: GitSandbox, in directory: String? = nil) throws -> [String] {
    let here = directory ?? sandbox.root
    let git = Git(directory: here)
    let staged = try StagedFiles.read(
      currentDirectory: here, environment: [:], projectFiles: true, git: git
    ).get()
    let ruleSet = ConfigLoader.builtIn().ruleSet
    let project = staged.projectFiles
    let facts = ProjectFacts.gather(
      files: project, ruleSet: ruleSet, cache: FactCache(path: sandbox.base + "/facts.bin"),
      read: { indices in StagedFiles.readBlobs(indices.map { project[$0].blobID! }, git: git) })
    let result = Scan.run(files: staged.files, linter: Linter(ruleSet: ruleSet, facts: facts))
    return result.findings.map { "\($0.path):\($0.line):\($0.column) \($0.ruleID)" }
  }

  @Test func projectFactsComeFromTheWholeIndexWithTheStagedContent() throws {
    let sandbox = try GitSandbox()
    let caller = """
      from helpers import ask
      async def run(tracker):
          async with tracker.track_llm_call(provider="openai"):
              return ask("hi")

      """
    try sandbox.stage("app/main.py", caller)
    try sandbox.commit()
    let helper = "def ask(text):\n    return client.chat.completions.create(model=\"m\", messages=text)\n"
    try sandbox.stage("lib/helpers.py", helper)
    // The only caller, committed and not staged, is tracked: so is the helper's call.
    #expect(try Self.stagedWithFacts(sandbox) == [])
    #expect(try Self.stagedWithFacts(sandbox, in: sandbox.root + "/lib") == [])
    // Again with the facts cache warm.
    #expect(try Self.stagedWithFacts(sandbox) == [])
    // An untracked caller, staged (the work tree has none): the call is reported.
    try sandbox.stage("app/other.py", "from helpers import ask\nask(\"x\")\n")
    #expect(try Self.stagedWithFacts(sandbox) == ["lib/helpers.py:2:36 openai-chat-completions"])
    #expect(
      try Self.stagedWithFacts(sandbox, in: sandbox.root + "/app") == ["../lib/helpers.py:2:36 openai-chat-completions"]
    )
    try sandbox.git(["rm", "-q", "--cached", "app/other.py"])
    #expect(try Self.stagedWithFacts(sandbox) == [])
    // The command: facts from the whole index, the same verdict as a plain scan of the tree.
    try FileManager.default.removeItem(atPath: sandbox.root + "/app/other.py")
    #expect(try Self.staged(sandbox) == [])
    #expect(Self.findings(try sandbox.llmlint(["--format", "json", "."])) == [])
    try sandbox.stage("app/other.py", "from helpers import ask\nask(\"x\")\n")
    let plain = Self.findings(try sandbox.llmlint(["--format", "json", "."]))
    #expect(plain == ["lib/helpers.py:2:36 openai-chat-completions"])
    #expect(try Self.staged(sandbox) == plain)
    let text = try sandbox.llmlint(["--staged", "--no-color"])
    #expect(text.stdout.contains("ask is also called outside a tracked context at app/other.py:2"), "\(text.stdout)")
    #expect(try sandbox.llmlint(["--no-color", "."]).stdout == text.stdout)
  }

  // MARK: - Outside a repository, and explicit empty lists

  @Test func outsideARepositoryStagedAndInstallHookAreUsageErrors() throws {
    let sandbox = try GitSandbox()
    let outside = sandbox.base + "/plain"
    try FileManager.default.createDirectory(atPath: outside, withIntermediateDirectories: true)
    let ceiling = ["GIT_CEILING_DIRECTORIES": sandbox.base]
    for arguments in [["--staged"], ["--staged", "--strict"], ["install-hook"], ["uninstall-hook", "--strict"]] {
      let result = try sandbox.llmlint(arguments, in: outside, environment: ceiling)
      #expect(result.status == 2, "\(arguments)")
      #expect(result.stdout == "")
      let name = arguments[0]
      #expect(
        result.stderr.hasPrefix("llmlint: error: '\(name)' works inside a git work tree (git: not a git repository"),
        "\(result.stderr)")
      #expect(result.stderr.hasSuffix(")\nRun 'llmlint --help' for usage.\n"), "\(result.stderr)")
    }
    #expect(!FileManager.default.fileExists(atPath: outside + "/.git"))
  }

  @Test func anEmptyExplicitPathListScansNothingAndSaysNothing() throws {
    let sandbox = try GitSandbox()
    try sandbox.write("app.py", Self.call)
    let result = try sandbox.llmlint(["--"])
    #expect(result.status == 0)
    #expect(result.stdout == "")
    #expect(result.stderr == "")
  }

  @Test func explicitFilesAreScannedExactly() throws {
    let sandbox = try GitSandbox()
    try sandbox.write("a.py", Self.call)
    try sandbox.write("b.py", Self.call)
    #expect(Self.findings(try sandbox.llmlint(["--format", "json", "b.py"])) == ["b.py:1:29 openai-chat-completions"])
  }
}

/// The parsers of git's output, on fixed bytes.
@Suite struct StagedFilesParsingTests {
  @Test func rawRecordsWithRenamesAndAPatch() {
    let blob = String(repeating: "a", count: 40)
    let other = String(repeating: "b", count: 40)
    var bytes: [UInt8] = []
    bytes +=
      Array(":000000 100644 \(String(repeating: "0", count: 40)) \(blob) A".utf8) + [0] + Array("new\nline.py".utf8) + [
        0
      ]
    bytes +=
      Array(":100644 100755 \(other) \(blob) R087".utf8) + [0] + Array("old.py".utf8) + [0] + Array("sp ace.py".utf8)
      + [0]
    bytes +=
      Array(":000000 120000 \(String(repeating: "0", count: 40)) \(other) A".utf8) + [0] + Array("link.py".utf8) + [0]
    bytes += [0]
    bytes += Array(
      """
      diff --git "a/new\\nline.py" "b/new\\nline.py"
      new file mode 100644
      --- /dev/null
      +++ "b/new\\nline.py"
      @@ -0,0 +1,2 @@
      +x
      +y
      diff --git a/old.py b/sp ace.py
      rename from old.py
      --- a/old.py
      +++ b/sp ace.py\t
      @@ -3 +3 @@
      -a
      +b
      @@ -7,2 +6,0 @@
      -c
      -d
      @@ -9,0 +8 @@
      +e

      """.utf8)
    let (entries, changes) = StagedFiles.parseDiff(bytes)
    #expect(entries.map { String(decoding: $0.path, as: UTF8.self) } == ["new\nline.py", "sp ace.py", "link.py"])
    #expect(entries.map(\.newMode) == ["100644", "100755", "120000"])
    #expect(entries.map(\.blob) == [blob, blob, other])
    #expect(changes[Array("new\nline.py".utf8)] == ChangedLines(added: [1...2]))
    #expect(changes[Array("sp ace.py".utf8)] == ChangedLines(added: [3...3, 8...8], removedAfter: [6]))
  }

  @Test func unquotesGitsCStyle() {
    #expect(StagedFiles.unquote(ArraySlice("\"b/a\\\"b\\\\c\\td\"".utf8)) == Array("b/a\"b\\c\td".utf8))
    #expect(StagedFiles.unquote(ArraySlice("\"b/\\303\\274.py\"".utf8)) == Array("b/ü.py".utf8))
  }

  @Test func catFileBatchOutput() {
    var bytes = Array("aaaa blob 3\nabc\n".utf8)
    bytes += Array("bbbb missing\n".utf8)
    bytes += Array("cccc blob 0\n\n".utf8)
    bytes += Array("dddd tree 2\nxy\n".utf8)
    #expect(StagedFiles.parseBatch(bytes, count: 5) == [Array("abc".utf8), nil, [], nil, nil])
  }

  @Test func displayPathsRelativeToTheCurrentDirectory() {
    func shown(_ path: String, _ prefix: String) -> String {
      StagedFiles.displayPath(Array(path.utf8)[...], prefix: Array(prefix.utf8))
    }
    #expect(shown("a/b.py", "") == "a/b.py")
    #expect(shown("a/b.py", "a/") == "b.py")
    #expect(shown("a/b.py", "a/c/") == "../b.py")
    #expect(shown("x.py", "a/c/") == "../../x.py")
    #expect(shown("a.py", "a.py/") == "../a.py")
    #expect(shown("ab/x.py", "a/") == "../ab/x.py")
  }

  @Test func changedLinesTouch() {
    let changes = ChangedLines(added: [5...6], removedAfter: [10])
    #expect(changes.touches(5...5))
    #expect(changes.touches(1...5))
    #expect(!changes.touches(1...4))
    #expect(!changes.touches(7...10))
    #expect(changes.touches(10...11))
    #expect(!changes.touches(11...12))
  }

  @Test func hunkHeaders() {
    #expect(StagedFiles.hunkRange(ArraySlice("@@ -1,2 +3,4 @@ def f():".utf8))! == (3, 4))
    #expect(StagedFiles.hunkRange(ArraySlice("@@ -1 +7 @@".utf8))! == (7, 1))
    #expect(StagedFiles.hunkRange(ArraySlice("@@ -0,0 +0,0 @@".utf8))! == (0, 0))
  }
}
