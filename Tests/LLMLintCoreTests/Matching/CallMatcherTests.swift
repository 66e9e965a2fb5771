import Testing

@testable import LLMLintCore

/// Marked snippets: each `↓` is where a finding must be placed (its called name). Every case is re-run inside
/// a comment, inside a string and after a line of multi-byte text (see `assertFindings`).
@Suite struct CallMatcherTests {
  // MARK: - Python

  @Test func directCallIsFoundAtTheStartOfItsChain() {
    assertFindings(.python, "x = client.chat.completions.↓create(model=m)\n", rules: ["openai-chat-completions"])
    assertFindings(.python, "x = await self._client.chat.completions.↓create(model=m)\n", rules: ["openai-chat-completions"])
    assertFindings(
      .python, "x = __import__(\"openai\").Client(api_key=k).chat.completions.↓create(model=m)\n",
      rules: ["openai-chat-completions"])
  }

  /// A finding spans its called name (`column..<endColumn`, in scalars) and keeps the call's first line.
  @Test func aFindingSpansTheCalledName() throws {
    let python = TestSupport.linter.lint(
      "s = 'é'; x = (client\n  .chat.completions\n  .create(model=m))\n", language: .python)
    let finding = try #require(python.first)
    #expect([finding.line, finding.column, finding.endColumn, finding.startLine, finding.endLine] == [3, 4, 10, 1, 3])
    #expect(finding.sourceLine == "  .create(model=m))")
    let swift = TestSupport.linter.lint("let é = 1; let r = try await openAI.chats(query: q)\n", language: .swift)
    let chats = try #require(swift.first)
    #expect([chats.line, chats.column, chats.endColumn, chats.startLine] == [1, 37, 42, 1])
  }

  @Test func chainsSplitOverLinesCommentsAndContinuations() {
    assertFindings(
      .python, "x = (\n    client\n    .chat  # why\n    .completions\n    .↓create(model=m)\n)\n",
      rules: ["openai-chat-completions"])
    assertFindings(.python, "x = client.chat \\\n    .completions.↓create(model=m)\n", rules: ["openai-chat-completions"])
    assertFindings(.python, "x = client.chat.completions.↓create\\\n(model=m)\n", rules: ["openai-chat-completions"])
  }

  @Test func crlfAndLoneCarriageReturnLineEndings() {
    assertFindings(.python, "import os\r\nx = client.chat.completions.↓create(model=m)\r\n", rules: ["openai-chat-completions"])
    assertFindings(.python, "import os\rx = client.chat.completions.↓create(model=m)\r", rules: ["openai-chat-completions"])
  }

  @Test func receiverEntriesLedByAStarMatchAPathsLastNames() {
    func path(_ text: String) -> [[UInt8]] { text.split(separator: ".").map { Array($0.utf8) } }
    #expect(CallMatcher.receiverMatches("*.TextEmbeddingModel.from_pretrained", path("vertexai.language_models.TextEmbeddingModel.from_pretrained")))
    #expect(CallMatcher.receiverMatches("*.*Model.from_pretrained", path("x.ChatModel.from_pretrained")))
    #expect(!CallMatcher.receiverMatches("*.*Model.from_pretrained", path("ChatModel.from_pretrained")))
    #expect(!CallMatcher.receiverMatches("*.start_chat", path("start_chat")))
    #expect(CallMatcher.receiverMatches("litellm.Router", path("litellm.Router")))
    #expect(!CallMatcher.receiverMatches("litellm.Router", path("app.litellm.Router")))
  }

  @Test func receiversOfAnyShape() {
    assertFindings(
      .python,
      """
      get_client().chat.completions.↓create(model=m)
      clients["a"].chat.completions.↓create(model=m)
      OpenAI(api_key=k).chat.completions.↓create(model=m)
      (a or b).chat.completions.↓create(model=m)
      client.with_options(max_retries=2).chat.completions.with_raw_response.↓create(model=m)

      """, rules: ["openai-chat-completions"])
  }

