import Foundation
import Testing

@testable import LLMLintCore

/// `llmlint rule ID` and `llmlint rules --format json`, run with the built binary.
@Suite struct RuleCommandTests {
  @Test func everyBuiltInRuleHasItsPage() throws {
    let sandbox = try GitSandbox()
    let ruleSet = ConfigLoader.builtIn().ruleSet
    #expect(ruleSet.rules.count > 40)
    for rule in ruleSet.rules {
      let run = try sandbox.llmlint(["rule", rule.id])
      #expect(run.status == 0)
      #expect(run.stderr == "")
      #expect(run.stdout == RuleDocs.render(rule, in: ruleSet), "\(rule.id)")
    }
  }

  @Test func aRuleOfTheUsersConfigHasItsPage() throws {
    let sandbox = try GitSandbox()
    try sandbox.write(
      ".llmlint.yml",
      """
      tracked:
        python:
          context-managers: [usage_scope]
      rules:
        - id: internal-gateway
          provider: internal
          languages: [python]
          message: Internal gateway call outside a tracked context
          patterns: ["*.gateway.generate"]

      """)
    let run = try sandbox.llmlint(["rule", "internal-gateway"])
    #expect(run.status == 0, "\(run.stderr)")
    #expect(run.stdout.hasPrefix("internal-gateway  [internal; python; warning]\n  defined in .llmlint.yml:5\n"))
    #expect(run.stdout.contains("\nTriggers it:\n    result = client.gateway.generate(model=\"m\")\n"))
    // The tracked example uses the first tracked name, the built-in one.
    #expect(run.stdout.contains("    with tracker.track_llm_call(provider=\"internal\", model=\"m\"):\n"))
  }

  @Test(arguments: [
    (["rule"], "'rule' needs a rule id (llmlint rules lists them)"),
    (["rule", "a", "b"], "'rule' takes one rule id"),
    (
      ["rule", "openai-chat-completion"],
      "unknown rule 'openai-chat-completion'; did you mean 'openai-chat-completions'? (llmlint rules lists them)"
    ),
    (["rule", "zzzzzzzzzz"], "unknown rule 'zzzzzzzzzz' (llmlint rules lists them)"),
    (["rule", "--format", "json", "openai-images"], "'rule' prints text only (option '--format')"),
    (["rules", "--format", "sarif"], "'rules' prints text or json (option '--format')"),
  ])
  func mistakesAreUsageErrors(_ arguments: [String], _ message: String) throws {
    let sandbox = try GitSandbox()
    let run = try sandbox.llmlint(arguments)
    #expect(run.status == 2)
    #expect(run.stdout == "")
    #expect(run.stderr == "llmlint: error: \(message)\nRun 'llmlint --help' for usage.\n")
  }

  @Test func rulesAsJSON() throws {
    let sandbox = try GitSandbox()
    try sandbox.write(".llmlint.yml", "disable: [openai-images]\nseverity:\n  openai-embeddings: error\n")
    let run = try sandbox.llmlint(["rules", "--format", "json"])
    #expect(run.status == 0, "\(run.stderr)")
    let array = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [[String: Any]])
    let ruleSet = ConfigLoader.builtIn().ruleSet
    #expect(array.compactMap { $0["id"] as? String } == ruleSet.rules.map(\.id))
    let images = try #require(array.first { $0["id"] as? String == "openai-images" })
    #expect(images["enabled"] as? Bool == false)
    let embeddings = try #require(array.first { $0["id"] as? String == "openai-embeddings" })
    #expect(embeddings["severity"] as? String == "error")
    #expect(embeddings["patterns"] as? [String] == ["*.embeddings.create"])
    #expect(
      embeddings["origin"] as? String
        == "built-in rules.yml:\(ruleSet.rules.first { $0.id == "openai-embeddings" }!.origin.line)")
    let http = try #require(array.first { $0["id"] as? String == "http-llm-endpoint" })
    #expect(http["http"] as? Bool == true)
    let selected = try sandbox.llmlint(["rules", "--format", "json", "--select", "anthropic"])
    let enabled = try #require(
      try JSONSerialization.jsonObject(with: Data(selected.stdout.utf8)) as? [[String: Any]]
    ).filter { $0["enabled"] as? Bool == true }.compactMap { $0["id"] as? String }
    #expect(enabled == ruleSet.rules.filter { $0.provider == "anthropic" }.map(\.id))
  }
}
