import Foundation
import Testing

@testable import LLMLintCore

/// `GitIndex` reads the index file as `git ls-files -s -z` lists it, or declines (and git is asked): checked
/// against real git on index versions 2, 3 and 4, conflicts, executables, symlinks, submodules, a path
/// longer than the 12-bit name length, intent-to-add entries, a split index and a sparse index.
@Suite struct GitIndexTests {
  /// The stage-0 entries `git ls-files -s -z` prints, as `GitIndex.Entry`s.
  static func listed(_ sandbox: GitSandbox) throws -> [GitIndex.Entry] {
    guard case .success(let output) = Git(directory: sandbox.root).run(["ls-files", "-s", "-z"]), output.status == 0
    else { throw SandboxError(message: "git ls-files failed") }
    return Git.fields(output.stdout).compactMap { record in
      guard let tab = record.firstIndex(of: UInt8(ascii: "\t")) else { return nil }
      let header = record[record.startIndex..<tab].split(separator: UInt8(ascii: " "))
      guard header.count == 3, header[2].elementsEqual("0".utf8) else { return nil }
      return GitIndex.Entry(
        mode: UInt32(String(decoding: header[0], as: UTF8.self), radix: 8) ?? 0,
        blob: String(decoding: header[1], as: UTF8.self), path: Array(record[(tab + 1)...]))
    }
  }

  static func indexBytes(_ sandbox: GitSandbox) throws -> [UInt8] {
    let path = try #require(GitIndex.path(topLevel: sandbox.root, environment: [:]))
    return try FileReader.read(path: path).get()
  }

  /// The index read directly agrees with git, and the project files `--staged` gathers facts from are
  /// the same either way.
  static func expectAgreement(_ sandbox: GitSandbox, _ label: String) throws {
    let direct = try #require(GitIndex.entries(try indexBytes(sandbox)), "\(label): the index was not read")
    #expect(direct == (try listed(sandbox)), "\(label)")
    let viaIndex = try Self.indexFiles(sandbox.root)
    let viaGit = try StagedFiles.indexFiles(prefix: "", git: Git(directory: sandbox.root)).get()
    #expect(viaIndex.map(\.path) == viaGit.map(\.path), "\(label)")
    #expect(viaIndex.map(\.blobID) == viaGit.map(\.blobID), "\(label)")
    #expect(!viaIndex.isEmpty, "\(label)")
  }

  /// `StagedFiles.indexFiles` for the work tree at `root` (git, when asked, runs there).
  static func indexFiles(_ root: String) throws -> [ProjectFacts.ProjectFile] {
    try StagedFiles.indexFiles(prefix: "", topLevel: root, environment: [:], git: Git(directory: root)).get()
  }

  static func project(longPath: Bool = true) throws -> GitSandbox {
    let sandbox = try GitSandbox()
    try sandbox.stage("a.py", "x = 1\n")
    try sandbox.stage("sub/b.swift", "let b = 2\n")
    try sandbox.stage("deep/x/y/z.pyi", "def f() -> int: ...\n")
    try sandbox.stage("README.md", "hello\n")
    try sandbox.write("tool.py", "print(1)\n")
    chmod(sandbox.root + "/tool.py", 0o755)
    try sandbox.git(["add", "tool.py"])
    try FileManager.default.createSymbolicLink(atPath: sandbox.root + "/link.py", withDestinationPath: "a.py")
    try sandbox.git(["add", "link.py"])
    // A submodule entry and a path longer than 4,095 bytes, written straight into the index.
    let blob = try sandbox.git(["hash-object", "-w", "a.py"]).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    try sandbox.git(["update-index", "--add", "--cacheinfo", "160000,\(blob),vendor/module"])
    if longPath {
      let long = (0..<25).map { _ in String(repeating: "d", count: 180) }.joined(separator: "/") + "/long.py"
      try sandbox.git(["update-index", "--add", "--cacheinfo", "100644,\(blob),\(long)"])
    }
    try sandbox.commit()
    return sandbox
  }

  @Test func versionsTwoThreeAndFour() throws {
    let sandbox = try Self.project()
    try Self.expectAgreement(sandbox, "version 2")
    // Intent-to-add sets the extended flags: version 3.
    try sandbox.write("later.py", "y = 2\n")
    try sandbox.git(["add", "-N", "later.py"])
    #expect(try Self.indexBytes(sandbox)[7] == 3)
    try Self.expectAgreement(sandbox, "version 3")
    try sandbox.git(["update-index", "--index-version", "4"])
    #expect(try Self.indexBytes(sandbox)[7] == 4)
    try Self.expectAgreement(sandbox, "version 4")
  }

