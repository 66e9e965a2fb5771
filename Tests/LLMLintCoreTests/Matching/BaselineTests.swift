import Testing

@testable import LLMLintCore

/// The baseline: recorded from real lint results, keyed on path, rule and call text with counts, written as
/// sorted JSON, read back with clear problems when broken.
@Suite struct BaselineTests {
  static let linter = SuppressionTests.linter

  static func scan(_ files: [String: String]) -> ScanResult {
    Scan.run(
      files: files.keys.sorted().map { SourceFile(path: $0, language: .python, bytes: Array(files[$0]!.utf8)) },
      linter: linter)
  }

  static let before: [String: String] = [
    "app/chat.py": """
    def ask(client, m):
        return client.chat.completions.create(model=m)

    def embed(client, text):
        return client.embeddings.create(input=text)

    """,
    "app/other.py": "x = client.chat.completions.create(model=m)\ny = client.chat.completions.create(model=n)\n",
  ]

  /// The same calls, moved: lines added above, a function reordered, a call split over lines, the chain
  /// written with whitespace — and one new call in `app/chat.py`.
  static let after: [String: String] = [
    "app/chat.py": """
    import logging

    log = logging.getLogger(__name__)

    def embed(client, text):
        return client.embeddings.create(input=text)

    def ask(client, m):
        log.info("asking")
        return client.chat.completions.create(
            model=m,
        )

    def ask_again(client, m):
        return client . chat . completions . create(model=m)

    """,
    "app/other.py": "\n\nx = client.chat.completions.create(model=m)\ny = client.chat.completions.create(model=n)\n",
  ]

