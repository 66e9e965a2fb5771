import Foundation
import Testing

@testable import LLMLintCore

/// `llmlint rule ID`: every built-in rule's page, and its examples linted for real.
@Suite struct RuleDocsTests {
  static let ruleSet = ConfigLoader.builtIn().ruleSet

  /// The example that triggers a rule gives exactly one finding, of that rule; the tracked one gives none.
  @Test(arguments: ConfigLoader.builtIn().ruleSet.rules.map(\.id))
  func examplesBehaveAsTheyClaim(_ id: String) throws {
    let rule = try #require(Self.ruleSet.rules.first { $0.id == id })
    let linter = Linter(ruleSet: Self.ruleSet)
    let triggering = RuleDocs.triggering(rule, in: Self.ruleSet)
    let path = triggering.language == .python ? "example.py" : "Example.swift"
    let findings = linter.lint(triggering.text, language: triggering.language, path: path)
    #expect(findings.map(\.ruleID) == [id], "\(triggering.text)")
    let tracked = RuleDocs.tracked(rule, in: Self.ruleSet)
    #expect(linter.lint(tracked.text, language: tracked.language, path: path).isEmpty, "\(tracked.text)")
  }

  /// One golden file holds the page of every built-in rule, in catalogue order.
  @Test func everyBuiltInRuleHasItsPage() {
    let pages = Self.ruleSet.rules.map { RuleDocs.render($0, in: Self.ruleSet) }.joined(separator: "\n\u{0C}\n")
    assertSnapshot(pages, named: "rule-docs.txt")
    for rule in Self.ruleSet.rules {
      let page = RuleDocs.render(rule, in: Self.ruleSet)
      for heading in [
        "What it matches:", "Why it matters:", "Triggers it:", "Does not trigger it (tracked):",
        "How to track the call:",
      ] {
        #expect(page.contains("\n\(heading)\n"), "\(rule.id): \(heading)")
      }
      for pattern in rule.patterns { #expect(page.contains(pattern.text), "\(rule.id)") }
      for module in rule.imports { #expect(page.contains(module), "\(rule.id)") }
    }
  }
}
