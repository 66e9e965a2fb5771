import Foundation
import Testing

@testable import LLMLintCore

private func pattern(_ text: String, base: String = "") -> GlobPattern {
  do {
    return try GlobPattern(text, base: base)
  } catch {
    Issue.record("\(error)")
    return try! GlobPattern("never-matches-\(text.utf8.count)")
  }
}

private func expectMatch(
  _ text: String, base: String = "", _ path: String, directory: Bool = false, _ expected: Bool = true,
  sourceLocation: SourceLocation = #_sourceLocation
) {
  #expect(
    pattern(text, base: base).matches(relativePath: path, isDirectory: directory) == expected,
    "\(text) vs \(path)", sourceLocation: sourceLocation)
}

@Suite struct GlobTests {
  @Test func classification() {
    #expect(pattern("node_modules").strategy == .literal(Array("node_modules".utf8)))
    #expect(pattern("*.py").strategy == .suffix(Array(".py".utf8)))
    #expect(pattern("test_*").strategy == .prefix(Array("test_".utf8)))
    #expect(pattern("build/**").strategy == .below(Array("build/".utf8)))
    #expect(pattern("/docs/generated").strategy == .literal(Array("docs/generated".utf8)))
    #expect(pattern("**/cache").strategy == .literal(Array("cache".utf8)))
    #expect(!pattern("**/cache").isAnchored)
    if case .general = pattern("a/**/b").strategy {} else { Issue.record("a/**/b should be general") }
  }

  @Test func starAndQuestionMark() {
    expectMatch("*.py", "a.py")
    expectMatch("*.py", "deep/dir/a.py")
    expectMatch("*.py", ".py")
    expectMatch("*.py", "a.pyc", false)
    expectMatch("a*c", "abbbc")
    expectMatch("a*c", "ac")
    expectMatch("a?c", "abc")
    expectMatch("a?c", "ac", false)
    expectMatch("/a*", "ab/c", false)  // `*` does not cross `/`
    expectMatch("/a?c", "a/c", false)
    expectMatch("test_*", "x/test_one.py")
  }

  @Test func bracketSets() {
    expectMatch("[abc].py", "b.py")
    expectMatch("[abc].py", "d.py", false)
    expectMatch("[a-c]x", "bx")
    expectMatch("[a-c]x", "dx", false)
    expectMatch("[!a]x", "bx")
    expectMatch("[!a]x", "ax", false)
    expectMatch("[^a]x", "ax", false)
    expectMatch("[]]", "]")
    expectMatch("[a-]", "-")
    expectMatch("/a[/]b", "a/b", false)
    expectMatch("[[:digit:]]*.py", "1x.py")
    expectMatch("[[:digit:]]*.py", "x1.py", false)
    expectMatch("[![:upper:]_]x", "ax")
    expectMatch("[![:upper:]_]x", "Ax", false)
    expectMatch("[![:upper:]_]x", "_x", false)
    expectMatch("[[:space:][:punct:]]", "-")
    expectMatch("[[:x]", ":")  // not a class: `[`, `:`, `x` as members
  }

  @Test func doubleStar() {
    expectMatch("**/foo", "foo")
    expectMatch("**/foo", "a/b/foo")
    expectMatch("**/foo/bar", "bar", false)
    expectMatch("**/foo/bar", "foo/bar")
    expectMatch("**/foo/bar", "x/y/foo/bar")
    expectMatch("abc/**", "abc/x")
    expectMatch("abc/**", "abc/x/y.py")
    expectMatch("abc/**", "abc", directory: true, false)
    expectMatch("a/**/b", "a/b")
    expectMatch("a/**/b", "a/x/b")
    expectMatch("a/**/b", "a/x/y/b")
    expectMatch("a/**/b", "a/xb", false)
    expectMatch("a/**/b", "x/a/b", false)
    expectMatch("**", "anything/at/all")
    expectMatch("a**b", "axxb")
    expectMatch("a**b", "ax/xb", false)  // not a whole component: a plain `*`
  }