  @Test func noReceiverIsNoMatchForAStarPattern() {
    assertFindings(.python, "completions.create(x)\ncreate(x)\n", rules: [])
    assertFindings(.python, "chat.completions.↓create(model=m)\n", rules: ["openai-completions"])
  }

  @Test func fStringReplacementFieldsAreCode() {
    assertFindings(.python, "s = f\"{client.chat.completions.↓create(model=m)}\"\n", rules: ["openai-chat-completions"])
    assertFindings(.python, "s = f'{x!r:>{client.embeddings.↓create(input=y)}}'\n", rules: ["openai-embeddings"])
    assertFindings(.python, "s = f'client.chat.completions.create(model=m)'\n", rules: [])
  }

  @Test func importAliasesAreFollowed() {
    assertFindings(
      .python,
      """
      import litellm as ll
      from litellm import completion as ask
      ll.↓completion(model=m)
      ↓ask(model=m)
      ask.other(model=m)

      """, rules: ["litellm-completion"])
  }

  @Test func importGateAppliesOnlyToAmbiguousRules() {
    assertFindings(.python, "client.messages.create(to=a, body=b)\n", rules: [])
    assertFindings(.python, "import anthropic\nclient.messages.↓create(model=m)\n", rules: ["anthropic-messages"])
    assertFindings(.python, "from anthropic.types import Message\nclient.messages.↓create(model=m)\n", rules: ["anthropic-messages"])
  }

  @Test func trackedWithBlockEndsAtItsDedent() {
    assertFindings(
      .python,
      """
      async def f(self):
          async with self.tracker.track_llm_call(provider="p") as log:
              a = await self.client.chat.completions.create(model=m)

              # comment
              b = await self.client.chat.completions.create(
                  model=m,
              )
          c = await self.client.chat.completions.↓create(model=m)

      """, rules: ["openai-chat-completions"])
  }

  @Test func trackedDecoratorCoversTheFunctionBodyOnly() {
    assertFindings(
      .python,
      """
      @tracker.track_llm_call(provider="p")
      def f():
          return client.chat.completions.create(model=m)
      def g():
          return client.chat.completions.↓create(model=m)

      """, rules: ["openai-chat-completions"])
  }

  @Test func identifiersMatchWhole() {
    assertFindings(
      .python,
      """
      with track_llm_call_stats():
          client.chat.completions.↓create(model=m)
      with x.untrack_llm_call():
          client.chat.completions.↓create(model=m)

      """, rules: ["openai-chat-completions"])
  }

  @Test func definitionsAndReferencesAreNotCalls() {
    assertFindings(.python, "def completion(x):\n    pass\nf = client.chat.completions.create\n", rules: [])
    assertFindings(.python, "from litellm import completion\ndef completion(x):\n    pass\n", rules: [])
  }

  @Test func unterminatedInputDoesNotHideEarlierCalls() {
    assertFindings(.python, "client.chat.completions.↓create(model=m)\ns = '''never closed\n", rules: ["openai-chat-completions"], variants: false)
    assertFindings(.python, "client.chat.completions.↓create(model=m, messages=[\n", rules: ["openai-chat-completions"], variants: false)
  }

  // MARK: - Swift

  @Test func swiftCallWithArgumentLabels() {
    assertFindings(.swift, "let r = try await openAI.↓chats(query: q)\n", rules: ["swift-openai-chats"])
    assertFindings(.swift, "let r = try await openAI.chats(q)\nlet s = openAI.chats(other: q)\n", rules: [])
  }

  @Test func swiftOptionalChainingAndSplitChains() {
    assertFindings(.swift, "_ = try await client?.↓chats(query: q)\n", rules: ["swift-openai-chats"])
    assertFindings(.swift, "_ = try await client\n  .↓chats(query: q)\n", rules: ["swift-openai-chats"])
  }

  @Test func swiftInterpolationIsCode() {
    assertFindings(.swift, "print(\"a \\(try await openAI.↓chats(query: q)) b\")\n", rules: ["swift-openai-chats"])
    assertFindings(.swift, "print(#\"a \\(openAI.chats(query: q)) b\"#)\n", rules: [])
    assertFindings(.swift, "print(#\"a \\#(openAI.↓chats(query: q)) b\"#)\n", rules: ["swift-openai-chats"])
  }

