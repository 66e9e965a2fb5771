import Testing

@testable import LLMLintCore

/// Swift raw HTTP under a base URL llmlint cannot see (`swift-http-llm-endpoint`'s `http-paths`): a
/// `URLSession` call is an LLM call when its request's URL ends in one of the paths and its body names a model.
/// Each piece of evidence is shown needed by a pair that differs only in it. Every marked case is re-run inside
/// a comment, inside a string and after a line of multi-byte text (see `assertFindings`).
@Suite struct URLRequestPathTests {
  static let rule = ["swift-http-llm-endpoint"]
  static let modelBody = "try JSONEncoder().encode(Body(model: model, input: input))"
  static let embeddings = "base.appendingPathComponent(\"embeddings\")"

  /// A function that builds a request from `url`, sets its body to `body` (unless `nil`) and sends it with
  /// `call`.
  static func request(url: String, body: String?, call: String = "session.↓data(for: request)") -> String {
    var text = "func f(model: String, input: String, base: URL, baseString: String, id: String) async throws {\n"
    text += "  var request = URLRequest(url: \(url))\n"
    if let body { text += "  request.httpBody = \(body)\n" }
    text += "  _ = try await \(call)\n}\n"
    return text
  }

  /// The same source with its markers dropped: no finding.
  func assertQuiet(_ marked: String, sourceLocation: SourceLocation = #_sourceLocation) {
    assertFindings(.swift, marked.replacingOccurrences(of: "↓", with: ""), rules: [], sourceLocation: sourceLocation)
  }

  @Test func theURLEndsInAnLLMPath() {
    let ending = [
      "base.appendingPathComponent(\"chat/completions\")",
      "base.appendingPathComponent(\"/embeddings\")",
      "base.appending(path: \"v1/responses\")",
      "base.appending(component: \"rerank\")",
      "base.appending(components: \"v1\", \"audio\", \"speech\")",
      "base.appendingPathComponent(\"v1\").appendingPathComponent(\"moderations\")",
      "URL(string: \"\\(baseString)/v1/images/generations\")!",
      "URL(string: baseString + \"/audio/transcriptions\")!",
      "URL(string: \"embeddings?api-version=2024-02-01\", relativeTo: base)!",
    ]
    for url in ending {
      assertFindings(.swift, Self.request(url: url, body: Self.modelBody), rules: Self.rule)
    }
    let notEnding = [
      "base.appendingPathComponent(\"users\")",
      "base.appendingPathComponent(\"embeddings\").appendingPathComponent(id)",
      "base.appending(components: \"embeddings\", id)",
      "base.appendingPathComponent(id)",
      "URL(string: \"\\(baseString)/embeddings/\\(id)\")!",
      "URL(string: \"\\(baseString)\\(id)\")!",
      "URL(string: \"\\(baseString)/embeddings-cache\")!",
      "URL(string: \"\\(baseString)/search?next=/embeddings\")!",
      "URL(fileURLWithPath: \"/tmp/embeddings\")",
      "base",
    ]
    for url in notEnding {
      assertQuiet(Self.request(url: url, body: Self.modelBody))
    }
  }

  @Test func theBodyNamesAModel() {
    let naming = [
      Self.modelBody,
      "try JSONEncoder().encode(Body(input: input, model: model))",
      "try JSONSerialization.data(withJSONObject: [\"model\": model, \"input\": input])",
      "#\"{\"model\": \"m\", \"input\": \"x\"}\"#.data(using: .utf8)",
      #""{\"model\":\"m\"}".data(using: .utf8)"#,
    ]
    for body in naming {
      assertFindings(.swift, Self.request(url: Self.embeddings, body: body), rules: Self.rule)
    }
    let notNaming = [
      "try JSONSerialization.data(withJSONObject: [\"input\": input])",
      "try JSONSerialization.data(withJSONObject: [\"input\": input, \"meta\": [\"model\": model]])",
      "try JSONSerialization.data(withJSONObject: [\"kind\": \"model\"])",
      "try JSONEncoder().encode(model)",
      "try JSONEncoder().encode(MessageModel(text: input))",
      "try JSONEncoder().encode(inputs.map { Body(model: $0) })",
      "#\"{\"input\": \"model\"}\"#.data(using: .utf8)",
    ]
    for body in notNaming {
      assertQuiet(Self.request(url: Self.embeddings, body: body))
    }
    // No body at all.
    assertQuiet(Self.request(url: Self.embeddings, body: nil))
  }

