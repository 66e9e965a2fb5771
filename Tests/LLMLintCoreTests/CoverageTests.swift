import Foundation
import Testing

@testable import LLMLintCore

/// The coverage inventory: each verdict kind with its reason, the project fixtures' sites exactly, and the
/// agreement of `coverage`'s untracked sites with a scan's findings on every fixture and on random trees.
@Suite struct CoverageTests {
  /// The built-in rules plus `config` (a `.llmlint.yml` text).
  static func ruleSet(_ config: String) -> RuleSet {
    var builder = Builder()
    _ = builder.apply(bytes: ConfigLoader.builtInBytes, file: nil, isUser: false)
    let problems = builder.apply(bytes: Array(config.utf8), file: ".llmlint.yml", isUser: true)
    precondition(problems.isEmpty, "\(problems)")
    return builder.ruleSet()
  }

  /// The coverage of `files` scanned as one project.
  static func coverage(_ files: [SourceFile], ruleSet: RuleSet = TestSupport.builtIn, depth: Int? = nil) -> Coverage {
    let linter = Linter(ruleSet: ruleSet)
    return Coverage(Scan.runProject(count: files.count, linter: linter) { .file(files[$0]) }, directoryDepth: depth)
  }

  static func python(_ path: String, _ text: String) -> SourceFile {
    SourceFile(path: path, language: .python, bytes: Array(text.utf8))
  }

  /// `line status kind@at via` per site, for exact comparisons.
  static func describe(_ coverage: Coverage) -> [String] {
    coverage.sites.map { site in
      var text = "\(site.path):\(site.line) \(site.status.rawValue)"
      if let tracked = site.trackedBy {
        text += " \(tracked.kind.rawValue)@\(tracked.at)"
        if !tracked.via.isEmpty { text += " via " + tracked.via.joined(separator: ",") }
      }
      return text
    }
  }

  // MARK: - Each kind of verdict

