import Foundation
import Testing

@testable import LLMLintCore

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A temporary directory tree, removed when the test ends.
private final class TemporaryTree {
  let root: String

  init() throws {
    let base = FileManager.default.temporaryDirectory.path
    // Resolve symlinks (macOS /tmp) so display paths compare exactly.
    let path = URL(fileURLWithPath: base).resolvingSymlinksInPath().path + "/llmlint-walk-" + UUID().uuidString
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    root = path
  }

  deinit {
    _ = chmodAll(root)
    try? FileManager.default.removeItem(atPath: root)
  }

  private func chmodAll(_ path: String) -> Bool {
    chmod(path, 0o755)
    return true
  }

  func path(_ relative: String) -> String { relative.isEmpty ? root : root + "/" + relative }

  /// Writes each file (parents created); a name ending in `/` makes a directory.
  func make(_ files: [String: String]) throws {
    for (relative, contents) in files {
      if relative.hasSuffix("/") {
        try FileManager.default.createDirectory(atPath: path(relative), withIntermediateDirectories: true)
        continue
      }
      let url = URL(fileURLWithPath: path(relative))
      try FileManager.default.createDirectory(
        at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
      try Data(contents.utf8).write(to: url)
    }
  }

  func link(_ relative: String, to destination: String) throws {
    try FileManager.default.createSymbolicLink(atPath: path(relative), withDestinationPath: destination)
  }
}

private func displayPaths(_ result: WalkResult) -> [String] { result.files.map(\.displayPath) }

@Suite struct FileWalkerTests {
  @Test func picksFilesByExtensionAndMarksScripts() throws {
    let tree = try TemporaryTree()
    try tree.make([
      "a.py": "x = 1\n", "b.pyi": "", "c.swift": "", "d.txt": "", "e.pyc": "", "notes.md": "",
      "script": "#!/usr/bin/env python3\nprint(1)\n", "tool": "#!/bin/sh\necho\n", ".py": "", ".hidden": "",
      "dir/f.py": "",
    ])
    let result = FileWalker().collect(["."], currentDirectory: tree.root)
    #expect(result.problems.isEmpty)
    #expect(displayPaths(result) == [".py", "a.py", "b.pyi", "c.swift", "dir/f.py", "script", "tool"])
    for file in result.files {
      #expect(file.language == Language.byExtension(of: file.displayPath), "\(file.displayPath)")
      #expect(file.rawPath == Array(tree.path(file.displayPath).utf8))
      #expect(file.fileSystemPath == tree.path(file.displayPath))
    }
    let script = try #require(result.files.first { $0.displayPath == "script" })
    let tool = try #require(result.files.first { $0.displayPath == "tool" })
    #expect(try FileReader.source(script).get()?.language == .python)
    #expect(try FileReader.source(tool).get() == nil)
    let python = try #require(result.files.first { $0.displayPath == "a.py" })
    #expect(try FileReader.source(python).get()?.bytes == Array("x = 1\n".utf8))
  }

