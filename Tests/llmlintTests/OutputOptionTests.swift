import Foundation
import Testing

/// `-o/--output FILE`, `--report FORMAT:FILE`, the JSON `fingerprint` and `--show-suppressed`, run with the
/// built binary in temporary repositories.
@Suite struct OutputOptionTests {
  static let calls = """
    import openai

    a = client.chat.completions.create(model="m")
    b = client.embeddings.create(input="x")
    c = client.chat.completions.create(model="m")  # llmlint: ignore[openai-chat-completions] billed by the proxy

    """

  static func sandbox() throws -> GitSandbox {
    let sandbox = try GitSandbox()
    try sandbox.write("app/a.py", calls)
    try sandbox.write("ios/Chat.swift", "import OpenAI\nlet r = try await openAI.chats(query: q)\n")
    return sandbox
  }

  static func contents(_ path: String) -> String? {
    FileManager.default.contents(atPath: path).map { String(decoding: $0, as: UTF8.self) }
  }

  // MARK: - -o / --output

  @Test(arguments: ["text", "json", "sarif", "github", "gitlab"])
  func outputFileHoldsWhatStdoutWouldHave(_ format: String) throws {
    let sandbox = try Self.sandbox()
    let piped = try sandbox.llmlint(["--format", format, "-q", "."])
    let written = try sandbox.llmlint(["--format", format, "-q", "-o", "report.out", "."])
    #expect(written.status == 0)
    #expect(written.stdout == "")
    #expect(!piped.stdout.isEmpty)
    #expect(Self.contents(sandbox.root + "/report.out") == piped.stdout)
  }

  @Test func outputWritesThroughASymlinkAndKeepsTheLink() throws {
    let sandbox = try Self.sandbox()
    try FileManager.default.createDirectory(atPath: sandbox.root + "/out", withIntermediateDirectories: true)
    try FileManager.default.createSymbolicLink(
      atPath: sandbox.root + "/report.json", withDestinationPath: "out/real.json")
    let run = try sandbox.llmlint(["--format", "json", "-q", "--output=report.json", "."])
    #expect(run.status == 0, "\(run.stderr)")
    let link = try FileManager.default.destinationOfSymbolicLink(atPath: sandbox.root + "/report.json")
    #expect(link == "out/real.json")
    #expect(Self.contents(sandbox.root + "/out/real.json")?.hasPrefix("[\n  {\"path\": \"app/a.py\"") == true)
  }

  @Test func aDeviceOrDirectoryIsNeverReplaced() throws {
    let sandbox = try Self.sandbox()
    try FileManager.default.createDirectory(atPath: sandbox.root + "/dir", withIntermediateDirectories: true)
    for (target, reason) in [
      ("/dev/full", "it is a character device, not a regular file"),
      ("/dev/null", "it is a character device, not a regular file"), ("dir", "it is a directory, not a regular file"),
    ] {
      for strict in [false, true] {
        let run = try sandbox.llmlint((strict ? ["--strict"] : []) + ["-q", "-o", target, "."])
        #expect(run.status == (strict ? 2 : 0), "\(target): \(run.stderr)")
        #expect(run.stderr == "llmlint: error: cannot write \(target): \(reason); the report was not written\n")
        #expect(run.stdout == "")
      }
    }
  }

