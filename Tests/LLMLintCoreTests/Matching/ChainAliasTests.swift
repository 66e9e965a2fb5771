import Testing

@testable import LLMLintCore

/// Chains written through a name bound to a prefix of them (`completions = client.chat.completions`, then
/// `completions.create(…)`) and through `getattr(receiver, "name")` are matched as the chain written out:
/// same rule, same gates and receivers, the finding on the called name.
@Suite struct ChainAliasTests {
  @Test func aNameBoundToAChainPrefixIsTheChainWrittenOut() {
    assertFindings(
      .python,
      """
      from openai import OpenAI
      client = OpenAI()
      chat = client.chat
      def f():
          completions = client.chat.completions
          completions.↓create(model="m", messages=[])
          chat.completions.↓create(model="m", messages=[])
          nested = chat.completions
          return nested.↓stream(model="m", messages=[])
      class S:
          def __init__(self):
              self.comp = OpenAI().chat.completions
          def g(self):
              self.comp.↓create(model="m")
              runs = self.beta.threads.runs
              return runs.↓create(thread_id=t)

      """,
      rules: [
        "openai-chat-completions", "openai-chat-completions", "openai-chat-completions", "openai-chat-completions",
        "openai-assistants-runs",
      ])
  }

  @Test func getattrWithALiteralNameIsTheAttribute() {
    assertFindings(
      .python,
      """
      getattr(client.chat.completions, "↓create")(model="m")
      getattr(client.chat.completions, name)(model="m")
      getattr(getattr(client, 'chat'), "completions").↓create(model="m")
      getattr(client.responses, "↓create", None)(model="m")
      getattr(client.responses, f"create")(model="m")
      getattr(client.responses, b"create")(model="m")
      getattr(client.responses, "cre ate")(model="m")
      obj.getattr(client.responses, "create")(model="m")
      getattr(a or b, "chat").completions.↓create(model="m")

      """,
      rules: ["openai-chat-completions", "openai-chat-completions", "openai-responses", "openai-chat-completions"])
  }

  /// A `getattr` call's finding is on the name inside its literal; the call's first line is the `getattr`'s.
  @Test func aGetattrFindingSpansTheQuotedName() throws {
    let findings = TestSupport.linter.lint(
      "x = getattr(\n    client.chat.completions,\n    'create',\n)(model=m)\n", language: .python)
    let finding = try #require(findings.first)
    #expect([finding.line, finding.column, finding.endColumn, finding.startLine, finding.endLine] == [3, 6, 12, 1, 4])
    #expect(finding.callee == "getattr(client.chat.completions,'create',)")
  }

  @Test func lookAlikesWrittenThroughANameStayAsTheyAreWrittenOut() {
    assertFindings(
      .python,
      """
      import anthropic
      from twilio.rest import Client
      sms = Client(sid, token)
      texts = sms.messages
      texts.create(to=a, body=b)
      getattr(sms.messages, "create")(to=a, body=b)
      getattr(sms, "messages").create(to=a, body=b)
      class Notifier:
          def __init__(self):
              self.texts = sms.messages
          def send(self):
              self.texts.create(to=a, body=b)
              own = self.messages
              own.create(body=b)
      claude = anthropic.Anthropic().messages
      claude.↓create(model=m)

      """, rules: ["anthropic-messages"])
    assertFindings(
      .python,
      """
      from twilio.rest import Client
      client = Client(sid, token)
      messages = client.messages
      messages.create(to=a, body=b)
      getattr(client.messages, "create")(to=a, body=b)

      """, rules: [])
  }

  @Test func aParameterOrALocalRebindingShadowsAPrefix() {
    assertFindings(
      .python,
      """
      completions = client.chat.completions
      def f(completions):
          completions.create(x)
      def g():
          completions = make_queue()
          completions.create(x)
      def h():
          completions.↓create(x)

      """, rules: ["openai-chat-completions"])
  }

  @Test func swiftLetBoundToAChainPrefix() {
    assertFindings(
      .swift,
      """
      import OpenAI
      struct A {
        let responses = OpenAI(apiToken: "t").responses
        func f(openAI: OpenAI, query: CreateModelResponseQuery) async throws {
          let local = openAI.responses
          _ = try await local.↓createResponse(query: query)
          _ = try await self.responses.↓createResponseStreaming(query: query)
        }
      }

      """, rules: ["swift-openai-chats"])
  }

