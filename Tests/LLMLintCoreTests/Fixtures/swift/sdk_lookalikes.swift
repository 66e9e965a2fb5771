import AIProxy
import SwiftAnthropic
import SwiftOpenAI

// Files that import the SDKs also call the app's own methods of the same names.
final class ChatViewModel {
  let anthropic: AnthropicService
  let openAI: OpenAIService
  let store: MessageStore
  let rooms: ChatRoomService

  init(anthropic: AnthropicService, openAI: OpenAIService, store: MessageStore, rooms: ChatRoomService) {
    self.anthropic = anthropic
    self.openAI = openAI
    self.store = store
    self.rooms = rooms
  }

  func send(_ parameters: MessageParameter, _ chat: ChatCompletionParameters) async throws {
    _ = try await anthropic.createMessage(parameters)  // expect: swift-anthropic-messages
    _ = try await self.openAI.startChat(parameters: chat)  // expect: swiftopenai-service
    let service = AnthropicServiceFactory.service(apiKey: key, betaHeaders: nil)
    _ = try await service.streamMessage(parameters)  // expect: swift-anthropic-messages
    let proxy = AIProxy.anthropicService(partialKey: "k", serviceURL: "u")
    _ = try await proxy.messageRequest(body: body)  // expect: swift-aiproxy
    _ = try await store.createMessage(text: "hi")  // look-alike: the app's own createMessage
    _ = try await rooms.startChat(parameters: chat)  // look-alike: the app's own startChat
    _ = try await self.store.createMessage(text: "hi")  // look-alike: the app's own createMessage
    _ = try await createMessage(text: "hi")  // look-alike: no receiver
  }

  func createMessage(text: String) async throws {}
}