  /// A regular file that cannot take the whole report (a file size limit, as a full disk would): an error,
  /// and the destination keeps its old content rather than a truncated report.
  @Test func aWriteThatFailsHalfwayLeavesTheOldFileAndIsAnError() throws {
    let sandbox = try GitSandbox()
    var many = "import openai\n"
    for index in 0..<200 { many += "r\(index) = client.chat.completions.create(model=\"m\")\n" }
    try sandbox.write("a.py", many)
    try sandbox.write("report.json", "old\n")
    let binary = try GitSandbox.llmlintBinary()
    for strict in [false, true] {
      // SIGXFSZ ignored (inherited through exec), so the write fails with EFBIG instead of killing llmlint.
      let run = try ChildProcess.shell(
        "trap '' XFSZ; ulimit -f 8; exec \"$@\"",
        [binary] + (strict ? ["--strict"] : []) + ["--format", "json", "-o", "report.json", "a.py"],
        in: sandbox.root, environment: sandbox.environment)
      #expect(run.status == (strict ? 2 : 0), "\(run.stderr)")
      #expect(
        run.stderr.hasPrefix("llmlint: error: cannot write report.json: file too large; the report was not written\n"),
        "\(run.stderr)")
      #expect(run.stderr.contains("200 findings in 1 file"), "\(run.stderr)")
      #expect(Self.contents(sandbox.root + "/report.json") == "old\n")
    }
  }

  // MARK: - --report FORMAT:FILE

  @Test func severalReportsFromOneRunEqualTheSingleFormatRuns() throws {
    let sandbox = try Self.sandbox()
    let run = try sandbox.llmlint([
      "--format", "github", "--report", "sarif:out/llmlint.sarif", "--report=json:findings.json",
      "--report", "text:findings.txt", "--report", "gitlab:gl.json", "-q", ".",
    ])
    // The directory of a report must exist: `out/` does not.
    #expect(run.stderr.contains("llmlint: error: cannot write out/llmlint.sarif: "), "\(run.stderr)")
    try FileManager.default.createDirectory(atPath: sandbox.root + "/out", withIntermediateDirectories: true)
    let both = try sandbox.llmlint([
      "--format", "github", "--report", "sarif:out/llmlint.sarif", "--report=json:findings.json",
      "--report", "text:findings.txt", "--report", "gitlab:gl.json", "-q", ".",
    ])
    #expect(both.status == 0)
    #expect(both.stderr == "", "\(both.stderr)")
    let github = try sandbox.llmlint(["--format", "github", "-q", "."])
    #expect(both.stdout == github.stdout)
    #expect(github.stdout.contains("::warning file=app/a.py,line=3"))
    for (format, file) in [
      ("sarif", "out/llmlint.sarif"), ("json", "findings.json"), ("text", "findings.txt"),
      ("gitlab", "gl.json"),
    ] {
      let single = try sandbox.llmlint(["--format", format, "-q", "."])
      #expect(!single.stdout.isEmpty)
      #expect(Self.contents(sandbox.root + "/" + file) == single.stdout, "\(format)")
    }
  }

  @Test func reportWithOutputAndAFailedReportUnderStrict() throws {
    let sandbox = try Self.sandbox()
    let run = try sandbox.llmlint([
      "--strict", "--format", "json", "-o", "main.json", "--report", "sarif:/dev/full", "-q", ".",
    ])
    #expect(run.status == 2)
    #expect(
      run.stderr
        == "llmlint: error: cannot write /dev/full: it is a character device, not a regular file; the report was not written\n"
    )
    #expect(Self.contents(sandbox.root + "/main.json")?.hasPrefix("[\n") == true)
    // Without the failed report, --strict exits 1 on the findings.
    #expect(try sandbox.llmlint(["--strict", "-o", "main.txt", "--report", "sarif:s.sarif", "-q", "."]).status == 1)
  }

  @Test(arguments: [
    (["--report", "sarif"], "option '--report' needs FORMAT:FILE, e.g. sarif:llmlint.sarif (got 'sarif')"),
    (
      ["--report", "xml:out.xml"],
      "unknown format 'xml' in '--report xml:out.xml' (expected one of: text, json, sarif, github, gitlab)"
    ),
    (["--report", "json:"], "option '--report' needs a file after 'json:' (e.g. json:llmlint.json)"),
    (["--report"], "option '--report' needs a value (FORMAT:FILE, e.g. sarif:llmlint.sarif)"),
    (["-o"], "option '--output' needs a value (a file for the report)"),
    (["--output="], "option '--output' needs a value (a file for the report)"),
    (["-o", "a.json", "--report", "sarif:a.json"], "'a.json' is named by two outputs; give each report its own file"),
    (["--report", "json:a", "--report", "sarif:a"], "'a' is named by two outputs; give each report its own file"),
  ])
  func badOutputOptionsAreUsageErrors(_ arguments: [String], _ message: String) throws {
    let sandbox = try Self.sandbox()
    let run = try sandbox.llmlint(arguments)
    #expect(run.status == 2)
    #expect(run.stdout == "")
    #expect(run.stderr == "llmlint: error: \(message)\nRun 'llmlint --help' for usage.\n")
    #expect(!FileManager.default.fileExists(atPath: sandbox.root + "/a"))
  }

  // MARK: - fingerprint and --show-suppressed

  @Test func jsonFingerprintsStayWhenCodeAboveMoves() throws {
    let sandbox = try Self.sandbox()
    func prints() throws -> [String] {
      let run = try sandbox.llmlint(["--format", "json", "-q", "app"])
      let array = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [[String: Any]])
      return array.compactMap { $0["fingerprint"] as? String }
    }
    let before = try prints()
    #expect(before.count == 2)
    #expect(Set(before).count == 2)
    #expect(
      before.allSatisfy { $0.utf8.count == 16 && $0.utf8.allSatisfy { Array("0123456789abcdef".utf8).contains($0) } })
    try sandbox.write("app/a.py", "# a comment\n\n" + Self.calls)
    #expect(try prints() == before)
  }

  @Test func showSuppressedListsHiddenFindingsWithTheirReason() throws {
    let sandbox = try Self.sandbox()
    let plain = try sandbox.llmlint(["-q", "app"])
    #expect(!plain.stdout.contains("suppressed"))
    let text = try sandbox.llmlint(["-q", "--show-suppressed", "app"])
    let lines = text.stdout.split(separator: "\n").map(String.init)
    #expect(lines.count == 3)
    #expect(lines[2].hasPrefix("app/a.py:5:29: warning: OpenAI chat completion call outside a tracked context"))
    #expect(lines[2].hasSuffix("[openai-chat-completions] (suppressed: billed by the proxy)"))
    #expect(Array(lines[0..<2]) == plain.stdout.split(separator: "\n").map(String.init))

    let json = try sandbox.llmlint(["-q", "--show-suppressed", "--format", "json", "app"])
    let array = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]])
    #expect(array.count == 3)
    #expect(array[0]["suppressed"] == nil)
    #expect(array[1]["suppressed"] == nil)
    let hidden = try #require(array[2]["suppressed"] as? [String: String])
    #expect(hidden == ["kind": "inSource", "reason": "billed by the proxy"])
    #expect(array[2]["line"] as? Int == 5)
    // The reported findings keep their fingerprints whether or not the hidden one is shown.
    let shownPrints = array[0..<2].compactMap { $0["fingerprint"] as? String }
    let plainJSON = try sandbox.llmlint(["-q", "--format", "json", "app"])
    let plainArray = try #require(
      try JSONSerialization.jsonObject(with: Data(plainJSON.stdout.utf8)) as? [[String: Any]])
    #expect(plainArray.compactMap { $0["fingerprint"] as? String } == shownPrints)
  }
}
