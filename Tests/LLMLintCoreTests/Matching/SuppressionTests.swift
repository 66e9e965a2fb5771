import Foundation
import Testing

@testable import LLMLintCore

/// Inline `llmlint:` comments: the parser on its own, then applied by the linter to real tokens, with a
/// small hand-made rule set (independent of the catalogue).
@Suite struct SuppressionTests {
  static let ruleSet = RuleSet(
    rules: [
      Rule(
        id: "openai-chat-completions", provider: "openai", languages: [.python],
        patterns: [try! CallPattern("*.chat.completions.create")], message: "chat call", origin: .builtIn(line: 1)),
      Rule(
        id: "openai-embeddings", provider: "openai", languages: [.python],
        patterns: [try! CallPattern("*.embeddings.create")], message: "embeddings call", origin: .builtIn(line: 2)),
      Rule(
        id: "swift-openai-chats", provider: "openai", languages: [.swift], patterns: [try! CallPattern("*.chats")],
        message: "chats call", origin: .builtIn(line: 3)),
    ],
    tracked: TrackedContexts([
      TrackedContextList(
        language: "python", kind: .contextManagers, names: [NamedItem("track_llm_call", origin: .builtIn(line: 4))]),
      TrackedContextList(
        language: "swift", kind: .closures, names: [NamedItem("trackLLMCall", origin: .builtIn(line: 5))]),
    ]))

  static let linter = Linter(ruleSet: ruleSet)

  static func parse(_ comment: String, _ language: Language = .python) -> DirectiveParse? {
    Array(comment.utf8).withUnsafeBufferPointer { SuppressionParser.parse(comment: $0, language: language) }
  }

  /// `line:column rule` of each reported finding, and of each suppressed one with its justification.
  static func check(_ source: String, _ language: Language = .python, linter: Linter = linter) -> (
    reported: [String], suppressed: [String]
  ) {
    let result = linter.check(source, language: language)
    return (
      result.findings.map { "\($0.line):\($0.column) \($0.ruleID)" },
      result.suppressed.map { "\($0.line):\($0.column) \($0.ruleID) (\($0.suppression?.justification ?? "-"))" }
    )
  }

  @Test func directiveRuleIDsAreWellFormedAndDistinctFromTheCatalogue() {
    #expect(Suppression.metaRules.map(\.id) == ["unused-suppression", "invalid-suppression"])
    #expect(Suppression.metaRules.allSatisfy { Rule.isWellFormedID($0.id) })
    let catalogue = Set(TestSupport.builtIn.rules.map(\.id))
    #expect(Suppression.metaRules.allSatisfy { !catalogue.contains($0.id) })
  }

  // MARK: - Parsing