  @Test func namesAreFollowedToTheURLAndTheBody() {
    assertFindings(
      .swift,
      """
      let embeddingsPath = "v1/embeddings"

      func embed(model: String, texts: [String], base: URL) async throws {
        let url = base.appending(path: embeddingsPath)
        let payload = EmbeddingBody(model: model, input: texts)
        let data = try JSONEncoder().encode(payload)
        var request = URLRequest(url: url)
        request.httpMethod = "POST"
        request.httpBody = data
        let (result, _) = try await URLSession.shared.↓data(for: request)
      }

      """, rules: Self.rule)
    // The same, with the payload's model label gone.
    assertQuiet(
      """
      func embed(model: String, texts: [String], base: URL) async throws {
        let url = base.appending(path: "v1/embeddings")
        let payload = EmbeddingBody(name: model, input: texts)
        let data = try JSONEncoder().encode(payload)
        var request = URLRequest(url: url)
        request.httpBody = data
        let (result, _) = try await URLSession.shared.data(for: request)
      }

      """)
  }

  @Test func aStoredPropertySetInTheInitializerIsFollowedUnlessAParameterShadowsIt() {
    let client = """
      struct Client {
        let endpoint: URL
        init(base: URL) {
          self.endpoint = base.appendingPathComponent("chat/completions")
        }
        func send(model: String) async throws {
          var request = URLRequest(url: endpoint)
          request.httpBody = try JSONEncoder().encode(Chat(model: model))
          _ = try await URLSession.shared.↓data(for: request)
        }
        func sendTo(endpoint: URL, model: String) async throws {
          var request = URLRequest(url: endpoint)
          request.httpBody = try JSONEncoder().encode(Chat(model: model))
          _ = try await URLSession.shared.data(for: request)
        }
      }

      """
    assertFindings(.swift, client, rules: Self.rule)
  }

  @Test func everyURLSessionShapeCounts() {
    assertFindings(
      .swift, Self.request(url: Self.embeddings, body: Self.modelBody, call: "session.↓bytes(for: request)"),
      rules: Self.rule)
    assertFindings(
      .swift,
      Self.request(url: Self.embeddings, body: Self.modelBody, call: "session.↓dataTask(with: request) { _, _, _ in }"),
      rules: Self.rule)
    // upload's body is its `from:` argument.
    assertFindings(
      .swift,
      Self.request(url: Self.embeddings, body: nil, call: "session.↓upload(for: request, from: \(Self.modelBody))"),
      rules: Self.rule)
    assertQuiet(
      Self.request(
        url: Self.embeddings, body: nil, call: "session.upload(for: request, from: try JSONEncoder().encode(input))"))
    // A request written in the call itself.
    assertFindings(
      .swift,
      "func f(base: URL, model: String) async throws {\n"
        + "  _ = try await session.↓upload(for: URLRequest(url: \(Self.embeddings)), from: \(Self.modelBody))\n}\n",
      rules: Self.rule)
    // A GET has no body.
    assertQuiet("func f(base: URL) async throws {\n  _ = try await session.data(from: \(Self.embeddings))\n}\n")
  }

  @Test func onlyABodySetBeforeTheCallOnThatRequestCounts() {
    assertQuiet(
      """
      func f(model: String, base: URL) async throws {
        var request = URLRequest(url: base.appendingPathComponent("embeddings"))
        var other = URLRequest(url: base)
        other.httpBody = try JSONEncoder().encode(Body(model: model))
        _ = try await session.data(for: request)
        request.httpBody = try JSONEncoder().encode(Body(model: model))
      }

      """)
    // A request that comes in as a parameter is not followed.
    assertQuiet(
      """
      func f(request: URLRequest, model: String) async throws {
        var copy = request
        copy.httpBody = try JSONEncoder().encode(Body(model: model))
        _ = try await session.data(for: copy)
      }

      """)
  }

