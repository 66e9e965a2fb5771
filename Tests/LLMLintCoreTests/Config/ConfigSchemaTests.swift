import Testing

@testable import LLMLintCore

/// The config keys for precision: tracked functions, imports and paths, HTTP endpoints, LiteLLM callback
/// coverage, and the rule keys `receivers`, `require-receiver`, `http`, `covered-by-litellm-callback`.
@Suite struct ConfigSchemaTests {
  /// The built-in catalogue with `config` applied on top, and the problems.
  static func load(_ config: String) -> (RuleSet, [String]) {
    var builder = Builder()
    _ = builder.apply(bytes: ConfigLoader.builtInBytes, file: nil, isUser: false)
    let problems = builder.apply(bytes: Array(config.utf8), file: ".llmlint.yml", isUser: true)
    return (builder.ruleSet(), problems.map(\.description))
  }

  @Test func newKeysAreRead() {
    let (ruleSet, problems) = Self.load(
      """
      tracked:
        python:
          functions: [call_with_usage]
          imports: [langfuse.openai]
        swift:
          functions: [withUsage]
        paths: [vendor/tracked/]
      http-endpoints: [llm.internal.example.com]
      litellm-callback-coverage: off
      rules:
        - id: internal-llm
          provider: internal
          languages: [python]
          receivers: [internal.LLMClient, "Internal*"]
          require-receiver: true
          covered-by-litellm-callback: true
          message: m
          patterns: ["*.ask"]
      """)
    #expect(problems.isEmpty, "\(problems)")
    #expect(ruleSet.tracked.functions.map(\.name) == ["call_with_usage", "withUsage"])
    #expect(ruleSet.tracked["python", .imports].map(\.name) == ["langfuse.openai"])
    #expect(ruleSet.tracked.paths.map(\.name) == ["vendor/tracked/"])
    #expect(ruleSet.httpEndpoints.last?.name == "llm.internal.example.com")
    #expect(ruleSet.liteLLMCoverage == .off)
    let rule = ruleSet.rules.last!
    #expect(
      rule.receivers == ["internal.LLMClient", "Internal*"] && rule.requireReceiver && rule.coveredByLiteLLMCallback)
  }

  @Test func badValuesSayWhatWasExpected() {
    let (_, problems) = Self.load(
      """
      litellm-callback-coverage: sometimes
      rules:
        - id: x
          provider: p
          languages: [python]
          http: yes
          message: m
          patterns: ["*.a"]
      tracked:
        python:
          imports: ["not a module"]
      """)
    #expect(
      problems == [
        ".llmlint.yml:1:28: unknown value 'sometimes' for 'litellm-callback-coverage' (expected auto, on or off)",
        ".llmlint.yml:6:11: expected true or false, found 'yes'",
        ".llmlint.yml:11:15: 'not a module' is not one of the module names expected here",
      ])
  }

  @Test func trackedFunctionsImportsAndPathsClearFindings() {
    let (ruleSet, _) = Self.load(
      "tracked:\n  python:\n    functions: [call_with_usage]\n    imports: [langfuse.openai]\n  paths: [vendor/]\n")
    let linter = Linter(ruleSet: ruleSet)
    let source = """
      from langfuse.openai import openai
      from langfuse.openai import AsyncOpenAI

      wrapped = AsyncOpenAI()


      def call_with_usage(client):
          return client.chat.completions.create(model="m")


      def other(client):
          openai.chat.completions.create(model="m")
          wrapped.chat.completions.create(model="m")
          return client.chat.completions.create(model="m")

      """
    #expect(linter.lint(source, language: .python, path: "app.py").map(\.line) == [14])
    #expect(linter.lint(source, language: .python, path: "vendor/app.py").isEmpty)
    #expect(linter.lint(source, language: .python, path: "./vendor/app.py").isEmpty)
  }

  @Test func recordersAreReadAndTrackRecordedCalls() {
    let (_, bad) = Self.load("tracked:\n  swift:\n    recorders: [\"bad name\"]\n")
    #expect(bad.count == 1 && bad[0].contains("'bad name' is not one of the function names expected here"), "\(bad)")
    let (ruleSet, problems) = Self.load("tracked:\n  python:\n    recorders: [bill_*]\n")
    #expect(problems.isEmpty, "\(problems)")
    #expect(ruleSet.tracked.recorders.map(\.name).contains("bill_*"))
    #expect(ruleSet.tracked.recorders.map(\.name).contains("record_*usage*"))
    let source = """
      def f(client):
          resp = client.chat.completions.create(model="m")
          bill_tokens(resp.usage)
          other = client.chat.completions.create(model="m")
          return other

      """
    #expect(Linter(ruleSet: ruleSet).lint(source, language: .python).map(\.line) == [4])
  }

  @Test func httpEndpointsExtendTheCatalogue() {
    let (ruleSet, _) = Self.load("http-endpoints: [llm.internal.example.com]\n")
    let linter = Linter(ruleSet: ruleSet)
    let source = "import requests\nrequests.post('https://llm.internal.example.com/generate', json=b)\n"
    #expect(linter.lint(source, language: .python).map(\.ruleID) == ["http-llm-endpoint"])
    #expect(TestSupport.linter.lint(source, language: .python).isEmpty)
  }
}
