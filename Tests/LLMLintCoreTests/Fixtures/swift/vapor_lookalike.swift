import Vapor

// A web handler's respond(to:) and an app's own createMessage/startChat are not LLM calls without the SDK imports.
struct Responder: AsyncResponder {
  func respond(to request: Request) async throws -> Response {
    let response = try await next.respond(to: request)  // look-alike: Vapor
    let message = try await store.createMessage(text)  // look-alike: app's own createMessage
    let chat = try await rooms.startChat(parameters: p)  // look-alike: app's own startChat
    let content = try await template.generateContent(x)  // look-alike: a template
    return response
  }
}
