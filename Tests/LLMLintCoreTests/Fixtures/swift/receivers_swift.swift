import FoundationModels
import Vapor

// A Vapor responder and an on-device session in one file: only the session's respond(to:) is a model call.
struct Handler: AsyncResponder {
  let next: AsyncResponder
  let session = LanguageModelSession(instructions: "Be brief.")

  func respond(to request: Request) async throws -> Response {
    let answer = try await session.respond(to: "Summarize")  // expect: swift-foundation-models
    let response = try await next.respond(to: request)  // look-alike: Vapor respond(to:)
    let other = try await self.next.respond(to: request)  // look-alike: Vapor respond(to:)
    _ = answer
    _ = other
    return response
  }

  func viaParameter(model: LanguageModelSession, responder: Responder, request: Request) async throws {
    _ = try await model.respond(to: "x")  // expect: swift-foundation-models
    _ = try await responder.respond(to: request)  // look-alike: typed as a Vapor Responder
  }
}