  @Test func wellFormedDirectives() {
    #expect(
      Self.parse("# llmlint: ignore[openai-chat-completions] billed by the proxy")
        == .directive(scope: .line, ruleIDs: ["openai-chat-completions"], reason: "billed by the proxy"))
    #expect(Self.parse("# llmlint: ignore") == .directive(scope: .line, ruleIDs: [], reason: ""))
    #expect(
      Self.parse("#llmlint:ignore[a,b ,  c]-- why  ")
        == .directive(scope: .line, ruleIDs: ["a", "b", "c"], reason: "why"))
    #expect(Self.parse("# llmlint: ignore[a, a] — dup") == .directive(scope: .line, ruleIDs: ["a"], reason: "dup"))
    #expect(Self.parse("# llmlint: disable-file") == .directive(scope: .file, ruleIDs: [], reason: ""))
    #expect(
      Self.parse("# llmlint: disable-file[a] generated")
        == .directive(scope: .file, ruleIDs: ["a"], reason: "generated"))
    #expect(Self.parse("# type: ignore  # llmlint: ignore[a]") == .directive(scope: .line, ruleIDs: ["a"], reason: ""))
    #expect(
      Self.parse("// llmlint: ignore[a] reviewed", .swift)
        == .directive(scope: .line, ruleIDs: ["a"], reason: "reviewed"))
    #expect(Self.parse("/// llmlint: disable-file", .swift) == .directive(scope: .file, ruleIDs: [], reason: ""))
  }

  @Test func textThatIsNotADirective() {
    #expect(Self.parse("# llmlint is advisory, see the README") == nil)
    #expect(Self.parse("# run llmlint: it is fast") == nil)
    #expect(Self.parse("# llmlinter: ignore") == nil)
    #expect(Self.parse("/* llmlint: ignore */", .swift) == nil)
    #expect(Self.parse("// see https://llmlint.dev", .swift) == nil)
    #expect(Self.parse("#!/usr/bin/env llmlint", .swift) == nil)
  }

  @Test func malformedDirectivesSayWhatIsWrong() {
    #expect(
      Self.parse("# llmlint: ignore[openai chat]")
        == .malformed(
          detail: "invalid rule id 'openai chat' (rule ids are lower-case words joined by '-', separated by ',')"))
    #expect(Self.parse("# llmlint ignore") == .malformed(detail: "missing ':' after 'llmlint'"))
    #expect(Self.parse("# llmlint[a]") == .malformed(detail: "missing ':' after 'llmlint'"))
    #expect(Self.parse("# llmlint: skip") == .malformed(detail: "unknown directive 'skip'"))
    #expect(Self.parse("# llmlint: disable") == .malformed(detail: "unknown directive 'disable'"))
    #expect(Self.parse("# llmlint:") == .malformed(detail: "missing directive after 'llmlint:'"))
    #expect(Self.parse("# llmlint: ignore[a") == .malformed(detail: "missing ']' after the rule ids"))
    #expect(Self.parse("# llmlint: ignore[]") == .malformed(detail: "empty rule list '[]'"))
    #expect(Self.parse("# llmlint: ignore[a,,b]") == .malformed(detail: "empty rule id in the list"))
    #expect(Self.parse("# llmlint: ignore=a") == .malformed(detail: "unexpected '=' after 'ignore'"))
    #expect(Self.parse("# llmlint: ignore[a](x)") == .malformed(detail: "unexpected '(' after 'ignore[...]'"))
    #expect(Self.parse("# LLMLint: ignore") == .malformed(detail: "write 'llmlint' in lower case"))
  }

  @Test func parsingNeverTrapsOnOddBytes() {
    for text in ["#", "# llmlint", "# llmlint: ignore[", "# llmlint: ignore[\u{FF}]", "//", "// llmlint:"] {
      _ = Self.parse(text)
      _ = Self.parse(text, .swift)
    }
    let bytes: [UInt8] = [0x23, 0x6C, 0x6C, 0x6D, 0x6C, 0x69, 0x6E, 0x74, 0x3A, 0x20, 0xFF, 0xFE, 0x5B]
    #expect(bytes.withUnsafeBufferPointer { SuppressionParser.parse(comment: $0, language: .python) } != nil)
  }

  // MARK: - Positions

  @Test func ignoreOnTheCallsLine() {
    let result = Self.check("x = client.chat.completions.create(m)  # llmlint: ignore[openai-chat-completions] proxy\n")
    #expect(result.reported == [])
    #expect(result.suppressed == ["1:29 openai-chat-completions (proxy)"])
  }

  @Test func ignoreOnAnyLineOfAMultiLineCall() {
    for (index, _) in [0, 1, 2].enumerated() {
      var lines = ["x = client.chat.completions.create(", "    model=m,", ")"]
      lines[index] += "  # llmlint: ignore"
      let result = Self.check(lines.joined(separator: "\n") + "\n")
      #expect(result.reported == [], "comment on line \(index + 1)")
      #expect(result.suppressed == ["1:29 openai-chat-completions ()"], "comment on line \(index + 1)")
    }
    // A chain split over lines: the comment on a line of the callee chain counts too.
    let chain = Self.check("x = (client\n    .chat  # llmlint: ignore\n    .completions.create(m))\n")
    #expect(chain.reported == [])
    // The finding sits on the called name (line 3); a comment on the call's first line, on the called name's
    // line or on its own line just above the call still hides it; one above that does not.
    let split = ["x = (client", "    .chat.completions", "    .create(m))"]
    for index in split.indices {
      var lines = split
      lines[index] += "  # llmlint: ignore"
      let result = Self.check(lines.joined(separator: "\n") + "\n")
      #expect(result.reported == [], "comment on line \(index + 1)")
      #expect(result.suppressed == ["3:6 openai-chat-completions ()"], "comment on line \(index + 1)")
    }
    let above = Self.check("# llmlint: ignore\n" + split.joined(separator: "\n") + "\n")
    #expect(above.suppressed == ["4:6 openai-chat-completions ()"])
    let tooFar = Self.check("# llmlint: ignore\n\n" + split.joined(separator: "\n") + "\n")
    #expect(tooFar.reported == ["1:1 unused-suppression", "5:6 openai-chat-completions"])
  }

  @Test(arguments: ["\n", "\r\n", "\r"]) func everyLineEnding(_ newline: String) {
    let python = Self.check(
      [
        "# llmlint: ignore[openai-chat-completions] above", "x = c.chat.completions.create(m)",
        "y = c.embeddings.create(i)  # llmlint: ignore", "z = 1  # llmlint: ignore", "",
      ].joined(separator: newline))
    #expect(python.reported == ["4:8 unused-suppression"])
    #expect(python.suppressed == ["2:24 openai-chat-completions (above)", "3:18 openai-embeddings ()"])
    let swift = Self.check(
      ["// llmlint: ignore reviewed", "let a = try await openAI.chats(query: q)", "let b = 1  // llmlint: ignore", ""]
        .joined(separator: newline), .swift)
    #expect(swift.reported == ["3:12 unused-suppression"])
    #expect(swift.suppressed == ["2:26 swift-openai-chats (reviewed)"])
  }

  @Test func ignoreOnTheLineJustAbove() {
    let above = Self.check(
      "def f():\n    # llmlint: ignore[openai-chat-completions] reviewed\n    x = client.chat.completions.create(m)\n")
    #expect(above.reported == [])
    #expect(above.suppressed == ["3:33 openai-chat-completions (reviewed)"])
    // Two lines above is too far: the call is reported and the comment is unused.
    let tooFar = Self.check("# llmlint: ignore\n\nx = client.chat.completions.create(m)\n")
    #expect(tooFar.reported == ["1:1 unused-suppression", "3:29 openai-chat-completions"])
    // A comment after code on the line above belongs to that line, not to the next one.
    let trailing = Self.check("y = 1  # llmlint: ignore\nx = client.chat.completions.create(m)\n")
    #expect(trailing.reported == ["1:8 unused-suppression", "2:29 openai-chat-completions"])
  }

  @Test func ignoreListsOnlyTheirRules() {
    let result = Self.check(
      "a = c.chat.completions.create(m); b = c.embeddings.create(i)  # llmlint: ignore[openai-embeddings]\n")
    #expect(result.reported == ["1:24 openai-chat-completions"])
    #expect(result.suppressed == ["1:52 openai-embeddings ()"])
    let both = Self.check(
      "a = c.chat.completions.create(m); b = c.embeddings.create(i)  # llmlint: ignore[openai-embeddings, openai-chat-completions]\n"
    )
    #expect(both.reported == [])
    #expect(both.suppressed.count == 2)
    let bare = Self.check("a = c.chat.completions.create(m); b = c.embeddings.create(i)  # llmlint: ignore\n")
    #expect(bare.reported == [])
    #expect(bare.suppressed.count == 2)
  }

  @Test func disableFileAnywhere() {
    let result = Self.check(
      "a = c.chat.completions.create(m)\n\ndef f():\n    b = c.embeddings.create(i)\n# llmlint: disable-file generated client\n"
    )
    #expect(result.reported == [])
    #expect(
      result.suppressed == [
        "1:24 openai-chat-completions (generated client)", "4:22 openai-embeddings (generated client)",
      ])
    let listed = Self.check(
      "a = c.chat.completions.create(m)\nb = c.embeddings.create(i)\n# llmlint: disable-file[openai-embeddings]\n")
    #expect(listed.reported == ["1:24 openai-chat-completions"])
    // A line directive's reason wins over the file's for the call it sits on.
    let both = Self.check("# llmlint: disable-file wrapper\na = c.chat.completions.create(m)  # llmlint: ignore own\n")
    #expect(both.suppressed == ["2:24 openai-chat-completions (own)"])
  }

  @Test func swiftLineComments() {
    let source = """
      import OpenAI
      // llmlint: ignore[swift-openai-chats] measured by the gateway
      let a = try await openAI.chats(query: q)
      let b = try await openAI.chats(query: q)  // llmlint: ignore
      let c = try await openAI.chats(query: q)  /* llmlint: ignore */
      let d = try await openAI.chats(query: q)

      """
    let result = Self.check(source, .swift)
    #expect(result.reported == ["5:26 swift-openai-chats", "6:26 swift-openai-chats"])
    #expect(result.suppressed == ["3:26 swift-openai-chats (measured by the gateway)", "4:26 swift-openai-chats ()"])
  }

  // MARK: - Only real comments

  @Test func directivesInsideStringsAreText() {
    let python = Self.check(
      "x = client.chat.completions.create(m, s=\"# llmlint: ignore\")\ny = '# llmlint: disable-file'\n")
    #expect(python.reported == ["1:29 openai-chat-completions"])
    #expect(python.suppressed == [])
    let fString = Self.check("x = f\"{client.chat.completions.create(m)} # llmlint: ignore\"\n")
    #expect(fString.reported == ["1:32 openai-chat-completions"])
    let swift = Self.check("let x = try await openAI.chats(query: \"// llmlint: ignore\")\n", .swift)
    #expect(swift.reported == ["1:26 swift-openai-chats"])
  }

  // MARK: - Unused and malformed

  @Test func unusedSuppressionsAreReportedVerbatim() {
    let result = Self.linter.check(
      """
      # llmlint: disable-file[openai-embeddings]
      x = 1  # llmlint: ignore
      y = c.chat.completions.create(m)  # llmlint: ignore[openai-embeddings, openai-chat-completions]
      z = 2  # llmlint: ignore[openai-chat-completion]
      w = 3  # llmlint: ignore[no-such-rule-at-all]

      """, language: .python)
    #expect(
      result.findings.map { "\($0.line):\($0.column) \($0.ruleID): \($0.message)" } == [
        "1:1 unused-suppression: unused suppression 'llmlint: disable-file[openai-embeddings]': no 'openai-embeddings' finding in this file to hide",
        "2:8 unused-suppression: unused suppression 'llmlint: ignore': no finding here to hide; remove it",
        "3:35 unused-suppression: unused suppression 'llmlint: ignore[openai-embeddings, openai-chat-completions]': no 'openai-embeddings' finding here to hide",
        "4:8 unused-suppression: unused suppression 'llmlint: ignore[openai-chat-completion]': 'openai-chat-completion' is not an active rule (did you mean 'openai-chat-completions'?)",
        "5:8 unused-suppression: unused suppression 'llmlint: ignore[no-such-rule-at-all]': 'no-such-rule-at-all' is not an active rule",
      ])
    #expect(result.suppressed.map(\.line) == [3])
    #expect(result.findings.allSatisfy { $0.provider == "llmlint" && $0.severity == .warning })
  }

  @Test func aDisabledRuleIsNotActive() {
    var rules = Self.ruleSet.rules
    rules[1].isEnabled = false
    let linter = Linter(ruleSet: RuleSet(rules: rules, tracked: Self.ruleSet.tracked))
    let result = linter.check("x = c.embeddings.create(i)  # llmlint: ignore[openai-embeddings]\n", language: .python)
    #expect(
      result.findings.map(\.message) == [
        "unused suppression 'llmlint: ignore[openai-embeddings]': 'openai-embeddings' is not an active rule"
      ])
  }

  @Test func unusedReportsCanBeTurnedOff() {
    let quiet = Linter(ruleSet: Self.ruleSet, reportUnusedSuppressions: false)
    let result = Self.check("x = 1  # llmlint: ignore\ny = 2  # llmlint: ignore[a b]\n", linter: quiet)
    #expect(result.reported == ["2:8 invalid-suppression"], "malformed ones are still reported")
  }

  @Test func malformedDirectivesAreFindingsShowingTheRightForm() {
    let python = Self.linter.check(
      "x = c.chat.completions.create(m)  # llmlint: ignore[openai chat]\n", language: .python)
    #expect(
      python.findings.map { "\($0.line):\($0.column) \($0.ruleID): \($0.message)" } == [
        "1:24 openai-chat-completions: chat call",
        "1:35 invalid-suppression: malformed llmlint directive: invalid rule id 'openai chat' (rule ids are lower-case words joined by '-', separated by ','); expected '# llmlint: ignore[rule-id, ...] reason' or '# llmlint: disable-file'",
      ])
    let swift = Self.linter.check("// llmlint ignore\n", language: .swift)
    #expect(
      swift.findings.map(\.message) == [
        "malformed llmlint directive: missing ':' after 'llmlint'; expected '// llmlint: ignore[rule-id, ...] reason' or '// llmlint: disable-file'"
      ])
  }

  @Test func filesWithoutDirectivesAreUnchanged() {
    let source = "x = client.chat.completions.create(m)\n# a comment\n"
    #expect(
      Self.linter.check(source, language: .python) == LintResult(findings: Self.linter.lint(source, language: .python)))
    #expect(Self.linter.check("# just a comment\n", language: .python) == LintResult())
  }

  @Test func scanCarriesSuppressedFindings() {
    let files = [
      SourceFile(
        path: "b.py", language: .python, bytes: Array("x = c.chat.completions.create(m)  # llmlint: ignore\n".utf8)),
      SourceFile(path: "a.py", language: .python, bytes: Array("x = c.chat.completions.create(m)\n".utf8)),
    ]
    let result = Scan.run(files: files, linter: Self.linter)
    #expect(result.findings.map(\.path) == ["a.py"])
    #expect(result.suppressed.map(\.path) == ["b.py"])
    #expect(result.suppressed.first?.suppression == FindingSuppression(kind: .inSource, justification: ""))
  }
}