  @Test func anchoring() {
    expectMatch("/build", "build", directory: true)
    expectMatch("/build", "src/build", directory: true, false)
    expectMatch("build", "src/build", directory: true)
    expectMatch("doc/frotz", "doc/frotz")
    expectMatch("doc/frotz", "a/doc/frotz", false)
    expectMatch("frotz", base: "sub", "sub/a/frotz")
    expectMatch("frotz", base: "sub", "other/frotz", false)
    expectMatch("/frotz", base: "sub", "sub/frotz")
    expectMatch("/frotz", base: "sub", "sub/a/frotz", false)
    expectMatch("a/*.py", base: "sub/dir/", "sub/dir/a/x.py")
    expectMatch("//a", "a", false)  // git strips one leading slash only
  }

  @Test func directoryOnly() {
    expectMatch("build/", "build", directory: true)
    expectMatch("build/", "build", directory: false, false)
    expectMatch("build/", "x/build", directory: true)
    expectMatch("/out/", "out", directory: true)
    #expect(pattern("build/").isDirectoryOnly)
  }

  @Test func escapes() {
    expectMatch("\\*.py", "*.py")
    expectMatch("\\*.py", "a.py", false)
    expectMatch("\\!important", "!important")
    expectMatch("\\#file", "#file")
    expectMatch("a\\?", "a?")
    expectMatch("a\\?", "ab", false)
    #expect(!pattern("\\!x").isNegated)
  }

  @Test func negationLastMatchWins() throws {
    let set = try GlobSet(patterns: ["*.py", "!keep.py", "generated/"])
    #expect(set.isExcluded(relativePath: "a.py", isDirectory: false))
    #expect(set.verdict(relativePath: "dir/keep.py", isDirectory: false) == .included)
    #expect(!set.isExcluded(relativePath: "keep.py", isDirectory: false))
    #expect(set.verdict(relativePath: "a.swift", isDirectory: false) == nil)
    #expect(set.isExcluded(relativePath: "generated", isDirectory: true))
    // Once a directory is excluded, nothing below it comes back.
    #expect(set.isExcludedOrInExcludedDirectory(relativePath: "generated/keep.py", isDirectory: false))
    #expect(!set.isExcluded(relativePath: "generated/keep.py", isDirectory: false))
    let reversed = try GlobSet(patterns: ["!keep.py", "*.py"])
    #expect(reversed.isExcluded(relativePath: "keep.py", isDirectory: false))
  }

  @Test func gitignoreFiles() {
    let text = "# comment\n\n*.log\r\n!important.log\ntrailing   \nescaped\\ \n\\#hash\n/root-only\nbad[\n  leading\n"
    let (set, errors) = GlobSet.gitignore(Array(text.utf8), base: "sub")
    #expect(
      set.patterns.map(\.pattern) == [
        "*.log", "!important.log", "trailing", "escaped\\ ", "\\#hash", "/root-only", "  leading",
      ])
    #expect(
      errors == [
        GlobSet.LineError(line: 9, error: GlobError(pattern: "bad[", message: "unterminated '[' (expected ']')"))
      ])
    #expect(set.isExcluded(relativePath: "sub/x/a.log", isDirectory: false))
    #expect(!set.isExcluded(relativePath: "sub/important.log", isDirectory: false))
    #expect(!set.isExcluded(relativePath: "a.log", isDirectory: false))  // outside the base
    #expect(set.isExcluded(relativePath: "sub/trailing", isDirectory: false))
    #expect(set.isExcluded(relativePath: "sub/escaped ", isDirectory: false))
    #expect(set.isExcluded(relativePath: "sub/#hash", isDirectory: false))
    #expect(set.isExcluded(relativePath: "sub/root-only", isDirectory: false))
    #expect(!set.isExcluded(relativePath: "sub/x/root-only", isDirectory: false))
    #expect(set.isExcluded(relativePath: "sub/  leading", isDirectory: false))
    let withMark = GlobSet.gitignore([0xEF, 0xBB, 0xBF] + Array("first.py\n".utf8))
    #expect(withMark.set.isExcluded(relativePath: "first.py", isDirectory: false))
  }

  @Test func errorsVerbatim() {
    func message(_ text: String) -> String {
      do {
        _ = try GlobPattern(text)
        return "no error"
      } catch {
        return error.description
      }
    }
    #expect(message("") == "invalid pattern '': empty pattern")
    #expect(message("!") == "invalid pattern '!': '!' negates nothing (expected a pattern after it)")
    #expect(message("/") == "invalid pattern '/': the pattern matches nothing (expected a name after '/')")
    #expect(message("a[bc") == "invalid pattern 'a[bc': unterminated '[' (expected ']')")
    #expect(
      message("[[:alfa:]]")
        == "invalid pattern '[[:alfa:]]': unknown character class '[:alfa:]' (expected alnum, alpha, blank, cntrl,"
        + " digit, graph, lower, print, punct, space, upper or xdigit)")
    #expect(message("abc\\") == "invalid pattern 'abc\\': trailing '\\' escapes nothing")
  }

  @Test func noBacktrackingBlowUp() {
    let clock = ContinuousClock()
    let long = String(repeating: "a", count: 5_000)
    let elapsed = clock.measure {
      expectMatch("*a*a*a*a*a*a*a*a*a*a*a*b", long, false)
      expectMatch("**/**/**/**/**/**/**/**/b", String(repeating: "a/", count: 2_000) + "c", false)
      expectMatch("**/**/**/**/**/**/**/**/c", String(repeating: "a/", count: 2_000) + "c")
    }
    #expect(elapsed < .seconds(2))
  }

  @Test func nonUTF8Bytes() {
    let name: [UInt8] = [0x66, 0xFF, 0x2E, 0x70, 0x79]  // "f\xFF.py"
    #expect(pattern("*.py").matches(name[...], isDirectory: false))
    #expect(pattern("f?.py").matches(name[...], isDirectory: false))
  }
}

