import Testing

@testable import LLMLintCore

/// `ConfigKey.all`, the one declaration of every `.llmlint.yml` key: the parser reads each declared key,
/// refuses every other with a suggestion from the table, and the listings show each.
@Suite struct ConfigKeyTests {
  static func problems(_ config: String) -> [String] { ConfigSchemaTests.load(config).1 }

  /// Each key's example, in a whole config, loads without a problem: a declared key is a key the parser
  /// reads (a declared key without a case would be "declared but not read", an undeclared one "unknown").
  @Test(arguments: ConfigKey.all.map(\.path))
  func everyDeclaredKeyIsRead(_ path: String) throws {
    let key = try #require(ConfigKey.all.first { $0.path == path })
    #expect(Self.problems(key.document).isEmpty, "\(key.document)")
  }

  @Test func pathsAreUniqueAndDocumented() {
    let paths = ConfigKey.all.map(\.path)
    #expect(Set(paths).count == paths.count)
    for key in ConfigKey.all {
      #expect(!key.help.isEmpty && !key.kind.isEmpty && !key.example.isEmpty, "\(key.path)")
    }
  }

  /// A near miss in any section gets the right key from the same section's declarations.
  @Test(arguments: [
    ("extend: none\n", "1:1: unknown key 'extend' (did you mean 'extends'?)"),
    ("tracked:\n  pyhton: {}\n", "2:3: unknown key 'pyhton' (did you mean 'python'?)"),
    ("tracked:\n  python:\n    context-manager: [a]\n", "3:5: unknown key 'context-manager' (did you mean 'context-managers'?)"),
    ("tracked:\n  swift:\n    closure: [a]\n", "3:5: unknown key 'closure' (did you mean 'closures'?)"),
    ("per-path:\n  \"t/**\":\n    disabled: [openai]\n", "3:5: unknown key 'disabled' (did you mean 'disable'?) (expected: disable)"),
  ])
  func unknownKeysGetASuggestionFromTheirSection(_ config: String, _ message: String) {
    #expect(Self.problems(config) == [".llmlint.yml:\(message)"])
  }

  @Test func unknownRuleKeysListTheDeclaredOnes() {
    let problems = Self.problems(
      "rules:\n  - id: x-y\n    provider: p\n    languages: [python]\n    message: m\n    pattern: [\"*.a\"]\n")
    let expected = ConfigKey.names(.rule).joined(separator: ", ")
    #expect(problems.first == ".llmlint.yml:6:5: unknown key 'pattern' (did you mean 'patterns'?) (expected one of: \(expected))")
  }

  /// The listing of `llmlint rules` and the starter config of `llmlint init` show every key.
  @Test func listingAndStarterShowEveryKey() {
    let listing = RulesListing.render(ConfigLoader.builtIn().ruleSet, configPath: nil)
    for key in ConfigKey.all {
      #expect(listing.contains("\n  \(key.path) "), "\(key.path) in llmlint rules")
      if key.section == .topLevel { #expect(StarterConfig.text.contains(key.name), "\(key.name) in the starter") }
    }
    for (path, _) in StarterConfig.entries {
      #expect(ConfigKey.all.contains { $0.path == path }, "the starter's \(path) is declared")
    }
    #expect(Self.problems(StarterConfig.text).isEmpty, "\(StarterConfig.text)")
  }
}
