import FoundationModels
import OpenAI
import SwiftOpenAI

// Module-qualified types bind like the unqualified names; `any`/`some` protocols too.
struct Assistant {
  let session: FoundationModels.LanguageModelSession
  let made = FoundationModels.LanguageModelSession(instructions: "Be brief.")
  let openAI: OpenAI.OpenAI
  let client: any OpenAIProtocol
  let service: SwiftOpenAI.OpenAIService

  func ask(_ query: CreateModelResponseQuery) async throws {
    _ = try await session.respond(to: "hi")  // expect: swift-foundation-models
    _ = try await made.streamResponse(to: "hi")  // expect: swift-foundation-models
    _ = try await openAI.responses.createResponse(query: query)  // expect: swift-openai-chats
    _ = try await self.openAI.responses.createResponseStreaming(query: query)  // expect: swift-openai-chats
    // Written through a name bound to a prefix: matched as `openAI.responses.createResponse` is.
    let responses = openAI.responses
    _ = try await responses.createResponse(query: query)  // expect: swift-openai-chats
    _ = try await client.images(query: ImagesQuery(prompt: "cat"))  // expect: swift-openai-endpoints
    _ = try await service.startChat(parameters: parameters)  // expect: swiftopenai-service
    let realtime = try await service.realtimeSession(model: "gpt-realtime", configuration: configuration)  // expect: swiftopenai-service
    _ = realtime
    trackLLMCall {
      _ = try await responses.createResponse(query: query)
    }
  }
}

// The app's own types with SDK-like methods: their declared type is the project's.
final class ImageStore: ObservableObject {
  func images(query: ImagesQuery) async throws -> [Image] { [] }
}

struct Gallery: View {
  @ObservedObject var store: ImageStore
  let history: ResponseHistory

  func load() async throws {
    _ = try await store.images(query: ImagesQuery(prompt: "cat"))  // look-alike: the app's ImageStore
    _ = try await history.createResponse(query: saved)  // look-alike: the app's own type
  }
}
