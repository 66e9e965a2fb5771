import Foundation
import Testing

@testable import LLMLintCore

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The built binary on inputs a pre-commit hook meets in the wild: binaries with a source name, broken
/// encodings, odd line breaks, huge and deeply nested files, unterminated literals, files that vanish,
/// FIFOs, symlink loops, huge directories, file names that are not UTF-8.
///
/// Every run must end by itself within its deadline, exit 0 (no `--strict`), print no crash report and end
/// with the one-line summary; what each input should give (a finding, a clear message, a clean scan) is
/// asserted exactly. Big inputs are made once per test in a temporary directory that the test removes.
/// Serialized: a few tests hold tens of megabytes and the machine may be small.
@Suite(.serialized) struct HostileInputTests {
  static let call = "client.chat.completions.create(model=\"m\")"
  static let rule = "[openai-chat-completions]"
  static let swiftCall = "openAI.chats(query: q)"

  // MARK: - Running the binary

  typealias Run = ChildRun

  /// A fresh empty directory, removed by `cleanUp`.
  final class Scratch {
    let root: String

    init() throws {
      var template = Array((NSTemporaryDirectory() + "/llmlint-hostile-XXXXXX").utf8CString)
      guard let made = mkdtemp(&template) else { throw SandboxError(message: "mkdtemp failed") }
      root = URL(fileURLWithPath: String(cString: made)).resolvingSymlinksInPath().path
    }

    deinit {
      try? FileManager.default.removeItem(atPath: root)
    }

    func path(_ name: String) -> String { root + "/" + name }

    func write(_ name: String, _ text: String) throws { try write(name, Array(text.utf8)) }

    func write(_ name: String, _ bytes: [UInt8]) throws {
      let url = URL(fileURLWithPath: path(name))
      try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
      try Data(bytes).write(to: url)
    }

    /// Writes a file whose name is the raw bytes `name` (need not be UTF-8).
    func write(rawName name: [UInt8], _ text: String) throws {
      let full = Array(root.utf8) + [UInt8(ascii: "/")] + name + [0]
      let descriptor = full.withUnsafeBufferPointer { buffer in
        buffer.withMemoryRebound(to: CChar.self) { open($0.baseAddress!, O_CREAT | O_WRONLY | O_TRUNC, 0o644) }
      }
      guard descriptor >= 0 else { throw SandboxError(message: "cannot create a file with a raw name") }
      defer { close(descriptor) }
      let bytes = Array(text.utf8)
      guard bytes.withUnsafeBufferPointer({ posixWrite(descriptor, $0.baseAddress!, $0.count) }) == bytes.count else {
        throw SandboxError(message: "short write")
      }
    }
  }

  /// Runs the built `llmlint` with `arguments` in `directory`, killing it after `timeout` seconds; with
  /// `descriptorLimit`, under that many open files at most (`ulimit -n`).
  static func llmlint(
    _ arguments: [String], in directory: String, timeout: Double = 60, descriptorLimit: Int? = nil
  ) throws -> Run {
    var environment = ProcessInfo.processInfo.environment
    environment["NO_COLOR"] = "1"
    let binary = try GitSandbox.llmlintBinary()
    guard let descriptorLimit else {
      return try ChildProcess.run(binary, arguments, in: directory, environment: environment, timeout: timeout)
    }
    let script = "ulimit -n \(descriptorLimit) && exec \"$0\" \"$@\""
    return try ChildProcess.run(
      "/bin/sh", ["-c", script, binary] + arguments, in: directory, environment: environment, timeout: timeout)
  }

  /// Texts that only a crash, a trap or a runtime backtrace prints.
  static let crashMarkers = [
    "Fatal error", "fatal error", "Stack dump", "Current stack trace", "Program crashed", "Segmentation fault",
    "Illegal instruction", "Thread 0 crashed", "Backtrace", "*** Signal",
  ]