  /// Shapes found by random edits of the fixtures: a request bound after the call (the body search would
  /// run backwards), a URL that is an implicit member (no receiver before its `.`).
  @Test func oddShapesAreQuietAndDoNotTrap() {
    assertQuiet(
      """
      func f() async throws {
        _ = try await session.data(for: request)
      }
      var request = URLRequest(url: base.appendingPathComponent("embeddings"))
      request.httpBody = try JSONEncoder().encode(Body(model: model))

      """)
    assertQuiet(Self.request(url: ".appendingPathComponent(\"embeddings\")", body: Self.modelBody))
    assertQuiet(Self.request(url: ".appending(components: \"v1\", \"embeddings\")", body: Self.modelBody))
  }

  /// The finding names the path, and is tracked inside a tracked closure like any other call.
  @Test func theFindingNamesThePathAndTrackingApplies() throws {
    let source = Self.request(url: Self.embeddings, body: Self.modelBody).replacingOccurrences(of: "↓", with: "")
    let finding = try #require(TestSupport.linter.lint(source, language: .swift).first)
    #expect(finding.ruleID == "swift-http-llm-endpoint")
    #expect(finding.line == 4)
    #expect(finding.message.hasSuffix("(endpoint: /embeddings)"))
    let tracked = Self.request(
      url: Self.embeddings, body: Self.modelBody,
      call: "trackLLMCall(provider: \"p\", model: \"m\") { try await session.data(for: request) }")
    assertQuiet(tracked)
  }

  /// A config's `http-paths` for the Swift rule replace the built-in ones, and the prefilter lets a file through
  /// on the path's last word.
  @Test func httpPathsOfTheSwiftRuleAreConfigurable() {
    var builder = Builder()
    _ = builder.apply(bytes: ConfigLoader.builtInBytes, file: nil, isUser: false)
    let config = "rules:\n  - id: swift-http-llm-endpoint\n    http-paths: [/api/generate]\n"
    #expect(builder.apply(bytes: Array(config.utf8), file: "c.yml", isUser: true).isEmpty)
    let ruleSet = builder.ruleSet()
    assertFindings(
      .swift, Self.request(url: "base.appending(components: \"api\", \"generate\")", body: Self.modelBody),
      rules: Self.rule, ruleSet: ruleSet)
    assertFindings(
      .swift, Self.request(url: Self.embeddings, body: Self.modelBody).replacingOccurrences(of: "↓", with: ""),
      rules: [], ruleSet: ruleSet)
    let prefilter = Prefilter(ruleSet: ruleSet)
    let source = Array(Self.request(url: "base.appending(components: \"api\", \"generate\")", body: "b").utf8)
    #expect(source.withUnsafeBufferPointer { prefilter.mayMatch($0, language: .swift) })
    #expect(!Array("let x = generate\n".utf8).withUnsafeBufferPointer { prefilter.mayMatch($0, language: .swift) })
  }

  /// Names that lead back to themselves (`self.base = base` in several initializers) and many calls stay
  /// bounded: each call's search has a fixed budget.
  @Test func hostileFilesStayBounded() {
    var source = "struct C {\n  let base: URL\n"
    for index in 0..<8 { source += "  init(base: URL, x\(index): Int) { self.base = base }\n" }
    for index in 0..<200 {
      source += "  func f\(index)(model: String, p: String) async throws {\n"
      source += "    var request = URLRequest(url: base.appendingPathComponent(p))\n"
      source += "    request.httpBody = try JSONEncoder().encode(Body(model: model))\n"
      source += "    _ = try await URLSession.shared.data(for: request)\n  }\n"
    }
    source += "}\n"
    #expect(TestSupport.linter.lint(source, language: .swift).isEmpty)
  }
}
