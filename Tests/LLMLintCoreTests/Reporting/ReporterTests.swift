import Foundation
import Testing

@testable import LLMLintCore

/// Every format renders the same hand-made scan result; each output is compared with its golden file in
/// `Snapshots/`. `RECORD_SNAPSHOTS=1 swift test --filter ReporterTests` rewrites them (and still fails).
@Suite struct ReporterTests {
  // MARK: - The shared sample

  static let chatMessage =
    "OpenAI chat completion call outside a tracked context; wrap it in track_llm_call(...) so its tokens and cost are recorded"

  static let rules: [Rule] = [
    Rule(
      id: "openai-chat-completions", provider: "openai", languages: [.python],
      patterns: [try! CallPattern("*.chat.completions.create"), try! CallPattern("*.chat.completions.parse")],
      message: chatMessage, origin: .builtIn(line: 36)),
    Rule(
      id: "openai-completions", provider: "openai", languages: [.python],
      patterns: [try! CallPattern("*.completions.create")],
      message: "OpenAI legacy completion call outside a tracked context; wrap it in track_llm_call(...)",
      origin: .builtIn(line: 62)),
    Rule(
      id: "openai-embeddings", provider: "openai", languages: [.python],
      patterns: [try! CallPattern("*.embeddings.create")],
      severity: .info,
      message:
        "Embeddings API call outside a tracked context; wrap it in track_llm_call(...) so its tokens are recorded",
      origin: .builtIn(line: 68)),
    Rule(
      id: "swift-openai-chats", provider: "openai", languages: [.swift],
      patterns: [try! CallPattern("*.chats(query:)")],
      imports: ["OpenAI"], severity: .error,
      message: "OpenAI (MacPaw) chats call outside a tracked context; wrap it in trackLLMCall { }",
      origin: .builtIn(line: 140)),
  ]

  static func finding(
    _ path: String, _ line: Int, _ column: Int, endLine: Int? = nil, rule: Int, callee: String, sourceLine: String,
    length: Int, suppression: FindingSuppression? = nil
  ) -> Finding {
    let rule = rules[rule]
    // Placed on the called name: the callee's last segment, the first time it appears from the call's column.
    let name = Array((callee.split(separator: ".").last.map(String.init) ?? callee).unicodeScalars)
    let scalars = Array(sourceLine.unicodeScalars)
    var nameColumn = column
    for index in max(0, column - 1)..<max(0, scalars.count - name.count + 1)
    where Array(scalars[index..<(index + name.count)]) == name {
      nameColumn = index + 1
      break
    }
    return Finding(
      path: path, line: line, column: nameColumn, startOffset: 1000, endOffset: 1000 + length,
      endLine: endLine ?? line, ruleID: rule.id, provider: rule.provider, severity: rule.severity, message: rule.message,
      callee: callee, sourceLine: sourceLine, suppression: suppression, endColumn: nameColumn + name.count,
      startLine: line)
  }

  static let sample: ScanResult = {
    var unused = Finding(
      path: "app/chat.py", line: 20, column: 5, startOffset: 700, endOffset: 745, endLine: 20,
      ruleID: Suppression.unusedRuleID, provider: "llmlint", severity: .warning,
      message: "unused suppression 'llmlint: ignore[openai-embeddings]': no 'openai-embeddings' finding here to hide",
      callee: "llmlint:ignore[openai-embeddings]", sourceLine: "    # llmlint: ignore[openai-embeddings]",
      endColumn: 41)
    unused.suppression = nil
    let findings = [
      finding(
        "app/chat.py", 3, 9, rule: 0, callee: "client.chat.completions.create",
        sourceLine: "    r = client.chat.completions.create(model=m)", length: 39),
      finding(
        "app/chat.py", 10, 13, endLine: 13, rule: 0, callee: "client.chat.completions.create",
        sourceLine: "    reply = client.chat.completions.create(", length: 80),
      unused,
      finding(
        "app/odd dir/émoji,v2.py", 1, 5, rule: 2, callee: "ai.embeddings.create",
        sourceLine: "x = ai.embeddings.create(input=\"héllo\")", length: 34),
      finding(
        "Sources/App/Chat.swift", 7, 24, rule: 3, callee: "openAI.chats",
        sourceLine: "\tlet result = try await openAI.chats(query: query)", length: 27),
    ]
    let suppressed = [
      finding(
        "app/chat.py", 15, 9, rule: 0, callee: "client.chat.completions.create",
        sourceLine:
          "    r = client.chat.completions.create(model=m)  # llmlint: ignore[openai-chat-completions] billed by the proxy",
        length: 39, suppression: FindingSuppression(kind: .inSource, justification: "billed by the proxy")),
      finding(
        "app/legacy.py", 4, 1, rule: 1, callee: "openai.completions.create",
        sourceLine: "openai.completions.create(prompt=p)", length: 35,
        suppression: FindingSuppression(kind: .baseline, justification: "accepted in .llmlint-baseline.json")),
    ]
    return ScanResult(
      findings: findings.sorted(by: Finding.ordered), suppressed: suppressed,
      problems: [Problem(.file, path: "app/broken.py", message: "cannot be read")], filesScanned: 5)
  }()

