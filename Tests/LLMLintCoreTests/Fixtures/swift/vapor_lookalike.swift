import Vapor

// A web handler's respond(to:) and an app's own createMessage/startChat are not LLM calls without the SDK imports.
struct Responder: AsyncResponder {
  func respond(to request: Request) async throws -> Response {
    let response = try await next.respond(to: request)
    let message = try await store.createMessage(text)
    let chat = try await rooms.startChat(parameters: p)
    let content = try await template.generateContent(x)
    return response
  }
}