  @Test func skipsToolAndDependencyDirectories() throws {
    let tree = try TemporaryTree()
    var files: [String: String] = ["keep.py": "", ".github/scripts/k.py": "", "Carthage/Build/k.py": ""]
    for name in FileWalker.skippedDirectoryNames { files["\(name)/skip.py"] = "" }
    for name in [".build-debug", ".build_linux", "Carthage/Checkouts", "deep/node_modules/x"] {
      files["\(name)/skip.py"] = ""
    }
    files["env/pyvenv.cfg"] = "home = /usr/bin\n"
    files["env/lib/skip.py"] = ""
    files["tools/myvenv/pyvenv.cfg"] = ""
    files["tools/myvenv/skip.py"] = ""
    files["env2/keep.py"] = ""  // `env`-like but not a virtualenv
    files[".buildx/keep.py"] = ""
    try tree.make(files)
    let result = FileWalker().collect([tree.root], currentDirectory: tree.root)
    #expect(
      displayPaths(result) == [
        ".buildx/keep.py", ".github/scripts/k.py", "Carthage/Build/k.py", "env2/keep.py", "keep.py",
      ])
    // A skipped directory named on the command line is still walked.
    #expect(
      displayPaths(FileWalker().collect(["node_modules"], currentDirectory: tree.root)) == ["node_modules/skip.py"])
  }

  @Test func honoursNestedGitignoreWithNegationAndAnchoring() throws {
    let tree = try TemporaryTree()
    try tree.make([
      ".git/info/exclude": "secret.py\n",
      ".gitignore": "*.gen.py\n!keep.gen.py\n/top.py\nbuild/\n",
      "sub/.gitignore": "/anchored.py\n!again.gen.py\n*.swift\n",
      "a.py": "", "top.py": "", "x/top.py": "", "z.gen.py": "", "keep.gen.py": "", "build/b.py": "",
      "x/build/c.py": "", "secret.py": "", "sub/anchored.py": "", "sub/deeper/anchored.py": "",
      "sub/again.gen.py": "", "sub/w.gen.py": "", "sub/s.swift": "", "s.swift": "",
      "nested/.git/HEAD": "", "nested/.gitignore": "n.py\n", "nested/n.py": "", "nested/z.gen.py": "",
    ])
    let result = FileWalker().collect(["."], currentDirectory: tree.root)
    #expect(result.problems.isEmpty)
    #expect(
      displayPaths(result) == [
        "a.py", "keep.gen.py", "nested/z.gen.py", "s.swift", "sub/again.gen.py", "sub/deeper/anchored.py",
        "x/top.py",
      ])
    // Walking a subdirectory still applies the root's .gitignore and info/exclude.
    try tree.make(["sub/secret.py": ""])
    #expect(
      displayPaths(FileWalker().collect(["sub"], currentDirectory: tree.root)) == [
        "sub/again.gen.py", "sub/deeper/anchored.py",
      ])
    // Without gitignore, everything is taken.
    #expect(FileWalker(respectGitignore: false).collect(["."], currentDirectory: tree.root).files.count == 17)
  }

  @Test func linkedWorkTreeReadsInfoExcludeFromTheCommonDirectory() throws {
    let tree = try TemporaryTree()
    try tree.make([
      "main/.git/info/exclude": "excluded.py\n",
      "main/.git/worktrees/wt/commondir": "../..\n",
      "wt/.git": "gitdir: ../main/.git/worktrees/wt\n",
      "wt/excluded.py": "", "wt/kept.py": "",
      "sub/.git": "gitdir: \(tree.root)/main/.git/worktrees/wt\n",
      "sub/excluded.py": "",
    ])
    #expect(displayPaths(FileWalker().collect(["wt"], currentDirectory: tree.root)) == ["wt/kept.py"])
    #expect(displayPaths(FileWalker().collect(["sub"], currentDirectory: tree.root)).isEmpty)
  }

  @Test func gitignoreOutsideAWorkTreeIsNotRead() throws {
    let tree = try TemporaryTree()
    try tree.make([".gitignore": "*.py\n", "a.py": ""])
    #expect(displayPaths(FileWalker().collect(["."], currentDirectory: tree.root)) == ["a.py"])
  }

  @Test func badGitignoreLineIsAProblem() throws {
    let tree = try TemporaryTree()
    try tree.make([".git/": "", ".gitignore": "ok.py\nbad[\n", "ok.py": "", "a.py": ""])
    let result = FileWalker().collect(["."], currentDirectory: tree.root)
    #expect(displayPaths(result) == ["a.py"])
    #expect(
      result.problems.map(\.description) == [".gitignore:2: invalid pattern 'bad[': unterminated '[' (expected ']')"])
  }

  @Test func problemsComeInPathOrder() throws {
    let tree = try TemporaryTree()
    var files: [String: String] = [".git/": ""]
    let names = ["m", "b", "z", "a", "k", "c", "y", "d"]
    for name in names { files["\(name)/.gitignore"] = "x\\" }
    try tree.make(files)
    let problems = FileWalker().collect(["."], currentDirectory: tree.root).problems
    #expect(problems.compactMap(\.path) == names.sorted().map { "\($0)/.gitignore" })
  }

  @Test func configuredExcludesRelativeToTheirBase() throws {
    let tree = try TemporaryTree()
    try tree.make([
      "sub/generated/g.py": "", "sub/api_pb2.py": "", "only_top.py": "", "sub/only_top.py": "", "sub/a.py": "",
      "sub/keep_pb2.py": "",
    ])
    let excludes = try GlobSet(patterns: ["generated/", "*_pb2.py", "!keep_pb2.py", "/only_top.py"])
    let walker = FileWalker(excludes: excludes, excludeBase: tree.root)
    let fromSub = walker.collect([".", tree.root + "/only_top.py"], currentDirectory: tree.path("sub"))
    // only_top.py at the base is named explicitly, so it is taken; sub/only_top.py is not anchored there.
    #expect(displayPaths(fromSub) == [tree.root + "/only_top.py", "a.py", "keep_pb2.py", "only_top.py"])
    let all = walker.collect(["."], currentDirectory: tree.root)
    #expect(displayPaths(all) == ["sub/a.py", "sub/keep_pb2.py", "sub/only_top.py"])
  }

  @Test func explicitFilesAreTakenUnlessForceExclude() throws {
    let tree = try TemporaryTree()
    try tree.make([
      ".git/": "", ".gitignore": "ignored.py\nbuild/\n", "ignored.py": "", "build/b.py": "", "excluded.py": "",
      "notes.txt": "", "ok.py": "",
    ])
    let excludes = try GlobSet(patterns: ["excluded.py"])
    let arguments = ["ignored.py", "build/b.py", "excluded.py", "notes.txt", "ok.py"]
    let taken = FileWalker(excludes: excludes).collect(arguments, currentDirectory: tree.root)
    #expect(displayPaths(taken) == ["build/b.py", "excluded.py", "ignored.py", "notes.txt", "ok.py"])
    #expect(taken.files.first { $0.displayPath == "notes.txt" }?.language == nil)
    let forced = FileWalker(excludes: excludes, forceExclude: true).collect(arguments, currentDirectory: tree.root)
    #expect(displayPaths(forced) == ["notes.txt", "ok.py"])
    // forceExclude also skips what the walk skips, below the current directory.
    try tree.make(["node_modules/m.py": "", "sub/.venv/v.py": "", "Carthage/Checkouts/c.py": ""])
    let vendored = ["node_modules/m.py", "sub/.venv/v.py", "Carthage/Checkouts/c.py", "node_modules"]
    #expect(FileWalker(forceExclude: true).collect(vendored, currentDirectory: tree.root).files.isEmpty)
    #expect(FileWalker().collect(vendored, currentDirectory: tree.root).files.count == 3)
    // An ignored directory named explicitly is walked, unless forceExclude.
    #expect(displayPaths(FileWalker().collect(["build"], currentDirectory: tree.root)) == ["build/b.py"])
    #expect(FileWalker(forceExclude: true).collect(["build"], currentDirectory: tree.root).files.isEmpty)
  }

  @Test func symlinksInAWalkAreNotFollowedButNamedOnesAre() throws {
    let tree = try TemporaryTree()
    try tree.make(["real/a.py": "", "real/sub/b.py": ""])
    try tree.link("real/sub/loop", to: "..")
    try tree.link("real/self", to: ".")
    try tree.link("dirlink", to: "real")
    try tree.link("linked.py", to: "real/a.py")
    try tree.link("dangling.py", to: "nowhere.py")
    try tree.link("dirlink.py", to: "real")
    let result = FileWalker().collect(["."], currentDirectory: tree.root)
    #expect(result.problems.isEmpty)
    #expect(displayPaths(result) == ["real/a.py", "real/sub/b.py"])
    // A symlinked file or directory named on the command line is followed.
    #expect(displayPaths(FileWalker().collect(["linked.py"], currentDirectory: tree.root)) == ["linked.py"])
    #expect(
      displayPaths(FileWalker().collect(["dirlink"], currentDirectory: tree.root)) == [
        "dirlink/a.py", "dirlink/sub/b.py",
      ])
  }

  @Test func displayPathsRelativeToTheCurrentDirectory() throws {
    let tree = try TemporaryTree()
    try tree.make(["sub/x.py": "", "other/y.py": ""])
    let sub = tree.path("sub")
    let walker = FileWalker()
    #expect(displayPaths(walker.collect(["."], currentDirectory: sub)) == ["x.py"])
    #expect(displayPaths(walker.collect(["./x.py"], currentDirectory: sub)) == ["x.py"])
    #expect(displayPaths(walker.collect([sub + "/x.py"], currentDirectory: sub)) == ["x.py"])
    #expect(displayPaths(walker.collect(["../other"], currentDirectory: sub)) == ["../other/y.py"])
    #expect(displayPaths(walker.collect(["../other/./y.py"], currentDirectory: sub)) == ["../other/y.py"])
    #expect(displayPaths(walker.collect(["../sub//x.py"], currentDirectory: sub)) == ["x.py"])
    #expect(displayPaths(walker.collect([tree.root], currentDirectory: sub)) == [tree.root + "/other/y.py", "x.py"])
    #expect(displayPaths(walker.collect(["sub/"], currentDirectory: tree.root)) == ["sub/x.py"])
  }

  @Test func missingPathIsAProblemAndTheWalkGoesOn() throws {
    let tree = try TemporaryTree()
    try tree.make(["a.py": ""])
    let result = FileWalker().collect(["nope.py", "a.py", "gone/dir"], currentDirectory: tree.root)
    #expect(displayPaths(result) == ["a.py"])
    #expect(
      result.problems == [
        Problem(.file, path: "nope.py", message: "no such file or directory"),
        Problem(.file, path: "gone/dir", message: "no such file or directory"),
      ])
  }

  @Test func unreadableDirectory() throws {
    let tree = try TemporaryTree()
    try tree.make(["locked/a.py": "", "open/b.py": ""])
    chmod(tree.path("locked"), 0)
    defer { chmod(tree.path("locked"), 0o755) }
    let result = FileWalker().collect(["."], currentDirectory: tree.root)
    if geteuid() == 0 {
      // Root reads the directory regardless of its mode.
      #expect(displayPaths(result) == ["locked/a.py", "open/b.py"])
      #expect(result.problems.isEmpty)
    } else {
      #expect(displayPaths(result) == ["open/b.py"])
      #expect(result.problems == [Problem(.file, path: "locked", message: "cannot read directory: permission denied")])
    }
    // The failure path itself, reachable even as root: a path that is not a directory.
    guard case .failure(let error) = listDirectory(Array(tree.path("open/b.py").utf8)) else {
      Issue.record("listing a file should fail")
      return
    }
    #expect(FileReader.describeErrno(error.code) == "not a directory")
  }

  @Test func fifoIsRefusedWithoutBlocking() throws {
    let tree = try TemporaryTree()
    try tree.make(["a.py": ""])
    #expect(mkfifo(tree.path("pipe.py"), 0o644) == 0)
    let clock = ContinuousClock()
    let start = clock.now
    let walked = FileWalker().collect(["."], currentDirectory: tree.root)
    #expect(displayPaths(walked) == ["a.py"])
    let explicit = FileWalker().collect(["pipe.py"], currentDirectory: tree.root)
    #expect(explicit.problems == [Problem(.file, path: "pipe.py", message: "not a regular file or directory (a FIFO)")])
    let read = FileReader.read(path: tree.path("pipe.py"))
    #expect(read == .failure(Problem(.file, path: tree.path("pipe.py"), message: "not a regular file (a FIFO)")))
    #expect(clock.now - start < .seconds(2))
  }

  @Test func nonUTF8FileNames() throws {
    let tree = try TemporaryTree()
    var name = Array(tree.path("bad").utf8) + [0xFF, 0xFE] + Array(".py".utf8)
    name.append(0)
    let descriptor = name.withUnsafeBufferPointer { buffer in
      buffer.withMemoryRebound(to: CChar.self) { open($0.baseAddress!, O_CREAT | O_WRONLY, 0o644) }
    }
    #expect(descriptor >= 0)
    _ = write(descriptor, "x = 1\n", 6)
    close(descriptor)
    let result = FileWalker().collect(["."], currentDirectory: tree.root)
    #expect(displayPaths(result) == ["bad\u{FFFD}\u{FFFD}.py"])
    let file = try #require(result.files.first)
    #expect(file.rawPath == Array(name.dropLast()))
    #expect(try FileReader.read(file).get() == Array("x = 1\n".utf8))
    // Named on the command line as bytes.
    let named = FileWalker().collect(
      rawPaths: [Array("bad".utf8) + [0xFF, 0xFE] + Array(".py".utf8)], currentDirectory: tree.root)
    #expect(named.files == result.files)
  }

  @Test func deterministicSortedOrderWithoutDuplicates() throws {
    let tree = try TemporaryTree()
    let names = ["a.py", "a-b.py", "a/b.py", "B.py", "z/y/x.py", "é.py", "a/a.py"]
    for name in names.shuffled() { try tree.make([name: ""]) }
    let walker = FileWalker()
    let first = walker.collect([".", "a.py", "a/b.py", "./a"], currentDirectory: tree.root)
    #expect(displayPaths(first) == ["B.py", "a-b.py", "a.py", "a/a.py", "a/b.py", "z/y/x.py", "é.py"])
    #expect(walker.collect(["."], currentDirectory: tree.root) == walker.collect(["."], currentDirectory: tree.root))
  }

  @Test func aStreamingWalkFindsWhatCollectFindsInWalkOrder() throws {
    let tree = try TemporaryTree()
    try tree.make([
      "a.py": "", "a/b.py": "", "a/c/d.swift": "", "B.py": "", "z/y/x.py": "", "env/pyvenv.cfg": "",
      "env/lib/skip.py": "", "node_modules/skip.py": "", "é.py": "", ".gitignore": "ignored/\n", ".git/HEAD": "",
      "ignored/skip.py": "",
    ])
    let walker = FileWalker()
    for arguments in [["."], [".", "a.py", "a/b.py", "./a"], ["z", "a"]] {
      var streamed: [WalkedFile] = []
      let problems = walker.walk(arguments, currentDirectory: tree.root) { streamed.append($0) }
      let collected = walker.collect(arguments, currentDirectory: tree.root)
      #expect(problems == collected.problems)
      #expect(streamed.sorted { $0.displayPath.utf8.lexicographicallyPrecedes($1.displayPath.utf8) } == collected.files)
      #expect(Set(streamed.map(\.rawPath)).count == streamed.count, "no file twice: \(arguments)")
    }
    // Walk order: each directory's files by name, then its subdirectories by name.
    var order: [String] = []
    _ = walker.walk(["."], currentDirectory: tree.root) { order.append($0.displayPath) }
    #expect(order == ["B.py", "a.py", "é.py", "a/b.py", "a/c/d.swift", "z/y/x.py"])
  }

  @Test func filesAreOpenedRelativeToTheProcessDirectoryOnlyWhenBelowIt() throws {
    let tree = try TemporaryTree()
    try tree.make(["a/b.py": "x = 1\n"])
    let process = FileManager.default.currentDirectoryPath
    let walker = FileWalker()
    // The tree is not below the process's directory: opened by absolute path.
    let outside = walker.collect([tree.path("a")], currentDirectory: tree.root).files
    #expect(outside.map(\.openPath) == [Array(tree.path("a/b.py").utf8)])
    #expect(try FileReader.read(outside[0]).get() == Array("x = 1\n".utf8))
    // A file below it: opened by the shorter relative path, which names the same file.
    let inside = walker.collect([process + "/Package.swift"], currentDirectory: process).files
    #expect(inside.map(\.openPath) == [Array("Package.swift".utf8)])
    #expect(try FileReader.read(inside[0]).get() == FileReader.read(path: process + "/Package.swift").get())
  }

  @Test func aDeepTreeIsWalkedWhole() throws {
    // Directories are opened relative to their parent, kept open while their subdirectories wait.
    let tree = try TemporaryTree()
    var relative = ""
    for level in 0..<400 {
      relative += "d/"
      if level % 100 == 0 || level == 399 { try tree.make([relative + "f.py": ""]) }
    }
    let result = FileWalker().collect(["."], currentDirectory: tree.root)
    #expect(result.problems.isEmpty)
    #expect(result.files.count == 5)
    #expect(result.files.contains { $0.displayPath == relative + "f.py" })
  }
}

