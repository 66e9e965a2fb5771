import OpenAI

struct Summaries {
  let openAI: OpenAI

  func recorded(_ query: ChatQuery) async throws -> ChatResult {
    let result = try await openAI.chats(query: query)
    await usageLog.recordUsage(provider: "openai", usage: result.usage)
    return result
  }

  func notRecorded(_ query: ChatQuery, other: ChatResult) async throws -> ChatResult {
    let result = try await openAI.chats(query: query)  // expect: swift-openai-chats
    await usageLog.recordUsage(provider: "openai", usage: other.usage)
    if query.stream == true {
      let branch = try await openAI.chats(query: query)  // expect: swift-openai-chats
      print(branch)
    } else {
      recordUsage(result: nil)
    }
    return result
  }
}
