import Foundation
import Testing

@testable import LLMLintCore

/// `llmlint coverage`, `llmlint explain` and `--verbose`, through the built binary on temporary trees and
/// git repositories.
@Suite struct CoverageCommandTests {
  typealias Run = CLIEndToEndTests.Run

  static let tree = [
    "services/billing/pay.py": """
    from openai import OpenAI
    client = OpenAI()

    def charge(tracker):
        with tracker.track_llm_call(provider="openai"):
            return client.chat.completions.create(model="m")

    client.embeddings.create(model="m", input="x")
    client.chat.completions.create(model="m")  # llmlint: ignore[openai-chat-completions] smoke test

    """,
    "services/search/find.py": """
    def ask(client):
        return client.chat.completions.create(model="m")

    def job(tracker, client):
        with tracker.track_llm_call(provider="openai"):
            ask(client)

    """,
    "tools/cli.py": "import anthropic\nanthropic.Anthropic().messages.create(model=\"m\")\n",
    "tools/notes.py": "print('no call here')\nx = foo.messages.create(1)\n",
  ]

  static func run(_ arguments: [String], _ files: [String: String] = tree) throws -> Run {
    let root = try CLIEndToEndTests.temporaryTree(files)
    defer { try? FileManager.default.removeItem(at: root) }
    return try CLIEndToEndTests.run(arguments + ["--no-cache"], in: root)
  }

