import Foundation
import Testing

/// `--select` / `--extend-select` / `--ignore`, per-path settings in `.llmlint.yml`, and a config whose bad
/// entries are skipped while the rest applies; run with the built binary in temporary repositories.
@Suite struct RuleSelectionTests {
  /// One call per rule, each line stating the rule it must give (`# expect: RULE`).
  static let calls = """
    import openai
    import anthropic

    a = client.chat.completions.create(model="m")  # expect: openai-chat-completions
    b = client.embeddings.create(input="x")  # expect: openai-embeddings
    c = client.images.generate(prompt="p")  # expect: openai-images
    d = anthropic_client.messages.create(model="m")  # expect: anthropic-messages

    """

  /// `path:line rule` of each finding of a text run.
  static func findings(_ stdout: String) -> [String] {
    stdout.split(separator: "\n").map { line in
      let parts = line.split(separator: ":", maxSplits: 3)
      let rule = line.split(separator: "[").last.map { String($0.dropLast()) } ?? ""
      return "\(parts[0]):\(parts[1]) \(rule)"
    }
  }

  static func sandbox(config: String? = nil) throws -> GitSandbox {
    let sandbox = try GitSandbox()
    try sandbox.write("app/a.py", calls)
    if let config { try sandbox.write(".llmlint.yml", config) }
    return sandbox
  }

  static let all = [
    "app/a.py:4 openai-chat-completions", "app/a.py:5 openai-embeddings", "app/a.py:6 openai-images",
    "app/a.py:7 anthropic-messages",
  ]

  @Test func theFixtureStatesEveryFinding() throws {
    let sandbox = try Self.sandbox()
    let run = try sandbox.llmlint(["-q", "app"])
    #expect(Self.findings(run.stdout) == Self.all)
    // Each line's `# expect:` names the rule its finding has.
    for (index, line) in Self.calls.split(separator: "\n", omittingEmptySubsequences: false).enumerated()
    where line.contains("# expect: ") {
      let rule = String(line.split(separator: "# expect: ").last!)
      #expect(Self.findings(run.stdout).contains("app/a.py:\(index + 1) \(rule)"))
    }
  }

  // MARK: - The command line

  @Test(arguments: [
    (["--select", "openai-chat-completions"], [0]),
    (["--select", "anthropic"], [3]),
    (["--select", "openai-images,anthropic-messages"], [2, 3]),
    (["--select", "openai-images", "--select", "anthropic"], [2, 3]),
    (["--select=openai"], [0, 1, 2]),
    (["--select", "ALL", "--ignore", "openai"], [3]),
    (["--ignore", "openai-embeddings, openai-images"], [0, 3]),
    (["--ignore", "openai-chat"], [1, 2, 3]),
    (["--select", "openai-chat-completions", "--extend-select", "anthropic"], [0, 3]),
    (["--select", "anthropic", "--ignore", "anthropic-messages"], []),
    (["--extend-select", "openai-embeddings"], [0, 1, 2, 3]),
  ])
  func selectorsPickRulesByIdProviderOrPrefix(_ arguments: [String], _ expected: [Int]) throws {
    let sandbox = try Self.sandbox()
    let run = try sandbox.llmlint(["-q"] + arguments + ["app"])
    #expect(run.status == 0, "\(run.stderr)")
    #expect(Self.findings(run.stdout) == expected.map { Self.all[$0] }, "\(arguments)")
  }

  @Test func selectTurnsOnWhatTheConfigDisabledAndIgnoreWinsLast() throws {
    let sandbox = try Self.sandbox(config: "disable: [openai-images, anthropic-messages]\n")
    #expect(Self.findings(try sandbox.llmlint(["-q", "app"]).stdout) == [Self.all[0], Self.all[1]])
    let selected = try sandbox.llmlint(["-q", "--select", "openai-images", "app"])
    #expect(Self.findings(selected.stdout) == [Self.all[2]])
    let extended = try sandbox.llmlint(["-q", "--extend-select", "anthropic", "app"])
    #expect(Self.findings(extended.stdout) == [Self.all[0], Self.all[1], Self.all[3]])
    let ignored = try sandbox.llmlint(["-q", "--extend-select", "anthropic", "--ignore", "anthropic", "app"])
    #expect(Self.findings(ignored.stdout) == [Self.all[0], Self.all[1]])
    // `rules` shows the selection.
    let rules = try sandbox.llmlint(["rules", "--select", "openai-images"])
    #expect(rules.stdout.contains("openai-images"))
    #expect(!rules.stdout.contains("openai-chat-completions  warning"), "\(rules.stdout)")
  }