  /// Suppression comments hide these calls as they hide written-out ones: on the called name's line or the
  /// call's first line (a `getattr` split over lines), and an ignore with no such call is reported unused.
  @Test func suppressionCommentsApply() {
    let source = """
      from openai import OpenAI
      completions = OpenAI().chat.completions
      completions.create(model="m")  # llmlint: ignore[openai-chat-completions] batch job
      x = getattr(  # llmlint: ignore[openai-chat-completions] batch job
          completions,
          "create",
      )(model="m")
      getattr(completions, name)(model="m")  # llmlint: ignore[openai-chat-completions] not a call llmlint sees

      """
    let result = TestSupport.linter.check(source, language: .python)
    #expect(
      result.suppressed.map { "\($0.line) \($0.ruleID)" } == ["3 openai-chat-completions", "6 openai-chat-completions"])
    #expect(result.findings.map { "\($0.line) \($0.ruleID)" } == ["8 \(Suppression.unusedRuleID)"])
  }

  /// The client's endpoint decides the provider of a call written through a name as of one written out.
  @Test func aPrefixKeepsItsClientsEndpoint() {
    let source = """
      from openai import OpenAI
      chat = OpenAI(base_url="http://localhost:1234/v1").chat
      chat.completions.create(model="m")
      local = OpenAI(base_url="http://localhost:1234/v1")
      completions = local.chat.completions
      completions.create(model="m")
      getattr(OpenAI(base_url="https://openrouter.ai/api/v1"), "chat").completions.create(model="m")
      remote = OpenAI().chat
      remote.completions.create(model="m")

      """
    let findings = TestSupport.linter.lint(source, language: .python)
    #expect(findings.map(\.provider) == ["local", "local", "openrouter", "openai"])
  }

  @Test func explainSaysWhichNamesAChainWasWrittenThrough() {
    let source = """
      from openai import OpenAI
      client = OpenAI()
      chat = client.chat
      completions = chat.completions
      completions.create(model="m")
      getattr(client.chat.completions, "create")(model="m")

      """
    let analysis = TestSupport.linter.analysis(
      SourceFile(path: "a.py", language: .python, bytes: Array(source.utf8)), describingReceivers: true)
    let notes = analysis.result.findings.map { analysis.receiverNotes[$0.startOffset] ?? "-" }
    #expect(
      notes == [
        "client, bound in the file to openai.OpenAI(…) (imported); written through completions = chat.completions,"
          + " then chat = client.chat",
        "client, bound in the file to openai.OpenAI(…) (imported)",
      ])
    let explainer = VerdictExplainer(rules: TestSupport.builtIn.rules)
    #expect(VerdictExplainer.calleeName("getattr(client.chat.completions,\"create\")") == Array("create".utf8))
    #expect(VerdictExplainer.calleeName("openAI.chats") == Array("chats".utf8))
    let site = CoverageTests.coverage([CoverageTests.python("a.py", source)]).sites
    #expect(site.count == 2)
    #expect(site.allSatisfy { explainer.explain($0).contains("pattern: *.chat.completions.create") })
  }

  @Test func chainsThroughNamesStayBounded() {
    var deep = "from openai import OpenAI\na0 = OpenAI().chat\n"
    for index in 1..<2000 { deep += "a\(index) = a\(index - 1).x\n" }
    deep += "a1999.completions.create(model=m)\n"
    // Followed only a few names: the chain is `a1999.completions.create`, which matches the legacy rule.
    #expect(TestSupport.linter.lint(deep, language: .python).map(\.ruleID) == ["openai-completions"])
    let cycle = "a = b.chat\nb = a.chat\nc = c.x\na.completions.create(model=m)\nc.y.create(m)\n"
    #expect(TestSupport.linter.lint(cycle, language: .python).map(\.ruleID) == ["openai-chat-completions"])
    var wide = "from openai import OpenAI\n"
    for index in 0..<200 { wide += "chat = c\(index).chat\n" }
    wide += "chat.completions.create(model=m)\n"
    #expect(TestSupport.linter.lint(wide, language: .python).map(\.ruleID) == ["openai-chat-completions"])
  }

  // MARK: - Every pattern of the catalogue

  /// The lines before a written-out call of `pattern` that give it its evidence: the rule's import (or the
  /// pattern's module), and `client` made by the rule's first receiver when it has receivers.
  static func header(_ rule: Rule, _ pattern: CallPattern) -> String {
    let segments = pattern.segments.map { String(decoding: $0, as: UTF8.self) }
    var header = ""
    if let module = rule.imports.first {
      header += "import \(module)\n"
    } else if !pattern.anyReceiver {
      header += "import \(segments[0])\n"
    }
    if pattern.anyReceiver, let constructor = rule.receivers.first {
      header += "client = \(constructor.replacingOccurrences(of: "*", with: "Text"))()\n"
    }
    return header
  }

  /// The same call written through names and `getattr` in every way the chain allows: a local, module-level
  /// or `self.` name bound to each prefix of two names or more, and `getattr` at each name after the root.
  static func variants(_ chain: [String], header: String) -> [String] {
    let call = "(model=\"m\")"
    var result: [String] = []
    for split in 2..<chain.count {
      let prefix = chain[..<split].joined(separator: ".")
      let rest = chain[split...].joined(separator: ".")
      result.append(header + "prefix = \(prefix)\nresult = prefix.\(rest)\(call)\n")
      result.append(header + "def f():\n    prefix = \(prefix)\n    return prefix.\(rest)\(call)\n")
      result.append(
        header + "class K:\n    def __init__(self):\n        self.prefix = \(prefix)\n\n"
          + "    def m(self):\n        return self.prefix.\(rest)\(call)\n")
    }
    for position in 1..<chain.count {
      let receiver = chain[..<position].joined(separator: ".")
      let access = "getattr(\(receiver), \"\(chain[position])\")"
      let rest = chain[(position + 1)...].map { "." + $0 }.joined()
      result.append(header + "result = \(access)\(rest)\(call)\n")
    }
    return result
  }

  /// For every Python rule and pattern of the catalogue, on the SDK's own client and on another SDK's
  /// (a Twilio client, where gated rules refuse it): each variant finds exactly what the call written out
  /// finds, and with the SDK's client that is a finding.
  @Test func everyPythonPatternWrittenThroughNamesMatchesAsWrittenOut() {
    var checked = 0
    for rule in TestSupport.builtIn.rules where rule.languages.contains(.python) && !rule.isHTTP {
      for pattern in rule.patterns where pattern.labels.isEmpty {
        let segments = pattern.segments.map { String(decoding: $0, as: UTF8.self) }
        let chain = pattern.anyReceiver ? ["client"] + segments : segments
        let foreign = "from twilio.rest import Client as TwilioClient\nclient = TwilioClient(sid, token)\n"
        for header in [Self.header(rule, pattern), Self.header(rule, pattern) + foreign] {
          let written = TestSupport.linter.lint(
            header + "result = \(chain.joined(separator: "."))(model=\"m\")\n", language: .python)
          if !header.hasSuffix(foreign) {
            #expect(!written.isEmpty, "\(rule.id) \(pattern): written out, no finding")
          }
          for variant in Self.variants(chain, header: header) {
            let got = TestSupport.linter.lint(variant, language: .python)
            #expect(got.map(\.ruleID) == written.map(\.ruleID), "\(rule.id) \(pattern):\n\(variant)")
            checked += 1
          }
        }
      }
    }
    #expect(checked > 300)
  }

  /// A name bound many times answers its uses from bindings grouped by function (past
  /// `Bindings.groupedFrom`), a name bound a few times by filtering them: the verdicts are the same
  /// however often it is bound — module scope reached from a function, a parameter that shadows it, and
  /// `self.` attributes bound in another method.
  @Test func aNameBoundManyTimesResolvesAsABoundOnce() {
    for count in [1, Bindings.groupedFrom, Bindings.groupedFrom + 1, 3 * Bindings.groupedFrom] {
      let rebound = String(repeating: "chat = client.chat\n", count: count)
      let selfRebound = String(repeating: "        self.chat = client.chat\n", count: count)
      assertFindings(
        .python,
        """
        from openai import OpenAI
        client = OpenAI()
        \(rebound)def f():
            return chat.completions.↓create(model="m", messages=[])
        def g(chat):
            return chat.completions.↓create(model="m", prompt="p")
        class S:
            def __init__(self):
        \(selfRebound)    def h(self):
                return self.chat.completions.↓create(model="m", messages=[])

        """,
        rules: ["openai-chat-completions", "openai-completions", "openai-chat-completions"], variants: false)
    }
  }
}