@Suite struct FileReaderTests {
  @Test func readsWholeFiles() throws {
    let tree = try TemporaryTree()
    let big = String(repeating: "0123456789abcdef", count: 20_000)  // 320 KB: several read calls
    try tree.make(["big.py": big, "empty.py": ""])
    #expect(try FileReader.read(path: tree.path("big.py")).get() == Array(big.utf8))
    #expect(try FileReader.read(path: tree.path("empty.py")).get() == [])
  }

  @Test func problemsSayWhatHappened() throws {
    let tree = try TemporaryTree()
    try tree.make(["dir/": "", "secret.py": "x"])
    #expect(
      FileReader.read(path: tree.path("missing.py"))
        == .failure(Problem(.file, path: tree.path("missing.py"), message: "no such file or directory")))
    #expect(
      FileReader.read(path: tree.path("dir"))
        == .failure(Problem(.file, path: tree.path("dir"), message: "is a directory")))
    let file = WalkedFile(
      displayPath: "shown.py", fileSystemPath: "", rawPath: Array(tree.path("missing.py").utf8), language: .python)
    #expect(FileReader.read(file) == .failure(Problem(.file, path: "shown.py", message: "no such file or directory")))
    chmod(tree.path("secret.py"), 0)
    if geteuid() == 0 {
      #expect(try FileReader.read(path: tree.path("secret.py")).get() == Array("x".utf8))
    } else {
      #expect(
        FileReader.read(path: tree.path("secret.py"))
          == .failure(Problem(.file, path: tree.path("secret.py"), message: "permission denied")))
    }
    #expect(FileReader.describeErrno(EACCES) == "permission denied")
  }

  @Test func scriptSniffReadsOnlyAPrefixOfOtherFiles() throws {
    let tree = try TemporaryTree()
    let script = "#!/usr/bin/python3\n" + String(repeating: "x = 1\n", count: 1000)
    try tree.make(["script": script, "blob": String(repeating: "b", count: 100_000), "tiny": "#!python"])
    func file(_ name: String) -> WalkedFile {
      WalkedFile(
        displayPath: name, fileSystemPath: tree.path(name), rawPath: Array(tree.path(name).utf8), language: nil)
    }
    #expect(try FileReader.source(file("script")).get()?.bytes == Array(script.utf8))
    #expect(try FileReader.source(file("tiny")).get()?.language == .python)
    #expect(try FileReader.source(file("blob")).get() == nil)
    var seen: [UInt8] = []
    let result = FileReader.read(
      rawPath: Array(tree.path("blob").utf8), displayPath: "blob",
      acceptingPrefix: { prefix in
        seen = prefix
        return false
      })
    #expect(try result.get() == nil)
    #expect(seen.count == FileReader.prefixSize)
  }

  @Test func devicesAreRefused() {
    #expect(
      FileReader.read(path: "/dev/null")
        == .failure(Problem(.file, path: "/dev/null", message: "not a regular file (a character device)")))
  }
}