  static let options = ReportOptions(rules: rules, sourceRoot: "/home/ci/project")

  /// The golden file of each format (`text-source` is text with the source excerpt a terminal gets).
  static func snapshotName(_ format: OutputFormat) -> String {
    switch format {
    case .text: return "text.txt"
    case .json: return "json.json"
    case .sarif: return "sarif.sarif"
    case .github: return "github.txt"
    case .gitlab: return "gitlab.json"
    }
  }

  // MARK: - Golden files

  @Test(arguments: OutputFormat.allCases)
  func formatMatchesItsGoldenFile(_ format: OutputFormat) {
    let output = format.reporter(options: Self.options).render(Self.sample)
    assertSnapshot(output, named: Self.snapshotName(format))
  }

  @Test func textOnATerminalShowsTheSourceLineWithACaret() {
    var options = Self.options
    options.showSource = true
    assertSnapshot(TextReporter(options: options).render(Self.sample), named: "text-source.txt")
  }

  /// `--show-suppressed`: text and JSON list the hidden findings in output order, each with its reason.
  @Test func showSuppressedListsHiddenFindingsInTextAndJSON() {
    var options = Self.options
    options.showSuppressed = true
    assertSnapshot(TextReporter(options: options).render(Self.sample), named: "text-suppressed.txt")
    assertSnapshot(JSONReporter(options: options).render(Self.sample), named: "json-suppressed.json")
    var onlyHidden = Self.sample
    onlyHidden.findings = []
    #expect(
      JSONReporter(options: options).render(onlyHidden).hasPrefix("[\n  {\"path\": \"app/chat.py\", \"line\": 15,"))
    #expect(JSONReporter(options: Self.options).render(onlyHidden) == "[]\n")
    #expect(TextReporter(options: Self.options).render(onlyHidden) == "")
  }

  /// JSON carries the fingerprint SARIF carries for the same finding.
  @Test func jsonFingerprintsAreSARIFs() throws {
    let json = JSONReporter(options: Self.options).render(Self.sample)
    let sarif = SARIFReporter(options: Self.options).render(Self.sample)
    let prints = Fingerprint.fingerprints(for: Self.sample).findings
    #expect(prints.count == 5)
    for print in prints {
      #expect(json.contains("\"fingerprint\": \"\(print)\""))
      #expect(sarif.contains("\"\(print)\""))
    }
  }

  @Test func everyFormatHasAGoldenFile() {
    let names = Set(OutputFormat.allCases.map(Self.snapshotName))
    #expect(names.count == OutputFormat.allCases.count)
    for name in names {
      #expect(FileManager.default.fileExists(atPath: Snapshots.directory.appendingPathComponent(name).path), "\(name)")
    }
  }

  @Test func outputIsDeterministic() {
    for format in OutputFormat.allCases {
      let first = format.reporter(options: Self.options).render(Self.sample)
      let second = format.reporter(options: Self.options).render(Self.sample)
      #expect(first == second, "\(format)")
    }
  }

  // MARK: - Text

  @Test func caretUnderlinesTheCallOnItsLine() {
    let reporter = TextReporter(options: ReportOptions(showSource: true))
    let finding = Self.sample.findings.first { $0.line == 3 }!
    #expect(
      reporter.excerpt(for: finding)
        == "        r = client.chat.completions.create(model=m)\n" + String(repeating: " ", count: 36) + "^~~~~~\n")
    // Tabs before the called name are kept so the caret lines up under it.
    let swift = Self.sample.findings.first { $0.path.hasSuffix(".swift") }!
    #expect(
      reporter.excerpt(for: swift)
        == "    \tlet result = try await openAI.chats(query: query)\n    \t" + String(repeating: " ", count: 30) + "^~~~~\n")
    // A call that goes on to later lines: its called name is underlined.
    let multiLine = Self.sample.findings.first { $0.line == 10 }!
    #expect(
      reporter.excerpt(for: multiLine)
        == "        reply = client.chat.completions.create(\n" + String(repeating: " ", count: 40) + "^~~~~~\n")
  }

  @Test func caretCountsColumnsInScalarsAfterMultiByteText() {
    let finding = Finding(
      path: "a.py", line: 1, column: 12, startOffset: 10, endOffset: 24, endLine: 1, ruleID: "r", provider: "p",
      severity: .warning, message: "m", callee: "a.bcd", sourceLine: "s = \"é\"; a.bcd(1, 2, 3)", endColumn: 15)
    #expect(
      TextReporter(options: ReportOptions(showSource: true)).excerpt(for: finding)
        == "    s = \"é\"; a.bcd(1, 2, 3)\n" + String(repeating: " ", count: 15) + "^~~\n")
  }

  @Test func colouredCaretIsGreen() {
    let finding = Finding(
      path: "a.py", line: 1, column: 1, startOffset: 0, endOffset: 3, endLine: 1, ruleID: "r", provider: "p",
      severity: .warning, message: "m", callee: "a.bcd", sourceLine: "a.bcd()", endColumn: 6)
    #expect(
      TextReporter(options: ReportOptions(color: true, showSource: true)).excerpt(for: finding)
        == "    a.bcd()\n    \u{1B}[1;32m^~~~~\u{1B}[0m\n")
  }

  @Test func noSourceLinesWithoutATerminal() {
    #expect(!TextReporter(options: Self.options).render(Self.sample).contains("^"))
  }

  // MARK: - GitHub

  @Test func gitHubEscapingFollowsTheWorkflowCommandSpec() {
    #expect(GitHubReporter.escapeData("100% done\r\nnext: a, b") == "100%25 done%0D%0Anext: a, b")
    #expect(GitHubReporter.escapeProperty("100% done\r\nnext: a, b") == "100%25 done%0D%0Anext%3A a%2C b")
    let finding = Finding(
      path: "dir:x/a,b.py", line: 2, column: 3, startOffset: 0, endOffset: 5, endLine: 4,
      ruleID: "openai-chat-completions",
      provider: "openai", severity: .warning, message: "50% of calls\nare untracked: wrap them, please",
      callee: "c.chat.completions.create", sourceLine: "", endColumn: 9)
    #expect(
      GitHubReporter().line(for: finding)
        == "::warning file=dir%3Ax/a%2Cb.py,line=2,col=3,endLine=2,endColumn=9,title=llmlint/openai-chat-completions::50%25 of calls%0Aare untracked: wrap them, please"
    )
  }

  @Test func gitHubProblemsAreWarningsWithWhateverLocationIsKnown() {
    #expect(
      GitHubReporter().line(
        for: Problem(.config, path: ".llmlint.yml", line: 3, column: 5, message: "unknown key 'rule'"))
        == "::warning file=.llmlint.yml,line=3,col=5,title=llmlint::unknown key 'rule'")
    #expect(
      GitHubReporter().line(for: Problem(.git, message: "not a git repository"))
        == "::warning title=llmlint::not a git repository")
  }

  @Test func gitHubCommandFollowsSeverity() {
    let lines = GitHubReporter().render(Self.sample).split(separator: "\n")
    #expect(lines.map { $0.prefix { $0 != " " } } == ["::error", "::warning", "::warning", "::warning", "::notice"])
  }

  // MARK: - SARIF

  @Test func sarifFingerprintsIgnoreLinesAndCountOccurrences() {
    var moved = Self.sample
    for index in moved.findings.indices { moved.findings[index].line += 7 }
    for index in moved.suppressed.indices { moved.suppressed[index].line += 7 }
    #expect(Fingerprint.fingerprints(for: moved) == Fingerprint.fingerprints(for: Self.sample))
    let prints = Fingerprint.fingerprints(for: Self.sample).findings
    #expect(Set(prints).count == prints.count, "two identical calls in one file differ by occurrence")
    #expect(Fingerprint.fnv1a(Array("a".utf8)) == 0xaf63_dc4c_8601_ec8c)
  }

  @Test func sarifValidatesAgainstTheOASISSchema() throws {
    try SARIFSchema.validate(SARIFReporter(options: Self.options).render(Self.sample))
    try SARIFSchema.validate(SARIFReporter().render(ScanResult()))
  }

  @Test func schemaValidationRejectsABrokenLog() throws {
    let broken = "{\"version\": \"2.1.0\", \"runs\": [{\"tool\": {\"driver\": {}}}]}"
    do {
      try SARIFSchema.validate(broken)
      // Reaching here is fine only when validation was unavailable (and then outside CI).
      #expect(ProcessInfo.processInfo.environment["CI"] != "true", "a log without tool.driver.name validated")
    } catch let failure as SARIFSchema.Failure {
      #expect(failure.description.contains("'name' is a required property"), "\(failure)")
    }
  }

  @Test func sarifPercentEncodesURIs() {
    #expect(SARIFReporter.percentEncoded("app/odd dir/é,v2.py") == "app/odd%20dir/%C3%A9%2Cv2.py")
    #expect(SARIFReporter.fileURI("/home/ci/a b/") == "file:///home/ci/a%20b/")
  }

  // MARK: - GitLab

  @Test func gitLabSeverities() {
    #expect(Severity.allCases.map(GitLabReporter.severity) == ["info", "minor", "major"])
  }
}