// MARK: - Agreement with git

@Suite struct GlobGitAgreementTests {
  /// Runs `git check-ignore --no-index` on the same patterns and paths and compares verdicts. Skipped when
  /// git is not installed. (A directory `x` is not asked about `x/**`: check-ignore sees `x/` and matches
  /// it, while a walk never tests `x` against it and so can still re-include files inside.)
  @Test func agreesWithGitCheckIgnore() throws {
    guard FileManager.default.isExecutableFile(atPath: "/usr/bin/git") else { return }
    let patterns = [
      "*.log", "!keep.log", "/root.txt", "build/", "doc/*.md", "a/**/b", "**/cache", "x/**", "t?st.py",
      "[a-c]*.py", "[!d]x.swift", "deep/**/z/", "\\#hash", "n*/m*", "**/q/r", "[[:digit:]]*.py", "[![:lower:]]z",
    ]
    let paths: [(String, Bool)] = [
      ("a.log", false), ("d/a.log", false), ("keep.log", false), ("d/keep.log", false), ("root.txt", false),
      ("s/root.txt", false), ("build", true), ("build", false), ("s/build", true), ("doc/x.md", false),
      ("doc/s/x.md", false), ("s/doc/x.md", false), ("a/b", false), ("a/x/y/b", false), ("a/xb", false),
      ("cache", true), ("s/t/cache", false), ("x/y", false), ("test.py", false), ("tst.py", false),
      ("s/b1.py", false), ("d1.py", false), ("ex.swift", false), ("dx.swift", false), ("deep/z", true),
      ("deep/1/2/z", true), ("deep/1/z", false), ("#hash", false), ("n1/m2", false), ("s/n1/m2", false),
      ("n1/o/m2", false), ("q/r", false), ("p/q/r", false), ("q/r/s", false), ("1a.py", false), ("a1.py", false),
      ("Zz", false), ("zz", false), ("_z", false),
    ]
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("glob-git-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    try Data((patterns.joined(separator: "\n") + "\n").utf8).write(to: directory.appendingPathComponent("ignore"))
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/git")
    process.arguments = ["-C", directory.path, "init", "-q"]
    try process.run()
    process.waitUntilExit()

    let check = Process()
    check.executableURL = URL(fileURLWithPath: "/usr/bin/git")
    check.arguments = [
      "-C", directory.path, "-c", "core.excludesFile=\(directory.path)/ignore", "check-ignore", "--no-index",
      "-v", "-n", "--stdin",
    ]
    let input = Pipe()
    let output = Pipe()
    check.standardInput = input
    check.standardOutput = output
    try check.run()
    let query = paths.map { $0.1 ? $0.0 + "/" : $0.0 }.joined(separator: "\n") + "\n"
    input.fileHandleForWriting.write(Data(query.utf8))
    try input.fileHandleForWriting.close()
    let data = output.fileHandleForReading.readDataToEndOfFile()
    check.waitUntilExit()
    let lines = String(decoding: data, as: UTF8.self).split(separator: "\n")
    try #require(lines.count == paths.count)

    let set = try GlobSet(patterns: patterns)
    for ((path, isDirectory), line) in zip(paths, lines) {
      let source = line.split(separator: "\t")[0]
      let gitPattern = source.split(separator: ":", maxSplits: 2, omittingEmptySubsequences: false)[2]
      let gitVerdict: GlobSet.Verdict? =
        gitPattern.isEmpty ? nil : gitPattern.hasPrefix("!") ? .included : .excluded
      // check-ignore also reports paths below an excluded directory.
      let verdict =
        set.isExcludedOrInExcludedDirectory(relativePath: path, isDirectory: isDirectory)
        ? .excluded : set.verdict(relativePath: path, isDirectory: isDirectory)
      #expect(verdict == gitVerdict, "\(path) (git: \(line))")
    }
  }
}

// MARK: - Agreement with regular expressions

@Suite struct GlobRegexAgreementTests {
  /// Translates a gitignore pattern (no `!`, no trailing `/`) to an anchored regular expression, as an
  /// independent statement of the rules, and whether it applies to the whole path or the last component.
  private func reference(_ pattern: String) -> (regex: NSRegularExpression, anchored: Bool) {
    var body = Array(pattern)
    let anchored = body.contains("/")
    if body.first == "/" { body.removeFirst() }
    var regex = "^"
    var index = 0
    while index < body.count {
      let character = body[index]
      let startsComponent = index == 0 || body[index - 1] == "/"
      if character == "*" {
        var end = index
        while end < body.count, body[end] == "*" { end += 1 }
        if end - index >= 2, startsComponent, end == body.count {
          regex += ".*"
          index = end
        } else if end - index >= 2, startsComponent, body[end] == "/" {
          regex += "(?:.*/)?"
          index = end + 1
        } else {
          regex += "[^/]*"
          index = end
        }
        continue
      }
      switch character {
      case "?": regex += "[^/]"
      case "[":
        let close = body[index...].firstIndex(of: "]")!
        var set = String(body[(index + 1)..<close])
        if set.hasPrefix("!") { set = "^" + set.dropFirst() }
        regex += set.hasPrefix("^") ? "[\(set)/]" : "(?!/)[\(set)]"
        index = close
      default: regex += NSRegularExpression.escapedPattern(for: String(character))
      }
      index += 1
    }
    return (try! NSRegularExpression(pattern: regex + "$"), anchored)
  }

