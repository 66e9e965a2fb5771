import Foundation

let openAIEndpoint = URL(string: "https://api.openai.com/v1/chat/completions")!
let statusEndpoint = URL(string: "https://status.example.com/health")!

struct RawClient {
  let session: URLSession

  func complete(body: Data) async throws -> Data {
    var request = URLRequest(url: openAIEndpoint)
    request.httpMethod = "POST"
    request.httpBody = body
    let (data, _) = try await session.data(for: request)  // expect: swift-http-llm-endpoint
    return data
  }

  func anthropic(body: Data) async throws {
    var request = URLRequest(url: URL(string: "https://api.anthropic.com/v1/messages")!)
    request.httpBody = body
    _ = try await URLSession.shared.data(for: request)  // expect: swift-http-llm-endpoint
    let (bytes, _) = try await URLSession.shared.bytes(for: request)  // expect: swift-http-llm-endpoint
    _ = bytes
  }

  func gemini(model: String) async throws {
    let url = URL(string: "https://generativelanguage.googleapis.com/v1beta/models/\(model):generateContent")!
    var request = URLRequest(url: url)
    request.httpMethod = "POST"
    URLSession.shared.dataTask(with: request) { _, _, _ in }.resume()  // expect: swift-http-llm-endpoint
  }

  func tracked(body: Data) async throws {
    var request = URLRequest(url: openAIEndpoint)
    request.httpBody = body
    _ = try await trackLLMCall(provider: "openai") {
      try await session.data(for: request)
    }
  }

  func lookAlikes(request: URLRequest) async throws {
    _ = try await session.data(for: URLRequest(url: statusEndpoint))  // look-alike: not an LLM host
    _ = try await session.data(for: request)  // look-alike: the request comes from elsewhere
    _ = try await session.data(from: statusEndpoint)  // look-alike: not an LLM host
    print("POST https://api.openai.com/v1/chat/completions")  // look-alike: a string, not a request
  }
}