// MARK: - Support

/// Golden files next to this test file, read through `#filePath`.
enum Snapshots {
  static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Snapshots")
}

/// Compares `actual` with the golden file `name`; with `RECORD_SNAPSHOTS=1` rewrites it and fails, so a
/// recording run is never mistaken for a passing one.
func assertSnapshot(_ actual: String, named name: String, sourceLocation: SourceLocation = #_sourceLocation) {
  let url = Snapshots.directory.appendingPathComponent(name)
  if ProcessInfo.processInfo.environment["RECORD_SNAPSHOTS"] == "1" {
    do {
      try Data(actual.utf8).write(to: url)
      Issue.record("recorded \(name); run again without RECORD_SNAPSHOTS=1", sourceLocation: sourceLocation)
    } catch {
      Issue.record("cannot record \(name): \(error)", sourceLocation: sourceLocation)
    }
    return
  }
  guard let data = FileManager.default.contents(atPath: url.path) else {
    Issue.record("no golden file \(name); record it with RECORD_SNAPSHOTS=1", sourceLocation: sourceLocation)
    return
  }
  let expected = String(decoding: data, as: UTF8.self)
  #expect(actual == expected, "output differs from Snapshots/\(name)", sourceLocation: sourceLocation)
}

/// Validates SARIF text against the OASIS SARIF 2.1.0 JSON schema with Python's `jsonschema`.
///
/// The schema is at `../shared/schemas/sarif-schema-2.1.0.json` from the package root, or else the copy in
/// `.ci/schemas/` (as `.ci/sarif-validate.sh` looks for it). Without python3,
/// jsonschema or the schema, the check is skipped with a note — except under `CI=true`, where it fails.
enum SARIFSchema {
  struct Failure: Error, CustomStringConvertible {
    var description: String
  }