  /// Checks that `run` finished by itself, exited 0, printed no crash report and ended with the summary;
  /// returns the stdout lines (findings) for further checks.
  @discardableResult
  static func expectCleanRun(_ run: Run, sourceLocation: SourceLocation = #_sourceLocation) -> [String] {
    #expect(!run.timedOut, "did not finish in time (\(run.seconds) s)", sourceLocation: sourceLocation)
    #expect(run.exited, "killed by signal \(run.status)\n\(run.stderr)", sourceLocation: sourceLocation)
    #expect(run.status == 0, "exit status \(run.status)\n\(run.stderr)", sourceLocation: sourceLocation)
    for marker in crashMarkers {
      #expect(!run.stderr.contains(marker), "crash report on stderr:\n\(run.stderr)", sourceLocation: sourceLocation)
    }
    let last = run.stderr.split(separator: "\n").last ?? ""
    #expect(
      last.hasPrefix("llmlint: ") && last.hasSuffix("; exit status 0 (advisory)"),
      "no summary line at the end of stderr:\n\(run.stderr)", sourceLocation: sourceLocation)
    return run.stdout.split(separator: "\n").map(String.init)
  }

  /// The `path:line:column` of each finding line of text output.
  static func locations(_ lines: [String]) -> [String] {
    lines.map { line in line.split(separator: ":", maxSplits: 3).prefix(3).joined(separator: ":") }
  }

  /// The summary line (the last line of stderr).
  static func summary(_ run: Run) -> String { String(run.stderr.split(separator: "\n").last ?? "") }

  // MARK: - Empty, binary, broken encodings

  @Test func emptyAndNearlyEmptyFiles() throws {
    let scratch = try Scratch()
    try scratch.write("empty.py", "")
    try scratch.write("Empty.swift", "")
    try scratch.write("bom.py", [0xEF, 0xBB, 0xBF])
    try scratch.write("Bom.swift", [0xEF, 0xBB, 0xBF])
    try scratch.write("newline.py", "\n")
    try scratch.write("blank.swift", " \t\u{0C}\r\n\r")
    try scratch.write("backslash.py", "\\")
    try scratch.write("indent.py", "    ")
    let run = try Self.llmlint(["."], in: scratch.root)
    #expect(Self.expectCleanRun(run) == [])
    #expect(Self.summary(run).hasPrefix("llmlint: 0 findings in 8 files, "), "\(run.stderr)")
  }

  @Test func binaryDataWithSourceNames() throws {
    let scratch = try Scratch()
    var random = SplitMix64(seed: 0xB1A4)
    // NUL bytes early: skipped as binary, as git and ripgrep do, even with a call in the text.
    let blob = (0..<65_536).map { _ in UInt8(truncatingIfNeeded: random.next()) }
    try scratch.write("blob.py", Array("\0\(Self.call)\n".utf8) + blob)
    try scratch.write("Blob.swift", Array("\0\(Self.swiftCall)\n".utf8) + blob)
    // No NUL at all, every other byte value: tokenized as source, must survive.
    let noise = (0..<262_144).map { _ in UInt8(truncatingIfNeeded: random.next() % 255 + 1) }
    try scratch.write("noise.py", noise)
    try scratch.write("Noise.swift", noise)
    // A NUL after the first 8 KiB: not binary by the rule, so the tokenizers meet NUL bytes.
    let late = Array(String(repeating: "x = 1\n", count: 2_000).utf8) + [0, 0, 0x0A] + Array("\(Self.call)\n".utf8)
    try scratch.write("late.py", late)
    try scratch.write("app.py", "\(Self.call)\n")
    let lines = Self.expectCleanRun(try Self.llmlint(["."], in: scratch.root))
    #expect(
      Self.locations(lines.filter { $0.hasSuffix(Self.rule) }).filter { !$0.hasPrefix("noise") } == [
        "app.py:1:25", "late.py:2002:25",
      ])
  }

  @Test func invalidUTF8() throws {
    let scratch = try Scratch()
    let bad: [UInt8] = [0xFF, 0xFE, 0xC3, 0x28, 0xE2, 0x82, 0xF0, 0x9F, 0x98]
    try scratch.write(
      "bad.py", Array("s = \"".utf8) + bad + Array("\"\n# ".utf8) + bad + Array("\nx = \(Self.call)\n".utf8))
    try scratch.write("stray.py", bad + Array("\ny = \(Self.call)\n".utf8))
    try scratch.write(
      "Bad.swift", Array("import OpenAI\nlet s = \"".utf8) + bad + Array("\"\nlet r = \(Self.swiftCall)\n".utf8))
    let lines = Self.expectCleanRun(try Self.llmlint(["."], in: scratch.root))
    #expect(Self.locations(lines) == ["Bad.swift:3:16", "bad.py:3:29", "stray.py:2:29"], "\(lines)")
  }

  @Test func byteOrderMark() throws {
    let scratch = try Scratch()
    try scratch.write("bom.py", [0xEF, 0xBB, 0xBF] + Array("x = \(Self.call)\n".utf8))
    try scratch.write("Bom.swift", [0xEF, 0xBB, 0xBF] + Array("import OpenAI\nlet r = \(Self.swiftCall)\n".utf8))
    try scratch.write(
      "tracked.py", [0xEF, 0xBB, 0xBF] + Array("with t.track_llm_call():\n    \(Self.call)\n".utf8))
    let lines = Self.expectCleanRun(try Self.llmlint(["."], in: scratch.root))
    #expect(Self.locations(lines) == ["Bom.swift:2:16", "bom.py:1:29"], "\(lines)")
  }

  // MARK: - Line breaks and indentation

  @Test func crlfLoneCRAndMixedLineBreaks() throws {
    let scratch = try Scratch()
    for (name, lineBreak) in [("crlf", "\r\n"), ("cr", "\r"), ("lf", "\n")] {
      let python = ["import os", "", "x = \(Self.call)", "with t.track_llm_call():", "    y = \(Self.call)", ""]
      try scratch.write("\(name).py", python.joined(separator: lineBreak))
      let swift = [
        "import OpenAI", "", "let r = \(Self.swiftCall)", "trackLLMCall {", "  _ = \(Self.swiftCall)", "}", "",
      ]
      try scratch.write("\(name).swift", swift.joined(separator: lineBreak))
    }
    try scratch.write("mixed.py", "a = 1\r\nb = 2\rc = 3\n\r\nx = \(Self.call)\r")
    let lines = Self.expectCleanRun(try Self.llmlint(["."], in: scratch.root))
    #expect(
      Self.locations(lines) == [
        "cr.py:3:29", "cr.swift:3:16", "crlf.py:3:29", "crlf.swift:3:16", "lf.py:3:29", "lf.swift:3:16", "mixed.py:5:29",
      ], "\(lines)")
  }

  @Test func formFeedsAndTabsInIndentation() throws {
    let scratch = try Scratch()
    // Tabs and form feeds in the indentation of a tracked block: still tracked.
    try scratch.write("tabs.py", "with t.track_llm_call():\n\tx = \(Self.call)\n\ty = 1\n")
    try scratch.write("feed.py", "with t.track_llm_call():\n\u{0C}    x = \(Self.call)\n  \u{0C}  y = 1\n")
    try scratch.write("mixed.py", "with t.track_llm_call():\n  \t x = \(Self.call)\n")
    // A form feed alone on a line, and the call after the block: reported.
    try scratch.write("after.py", "with t.track_llm_call():\n\tpass\n\u{0C}\n\u{0C}x = \(Self.call)\n")
    // Inconsistent tabs and spaces (a Python error) must not stop the scan.
    try scratch.write("inconsistent.py", "if a:\n\t\tif b:\n        \t  x = \(Self.call)\n")
    try scratch.write(
      "Tabs.swift",
      "import OpenAI\ntrackLLMCall {\n\t\u{0C}_ = \(Self.swiftCall)\n}\n\t\u{0B}let r = \(Self.swiftCall)\n")
    let lines = Self.expectCleanRun(try Self.llmlint(["."], in: scratch.root))
    #expect(Self.locations(lines) == ["Tabs.swift:5:18", "after.py:4:30", "inconsistent.py:3:40"], "\(lines)")
  }

  // MARK: - Size and depth

  @Test func fiftyMegabyteFile() throws {
    let scratch = try Scratch()
    let line = "value = module.function(argument, 'a string', 1.5, [1, 2, 3])  # a comment\n"
    let count = 50_000_000 / line.utf8.count + 1
    var bytes: [UInt8] = []
    bytes.reserveCapacity(count * line.utf8.count + 64)
    let lineBytes = Array(line.utf8)
    for _ in 0..<count { bytes += lineBytes }
    bytes += Array("x = \(Self.call)\n".utf8)
    #expect(bytes.count > 50_000_000)
    try scratch.write("big.py", bytes)
    bytes = []
    let run = try Self.llmlint(["big.py"], in: scratch.root, timeout: 600)
    #expect(Self.locations(Self.expectCleanRun(run)) == ["big.py:\(count + 1):29"])
  }

  /// Issue 12, item 15: short-line Python took about 26 times the file's size (a token every few bytes,
  /// each held twice in 12-byte structs). Peak RSS beyond an empty run's must stay a small constant per
  /// byte: under 18 times an 8 MB file of one-to-three-token lines (it was about 25 times; now about 13).
  @Test func memoryForShortLinePythonIsASmallConstantPerByte() throws {
    guard FileManager.default.isExecutableFile(atPath: "/usr/bin/time") else { return }  // GNU time measures it
    let scratch = try Scratch()
    let lines = ["x = 1\n", "a = b\n", "f(x)\n", "y = [1, 2]\n", "if a:\n    b = c\n", "z = a.b\n"]
      .map { Array($0.utf8) }
    var bytes: [UInt8] = []
    bytes.reserveCapacity(8_000_100)
    var index = 0
    while bytes.count < 8_000_000 {
      bytes += lines[index % lines.count]
      index += 1
    }
    bytes += Array("r = \(Self.call)\n".utf8)
    try scratch.write("short.py", bytes)
    try scratch.write("tiny.py", "r = \(Self.call)\n")
    func peak(_ file: String) throws -> Int {
      let run = try ChildProcess.run(
        "/usr/bin/time", ["-o", "peak.txt", "-f", "%M", try GitSandbox.llmlintBinary(), file], in: scratch.root,
        environment: ["PATH": "/usr/bin:/bin", "NO_COLOR": "1"], timeout: 600)
      Self.expectCleanRun(run)
      let text = try String(contentsOfFile: scratch.path("peak.txt"), encoding: .utf8)
      return try #require(Int(text.trimmingCharacters(in: .whitespacesAndNewlines))) * 1024
    }
    let extra = try peak("short.py") - peak("tiny.py")
    #expect(
      extra < 18 * bytes.count, "peak RSS \(extra / 1_000_000) MB beyond an empty run's for \(bytes.count / 1_000_000) MB")
  }

  @Test func tenMegabyteSingleLine() throws {
    let scratch = try Scratch()
    let python = "x = [" + String(repeating: "1, ", count: 3_500_000) + Self.call + "]"
    try scratch.write("line.py", python)
    let swift = "import OpenAI\nlet x = [" + String(repeating: "1, ", count: 3_500_000) + Self.swiftCall + "]"
    try scratch.write("Line.swift", swift)
    let run = try Self.llmlint(["."], in: scratch.root, timeout: 600)
    #expect(
      Self.locations(Self.expectCleanRun(run)) == [
        "Line.swift:2:\(16 + 3 * 3_500_000 + 1)", "line.py:1:\(29 + 3 * 3_500_000 + 1)",
      ])
  }

  @Test func hundredThousandNestedBracketsAndBraces() throws {
    let scratch = try Scratch()
    let depth = 100_000
    let open = String(repeating: "(", count: depth)
    try scratch.write("parens.py", "x = " + open + Self.call + String(repeating: ")", count: depth) + "\n")
    try scratch.write("unclosed.py", "x = " + String(repeating: "[{(", count: depth) + Self.call + "\n")
    try scratch.write(
      "fstrings.py", String(repeating: "f\"{", count: depth) + "1" + String(repeating: "}\"", count: depth))
    try scratch.write(
      "Braces.swift",
      "import OpenAI\n" + String(repeating: "{", count: depth) + Self.swiftCall + String(repeating: "}", count: depth)
        + "\n")
    try scratch.write("Unclosed.swift", "import OpenAI\n" + String(repeating: "{[(", count: depth) + Self.swiftCall)
    try scratch.write("Interpolations.swift", String(repeating: "\"\\(", count: depth) + "1")
    try scratch.write("Comments.swift", String(repeating: "/*", count: depth) + Self.swiftCall)
    let run = try Self.llmlint(["."], in: scratch.root, timeout: 300)
    let lines = Self.expectCleanRun(run)
    #expect(
      Self.locations(lines) == [
        "Braces.swift:2:\(depth + 8)", "Unclosed.swift:2:\(3 * depth + 8)", "parens.py:1:\(depth + 29)",
        "unclosed.py:1:\(3 * depth + 29)",
      ], "\(lines)")
  }

  @Test func unterminatedStringsAndCommentsAtEndOfFile() throws {
    let scratch = try Scratch()
    // The call before the unterminated literal is reported; the one inside it is text.
    let python: [(String, String)] = [
      ("triple.py", "x = \(Self.call)\ny = \"\"\"never closed\n\(Self.call)"),
      ("single.py", "x = \(Self.call)\ny = 'never closed \(Self.call)"),
      ("fstring.py", "x = \(Self.call)\ny = f\"never {closed"),
      ("fstring_text.py", "x = \(Self.call)\ny = f'''{a}\n\(Self.call)"),
      ("backslash.py", "x = \(Self.call)\ny = 'abc\\"),
      ("continuation.py", "x = \(Self.call)\ny = 1 + \\"),
      ("open_call.py", "x = \(Self.call)\ny = \(Self.call.dropLast())"),
    ]
    let swift: [(String, String)] = [
      ("Block.swift", "import OpenAI\nlet r = \(Self.swiftCall)\n/* never /* closed */ \(Self.swiftCall)"),
      ("String.swift", "import OpenAI\nlet r = \(Self.swiftCall)\nlet s = \"never closed \(Self.swiftCall)"),
      ("Multiline.swift", "import OpenAI\nlet r = \(Self.swiftCall)\nlet s = \"\"\"\n\(Self.swiftCall)"),
      ("Raw.swift", "import OpenAI\nlet r = \(Self.swiftCall)\nlet s = ##\"never \"# closed"),
      ("Interpolation.swift", "import OpenAI\nlet r = \(Self.swiftCall)\nlet s = \"a \\(b"),
      ("Regex.swift", "import OpenAI\nlet r = \(Self.swiftCall)\nlet s = #/never"),
    ]
    for (name, text) in python + swift { try scratch.write(name, text) }
    let lines = Self.expectCleanRun(try Self.llmlint(["."], in: scratch.root))
    // A call still open at the end of the file counts: it is being written.
    let expected = (python.map { "\($0.0):1:29" } + swift.map { "\($0.0):2:16" } + ["open_call.py:2:29"]).sorted()
    #expect(Self.locations(lines) == expected, "\(lines)")
  }

  // MARK: - The file system

  @Test func fileThatVanishesBetweenListingAndReading() throws {
    let scratch = try Scratch()
    try scratch.write("gone.py", "x = \(Self.call)\n")
    try scratch.write("kept.py", "x = \(Self.call)\n")
    let walked = FileWalker().collect(["."], currentDirectory: scratch.root)
    #expect(walked.files.map(\.displayPath) == ["gone.py", "kept.py"])
    try FileManager.default.removeItem(atPath: scratch.path("gone.py"))
    let outcomes = walked.files.map { FileReader.source($0) }
    switch outcomes[0] {
    case .failure(let problem):
      #expect(problem.description == "gone.py: no such file or directory")
    case .success: Issue.record("a removed file was read")
    }
    #expect((try? outcomes[1].get())??.bytes == Array("x = \(Self.call)\n".utf8))
    // The same through a scan: one problem, the other file still linted.
    let result = Scan.run(count: walked.files.count, linter: Linter(ruleSet: ConfigLoader.builtIn().ruleSet)) { index in
      switch FileReader.source(walked.files[index]) {
      case .failure(let problem): return .problem(problem)
      case .success(nil): return .skipped
      case .success(let file?): return .file(file)
      }
    }
    #expect(result.problems.map(\.description) == ["gone.py: no such file or directory"])
    #expect(result.findings.map(\.path) == ["kept.py"])
  }

  @Test func unreadableFile() throws {
    let scratch = try Scratch()
    try scratch.write("secret.py", "x = \(Self.call)\n")
    #expect(chmod(scratch.path("secret.py"), 0) == 0)
    let run = try Self.llmlint(["."], in: scratch.root)
    let lines = Self.expectCleanRun(run)
    if geteuid() == 0 {
      // Permission bits do not stop root (CI runs as root): the file is read and linted.
      #expect(Self.locations(lines) == ["secret.py:1:29"])
    } else {
      #expect(lines == [])
      #expect(run.stderr.contains("llmlint: secret.py: permission denied\n"), "\(run.stderr)")
      #expect(try Self.llmlint(["--strict", "."], in: scratch.root).status == 2)
    }
  }

  @Test func fifoWithASourceName() throws {
    let scratch = try Scratch()
    #expect(mkfifo(scratch.path("pipe.py"), 0o644) == 0)
    try scratch.write("app.py", "x = \(Self.call)\n")
    // Nobody ever writes to the FIFO: a blocking open or read would hang until the deadline.
    let walk = try Self.llmlint(["."], in: scratch.root, timeout: 30)
    #expect(Self.locations(Self.expectCleanRun(walk)) == ["app.py:1:29"])
    let named = try Self.llmlint(["pipe.py", "app.py"], in: scratch.root, timeout: 30)
    #expect(Self.locations(Self.expectCleanRun(named)) == ["app.py:1:29"])
    #expect(named.stderr.contains("llmlint: pipe.py: not a regular file or directory (a FIFO)\n"), "\(named.stderr)")
  }

  @Test func symlinkLoops() throws {
    let scratch = try Scratch()
    try scratch.write("real/app.py", "x = \(Self.call)\n")
    let manager = FileManager.default
    try manager.createSymbolicLink(atPath: scratch.path("a.py"), withDestinationPath: "b.py")
    try manager.createSymbolicLink(atPath: scratch.path("b.py"), withDestinationPath: "a.py")
    try manager.createSymbolicLink(atPath: scratch.path("self.py"), withDestinationPath: "self.py")
    try manager.createSymbolicLink(atPath: scratch.path("real/up"), withDestinationPath: "..")
    try manager.createSymbolicLink(atPath: scratch.path("real/here"), withDestinationPath: ".")
    let walk = try Self.llmlint(["."], in: scratch.root, timeout: 30)
    #expect(Self.locations(Self.expectCleanRun(walk)) == ["real/app.py:1:29"])
    let named = try Self.llmlint(["a.py", "self.py", "real/up/real/here/app.py"], in: scratch.root, timeout: 30)
    #expect(Self.locations(Self.expectCleanRun(named)) == ["real/up/real/here/app.py:1:29"])
    #expect(named.stderr.contains("llmlint: a.py: too many levels of symbolic links\n"), "\(named.stderr)")
    #expect(named.stderr.contains("llmlint: self.py: too many levels of symbolic links\n"), "\(named.stderr)")
  }

  @Test func directoryWithHundredThousandFiles() throws {
    let scratch = try Scratch()
    let directory = scratch.path("many")
    try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    let clean = Array("x = 1\n".utf8)
    let count = 100_000
    for index in 0..<count {
      let name = directory + "/f" + String(index + 1_000_000).dropFirst() + ".py"
      let descriptor = open(name, O_CREAT | O_WRONLY | O_TRUNC, 0o644)
      #expect(descriptor >= 0)
      _ = clean.withUnsafeBufferPointer { posixWrite(descriptor, $0.baseAddress!, $0.count) }
      close(descriptor)
    }
    try scratch.write("many/f054321.py", "x = \(Self.call)\n")
    let run = try Self.llmlint(["."], in: scratch.root, timeout: 600)
    #expect(Self.locations(Self.expectCleanRun(run)) == ["many/f054321.py:1:29"])
    #expect(Self.summary(run).hasPrefix("llmlint: 1 finding in 100000 files, "), "\(Self.summary(run))")
  }

  /// A walk keeps one directory open per level of depth, to open the next relative to it; a tree deeper than
  /// the descriptors allowed is still walked whole (by full paths once descriptors run out).
  @Test func treeDeeperThanTheOpenFileLimit() throws {
    let scratch = try Scratch()
    var relative = ""
    for level in 0..<150 {
      // A sibling waits while the walk goes down `d…`, so every directory on the way stays open.
      try scratch.write(relative + "e/notes.txt", "")
      relative += "d\(level % 10)/"
      if level % 50 == 0 { try scratch.write(relative + "clean.py", "x = 1\n") }
    }
    try scratch.write(relative + "deep.py", "x = \(Self.call)\n")
    let run = try Self.llmlint(["."], in: scratch.root, descriptorLimit: 40)
    #expect(Self.locations(Self.expectCleanRun(run)) == [relative + "deep.py:1:29"])
    #expect(Self.summary(run).hasPrefix("llmlint: 1 finding in 4 files, "), "\(Self.summary(run))")
  }

  @Test func fileNamesThatAreNotUTF8() throws {
    let scratch = try Scratch()
    try scratch.write(rawName: Array("caf".utf8) + [0xE9] + Array(".py".utf8), "x = \(Self.call)\n")
    try scratch.write(rawName: [0xFF, 0xFE] + Array(".swift".utf8), "import OpenAI\nlet r = \(Self.swiftCall)\n")
    try scratch.write(rawName: Array("ok".utf8) + [0xC3] + Array(".py".utf8), "x = 1\n")
    let run = try Self.llmlint(["."], in: scratch.root)
    let lines = Self.expectCleanRun(run)
    #expect(Self.locations(lines) == ["caf\u{FFFD}.py:1:29", "\u{FFFD}\u{FFFD}.swift:2:16"], "\(lines)")
    #expect(Self.summary(run).hasPrefix("llmlint: 2 findings in 3 files, "), "\(Self.summary(run))")
    let json = try Self.llmlint(["--format", "json", "."], in: scratch.root)
    Self.expectCleanRun(json)
    let parsed = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]]
    #expect(parsed?.count == 2)
  }
}

/// `write(2)`, named so it does not clash with the `write` methods above.
private func posixWrite(_ descriptor: Int32, _ bytes: UnsafePointer<UInt8>, _ count: Int) -> Int {
  #if canImport(Glibc)
    Glibc.write(descriptor, bytes, count)
  #else
    Darwin.write(descriptor, bytes, count)
  #endif
}
