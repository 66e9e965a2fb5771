import Foundation

// Raw HTTP to an OpenAI-compatible server under a base URL llmlint cannot see: the request's URL ends in one
// of the rule's http-paths and its body names a model.

struct ChatBody: Encodable {
  var model: String
  var messages: [[String: String]]
}

struct EmbeddingBody: Encodable {
  var model: String
  var input: [String]
}

let embeddingsPath = "embeddings"
let gatewayBase = ProcessInfo.processInfo.environment["LLM_GATEWAY"] ?? "http://localhost:8080"
let responsesEndpoint = URL(string: gatewayBase + "/responses")!

struct Gateway {
  let baseURL: URL
  let baseString: String
  let session: URLSession
  let endpoint: URL

  init(baseURL: URL, baseString: String, session: URLSession) {
    self.baseURL = baseURL
    self.baseString = baseString
    self.session = session
    self.endpoint = baseURL.appendingPathComponent("embeddings")
  }

  func chat(model: String, messages: [[String: String]]) async throws -> Data {
    var request = URLRequest(url: baseURL.appendingPathComponent("chat/completions"))
    request.httpMethod = "POST"
    request.httpBody = try JSONEncoder().encode(ChatBody(model: model, messages: messages))
    let (data, _) = try await session.data(for: request)  // expect: swift-http-llm-endpoint
    return data
  }

  func embedInterpolated(model: String) async throws {
    var request = URLRequest(url: URL(string: "\(baseString)/embeddings")!)
    request.httpBody = try JSONSerialization.data(withJSONObject: ["model": model, "input": ["x"]])
    _ = try await session.data(for: request)  // expect: swift-http-llm-endpoint
  }

  func embed(model: String, texts: [String]) async throws {
    let url = baseURL.appending(path: "embeddings")
    let body = EmbeddingBody(model: model, input: texts)
    var request = URLRequest(url: url)
    request.httpBody = try JSONEncoder().encode(body)
    _ = try await URLSession.shared.data(for: request)  // expect: swift-http-llm-endpoint
  }

  func embedComponents(model: String) async throws {
    let payload: [String: Any] = ["model": model, "input": "hello"]
    let url = baseURL.appending(components: "v1", embeddingsPath)
    var request = URLRequest(url: url)
    request.httpBody = try JSONSerialization.data(withJSONObject: payload)
    let (bytes, _) = try await session.bytes(for: request)  // expect: swift-http-llm-endpoint
    _ = bytes
  }

  func embedStoredEndpoint(model: String) async throws {
    var request = URLRequest(url: endpoint)
    request.httpBody = try JSONEncoder().encode(EmbeddingBody(model: model, input: ["x"]))
    session.dataTask(with: request) { _, _, _ in }.resume()  // expect: swift-http-llm-endpoint
  }

  func rerank(model: String, query: String) async throws {
    let request = URLRequest(url: URL(string: baseString + "/rerank")!)
    let data = try JSONEncoder().encode(["model": model, "query": query])
    _ = try await session.upload(for: request, from: data)  // expect: swift-http-llm-endpoint
  }

  func messages(model: String) async throws {
    var request = URLRequest(url: URL(string: "v1/messages", relativeTo: baseURL)!)
    request.httpBody = #"{"model": "claude", "max_tokens": 64, "messages": []}"#.data(using: .utf8)
    _ = try await session.data(for: request)  // expect: swift-http-llm-endpoint
  }

  func chatPieces(model: String) async throws {
    var request = URLRequest(url: baseURL.appendingPathComponent("chat").appendingPathComponent("completions"))
    request.httpBody = try JSONEncoder().encode(ChatBody(model: model, messages: []))
    _ = try await session.data(for: request)  // expect: swift-http-llm-endpoint
  }

  func respond(model: String, input: String) async throws {
    var request = URLRequest(url: responsesEndpoint)
    request.httpBody = try JSONSerialization.data(withJSONObject: ["model": model, "input": input])
    _ = try await session.data(for: request)  // expect: swift-http-llm-endpoint
  }

  func tracked(model: String) async throws {
    var request = URLRequest(url: baseURL.appendingPathComponent("chat/completions"))
    request.httpBody = try JSONEncoder().encode(ChatBody(model: model, messages: []))
    _ = try await trackLLMCall(provider: "gateway", model: model) {
      try await session.data(for: request)
    }
  }
}