  static let schema: URL = {
    let root = URL(fileURLWithPath: #filePath)
      .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    let shared = root.deletingLastPathComponent().appendingPathComponent("shared/schemas/sarif-schema-2.1.0.json")
    return FileManager.default.fileExists(atPath: shared.path)
      ? shared : root.appendingPathComponent(".ci/schemas/sarif-schema-2.1.0.json")
  }()

  static let script = """
    import json, sys
    import jsonschema
    schema = json.load(open(sys.argv[1]))
    log = json.load(open(sys.argv[2]))
    cls = jsonschema.validators.validator_for(schema)
    errors = sorted(cls(schema).iter_errors(log), key=lambda e: list(e.absolute_path))
    for e in errors[:10]:
        print("/".join(str(p) for p in e.absolute_path) + ": " + e.message)
    sys.exit(1 if errors else 0)
    """

  static func validate(_ sarif: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
    let isCI = ProcessInfo.processInfo.environment["CI"] == "true"
    func unavailable(_ why: String) {
      if isCI {
        Issue.record("SARIF schema validation unavailable in CI: \(why)", sourceLocation: sourceLocation)
      } else {
        print("note: SARIF schema validation skipped: \(why)")
      }
    }
    guard FileManager.default.fileExists(atPath: schema.path) else { return unavailable("no schema at \(schema.path)") }
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("llmlint-sarif-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    let log = directory.appendingPathComponent("out.sarif")
    try Data(sarif.utf8).write(to: log)
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["python3", "-c", script, schema.path, log.path]
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = pipe
    do {
      try process.run()
    } catch {
      return unavailable("cannot run python3: \(error)")
    }
    let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    if process.terminationStatus != 0, output.contains("No module named") || output.contains("not found") {
      return unavailable(output)
    }
    guard process.terminationStatus == 0 else { throw Failure(description: "SARIF does not validate:\n\(output)") }
  }
}
