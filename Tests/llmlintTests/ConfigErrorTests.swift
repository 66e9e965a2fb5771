import Foundation
import Testing

/// Malformed `.llmlint.yml` files, end to end through the built binary: each one the YAML reader or the
/// schema rejects gives `file:line:column: message` on stderr, and the exit status stays 0 (2 with
/// `--strict`). A file the reader rejects is not applied (the built-in rules, and a line says so); a bad
/// entry the schema rejects is skipped and the rest applies (a line says how many were skipped).
@Suite struct ConfigErrorTests {
  static let app = "x = client.chat.completions.create(model=\"m\")\n"
  static let notApplied =
    "llmlint: .llmlint.yml: config not applied because of the errors above; using the built-in rules\n"
  static func skipped(_ count: Int) -> String {
    let errors = count == 1 ? "1 error: its entry" : "\(count) errors: their entries"
    return "llmlint: .llmlint.yml: \(errors) skipped; the rest of this config applies\n"
  }
  /// The first `readerCases` of `cases` are rejected whole (not readable YAML, or not a map of settings).
  static let readerCases = 19

  /// A config and the first problem it must give, verbatim, after `.llmlint.yml:`.
  static let cases: [(config: String, problem: String)] = [
    // The YAML reader.
    ("rules:\n\t- id: x\n", "2:1: tab in indentation (indent with spaces)"),
    ("a: 1\n---\nb: 2\n", "2:1: a second document ('---') is not supported (expected one document per file)"),
    ("%YAML 1.2\n---\nversion: 1\n", "1:1: directives ('%') are not supported"),
    ("version: &v 1\n", "1:10: anchors ('&') are not supported"),
    ("version: *v\n", "1:10: aliases ('*') are not supported"),
    ("version: !int 1\n", "1:10: tags ('!') are not supported"),
    ("? version\n: 1\n", "1:1: complex keys ('?') are not supported"),
    ("version: 1\nversion: 1\n", "2:1: duplicate key 'version' (first defined on line 1)"),
    (
      "disable: \"openai\n",
      "1:10: unterminated double-quoted string (expected a closing \" before the end of the file)"
    ),
    ("disable: [a, b\n", "1:10: unterminated flow list (expected ']')"),
    (
      "version: a: b\n",
      "1:10: a map cannot start on the same line as its key (quote the value if it is text, or put 'a: ...' on the next line, indented)"
    ),
    ("version: 1\u{0}\n", "1:11: unexpected NUL byte (a YAML file must be text)"),
    ("version: \u{7}\n", "1:10: unexpected control character U+0007 (a YAML file must be text)"),
    ("disable:\n  - a\n - b\n", "3:2: inconsistent indentation (expected 0 spaces as on line 1, found 1)"),
    (
      "disable: \"\\q\"\n",
      "1:11: invalid escape '\\q' in a double-quoted string (expected a YAML escape such as \\n, \\t, \\\\, \\\", \\xXX or \\uXXXX)"
    ),
    ("rules: - a\n", "1:8: a list cannot start on the same line as its key (put '- ...' on the next line)"),
    ("version: [1]]\n", "1:13: unexpected text after a flow list (expected a comment or the end of the line)"),
    (String(repeating: "[", count: 200), "1:101: nesting deeper than 100 levels is not supported"),
    ("- version\n", "1:1: expected a map of settings at the top level, found a list"),
    // The schema.
    // A deeper `- b` continues the plain scalar `a` (as YAML says); the schema rejects the result.
    ("disable:\n- a\n  - b\n", "2:3: 'a - b' is not one of the rule ids expected here"),
    ("verison: 1\n", "1:1: unknown key 'verison' (did you mean 'version'?)"),
    ("version: 2\n", "1:10: unsupported version '2' (expected 1)"),
    (
      "extends: /etc/llmlint.yml\n",
      "1:10: unknown value '/etc/llmlint.yml' for 'extends' (expected 'default' or 'none')"
    ),
    ("rules: openai\n", "1:8: expected a list of rules, found a scalar"),
    ("rules:\n  - provider: p\n", "2:5: rule without 'id'"),
    (
      "rules:\n  - id: Bad_Id\n",
      "2:9: invalid rule id 'Bad_Id' (expected lower-case words joined by '-', such as 'openai-chat-completions')"
    ),
    (
      "rules:\n  - id: mine\n    provider: p\n    languages: [cobol]\n    patterns: [x.y]\n    message: m\n",
      "4:17: 'cobol' is not one of the languages expected here"
    ),
    (
      "rules:\n  - id: mine\n    provider: p\n    languages: [python]\n    patterns: [x.y]\n    message: m\n    require-receiver: maybe\n",
      "7:23: expected true or false, found 'maybe'"
    ),
    (
      "rules:\n  - id: mine\n    pattern: x.y\n",
      "3:5: unknown key 'pattern' (did you mean 'patterns'?) (expected one of: id, provider, languages, patterns, imports, severity, message, receivers, require-receiver, http, covered-by-litellm-callback, http-paths)"
    ),
    (
      "disable: [openai-chat-completion]\n",
      "1:11: cannot disable unknown rule 'openai-chat-completion' (did you mean 'openai-chat-completions'?)"
    ),
    ("severity:\n  openai-chat-completions: loud\n", "2:28: unknown severity 'loud' (expected info, warning or error)"),
    ("exclude: ['[abc']\n", "1:11: invalid pattern '[abc': unterminated '[' (expected ']')"),
    ("tracked:\n  paths: ['src/[x']\n", "2:11: invalid pattern 'src/[x': unterminated '[' (expected ']')"),
    (
      "tracked:\n  python:\n    context-managers: [track llm]\n",
      "3:24: 'track llm' is not one of the identifiers expected here"
    ),
    ("tracked:\n  ruby: {}\n", "2:3: unknown key 'ruby'"),
    (
      "litellm-callback-coverage: maybe\n",
      "1:28: unknown value 'maybe' for 'litellm-callback-coverage' (expected auto, on or off)"
    ),
    // Keys that would make a linter run or read something: there are none.
    ("command: touch pwned\n", "1:1: unknown key 'command'"),
    ("include: ../../etc/passwd\n", "1:1: unknown key 'include' (did you mean 'exclude'?)"),
  ]