  @Test func textTableListsEverySite() throws {
    let run = try Self.run(["coverage", "--by-dir", "1"])
    #expect(run.status == 0)
    #expect(
      run.stdout == """
        llmlint coverage: 5 call sites, 2 tracked, 2 untracked, 1 suppressed, 0 in baseline: 40.0% tracked

        directory  sites  tracked  untracked  suppressed  baselined  coverage
        services       4        2          1           1          0     50.0%
        tools          1        0          1           0          0      0.0%

        provider   sites  tracked  untracked  suppressed  baselined  coverage
        anthropic      1        0          1           0          0      0.0%
        openai         4        2          1           1          0     50.0%

        rule                     sites  tracked  untracked  suppressed  baselined  coverage
        anthropic-messages           1        0          1           0          0      0.0%
        openai-chat-completions      3        2          0           1          0     66.6%
        openai-embeddings            1        0          1           0          0      0.0%

        untracked:
          services/billing/pay.py:8:19: openai-embeddings (openai)
          tools/cli.py:2:32: anthropic-messages (anthropic)

        tracked by:
          context  1
          helper   1

        """)
    #expect(run.stderr.hasPrefix("llmlint: coverage 40.0% (2 of 5 call sites tracked) in 4 files, "), "\(run.stderr)")
    #expect(run.stderr.hasSuffix("; exit status 0 (advisory)\n"), "\(run.stderr)")
  }

  /// The untracked sites of `coverage --format json` are the findings of `llmlint --format json`, and two
  /// runs print the same bytes.
  @Test func jsonUntrackedSitesAreTheScansFindings() throws {
    let root = try CLIEndToEndTests.temporaryTree(Self.tree)
    defer { try? FileManager.default.removeItem(at: root) }
    let first = try CLIEndToEndTests.run(["coverage", "--format", "json", "--no-cache"], in: root)
    let second = try CLIEndToEndTests.run(["coverage", "--format", "json", "--no-cache"], in: root)
    #expect(first.stdout == second.stdout)
    let scan = try CLIEndToEndTests.run(["--format", "json", "--no-cache"], in: root)
    let object = try #require(try JSONSerialization.jsonObject(with: Data(first.stdout.utf8)) as? [String: Any])
    let sites = try #require(object["sites"] as? [[String: Any]])
    let findings = try #require(try JSONSerialization.jsonObject(with: Data(scan.stdout.utf8)) as? [[String: Any]])
    func key(_ item: [String: Any]) -> String {
      "\(item["path"] as? String ?? ""):\(item["line"] as? Int ?? 0):\(item["column"] as? Int ?? 0) \(item["rule"] as? String ?? "")"
    }
    #expect(sites.filter { $0["status"] as? String == "untracked" }.map(key) == findings.map(key))
    #expect(sites.count == 5)
    let summary = try #require(object["summary"] as? [String: Any])
    #expect(summary["coverage"] as? Double == 40.0)
  }

  @Test func markdownIsASummary() throws {
    let run = try Self.run(["coverage", "--format", "markdown", "-q"])
    #expect(run.status == 0)
    #expect(run.stdout.hasPrefix("## llmlint tracking coverage\n\n**40.0%** of 5 LLM call sites are tracked"))
    #expect(run.stdout.contains("| openai | 4 | 2 | 1 | 1 | 0 | 50.0% |\n"))
    #expect(run.stderr.isEmpty)
  }

  @Test(arguments: [
    ([String](["--min-coverage", "50"]), Int32(0)), (["--min-coverage", "50", "--strict"], Int32(1)),
    (["--min-coverage", "40", "--strict"], Int32(0)), (["--strict"], Int32(0)),
  ])
  func minimumCoverageGatesOnlyWithStrict(_ options: [String], _ status: Int32) throws {
    let run = try Self.run(["coverage"] + options)
    #expect(run.status == status, "\(options): \(run.stderr)")
    #expect(run.stderr.contains("below --min-coverage 50%") == options.contains("50"), "\(run.stderr)")
  }

  @Test func baselinedSitesGetTheirOwnColumn() throws {
    let root = try CLIEndToEndTests.temporaryTree(Self.tree)
    defer { try? FileManager.default.removeItem(at: root) }
    let write = try CLIEndToEndTests.run(["--write-baseline", "b.json", "--no-cache", "tools"], in: root)
    #expect(write.status == 0)
    let run = try CLIEndToEndTests.run(["coverage", "--baseline", "b.json", "--no-cache"], in: root)
    #expect(run.stdout.hasPrefix("llmlint coverage: 5 call sites, 2 tracked, 1 untracked, 1 suppressed, 1 in baseline"))
    #expect(!run.stdout.contains("tools/cli.py:2:32"))
    let explain = try CLIEndToEndTests.run(
      ["explain", "tools/cli.py:2", "--baseline", "b.json", "--no-cache"], in: root)
    #expect(explain.stdout.contains("  status: baselined\n  why: accepted by the baseline"), "\(explain.stdout)")
  }

  @Test func stagedCoverageReadsTheIndex() throws {
    let sandbox = try GitSandbox()
    try sandbox.stage("a.py", "client.chat.completions.create(model=\"m\")\n")
    try sandbox.write(
      "a.py", "with t.track_llm_call(provider=\"p\"):\n    client.chat.completions.create(model=\"m\")\n")
    let staged = try sandbox.llmlint(["coverage", "--staged", "--no-cache", "-q"])
    #expect(staged.stdout.hasPrefix("llmlint coverage: 1 call site, 0 tracked, 1 untracked"), "\(staged.stdout)")
    let disk = try sandbox.llmlint(["coverage", "--no-cache", "-q", "a.py"])
    #expect(disk.stdout.hasPrefix("llmlint coverage: 1 call site, 1 tracked, 0 untracked"), "\(disk.stdout)")
  }

  // MARK: - explain

  @Test(arguments: [
    (
      "services/billing/pay.py:6",
      "  status: tracked\n  why: tracked: inside the tracked context at services/billing/pay.py:5\n"
    ),
    (
      "services/search/find.py:2",
      "  status: tracked\n  why: tracked: every caller of its function is tracked; it is reached from "
        + "services/search/find.py:6 (in a tracked context)\n"
    ),
    ("services/billing/pay.py:8", "  status: untracked\n  why: untracked: no tracked context"),
    ("services/billing/pay.py:9", "  status: suppressed\n  why: suppressed by an llmlint comment: smoke test\n"),
  ])
  func explainSaysWhy(_ target: String, _ expected: String) throws {
    let run = try Self.run(["explain", target])
    #expect(run.status == 0)
    #expect(run.stdout.contains(expected), "\(run.stdout)")
    #expect(run.stdout.hasPrefix(target + ":"), "\(run.stdout)")
  }

  @Test func explainShowsRuleAndPattern() throws {
    let run = try Self.run(["explain", "services/billing/pay.py:8"])
    #expect(
      run.stdout.hasPrefix(
        """
        services/billing/pay.py:8:19: client.embeddings.create
          rule: openai-embeddings (provider openai), from built-in rules.yml:
        """), "\(run.stdout)")
    #expect(run.stdout.contains("\n  pattern: *.embeddings.create\n"), "\(run.stdout)")
    #expect(
      run.stdout.contains("\n  receiver: client, bound in the file to openai.OpenAI(…) (imported)\n"), "\(run.stdout)")
  }

  @Test func explainALineWithoutACall() throws {
    let near = try Self.run(["explain", "tools/notes.py:2"])
    #expect(
      near.stdout.hasPrefix(
        "tools/notes.py:2: no LLM call recognised on this line\n"
          + "  closest rule: anthropic-messages (*.messages.create), which needs an import of anthropic\n"),
      "\(near.stdout)")
    let none = try Self.run(["explain", "tools/notes.py:1"])
    #expect(
      none.stdout == "tools/notes.py:1: no LLM call recognised on this line\n  no rule names a function called on it\n")
    let past = try Self.run(["explain", "tools/notes.py:40"])
    #expect(past.stdout == "tools/notes.py:40: the file has 3 lines\n")
    let other = try Self.run(["explain", "README.md:1"], Self.tree.merging(["README.md": "x\n"]) { $1 })
    #expect(other.stdout.hasPrefix("README.md was not scanned"), "\(other.stdout)")
    let missing = try Self.run(["explain", "nope.py:1"])
    #expect(missing.status == 0)
    #expect(missing.stderr.contains("nope.py"), "\(missing.stderr)")
  }

  // MARK: - --verbose

  @Test func verboseGivesTheReasonAfterEachFinding() throws {
    let run = try Self.run(["--verbose", "services"])
    let lines = run.stdout.split(separator: "\n").map(String.init)
    #expect(lines.count == 2, "\(run.stdout)")
    #expect(lines.first?.hasPrefix("services/billing/pay.py:8:19: warning: ") == true)
    #expect(lines.last?.hasPrefix("  why: untracked: no tracked context") == true)
    let plain = try Self.run(["services"])
    #expect(plain.stdout.split(separator: "\n").count == 1)
  }
}
