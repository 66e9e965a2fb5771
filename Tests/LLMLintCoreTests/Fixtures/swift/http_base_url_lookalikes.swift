import Foundation
import Hummingbird
import Vapor

// Requests under a base URL that are not LLM calls, and code that only names an LLM path.

struct MessageModel: Codable {
  var text: String
  var sender: String
}

struct ChatAppBackend {
  let baseURL: URL
  let baseString: String
  let session: URLSession
  let logger: Logger

  func updateUser(model: String, name: String) async throws {
    var request = URLRequest(url: URL(string: "\(baseString)/users")!)
    request.httpBody = try JSONSerialization.data(withJSONObject: ["model": model, "name": name])
    _ = try await session.data(for: request)  // look-alike: not an LLM path, whatever the body says
  }

  func syncModels(model: String) async throws {
    var request = URLRequest(url: baseURL.appending(path: "models/sync"))
    request.httpBody = try JSONEncoder().encode(["model": model])
    _ = try await session.data(for: request)  // look-alike: not an LLM path
  }

  func storeVectors(vectors: [[Double]]) async throws {
    var request = URLRequest(url: baseURL.appendingPathComponent("embeddings"))
    request.httpBody = try JSONEncoder().encode(["vectors": vectors])
    _ = try await session.data(for: request)  // look-alike: an LLM-looking path without a model in the body
  }

  func send(text: String, to user: String) async throws {
    var request = URLRequest(url: baseURL.appendingPathComponent("messages"))
    request.httpBody = try JSONSerialization.data(withJSONObject: ["text": text, "to": user])
    _ = try await session.data(for: request)  // look-alike: a chat app's own messages, no model
  }

  func sendModel(text: String) async throws {
    // The app's own message model type: a variable called `model`, a type called `…Model`.
    let model = MessageModel(text: text, sender: "me")
    var request = URLRequest(url: baseURL.appendingPathComponent("messages"))
    request.httpBody = try JSONEncoder().encode(model)
    _ = try await session.upload(for: request, from: try JSONEncoder().encode(model))  // look-alike: no model field
  }

  func nestedModel(text: String, model: String) async throws {
    var request = URLRequest(url: baseURL.appendingPathComponent("messages"))
    request.httpBody = try JSONSerialization.data(withJSONObject: ["text": text, "meta": ["model": model]])
    _ = try await session.data(for: request)  // look-alike: the model key is not the body's own
  }

  func pathInTheMiddle(id: String, model: String) async throws {
    var request = URLRequest(url: URL(string: "\(baseString)/embeddings/\(id)/delete")!)
    request.httpBody = try JSONSerialization.data(withJSONObject: ["model": model])
    _ = try await session.data(for: request)  // look-alike: the path does not end the URL
    var later = URLRequest(url: baseURL.appendingPathComponent("embeddings").appendingPathComponent(id))
    later.httpBody = try JSONSerialization.data(withJSONObject: ["model": model])
    _ = try await session.data(for: later)  // look-alike: the path does not end the URL
  }

  func logOnly(model: String) async throws {
    logger.info("POST \(baseString)/chat/completions model=\(model)")  // look-alike: a log line, not a request
    var request = URLRequest(url: baseURL.appendingPathComponent("status"))
    request.httpBody = try JSONSerialization.data(withJSONObject: ["model": model])
    _ = try await session.data(for: request)  // look-alike: the log names the path, the request does not
  }

  func bodyElsewhere(request: URLRequest, model: String) async throws {
    var request = URLRequest(url: baseURL.appendingPathComponent("embeddings"))
    _ = try await session.data(for: request)  // look-alike: the body is set after the call
    request.httpBody = try JSONSerialization.data(withJSONObject: ["model": model])
  }

  func fromAParameter(url: URL, model: String) async throws {
    var request = URLRequest(url: url)
    request.httpBody = try JSONSerialization.data(withJSONObject: ["model": model])
    _ = try await session.data(for: request)  // look-alike: the URL comes from elsewhere
  }

  func getOnly() async throws {
    _ = try await session.data(from: baseURL.appendingPathComponent("embeddings"))  // look-alike: no body at all
  }
}

// Server-side route declarations: they serve the path, they send nothing.
func routes(_ app: Application) throws {
  app.post("chat", "completions") { req async throws -> Response in  // look-alike: a Vapor route
    let body = try req.content.decode(ChatRequest.self)
    return try await Response(status: .ok, body: .init(data: JSONEncoder().encode(["model": body.model])))
  }
  app.post("v1", "embeddings") { req in "ok" }  // look-alike: a Vapor route
}

func hummingbird(router: Router<BasicRequestContext>) {
  router.post("/v1/chat/completions") { request, context in  // look-alike: a Hummingbird route
    ["model": "local", "object": "chat.completion"]
  }
  router.get("/v1/models") { _, _ in ["model": "local"] }  // look-alike: a Hummingbird route
}
