import Testing

@testable import LLMLintCore

/// Item 3 and 4 of issue 14: calls through the OpenAI SDK attributed to the provider their endpoint names,
/// and messages that name the project's own tracking construct.
@Suite struct AttributionTests {
  static func findings(_ text: String, ruleSet: RuleSet = TestSupport.builtIn) -> [Finding] {
    Linter(ruleSet: ruleSet).lint(text, language: .python, path: "a.py")
  }

  @Test(arguments: [
    ("OpenAI(base_url=\"http://localhost:1234/v1\")", "local", "localhost"),
    ("OpenAI(base_url='http://127.0.0.1:8000/v1', api_key='x')", "local", "127.0.0.1"),
    ("openai.OpenAI(base_url=\"https://api.together.xyz/v1\")", "together", "api.together.xyz"),
    ("OpenAI(api_key=k, base_url=\"https://api.groq.com/openai/v1\")", "groq", "api.groq.com"),
    ("OpenAI(base_url=\"https://api.deepinfra.com/v1/openai\")", "deepinfra", "api.deepinfra.com"),
    ("OpenAI(base_url=\"https://openrouter.ai/api/v1\")", "openrouter", "openrouter.ai"),
    ("OpenAI(base_url=os.environ.get(\"LLM_URL\", \"http://localhost:11434/v1\"))", "local", "localhost"),
    ("AzureOpenAI(azure_endpoint=endpoint, api_version=v)", "azure", "AzureOpenAI"),
    ("OpenAI(base_url=URL)", "local", "localhost"),
  ])
  func boundClientIsAttributedByItsEndpoint(_ constructor: String, _ provider: String, _ host: String) throws {
    let source = """
      import os
      from openai import OpenAI, AzureOpenAI
      import openai
      URL = "http://LOCALHOST:1234/v1"
      client = \(constructor)
      client.chat.completions.create(model="m")

      """
    let finding = try #require(Self.findings(source).first)
    #expect(finding.provider == provider)
    #expect(finding.message.hasSuffix(" (provider \(provider): \(host))"), "\(finding.message)")
  }

  @Test func aConstructorInTheChainAndSelfAttributesCount() throws {
    let source = """
      from openai import OpenAI
      OpenAI(base_url="http://localhost:8000/v1").chat.completions.create(model="m")
      class Agent:
          def __init__(self):
              self.llm = OpenAI(base_url="https://api.groq.com/openai/v1")
          def run(self):
              return self.llm.chat.completions.create(model="m")

      """
    #expect(Self.findings(source).map(\.provider) == ["local", "groq"])
  }

  /// Look-alikes stay OpenAI: no endpoint, an unknown host, a URL in another argument, prose.
  @Test(arguments: [
    "OpenAI()", "OpenAI(base_url=\"https://gateway.example.com/v1\")",
    "OpenAI(default_headers={\"x\": \"http://localhost\"})", "OpenAI(base_url=base)",
  ])
  func otherClientsStayOpenAI(_ constructor: String) throws {
    let source = "from openai import OpenAI\nclient = \(constructor)\nclient.chat.completions.create(model=\"m\")\n"
    let finding = try #require(Self.findings(source).first)
    #expect(finding.provider == "openai")
    #expect(!finding.message.contains("(provider "))
  }

  @Test func anotherSDKsBaseURLIsNotAttributed() throws {
    let source = """
      import anthropic
      client = anthropic.Anthropic(base_url="http://localhost:8080")
      client.messages.create(model="m")

      """
    #expect(Self.findings(source).map(\.provider) == ["anthropic"])
  }

  @Test func coverageCountsTheAttributedProvider() {
    let file = SourceFile(
      path: "a.py", language: .python,
      bytes: Array(
        """
        from openai import OpenAI
        local = OpenAI(base_url="http://localhost:1234/v1")
        cloud = OpenAI()
        local.chat.completions.create(model="m")
        cloud.chat.completions.create(model="m")

        """.utf8))
    let coverage = Coverage(Scan.run(files: [file], linter: TestSupport.linter))
    #expect(coverage.byProvider.map { "\($0.key) \($0.counts.sites)" } == ["local 1", "openai 1"])
  }

  // MARK: - Messages naming the configured construct

  @Test func messagesNameTheConfiguredContextManagerAndClosure() throws {
    let rules = CoverageTests.ruleSet(
      "tracked:\n  python:\n    context-managers: [usage_scope]\n  swift:\n    closures: [withUsage]\n")
    let python = try #require(Self.findings("client.chat.completions.create(model=\"m\")\n", ruleSet: rules).first)
    #expect(python.message.contains("wrap it in usage_scope(...)"), "\(python.message)")
    #expect(!python.message.contains("track_llm_call"))
    let swift = try #require(
      Linter(ruleSet: rules).lint("import OpenAI\nlet r = try await openAI.chats(query: q)\n", language: .swift).first)
    #expect(swift.message.contains("run it inside withUsage { ... }"), "\(swift.message)")
    #expect(rules.rules.allSatisfy { !$0.message.contains("track_llm_call(...)") || !$0.languages.contains(.python) })
  }

  @Test func withoutAConfiguredConstructMessagesAreTheCatalogues() throws {
    let python = try #require(Self.findings("client.chat.completions.create(model=\"m\")\n").first)
    #expect(python.message.contains("wrap it in track_llm_call(...)"))
    let rules = CoverageTests.ruleSet("tracked:\n  python:\n    decorators: [traced]\n")
    #expect(rules.rules == TestSupport.builtIn.rules)
  }

  @Test func aConfigsOwnMessageIsKept() throws {
    let rules = CoverageTests.ruleSet(
      """
      tracked:
        python:
          context-managers: [usage_scope]
      rules:
        - id: acme-llm
          provider: acme
          languages: [python]
          patterns: ["acme.generate"]
          message: Acme call; wrap it in track_llm_call(...) as the wiki says

      """)
    let finding = try #require(Self.findings("acme.generate(x)\n", ruleSet: rules).first)
    #expect(finding.message == "Acme call; wrap it in track_llm_call(...) as the wiki says")
  }
}