// MARK: - Agreement with git

@Suite struct FileWalkerGitAgreementTests {
  private func git(_ arguments: [String], in directory: String) throws -> String {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/git")
    process.arguments = ["-C", directory] + arguments
    let output = Pipe()
    process.standardOutput = output
    try process.run()
    let data = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return String(decoding: data, as: UTF8.self)
  }

  /// Random trees with random `.gitignore` files: the walker takes exactly the source files that
  /// `git ls-files --others --exclude-standard` lists. Skipped when git is not installed.
  @Test func takesWhatGitDoesNotIgnore() throws {
    guard FileManager.default.isExecutableFile(atPath: "/usr/bin/git") else { return }
    let rules = [
      "*.swift", "!keep.swift", "gen_*", "/a.py", "d1/", "d2", "**/d3/b.py", "d1/**/c.py", "!c.py", "*.py",
      "!*.py", "/d2/", "[ab].py", "d?/", "!d1/", "!gen_keep.py", "d3/*", "!d3/a.py",
    ]
    let names = ["a.py", "b.py", "c.py", "gen_x.py", "gen_keep.py", "keep.swift", "x.swift"]
    let directories = ["", "d1", "d2", "d1/d3", "d2/d3", "d1/d3/d2"]
    var generator = SplitMix64(seed: UInt64(ProcessInfo.processInfo.environment["WALK_SEED"] ?? "") ?? 11)
    for _ in 0..<25 {
      let tree = try TemporaryTree()
      _ = try git(["init", "-q"], in: tree.root)
      var files: [String: String] = [:]
      for directory in directories {
        let prefix = directory.isEmpty ? "" : directory + "/"
        for name in names where Bool.random(using: &generator) { files[prefix + name] = "" }
        if Int.random(in: 0..<3, using: &generator) > 0 {
          let count = Int.random(in: 1...4, using: &generator)
          files[prefix + ".gitignore"] =
            (0..<count).map { _ in rules.randomElement(using: &generator)! }.joined(separator: "\n") + "\n"
        }
      }
      try tree.make(files)
      let listed = try git(["ls-files", "--others", "--exclude-standard"], in: tree.root)
        .split(separator: "\n").map(String.init)
        .filter { $0.hasSuffix(".py") || $0.hasSuffix(".swift") }.sorted()
      let walked = FileWalker().collect(["."], currentDirectory: tree.root).files.map(\.displayPath)
      #expect(walked == listed, "\(files.filter { $0.key.hasSuffix(".gitignore") })")
    }
  }
}
