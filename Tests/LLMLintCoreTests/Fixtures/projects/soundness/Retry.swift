import OpenAI

struct Retrier {
  let openAI: OpenAI

  func retry(_ query: ChatQuery, attempts: Int) async throws -> ChatResult {
    do {
      return try await openAI.chats(query: query)  // expect: swift-openai-chats
    } catch {
      return try await retry(query, attempts: attempts - 1)
    }
  }
}
