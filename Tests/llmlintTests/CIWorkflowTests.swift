import Foundation
import Testing

@testable import LLMLintCore
@testable import llmlint

/// The CI-workflow flags (`--baseline`, `--write-baseline`, `--no-unused-suppressions`, the new formats),
/// parsed and then run end to end with the built binary.
@Suite struct CIWorkflowTests {
  // MARK: - Arguments

  @Test func baselineFlagsTakeAPath() throws {
    let invocation = try Arguments.parse(["--baseline", "b.json", "--write-baseline=c.json", "src"])
    #expect(invocation.baselinePath == "b.json")
    #expect(invocation.writeBaselinePath == "c.json")
    #expect(invocation.paths == ["src"])
    #expect(
      throws: UsageError(
        message: "option '--baseline' needs a value (a baseline file path, e.g. .llmlint-baseline.json)")
    ) {
      try Arguments.parse(["--baseline"])
    }
    #expect(throws: UsageError(message: "unknown option '--baselin'; did you mean '--baseline'?")) {
      try Arguments.parse(["--baselin", "x"])
    }
  }

  @Test func unusedSuppressionReportsCanBeTurnedOff() throws {
    #expect(try Arguments.parse([]).reportUnusedSuppressions)
    #expect(try !Arguments.parse(["--no-unused-suppressions"]).reportUnusedSuppressions)
    #expect(throws: UsageError(message: "option '--no-unused-suppressions' takes no value")) {
      try Arguments.parse(["--no-unused-suppressions=1"])
    }
  }

  @Test func newFormatsParse() throws {
    #expect(try Arguments.parse(["--format", "sarif"]).format == .sarif)
    #expect(try Arguments.parse(["--format=github"]).format == .github)
    #expect(try Arguments.parse(["--format", "gitlab"]).format == .gitlab)
    #expect(throws: UsageError(message: "unknown format 'xml' (expected one of: text, json, sarif, github, gitlab, markdown)")) {
      try Arguments.parse(["--format", "xml"])
    }
  }

  @Test func helpDocumentsEveryNewFlagWithAnExample() {
    for text in [
      "--baseline FILE", "llmlint --baseline .llmlint-baseline.json .", "--write-baseline FILE",
      "llmlint --write-baseline .llmlint-baseline.json .", "--no-unused-suppressions", "llmlint --format sarif .",
      "llmlint --format github .", "llmlint --format gitlab .", "# llmlint: ignore[rule-id, ...] reason",
      "# llmlint: disable-file",
    ] {
      #expect(Help.text.contains(text), "\(text)")
    }
  }

  @Test func summaryCountsHiddenFindings() {
    var result = ScanResult(filesScanned: 2)
    let finding = Finding(
      path: "a.py", line: 1, column: 1, startOffset: 0, endOffset: 1, endLine: 1, ruleID: "r", provider: "p",
      severity: .warning, message: "m", callee: "c", sourceLine: "")
    result.findings = [finding]
    var inline = finding
    inline.suppression = FindingSuppression(kind: .inSource, justification: "")
    var known = finding
    known.suppression = FindingSuppression(kind: .baseline, justification: "")
    result.suppressed = [inline, known, known]
    #expect(
      CLI.summary(result, elapsed: .milliseconds(12), status: 0, strict: false)
        == "llmlint: 1 finding (1 suppressed, 2 in baseline) in 2 files, 12 ms; exit status 0 (advisory)\n")
  }

  // MARK: - End to end

  static let tree = [
    "app/chat.py": """
    import openai

    def ask(client, m):
        return client.chat.completions.create(model=m)

    def reviewed(client, m):
        # llmlint: ignore[openai-chat-completions] billed by the gateway
        return client.chat.completions.create(model=m)

    x = 1  # llmlint: ignore

    """,
    "app/embed.py": "def embed(client, t):\n    return client.embeddings.create(input=t)\n",
  ]

  @Test func baselineRoundTripThroughTheBinary() throws {
    let root = try CLIEndToEndTests.temporaryTree(Self.tree)
    defer { try? FileManager.default.removeItem(at: root) }
    let write = try CLIEndToEndTests.run(["--write-baseline", ".llmlint-baseline.json", "app"], in: root)
    #expect(write.status == 0)
    #expect(
      write.stderr.contains("llmlint: wrote 3 findings to the baseline .llmlint-baseline.json\n"), "\(write.stderr)")
    let first = try Data(contentsOf: root.appendingPathComponent(".llmlint-baseline.json"))
    _ = try CLIEndToEndTests.run(["--write-baseline", ".llmlint-baseline.json", "app"], in: root)
    let second = try Data(contentsOf: root.appendingPathComponent(".llmlint-baseline.json"))
    #expect(first == second, "two runs on the same tree write identical bytes")

    // Move code around, then add one new call.
    let moved =
      "\n\n" + Self.tree["app/embed.py"]! + "\ndef more(client, t):\n    return client.embeddings.create(input=[t])\n"
    try Data(moved.utf8).write(to: root.appendingPathComponent("app/embed.py"))
    let run = try CLIEndToEndTests.run(["--baseline", ".llmlint-baseline.json", "app"], in: root)
    #expect(run.status == 0)
    let lines = run.stdout.split(separator: "\n").map(String.init)
    #expect(lines.count == 1, "\(run.stdout)")
    #expect(lines.first?.hasPrefix("app/embed.py:7:30: warning: ") == true, "\(run.stdout)")
    #expect(run.stderr.contains("llmlint: 1 finding (1 suppressed, 3 in baseline) in 2 files, "), "\(run.stderr)")

    // From a subdirectory, the same baseline still matches (paths are relative to its directory).
    let fromApp = try CLIEndToEndTests.run(
      ["--baseline", "../.llmlint-baseline.json", "."], in: root.appendingPathComponent("app"))
    #expect(fromApp.stdout.split(separator: "\n").count == 1, "\(fromApp.stdout)")
  }

  @Test func malformedBaselineIsAProblemAndTheRunGoesOn() throws {
    let root = try CLIEndToEndTests.temporaryTree(Self.tree.merging(["bad.json": "{\"findings\": [}"]) { $1 })
    defer { try? FileManager.default.removeItem(at: root) }
    let run = try CLIEndToEndTests.run(["--baseline", "bad.json", "app"], in: root)
    #expect(run.status == 0)
    #expect(
      run.stderr.hasPrefix(
        "llmlint: bad.json:1:15: invalid baseline: expected a value; the baseline is ignored for this run\n"),
      "\(run.stderr)")
    #expect(run.stdout.split(separator: "\n").count == 3)
    let missing = try CLIEndToEndTests.run(["--baseline", "nope.json", "--strict", "app"], in: root)
    #expect(missing.status == 2)
    #expect(
      missing.stderr.hasPrefix(
        "llmlint: nope.json: cannot read the baseline (create it with --write-baseline nope.json)\n"))
  }

  @Test func noUnusedSuppressionsFlag() throws {
    let root = try CLIEndToEndTests.temporaryTree(Self.tree)
    defer { try? FileManager.default.removeItem(at: root) }
    let with = try CLIEndToEndTests.run(["app"], in: root)
    #expect(with.stdout.contains("[unused-suppression]"))
    let without = try CLIEndToEndTests.run(["--no-unused-suppressions", "app"], in: root)
    #expect(!without.stdout.contains("[unused-suppression]"))
    #expect(without.stdout.split(separator: "\n").count == 2)
  }

  @Test func everyFormatRunsAndSARIFValidates() throws {
    let root = try CLIEndToEndTests.temporaryTree(Self.tree)
    defer { try? FileManager.default.removeItem(at: root) }
    let github = try CLIEndToEndTests.run(["--format", "github", "app"], in: root)
    #expect(
      github.stdout.split(separator: "\n").first
        == "::warning file=app/chat.py,line=4,col=36,endLine=4,endColumn=42,title=llmlint/openai-chat-completions::OpenAI chat completion call outside a tracked context; wrap it in track_llm_call(...) so its tokens and cost are recorded"
    )
    let gitlab = try CLIEndToEndTests.run(["--format", "gitlab", "app"], in: root)
    let issues = try #require(try JSONSerialization.jsonObject(with: Data(gitlab.stdout.utf8)) as? [[String: Any]])
    #expect(issues.count == 3)
    let sarif = try CLIEndToEndTests.run(["--format", "sarif", "app"], in: root)
    let log = try #require(try JSONSerialization.jsonObject(with: Data(sarif.stdout.utf8)) as? [String: Any])
    let run = try #require((log["runs"] as? [[String: Any]])?.first)
    let results = try #require(run["results"] as? [[String: Any]])
    #expect(results.count == 4)
    #expect(results.filter { $0["suppressions"] != nil }.count == 1)
    try validateSARIF(sarif.stdout)
  }

  /// Validates with the same script as the core tests (python3 + jsonschema; required under CI=true).
  func validateSARIF(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
    let schema = SARIFSchemaFile.url
    let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent().appendingPathComponent(".ci/sarif-validate.sh")
    guard FileManager.default.fileExists(atPath: schema.path), FileManager.default.fileExists(atPath: script.path)
    else {
      if ProcessInfo.processInfo.environment["CI"] == "true" {
        Issue.record("SARIF schema or .ci/sarif-validate.sh missing", sourceLocation: sourceLocation)
      }
      return
    }
    let file = FileManager.default.temporaryDirectory.appendingPathComponent("llmlint-\(UUID().uuidString).sarif")
    try Data(text.utf8).write(to: file)
    defer { try? FileManager.default.removeItem(at: file) }
    let run = try ChildProcess.run(
      "/bin/sh", [script.path, "--file", file.path, "--schema", schema.path],
      in: FileManager.default.currentDirectoryPath, environment: ProcessInfo.processInfo.environment)
    #expect(run.status == 0, "\(run.stdout)\(run.stderr)", sourceLocation: sourceLocation)
  }
}

/// The OASIS SARIF 2.1.0 schema: `../shared/schemas/` beside the package when it is there, else the copy in
/// `.ci/schemas/` (as `.ci/sarif-validate.sh` looks for it).
enum SARIFSchemaFile {
  static let url: URL = {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent()
    let shared = root.deletingLastPathComponent().appendingPathComponent("shared/schemas/sarif-schema-2.1.0.json")
    return FileManager.default.fileExists(atPath: shared.path)
      ? shared : root.appendingPathComponent(".ci/schemas/sarif-schema-2.1.0.json")
  }()
}