  @Test func aRuleOfTheUsersConfigIsASelector() throws {
    let config = """
      rules:
        - id: internal-gateway
          provider: internal
          languages: [python]
          message: Internal gateway call outside a tracked context
          patterns: ["*.gateway.generate"]

      """
    let sandbox = try Self.sandbox()
    try sandbox.write("svc/.llmlint.yml", config)
    try sandbox.write("svc/b.py", "r = self.gateway.generate(p)\nx = client.chat.completions.create(model=\"m\")\n")
    let run = try sandbox.llmlint(["-q", "--select", "internal", "svc"])
    #expect(run.status == 0, "\(run.stderr)")
    #expect(Self.findings(run.stdout) == ["svc/b.py:1 internal-gateway"])
    let ignored = try sandbox.llmlint(["-q", "--ignore", "internal-gateway", "svc"])
    #expect(Self.findings(ignored.stdout) == ["svc/b.py:2 openai-chat-completions"])
  }

  @Test(arguments: [
    (
      ["--select", "opnai"],
      "unknown rule selector 'opnai' (option '--select'; a rule id, a provider or an id prefix); did you mean 'openai'?"
    ),
    (
      ["--ignore", "openai-chat-completion"],
      "unknown rule selector 'openai-chat-completion' (option '--ignore'; a rule id, a provider or an id prefix); did you mean 'openai-chat-completions'?"
    ),
    (
      ["--extend-select", "openai-ch"],
      "unknown rule selector 'openai-ch' (option '--extend-select'; a rule id, a provider or an id prefix)"
    ),
    (
      ["--select", "zzzzzzzzzzzz"],
      "unknown rule selector 'zzzzzzzzzzzz' (option '--select'; a rule id, a provider or an id prefix)"
    ),
    (
      ["--select", "openai,,anthropic"],
      "option '--select' needs rule ids, providers or prefixes, comma-separated (got 'openai,,anthropic')"
    ),
    (["--ignore="], "option '--ignore' needs rule ids, providers or prefixes, comma-separated (got '')"),
    (["--select"], "option '--select' needs a value (rule ids, providers or id prefixes, comma-separated)"),
  ])
  func unknownSelectorsAreUsageErrors(_ arguments: [String], _ message: String) throws {
    let sandbox = try Self.sandbox()
    for command in [[], ["rules"]] {
      let run = try sandbox.llmlint(command + arguments)
      #expect(run.status == 2)
      #expect(run.stdout == "")
      #expect(run.stderr == "llmlint: error: \(message)\nRun 'llmlint --help' for usage.\n")
    }
  }

  // MARK: - Per-path settings