  @Test func conflictsKeepOnlyMergedEntries() throws {
    let sandbox = try Self.project()
    try sandbox.git(["checkout", "-q", "-b", "other"])
    try sandbox.stage("a.py", "x = 'other'\n")
    try sandbox.commit()
    try sandbox.git(["checkout", "-q", "main"])
    try sandbox.stage("a.py", "x = 'main'\n")
    try sandbox.commit()
    #expect(throws: SandboxError.self) { try sandbox.git(["merge", "-q", "other"]) }
    let listing = try #require(GitIndex.entries(try Self.indexBytes(sandbox)))
    #expect(!listing.contains { $0.path == Array("a.py".utf8) })
    try Self.expectAgreement(sandbox, "conflict")
  }

  @Test func splitAndSparseIndexesAreLeftToGit() throws {
    let split = try Self.project()
    try split.git(["update-index", "--split-index"])
    try split.stage("c.py", "z = 3\n")
    #expect(GitIndex.entries(try Self.indexBytes(split)) == nil)
    let viaIndex = try Self.indexFiles(split.root)
    let viaGit = try StagedFiles.indexFiles(prefix: "", git: Git(directory: split.root)).get()
    #expect(viaIndex.map(\.path) == viaGit.map(\.path) && viaIndex.contains { $0.path == "c.py" })

    let sparse = try Self.project(longPath: false)
    try sparse.git(["sparse-checkout", "set", "--cone", "--sparse-index", "sub"])
    #expect(GitIndex.entries(try Self.indexBytes(sparse)) == nil)
    let sparseFiles = try Self.indexFiles(sparse.root)
    #expect(sparseFiles.map(\.path) == (try StagedFiles.indexFiles(prefix: "", git: Git(directory: sparse.root)).get().map(\.path)))
    #expect(sparseFiles.map(\.path).contains("sub/b.swift"))
  }

  @Test func damageAndOtherSetupsAreLeftToGit() throws {
    let sandbox = try Self.project()
    let bytes = try Self.indexBytes(sandbox)
    #expect(GitIndex.entries(bytes) != nil)
    // Truncated anywhere, or with a count that does not fit: declined, never a crash.
    for length in stride(from: 0, to: bytes.count, by: max(1, bytes.count / 97)) {
      #expect(GitIndex.entries(Array(bytes.prefix(length))) == nil, "truncated at \(length)")
    }
    var wrongCount = bytes
    wrongCount[11] &+= 1
    #expect(GitIndex.entries(wrongCount) == nil)
    var wrongVersion = bytes
    wrongVersion[7] = 5
    #expect(GitIndex.entries(wrongVersion) == nil)
    // An index the environment points elsewhere, or a SHA-256 repository: git is asked.
    #expect(GitIndex.path(topLevel: sandbox.root, environment: ["GIT_INDEX_FILE": "/tmp/x"]) == nil)
    #expect(GitIndex.path(topLevel: sandbox.root, environment: ["GIT_DIR": sandbox.root + "/.git"]) == nil)
    let sha256 = try GitSandbox(initArguments: ["--object-format=sha256"])
    try sha256.stage("a.py", "x = 1\n")
    #expect(GitIndex.path(topLevel: sha256.root, environment: [:]) == nil)
    #expect(try Self.indexFiles(sha256.root).map(\.path) == ["a.py"])
  }

  @Test func aLinkedWorkTreeReadsItsOwnIndex() throws {
    let sandbox = try Self.project(longPath: false)
    let linked = sandbox.base + "/linked"
    try sandbox.git(["worktree", "add", "-q", "-b", "side", linked])
    try "w = 4\n".write(toFile: linked + "/extra.py", atomically: true, encoding: .utf8)
    try sandbox.git(["add", "--", "extra.py"], in: linked)
    let path = try #require(GitIndex.path(topLevel: linked, environment: [:]))
    #expect(path.hasSuffix("/.git/worktrees/linked/index"))
    #expect(GitIndex.entries(try FileReader.read(path: path).get()) != nil)
    let files = try Self.indexFiles(linked)
    let viaGit = try StagedFiles.indexFiles(prefix: "", git: Git(directory: linked)).get()
    #expect(files.map(\.path) == viaGit.map(\.path) && files.contains { $0.path == "extra.py" })
  }
}
