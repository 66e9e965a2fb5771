import Foundation
import Testing

@testable import LLMLintCore

/// The built-in catalogue: embedded exactly as rules.yml, loads cleanly, ids well formed and unique, and
/// every rule exercised by a fixture.
@Suite struct CatalogueTests {
  @Test func embeddedCatalogueEqualsRulesFileByteForByte() throws {
    let onDisk = try [UInt8](Data(contentsOf: TestSupport.packageRoot.appendingPathComponent("rules.yml")))
    #expect(ConfigLoader.builtInBytes == onDisk)
  }

  @Test func catalogueLoadsWithoutProblems() {
    let result = ConfigLoader.builtIn()
    #expect(result.problems.isEmpty, "\(result.problems)")
    #expect(result.ruleSet.rules.count >= 20)
    #expect(result.ruleSet.tracked["python", .contextManagers].map(\.name) == ["track_llm_call"])
    #expect(result.ruleSet.tracked["python", .decorators].map(\.name) == ["track_llm_call"])
    #expect(result.ruleSet.tracked["swift", .closures].map(\.name) == ["trackLLMCall"])
  }

  @Test func ruleIDsAreWellFormedAndUnique() {
    let ids = TestSupport.builtIn.rules.map(\.id)
    #expect(Set(ids).count == ids.count)
    for id in ids { #expect(Rule.isWellFormedID(id), "\(id)") }
  }

  @Test func everyRuleHasAMessageProviderAndPatterns() {
    for rule in TestSupport.builtIn.rules {
      #expect(!rule.message.isEmpty && !rule.provider.isEmpty && !rule.patterns.isEmpty && !rule.languages.isEmpty, "\(rule.id)")
    }
  }

  @Test func everyRuleHasAFixtureThatExpectsIt() throws {
    var expected: Set<String> = []
    for fixture in FixtureTests.fixtures {
      let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: fixture.path)))
      for entry in FixtureTests.expectations(bytes, fixture.language) {
        expected.insert(String(entry.split(separator: " ")[1]))
      }
    }
    let missing = TestSupport.builtIn.rules.map(\.id).filter { !expected.contains($0) }
    #expect(missing.isEmpty, "rules without a fixture: \(missing)")
  }

  @Test func ruleIDFormat() {
    #expect(Rule.isWellFormedID("openai-chat-completions"))
    #expect(Rule.isWellFormedID("a1"))
    #expect(!Rule.isWellFormedID("OpenAI"))
    #expect(!Rule.isWellFormedID("a--b"))
    #expect(!Rule.isWellFormedID("-a"))
    #expect(!Rule.isWellFormedID("a_b"))
    #expect(!Rule.isWellFormedID(""))
  }
}