  @Test func swiftTrackedClosures() {
    assertFindings(
      .swift,
      """
      let a = try await tracker.trackLLMCall(provider: "p") { usage in
        try await openAI.chats(query: q)
      }
      let b = try await trackLLMCall(provider: "p", body: { try await openAI.chats(query: q) })
      let c = try await openAI.↓chats(query: q)

      """, rules: ["swift-openai-chats"])
  }

  @Test func swiftLeadingDotMemberHasNoReceiver() {
    assertFindings(.swift, "let x = .chats(query: q)\n", rules: [])
  }

  @Test func swiftImportGate() {
    assertFindings(.swift, "let r = try await next.respond(to: request)\n", rules: [])
    assertFindings(.swift, "import FoundationModels\nlet r = try await session.↓respond(to: p)\n", rules: ["swift-foundation-models"])
  }

  // MARK: - Pieces

  @Test func chainWalkIsBoundedOnVeryLongChains() {
    let chain = String(repeating: "a.", count: 10_000) + "chat.completions.create(x)\n"
    let findings = TestSupport.linter.lint(chain, language: .python)
    #expect(findings.count == 1)
  }

  @Test func manyCallsOnOneHugeLineKeepNoCopiesOfTheLine() {
    let line = String(repeating: "client.chat.completions.create(x); ", count: 20_000) + "\n"
    let findings = TestSupport.linter.lint(line, language: .python)
    #expect(findings.count == 20_000)
    #expect(findings.allSatisfy { $0.sourceLine.isEmpty })
    let short = TestSupport.linter.lint("client.chat.completions.create(x)\n", language: .python)
    #expect(short.first?.sourceLine == "client.chat.completions.create(x)")
  }

  @Test func trackedRegionsMergeAndSearch() {
    let regions = TrackedRegions([10..<20, 15..<30, 40..<50, 5..<5])
    #expect(regions.ranges == [10..<30, 40..<50])
    #expect(!regions.contains(9))
    #expect(regions.contains(10))
    #expect(regions.contains(29))
    #expect(!regions.contains(30))
    #expect(regions.contains(45))
    #expect(!regions.contains(50))
  }

  @Test func callPatternParsing() throws {
    let star = try CallPattern("*.chat.completions.create(")
    #expect(star.anyReceiver && star.segments.map { String(decoding: $0, as: UTF8.self) } == ["chat", "completions", "create"])
    let labelled = try CallPattern("*.chats(query:)")
    #expect(labelled.labels.map { String(decoding: $0, as: UTF8.self) } == ["query"])
    let unlabelled = try CallPattern("*.respond(_:to:)")
    #expect(unlabelled.labels.map { String(decoding: $0, as: UTF8.self) } == ["_", "to"])
    let exact = try CallPattern("litellm.completion")
    #expect(!exact.anyReceiver && exact.segments.count == 2)
    for bad in ["", "*.", "a..b", "*.chats(query)", "a.b)", "1a.b", "*.x(1:)"] {
      #expect(throws: CallPattern.ParseError.self, "\(bad)") { try CallPattern(bad) }
    }
  }
}

/// Names and bindings followed within a file, with the usual variants (comment, string, multi-byte line).
@Suite struct BindingMatcherTests {
  @Test func referencesAndPartialsAreCallees() {
    assertFindings(
      .python,
      """
      from functools import partial
      create = client.chat.completions.create
      quick = partial(client.responses.create, model="m")
      ↓create(model=m)
      ↓quick(input=x)

      """, rules: ["openai-chat-completions", "openai-responses"])
  }

  @Test func aParameterShadowsAModuleBinding() {
    assertFindings(
      .python,
      """
      create = client.chat.completions.create
      def f(create):
          create(x)
      def g():
          ↓create(x)

      """, rules: ["openai-chat-completions"])
  }

