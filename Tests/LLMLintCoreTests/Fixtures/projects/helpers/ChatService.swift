import OpenAI

final class ChatService {
  let openAI: OpenAI
  let tracker: UsageTracker

  init(openAI: OpenAI, tracker: UsageTracker) {
    self.openAI = openAI
    self.tracker = tracker
  }

  func answer(_ query: ChatQuery) async throws -> ChatResult {
    try await tracker.trackLLMCall(provider: "openai") { usage in
      try await self.send(query)
    }
  }

  private func send(_ query: ChatQuery) async throws -> ChatResult {
    try await openAI.chats(query: query)
  }

  func untracked(_ query: ChatQuery) async throws {
    _ = try await direct(query)
  }

  private func direct(_ query: ChatQuery) async throws -> ChatResult {
    try await openAI.chats(query: query)  // expect: swift-openai-chats
  }
}