  @Test func roundTripReportsOnlyTheNewCall() throws {
    let text = Baseline(findings: Self.scan(Self.before).findings).render()
    let baseline = try Baseline.parse(Array(text.utf8), path: "baseline.json")
    let split = baseline.split(Self.scan(Self.after).findings)
    #expect(split.new.map { "\($0.path):\($0.line) \($0.ruleID)" } == ["app/chat.py:15 openai-chat-completions"])
    #expect(split.known.count == 4)
    #expect(
      split.known.allSatisfy {
        $0.suppression == FindingSuppression(kind: .baseline, justification: "accepted in the baseline")
      })
  }

  @Test func writtenFileIsSortedAndByteIdenticalAcrossRuns() {
    let first = Baseline(findings: Self.scan(Self.before).findings).render()
    let second = Baseline(findings: Self.scan(Self.before).findings).render()
    let shuffled = Baseline(findings: Self.scan(Self.before).findings.reversed()).render()
    #expect(first == second)
    #expect(first == shuffled)
    #expect(
      first == """
        {
          "findings": [
            {"call": "client.chat.completions.create", "count": 1, "path": "app/chat.py", "rule": "openai-chat-completions"},
            {"call": "client.embeddings.create", "count": 1, "path": "app/chat.py", "rule": "openai-embeddings"},
            {"call": "client.chat.completions.create", "count": 2, "path": "app/other.py", "rule": "openai-chat-completions"}
          ],
          "version": 1
        }

        """)
    #expect(Baseline(findings: []).render() == "{\n  \"findings\": [],\n  \"version\": 1\n}\n")
  }

  @Test func parseReadsWhatRenderWrites() throws {
    let baseline = Baseline(entries: [
      Baseline.Entry(path: "a \"q\".py", rule: "r", call: "x.y", count: 2),
      Baseline.Entry(path: "é/b.py", rule: "r", call: "x.y\\z", count: 1),
    ])
    #expect(try Baseline.parse(Array(baseline.render().utf8), path: "b.json") == baseline)
  }

  @Test func countsDecideHowManyIdenticalCallsAreKnown() {
    let baseline = Baseline(entries: [
      Baseline.Entry(
        path: "app/other.py", rule: "openai-chat-completions", call: "client.chat.completions.create", count: 1)
    ])
    let split = baseline.split(Self.scan(Self.before).findings)
    #expect(split.new.map { "\($0.path):\($0.line)" } == ["app/chat.py:2", "app/chat.py:5", "app/other.py:2"])
  }

  @Test func entriesWithTheSameKeyAreMerged() {
    let baseline = Baseline(entries: [
      Baseline.Entry(path: "b", rule: "r", call: "c", count: 1),
      Baseline.Entry(path: "a", rule: "r", call: "c", count: 1),
      Baseline.Entry(path: "b", rule: "r", call: "c", count: 2),
      Baseline.Entry(path: "c", rule: "r", call: "c", count: 0),
    ])
    #expect(baseline.entries.map { "\($0.path) \($0.count)" } == ["a 1", "b 3"])
  }

  @Test func pathsAreKeyedRelativeToTheBaselinesDirectory() {
    let fromRoot = BaselinePaths(currentDirectory: "/repo", base: "/repo")
    let fromSubdirectory = BaselinePaths(currentDirectory: "/repo/app", base: "/repo")
    #expect(fromRoot.key("app/chat.py") == "app/chat.py")
    #expect(fromSubdirectory.key("chat.py") == "app/chat.py")
    #expect(fromSubdirectory.key("./x/../chat.py") == "app/chat.py")
    #expect(fromSubdirectory.key("/elsewhere/a.py") == "/elsewhere/a.py")
    #expect(BaselinePaths().key("./a.py") == "./a.py")
  }

  @Test func malformedBaselinesAreClearProblems() {
    func problem(_ text: String) -> String {
      do {
        _ = try Baseline.parse(Array(text.utf8), path: ".llmlint-baseline.json")
        return "no problem"
      } catch {
        return error.description
      }
    }
    let tail = "; the baseline is ignored for this run"
    #expect(
      problem("") == ".llmlint-baseline.json:1:1: invalid baseline: the file is empty (expected a JSON object)" + tail)
    #expect(
      problem("{\n  \"findings\": [\n    {\"call\": \"x\" \"count\": 1}\n")
        == ".llmlint-baseline.json:3:18: invalid baseline: expected ',' or '}'" + tail)
    #expect(
      problem("{\"findings\": [], \"version\": 1} x")
        == ".llmlint-baseline.json:1:32: invalid baseline: unexpected text after the JSON value" + tail)
    #expect(
      problem("[]")
        == ".llmlint-baseline.json:1: invalid baseline: expected an object {\"findings\": [...], \"version\": 1}" + tail
    )
    #expect(
      problem("{\"findings\": []}") == ".llmlint-baseline.json:1: invalid baseline: missing 'version' (expected 1)"
        + tail)
    #expect(
      problem("{\"findings\": [], \"version\": 2}")
        == ".llmlint-baseline.json:1: invalid baseline: unsupported version 2 (expected 1)" + tail)
    #expect(
      problem("{\"version\": 1, \"entries\": []}")
        == ".llmlint-baseline.json:1: invalid baseline: unknown key 'entries' (expected: findings, version)" + tail)
    #expect(
      problem("{\"version\": 1,\n\"findings\": [\n{\"call\": \"x\", \"path\": \"a.py\", \"count\": 1}]}")
        == ".llmlint-baseline.json:3: invalid baseline: finding without 'rule' (expected keys: call, count, path, rule)"
        + tail)
    #expect(
      problem("{\"version\": 1, \"findings\": [{\"call\": \"x\", \"path\": \"a.py\", \"rule\": \"r\", \"count\": 0}]}")
        == ".llmlint-baseline.json:1: invalid baseline: 'count' must be a whole number of at least 1" + tail)
    #expect(
      problem("{\"version\": 1, \"findings\": [{\"call\": 3, \"path\": \"a.py\", \"rule\": \"r\", \"count\": 1}]}")
        == ".llmlint-baseline.json:1: invalid baseline: 'call' must be a string" + tail)
    #expect(problem("{\"a\": \"\\q\"}") == ".llmlint-baseline.json:1:8: invalid baseline: invalid escape '\\q'" + tail)
  }

  /// Issue 12, item 3: two counts for one key that add up past `Int.max` trapped (SIGILL).
  @Test func countsThatOverflowWhenAddedAreAnInvalidBaseline() {
    let entry = { (count: String) in "{\"call\": \"c\", \"count\": \(count), \"path\": \"a.py\", \"rule\": \"r\"}" }
    let text = "{\"version\": 1, \"findings\": [\n\(entry("9223372036854775807")),\n\(entry("1"))]}"
    #expect(throws: Problem.self) { _ = try Baseline.parse(Array(text.utf8), path: "b.json") }
    do {
      _ = try Baseline.parse(Array(text.utf8), path: "b.json")
    } catch {
      #expect(
        error.description
          == "b.json:3: invalid baseline: the counts of the findings for this path, rule and call add up to more than "
          + "9223372036854775807; the baseline is ignored for this run")
    }
    let merged = Baseline(entries: [
      .init(path: "a.py", rule: "r", call: "c", count: Int.max), .init(path: "a.py", rule: "r", call: "c", count: 1),
    ])
    #expect(merged.entries.map(\.count) == [Int.max])
  }

  @Test func readerNeverTrapsOnHostileBytes() {
    let inputs: [[UInt8]] = [
      [0xFF, 0xFE, 0x00], Array(repeating: UInt8(ascii: "["), count: 10_000), Array("{\"a\": \"\\ud800\"}".utf8),
      Array("{\"a\": 1e999999}".utf8), Array("{\"a\": 99999999999999999999999}".utf8), Array("\u{FEFF}{}".utf8),
      Array("{\"a\": \"\\u00".utf8),
    ]
    for input in inputs {
      #expect(throws: Problem.self) { _ = try Baseline.parse(input, path: "b.json") }
    }
  }
}