  @Test(arguments: [
    "per-path:\n  \"tests/**\":\n    disable: [openai-chat-completions, anthropic]\n",
    "per-file-ignores:\n  \"tests/**\": [openai-chat-completions, anthropic]\n",
  ])
  func perPathSettingsSilenceRulesUnderAGlobOnly(_ config: String) throws {
    let sandbox = try Self.sandbox(config: config)
    try sandbox.write("tests/test_a.py", Self.calls)
    try sandbox.write("tests/unit/test_b.py", Self.calls)
    let run = try sandbox.llmlint(["-q", "."])
    #expect(run.stderr == "", "\(run.stderr)")
    let tests = [
      "tests/test_a.py:5 openai-embeddings", "tests/test_a.py:6 openai-images",
      "tests/unit/test_b.py:5 openai-embeddings", "tests/unit/test_b.py:6 openai-images",
    ]
    #expect(Self.findings(run.stdout) == Self.all + tests)
    // Relative to the config's directory, from a subdirectory too.
    let below = try sandbox.llmlint(["-q", "."], in: sandbox.root + "/tests")
    #expect(
      Self.findings(below.stdout) == [
        "test_a.py:5 openai-embeddings", "test_a.py:6 openai-images", "unit/test_b.py:5 openai-embeddings",
        "unit/test_b.py:6 openai-images",
      ])
    // Named files and staged content get the same settings.
    #expect(Self.findings(try sandbox.llmlint(["-q", "tests/test_a.py"]).stdout) == Array(tests[0..<2]))
    try sandbox.git(["add", "-A"])
    #expect(Self.findings(try sandbox.llmlint(["-q", "--staged"]).stdout) == Self.all + tests)
  }

  @Test func aSuppressionOfARuleTurnedOffForThePathIsNotUnused() throws {
    let sandbox = try Self.sandbox(config: "per-file-ignores:\n  \"tests/*.py\": [openai-chat-completions]\n")
    try sandbox.write(
      "tests/t.py", "x = client.chat.completions.create(model=\"m\")  # llmlint: ignore[openai-chat-completions] mock\n"
    )
    let run = try sandbox.llmlint(["-q", "--show-suppressed", "tests"])
    #expect(run.stdout == "")
  }

  @Test func badPerPathEntriesAreSkippedAndTheRestApplies() throws {
    let config = """
      per-path:
        "tests/[x":
          disable: [openai]
        "tests/**":
          disable: [opnai, openai-images]
          enable: [anthropic]
        "docs/**": [openai]

      """
    let sandbox = try Self.sandbox(config: config)
    try sandbox.write("tests/t.py", Self.calls)
    let run = try sandbox.llmlint(["-q", "tests"])
    #expect(
      run.stderr == """
        llmlint: .llmlint.yml:2:3: invalid pattern 'tests/[x': unterminated '[' (expected ']')
        llmlint: .llmlint.yml:6:5: unknown key 'enable' (expected: disable)
        llmlint: .llmlint.yml:5:15: 'opnai' names no rule, provider or rule-id prefix (did you mean 'openai'?)
        llmlint: .llmlint.yml:7:14: expected a map, found a list
        llmlint: .llmlint.yml: 4 errors: their entries skipped; the rest of this config applies

        """)
    #expect(
      Self.findings(run.stdout) == [
        "tests/t.py:4 openai-chat-completions", "tests/t.py:5 openai-embeddings", "tests/t.py:7 anthropic-messages",
      ])
  }

  // MARK: - A config with bad entries keeps its valid parts

  @Test func aConfigWithBadEntriesKeepsItsValidParts() throws {
    let config = """
      exclude: ["generated/**", "[bad"]
      disable: [openai-images, openai-imagez]
      severity:
        openai-embeddings: error
        anthropic-messages: loud
      tracked:
        python:
          context-managers: [audited, "not an identifier"]
      rules:
        - id: internal-gateway
          provider: internal
          languages: [python]
          message: Internal gateway call outside a tracked context
          patterns: ["*.gateway.generate"]
        - id: half-a-rule
          provider: internal
          patterns: ["*.other.generate"]
      unknown-key: 1

      """
    let sandbox = try Self.sandbox(config: config)
    try sandbox.write("generated/g.py", Self.calls)
    try sandbox.write(
      "app/b.py",
      "with audited():\n    client.chat.completions.create(model=\"m\")\nself.gateway.generate(p)\nself.other.generate(p)\n"
    )
    let run = try sandbox.llmlint(["-q", "."])
    #expect(run.status == 0)
    #expect(
      run.stderr == """
        llmlint: .llmlint.yml:1:27: invalid pattern '[bad': unterminated '[' (expected ']')
        llmlint: .llmlint.yml:2:26: cannot disable unknown rule 'openai-imagez' (did you mean 'openai-images'?)
        llmlint: .llmlint.yml:5:23: unknown severity 'loud' (expected info, warning or error)
        llmlint: .llmlint.yml:8:33: 'not an identifier' is not one of the identifiers expected here
        llmlint: .llmlint.yml:15:5: rule 'half-a-rule' has no 'message'
        llmlint: .llmlint.yml:15:5: rule 'half-a-rule' has no 'languages' (python, swift)
        llmlint: .llmlint.yml:18:1: unknown key 'unknown-key'
        llmlint: .llmlint.yml: 7 errors: their entries skipped; the rest of this config applies

        """)
    // generated/ is excluded, openai-images is off, the embeddings severity is error, `audited` tracks,
    // the good rule applies and the half rule does not.
    #expect(
      Self.findings(run.stdout) == [
        "app/a.py:4 openai-chat-completions", "app/a.py:5 openai-embeddings", "app/a.py:7 anthropic-messages",
        "app/b.py:3 internal-gateway",
      ])
    #expect(run.stdout.contains("app/a.py:5:23: error: "))
    let strict = try sandbox.llmlint(["-q", "--strict", "."])
    #expect(strict.status == 2)
  }
}