  @Test func contextAndDecoratorNameTheirLine() {
    let file = Self.python(
      "a.py",
      """
      from openai import OpenAI
      client = OpenAI()
      async def f(tracker):
          async with tracker.track_llm_call(provider="openai"):
              client.chat.completions.create(model="m")

      @track_llm_call(provider="openai")
      def g():
          return client.embeddings.create(model="m", input="x")

      client.chat.completions.create(model="m")

      """)
    #expect(
      Self.describe(Self.coverage([file])) == [
        "a.py:5 tracked context@a.py:4", "a.py:9 tracked decorator@a.py:7", "a.py:11 untracked",
      ])
  }

  @Test func swiftClosureIsAContext() {
    let file = SourceFile(
      path: "Chat.swift", language: .swift,
      bytes: Array(
        """
        import OpenAI
        func ask() async throws {
          try await trackLLMCall(provider: "openai") {
            try await openAI.chats(query: q)
          }
        }

        """.utf8))
    #expect(Self.describe(Self.coverage([file])) == ["Chat.swift:4 tracked context@Chat.swift:3"])
  }

  @Test func configuredFunctionsImportsRecordersAndPaths() {
    let rules = Self.ruleSet(
      """
      tracked:
        python:
          functions: [call_with_usage]
          imports: [langfuse.openai]
        paths: [vendor/tracked/]

      """)
    let files = [
      Self.python(
        "app.py",
        """
        from langfuse.openai import OpenAI
        import openai
        def call_with_usage(client):
            return client.chat.completions.create(model="m")

        def record(client):
            resp = client.chat.completions.create(model="m")
            record_llm_usage(usage=resp.usage)

        OpenAI().chat.completions.create(model="m")
        openai.OpenAI().chat.completions.create(model="m")

        """),
      Self.python("vendor/tracked/lib.py", "client.chat.completions.create(model=\"m\")\n"),
    ]
    #expect(
      Self.describe(Self.coverage(files, ruleSet: rules)) == [
        "app.py:4 tracked function@app.py:3", "app.py:7 tracked recorder@app.py:8", "app.py:10 tracked import@app.py:1",
        "app.py:11 untracked", "vendor/tracked/lib.py:1 tracked path@.llmlint.yml:5",
      ])
  }

  @Test func helperNamesTheRouteToTheTrackedCaller() {
    let files = [
      Self.python(
        "llm.py",
        """
        def ask(client):
            return client.chat.completions.create(model="m")

        def relay(client):
            return ask(client)

        """),
      Self.python(
        "jobs.py",
        """
        from llm import relay
        def job(tracker, client):
            with tracker.track_llm_call(provider="openai"):
                relay(client)

        """),
    ]
    #expect(Self.describe(Self.coverage(files)) == ["llm.py:2 tracked helper@jobs.py:4 via llm.py:5"])
  }

  @Test func liteLLMCallbackCoversLiteLLMCalls() throws {
    let files = try ProjectFixtureTests.sources("litellm_callback")
    let coverage = Self.coverage(files)
    let callback = coverage.sites.filter { $0.trackedBy?.kind == .callback }
    #expect(callback.count == 4)
    #expect(callback.allSatisfy { $0.trackedBy?.at == "callbacks.py:7" })
  }

  // MARK: - Agreement with the scan

  /// On every project fixture: the untracked sites are exactly the findings of linting with every file's
  /// facts gathered first (an independent path to the same verdicts).
  @Test(arguments: ProjectFixtureTests.projects) func untrackedSitesAreExactlyTheFindings(_ name: String) throws {
    let files = try ProjectFixtureTests.sources(name)
    let coverage = Self.coverage(files)
    let findings = try ProjectFixtureTests.lint(name).flatMap(\.1).filter {
      !Coverage.nonCallRules.contains($0.ruleID)
    }
    let untracked = coverage.sites.filter { $0.status == .untracked }.map(\.finding)
    #expect(untracked == findings.sorted(by: Finding.ordered), "\(name)")
  }

  /// The project fixtures' sites, statuses and reasons, exactly (golden JSON per project).
  @Test(arguments: ProjectFixtureTests.projects) func projectSitesAreExactlyTheGoldenOnes(_ name: String) throws {
    let files = try ProjectFixtureTests.sources(name)
    assertSnapshot(CoverageJSONReporter().render(Self.coverage(files)), named: "coverage-\(name).json")
  }

  /// Seeded random projects of helpers, tracked and untracked callers, suppressions: the untracked sites
  /// are the scan's findings, and suppressing sites moves them to the suppressed column without losing any.
  @Test(arguments: 0..<12) func randomTreesAgree(_ seed: Int) {
    var random = SplitMix64(seed: UInt64(seed) &* 0x9E37_79B9 &+ 7)
    var files: [SourceFile] = []
    var suppressedFiles: [SourceFile] = []
    let fileCount = 2 + Int(random.next() % 5)
    for index in 0..<fileCount {
      var lines: [String] = []
      var suppressed: [String] = []
      for function in 0..<(1 + Int(random.next() % 4)) {
        lines.append("def f\(index)_\(function)(client, tracker):")
        suppressed.append(lines.last!)
        for _ in 0..<(1 + Int(random.next() % 3)) {
          let callee = "f\(random.next() % UInt64(fileCount))_\(random.next() % 3)(client, tracker)"
          let statement: [String]
          switch random.next() % 4 {
          case 0: statement = ["    client.chat.completions.create(model=\"m\")"]
          case 1: statement = ["    with tracker.track_llm_call(provider=\"p\"):", "        \(callee)"]
          case 2:
            statement = [
              "    with tracker.track_llm_call(provider=\"p\"):", "        client.embeddings.create(model=\"m\")",
            ]
          default: statement = ["    \(callee)"]
          }
          lines += statement
          suppressed += statement.map { line in
            line.hasSuffix(".create(model=\"m\")")
              ? line + "  # llmlint: ignore[openai-chat-completions, openai-embeddings]" : line
          }
        }
      }
      let imports = (0..<fileCount).filter { $0 != index }.map { "from m\($0) import *" }
      files.append(Self.python("m\(index).py", (imports + lines).joined(separator: "\n") + "\n"))
      suppressedFiles.append(Self.python("m\(index).py", (imports + suppressed).joined(separator: "\n") + "\n"))
    }
    let everything = Linter(
      ruleSet: TestSupport.builtIn, facts: ProjectFacts.gather(sources: files, ruleSet: TestSupport.builtIn))
    let findings = files.flatMap { everything.lint($0) }.sorted(by: Finding.ordered)
    let coverage = Self.coverage(files)
    #expect(coverage.sites.filter { $0.status == .untracked }.map(\.finding) == findings, "seed \(seed)")
    let hidden = Self.coverage(suppressedFiles)
    // A comment hides a call before the call graph judges it, so a call in a helper tracked through its
    // callers moves from tracked to suppressed; untracked ones all move; none disappears.
    #expect(hidden.summary.sites == coverage.summary.sites, "seed \(seed)")
    #expect(hidden.summary.untracked == 0, "seed \(seed)")
    #expect(hidden.summary.suppressed >= coverage.summary.untracked, "seed \(seed)")
    #expect(
      hidden.summary.tracked + hidden.summary.suppressed == coverage.summary.tracked + coverage.summary.untracked,
      "seed \(seed)")
    let contexts = coverage.sites.filter { $0.trackedBy?.kind == .context }.count
    #expect(hidden.sites.filter { $0.trackedBy?.kind == .context }.count == contexts, "seed \(seed)")
  }

  @Test func baselinedSitesMoveColumns() throws {
    let file = Self.python(
      "a.py", "client.chat.completions.create(model=\"m\")\nclient.embeddings.create(model=\"m\")\n")
    var result = Scan.runProject(count: 1, linter: TestSupport.linter) { _ in .file(file) }
    let before = Coverage(result)
    #expect(before.summary.untracked == 2)
    let paths = BaselinePaths(currentDirectory: "/r", base: "/r")
    let baseline = Baseline(findings: [result.findings[0]], paths: paths)
    let split = baseline.split(result.findings, paths: paths, source: "b.json")
    result.findings = split.new
    result.suppressed += split.known
    let after = Coverage(result)
    #expect(after.summary.sites == 2)
    #expect(after.summary.baselined == 1)
    #expect(after.summary.untracked == 1)
    #expect(after.sites.map(\.status) == [.baselined, .untracked])
  }

  // MARK: - Counting

  @Test func countsByDirectoryProviderAndRule() {
    let files = [
      Self.python("services/billing/a.py", "client.chat.completions.create(model=\"m\")\n"),
      Self.python(
        "services/search/b.py",
        "with t.track_llm_call(provider=\"p\"):\n    client.chat.completions.create(model=\"m\")\n"),
      Self.python("top.py", "import anthropic\nanthropic.Anthropic().messages.create(model=\"m\")\n"),
    ]
    let one = Self.coverage(files, depth: 1)
    #expect(
      one.byDirectory?.map { "\($0.key) \($0.counts.sites) \($0.counts.percent)" } == [". 1 0.0", "services 2 50.0"])
    let two = Self.coverage(files, depth: 2)
    #expect(
      two.byDirectory?.map(\.key) == [".", "services/billing", "services/search"])
    #expect(
      one.byProvider.map { "\($0.key) \($0.counts.tracked)/\($0.counts.sites)" } == ["anthropic 0/1", "openai 1/2"])
    #expect(one.byRule.map(\.key) == ["anthropic-messages", "openai-chat-completions"])
    #expect(one.mechanisms.map { "\($0.kind.rawValue) \($0.count)" } == ["context 1"])
    #expect(one.summary.percent == "33.3")
    #expect(one.summary.isBelow(33.4))
    #expect(!one.summary.isBelow(33.3))
  }

  @Test func percentRoundsDownAndAnEmptyInventoryIsCovered() {
    var counts = Coverage.Counts()
    #expect(counts.percent == "100.0")
    #expect(!counts.isBelow(100))
    for _ in 0..<1999 { counts.add(.tracked) }
    counts.add(.untracked)
    #expect(counts.percent == "99.9")
    #expect(counts.isBelow(100))
  }

  @Test(arguments: [
    ("a.py", 1, "."), ("./x/a.py", 1, "x"), ("x/y/z/a.py", 2, "x/y"), ("x/a.py", 3, "x"), ("/abs/p/a.py", 1, "abs"),
  ])
  func directoryComponents(_ path: String, _ depth: Int, _ expected: String) {
    #expect(Coverage.directory(of: path, depth: depth) == expected)
  }

  // MARK: - Reporters

  static func sample() -> Coverage {
    var files = [
      Self.python(
        "svc/a.py",
        """
        def ask(client):
            return client.chat.completions.create(model="m")

        def job(tracker, client):
            with tracker.track_llm_call(provider="openai"):
                ask(client)

        client.embeddings.create(model="m")  # llmlint: ignore[openai-embeddings] batch job, tracked upstream
        client.chat.completions.create(model="m")

        """)
    ]
    files.append(Self.python("web/b|c.py", "import anthropic\nanthropic.Anthropic().messages.create(model=\"m\")\n"))
    return Self.coverage(files, depth: 1)
  }

  @Test(arguments: CoverageFormat.allCases) func everyFormatMatchesItsGoldenFile(_ format: CoverageFormat) {
    let name = "coverage.\(format == .markdown ? "md" : format == .json ? "json" : "txt")"
    assertSnapshot(format.render(Self.sample()), named: name)
  }

  @Test func jsonIsValidAndStable() throws {
    let first = CoverageJSONReporter().render(Self.sample())
    #expect(first == CoverageJSONReporter().render(Self.sample()))
    let object = try #require(try JSONSerialization.jsonObject(with: Data(first.utf8)) as? [String: Any])
    let sites = try #require(object["sites"] as? [[String: Any]])
    #expect(sites.count == 4)
    let tracked = try #require(sites.first { $0["status"] as? String == "tracked" })
    let by = try #require(tracked["tracked_by"] as? [String: Any])
    #expect(by["kind"] as? String == "helper")
    #expect(by["at"] as? String == "svc/a.py:6")
    #expect(by["via"] as? [String] == [])
  }

  @Test func emptyInventoryRendersASummaryOnly() {
    let empty = Coverage(ScanResult())
    #expect(
      CoverageTextReporter().render(empty)
        == "llmlint coverage: 0 call sites, 0 tracked, 0 untracked, 0 suppressed, 0 in baseline: 100.0% tracked\n")
    #expect(CoverageJSONReporter().render(empty).contains("\"sites\": []"))
  }

  // MARK: - Explanations

  @Test func receiversAreDescribed() {
    let source = """
      from openai import OpenAI
      from litellm import completion as ask
      client = OpenAI()
      client.chat.completions.create(model="m")
      OpenAI().chat.completions.create(model="m")
      ask(model="m")
      get_client().chat.completions.create(model="m")
      clients[0].chat.completions.create(model="m")
      (a or b).chat.completions.create(model="m")
      class A:
          def create(self):
              return self.chat.completions.create(model="m")

      """
    let analysis = TestSupport.linter.analysis(Self.python("a.py", source), describingReceivers: true)
    let notes = analysis.result.findings.map { analysis.receiverNotes[$0.startOffset] ?? "-" }
    #expect(
      notes == [
        "client, bound in the file to openai.OpenAI(…) (imported)",
        "made in the chain by a call or subscript of openai.OpenAI (imported)",
        "the name is imported from litellm.completion", "made in the chain by a call or subscript of get_client",
        "made in the chain by a call or subscript of clients", "not followed (the pattern takes any receiver)",
        "self: the code's own object",
      ])
    #expect(TestSupport.linter.analysis(Self.python("a.py", source)).receiverNotes.isEmpty)
  }

  @Test func explainerSaysWhyForEachStatus() {
    let explainer = VerdictExplainer(rules: TestSupport.builtIn.rules)
    let coverage = Self.sample()
    let reasons = coverage.sites.map { explainer.reason($0.finding) }
    #expect(
      reasons == [
        "tracked: every caller of its function is tracked; it is reached from svc/a.py:6 (in a tracked context)",
        "suppressed by an llmlint comment: batch job, tracked upstream",
        "untracked: no tracked context, tracked function, usage recorder, tracked import or path covers it",
        "untracked: no tracked context, tracked function, usage recorder, tracked import or path covers it",
      ])
    #expect(
      explainer.nearMisses(callees: ["foo.messages.create", "print"], language: .python) == [
        "closest rule: anthropic-messages (*.messages.create), which needs an import of anthropic",
        "closest rule: instructor-client (*.messages.create), which needs an import of instructor, on a receiver made by "
          + "instructor.from_* or instructor.patch or instructor.apatch or instructor.Instructor or instructor.AsyncInstructor",
      ])
    #expect(explainer.nearMisses(callees: ["print", "os.path.join"], language: .python).isEmpty)
  }
}