  @Test func receiverBoundToAnotherSDKIsNotTheGatedProvider() {
    assertFindings(
      .python,
      """
      import anthropic
      from twilio.rest import Client
      sms = Client(sid, token)
      claude = anthropic.Anthropic()
      sms.messages.create(to=a, body=b)
      claude.messages.↓create(model=m)
      unknown.messages.↓create(model=m)

      """, rules: ["anthropic-messages"])
  }

  @Test func ownMethodsAreNotGatedSDKCalls() {
    assertFindings(.python, "import cohere\nself.chat(x)\ncls.embed(x)\n", rules: [])
  }

  @Test func langChainNeedsAChatModelReceiver() {
    assertFindings(
      .python,
      """
      from langchain_openai import ChatOpenAI
      llm = ChatOpenAI(model="m")
      chain = prompt | llm
      tools = llm.bind_tools([t])
      llm.↓invoke(q)
      chain.invoke(q)
      tools.↓invoke(q)

      """, rules: ["langchain-chat-model"])
  }

  /// `http-paths` of a rule: a config replaces them; a path must start with `/`; `llmlint rules` lists them.
  @Test func httpPathsAreConfigurable() throws {
    var builder = Builder()
    _ = builder.apply(bytes: ConfigLoader.builtInBytes, file: nil, isUser: false)
    let config = "rules:\n  - id: http-llm-endpoint\n    http-paths: [/generate]\n"
    #expect(builder.apply(bytes: Array(config.utf8), file: "c.yml", isUser: true).isEmpty)
    let ruleSet = builder.ruleSet()
    assertFindings(
      .python, "import httpx\nhttpx.↓post(f\"{base}/generate\", json={\"model\": m})\n", rules: ["http-llm-endpoint"],
      ruleSet: ruleSet)
    // Replaced, not extended: the built-in paths are gone for this rule.
    assertFindings(
      .python, "import httpx\nhttpx.post(f\"{base}/embeddings\", json={\"model\": m})\n", rules: [], ruleSet: ruleSet)
    #expect(RulesListing.render(ruleSet, configPath: "c.yml").contains("body names a model: /generate\n"))
    var bad = Builder()
    let bytes = Array("rules:\n  - id: x-y\n    http-paths: [generate]\n".utf8)
    let problems = bad.apply(bytes: bytes, file: "c.yml", isUser: true)
    #expect(problems.first?.message == "'generate' is not one of the URL paths starting with '/' expected here")
  }

  @Test func rawHTTPFollowsNamesToLiterals() {
    assertFindings(
      .python,
      """
      import requests
      BASE = "https://api.anthropic.com"
      URL = f"{BASE}/v1/messages"
      requests.↓post(URL, json=b)
      requests.post(OTHER, json={"u": "https://api.anthropic.com"})

      """, rules: ["http-llm-endpoint"])
    assertFindings(
      .swift,
      """
      let url = URL(string: "https://api.openai.com/v1/responses")!
      let request = URLRequest(url: url)
      let (d, _) = try await URLSession.shared.↓data(for: request)

      """, rules: ["swift-http-llm-endpoint"])
  }

  @Test func swiftTypeAnnotationsDecideGatedReceivers() {
    assertFindings(
      .swift,
      """
      import FoundationModels
      func f(session: LanguageModelSession, next: Responder) async throws {
        _ = try await session.↓respond(to: "x")
        _ = try await next.respond(to: request)
      }

      """, rules: ["swift-foundation-models"])
  }

  @Test func hostileBindingChainsStayBounded() {
    var source = "import requests\nu0 = 'https://api.openai.com/v1/chat/completions'\n"
    for index in 1..<2000 { source += "u\(index) = u\(index - 1)\n" }
    source += "requests.post(u1999)\n"
    // Followed only a few levels: too deep to see, and no hang.
    #expect(TestSupport.linter.lint(source, language: .python).isEmpty)
    var cycle = "import requests\na = b\nb = a\n"
    cycle += "requests.post(a)\n"
    #expect(TestSupport.linter.lint(cycle, language: .python).isEmpty)
  }
}