/// Every fixture re-run under suppression comments: `disable-file` hides every finding, and an
/// `ignore[rule]` appended to each finding's first line hides exactly that finding, with nothing unused.
@Suite struct FixturesUnderSuppressionTests {
  @Test(arguments: FixtureTests.fixtures) func disableFileHidesEveryFinding(_ fixture: FixtureTests.Fixture) throws {
    let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: fixture.path)))
    let introducer = fixture.language == .python ? "#" : "//"
    let original = TestSupport.linter.check(SourceFile(path: "f", language: fixture.language, bytes: bytes))
    let disabled = TestSupport.linter.check(
      SourceFile(
        path: "f", language: fixture.language, bytes: bytes + Array("\n\(introducer) llmlint: disable-file\n".utf8)))
    let positions = original.findings.map { "\($0.line):\($0.column) \($0.ruleID)" }
    // A fixture without findings (a look-alike) makes the directive unused.
    #expect(disabled.findings.map(\.ruleID) == (positions.isEmpty ? [Suppression.unusedRuleID] : []))
    #expect(disabled.suppressed.map { "\($0.line):\($0.column) \($0.ruleID)" } == positions)
  }

  @Test(arguments: FixtureTests.fixtures) func ignoreOnEachLineHidesThatFinding(_ fixture: FixtureTests.Fixture) throws
  {
    let text = try String(contentsOfFile: fixture.path, encoding: .utf8)
    let introducer = fixture.language == .python ? "#" : "//"
    let original = TestSupport.linter.check(text, language: fixture.language)
    var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    var rulesByLine: [Int: [String]] = [:]
    for finding in original.findings where !rulesByLine[finding.line, default: []].contains(finding.ruleID) {
      rulesByLine[finding.line, default: []].append(finding.ruleID)
    }
    for (line, rules) in rulesByLine {
      lines[line - 1] += "  \(introducer) llmlint: ignore[\(rules.joined(separator: ", "))] fixture"
    }
    let ignored = TestSupport.linter.check(lines.joined(separator: "\n"), language: fixture.language)
    #expect(ignored.findings.map { "\($0.line):\($0.column) \($0.ruleID): \($0.message)" } == [])
    #expect(
      ignored.suppressed.map { "\($0.line):\($0.column) \($0.ruleID)" }
        == original.findings.map { "\($0.line):\($0.column) \($0.ruleID)" })
  }
}