  @Test func randomPatternsAgreeWithTheReference() throws {
    let pieces = ["a", "b", "a", "*", "?", "[ab]", "[!a]", "/", "**/", "**", "ab"]
    var generator = SplitMix64(seed: UInt64(ProcessInfo.processInfo.environment["GLOB_SEED"] ?? "") ?? 1)
    var checked = 0
    for _ in 0..<3000 {
      var pattern = ""
      for _ in 0..<Int.random(in: 1...5, using: &generator) { pattern += pieces.randomElement(using: &generator)! }
      while pattern.hasSuffix("/") && !pattern.hasSuffix("**/") { pattern.removeLast() }
      if pattern.hasSuffix("**/") { pattern += "a" }
      guard !pattern.isEmpty, pattern != "/", let compiled = try? GlobPattern(pattern) else { continue }
      let (regex, anchored) = reference(pattern)
      for _ in 0..<8 {
        let path = String(
          (0..<Int.random(in: 1...7, using: &generator)).map { _ in "ab/".randomElement(using: &generator)! })
        guard !path.hasPrefix("/"), !path.hasSuffix("/"), !path.contains("//") else { continue }
        let subject = anchored ? path : String(path.split(separator: "/").last!)
        let expected = regex.firstMatch(in: subject, range: NSRange(subject.startIndex..., in: subject)) != nil
        #expect(compiled.matches(relativePath: path, isDirectory: false) == expected, "'\(pattern)' vs '\(path)'")
        checked += 1
      }
    }
    #expect(checked > 5000)
  }
}