  @Test(arguments: 0..<cases.count)
  func malformedConfigIsReportedAndTheBuiltInRulesApply(_ index: Int) throws {
    let (config, problem) = Self.cases[index]
    let scratch = try HostileInputTests.Scratch()
    try scratch.write(".llmlint.yml", config)
    try scratch.write("app.py", Self.app)
    let run = try HostileInputTests.llmlint(["app.py"], in: scratch.root)
    #expect(HostileInputTests.locations(HostileInputTests.expectCleanRun(run)) == ["app.py:1:29"])
    let lines = run.stderr.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    #expect(lines.first == "llmlint: .llmlint.yml:" + problem, "config:\n\(config)\nstderr:\n\(run.stderr)")
    // Every config line has a line and a column; the last one says whether the rest applies.
    let configLines = lines.filter { $0.hasPrefix("llmlint: .llmlint.yml") }
    for line in configLines.dropLast() {
      #expect(line.wholeMatch(of: /llmlint: \.llmlint\.yml:[0-9]+:[0-9]+: .+/) != nil, "\(line)")
    }
    let last = index < Self.readerCases ? Self.notApplied : Self.skipped(configLines.count - 1)
    #expect(configLines.last.map { $0 + "\n" } == last, "\(run.stderr)")
    #expect(HostileInputTests.summary(run).contains(" problem"), "\(run.stderr)")
    let strict = try HostileInputTests.llmlint(["--strict", "app.py"], in: scratch.root)
    #expect(strict.status == 2, "\(strict.stderr)")
  }

  @Test func everyCaseIsRejected() throws {
    // The table only holds configs that are rejected; a fixed bug must not leave a case that silently passes.
    #expect(Set(Self.cases.map(\.config)).count == Self.cases.count)
  }

  @Test func configThatCannotBeReadOrIsADirectory() throws {
    let scratch = try HostileInputTests.Scratch()
    try scratch.write("app.py", Self.app)
    try FileManager.default.createDirectory(atPath: scratch.path("dir.yml"), withIntermediateDirectories: true)
    // A `--config` naming nothing is a usage error, exit 2 with or without --strict.
    for strict in [[], ["--strict"]] {
      let missing = try HostileInputTests.llmlint(strict + ["--config", "missing.yml", "app.py"], in: scratch.root)
      #expect(missing.status == 2)
      #expect(missing.stdout == "")
      #expect(
        missing.stderr
          == "llmlint: error: config file 'missing.yml' not found (option '--config')\nRun 'llmlint --help' for usage.\n"
      )
    }
    for (arguments, message) in [
      (["--config", "dir.yml"], "llmlint: dir.yml: config is a directory; using the built-in rules\n")
    ] {
      let run = try HostileInputTests.llmlint(arguments + ["app.py"], in: scratch.root)
      #expect(HostileInputTests.locations(HostileInputTests.expectCleanRun(run)) == ["app.py:1:29"])
      #expect(run.stderr.hasPrefix(message), "\(run.stderr)")
    }
  }

  @Test func binaryAndHugeConfigs() throws {
    let scratch = try HostileInputTests.Scratch()
    try scratch.write("app.py", Self.app)
    var random = SplitMix64(seed: 0xC0F1)
    try scratch.write(".llmlint.yml", (0..<100_000).map { _ in UInt8(truncatingIfNeeded: random.next()) })
    let binary = try HostileInputTests.llmlint(["app.py"], in: scratch.root)
    #expect(HostileInputTests.locations(HostileInputTests.expectCleanRun(binary)) == ["app.py:1:29"])
    #expect(binary.stderr.contains(Self.notApplied), "\(binary.stderr)")
    // Ten thousand errors: every one reported, the run goes on.
    try scratch.write(".llmlint.yml", (0..<10_000).map { "unknown-\($0): 1\n" }.joined())
    let many = try HostileInputTests.llmlint(["app.py"], in: scratch.root)
    #expect(HostileInputTests.locations(HostileInputTests.expectCleanRun(many)) == ["app.py:1:29"])
    #expect(
      many.stderr.contains("llmlint: .llmlint.yml:10000:1: unknown key 'unknown-9999'\n"), "\(many.stderr.suffix(300))")
    #expect(many.stderr.contains(Self.skipped(10_000)))
  }
}
