// Chains written through names bound to a prefix of them (`let responses = openAI.responses`): each is
// matched as the chain written out, with the same gates, receivers and declared types.
import FoundationModels
import OpenAI
import Vapor

struct Assistant: AsyncResponder {
  let openAI = OpenAI(apiToken: "token")
  let responses = OpenAI(apiToken: "token").responses
  let next: AsyncResponder
  let session = LanguageModelSession(instructions: "Be brief.")

  func local(query: CreateModelResponseQuery) async throws {
    let responses = openAI.responses
    _ = try await responses.createResponse(query: query)  // expect: swift-openai-chats
    _ = try await responses.createResponseStreaming(query: query)  // expect: swift-openai-chats
  }

  func stored(query: CreateModelResponseQuery) async throws {
    _ = try await self.responses.createResponse(query: query)  // expect: swift-openai-chats
    _ = try await responses.createResponse(query: query)  // expect: swift-openai-chats
    let model = self.session
    _ = try await model.respond(to: "Summarize")  // expect: swift-foundation-models
  }

  func tracked(query: CreateModelResponseQuery) async throws {
    let responses = openAI.responses
    _ = try await trackLLMCall(provider: "openai", model: "gpt-4.1") {
      try await responses.createResponse(query: query)
    }
  }

  func respond(to request: Request) async throws -> Response {
    let responder = self.next
    return try await responder.respond(to: request)  // look-alike: Vapor's responder through a name
  }
}
