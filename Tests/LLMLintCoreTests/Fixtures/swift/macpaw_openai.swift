import Foundation
import OpenAI

// openAI.chats(query: query) in a comment is not a call.
/* A block comment /* nested */ with openAI.chats(query: query) */

struct Assistant {
  let openAI = OpenAI(apiToken: "token")

  func ask(_ query: ChatQuery) async throws -> ChatResult {
    let result = try await openAI.chats(query: query)  // expect: swift-openai-chats
    return result
  }

  func stream(_ query: ChatQuery) {
    for try await partial in openAI.chatsStream(query: query) {  // expect: swift-openai-chats
      print(partial)
    }
  }

  func optionalChaining(client: OpenAI?) async throws {
    _ = try await client?.chats(query: makeQuery())  // expect: swift-openai-chats
    _ = try await client!.embeddings(query: EmbeddingsQuery(input: .string("x"), model: .textEmbedding3))  // expect: swift-openai-endpoints
    _ = try await openAI.images(query: ImagesQuery(prompt: "cat"))  // expect: swift-openai-endpoints
    _ = try await openAI.responses.createResponse(query: CreateModelResponseQuery(input: .textInput("hi"), model: "gpt-4.1"))  // expect: swift-openai-chats
  }

  func split() async throws {
    let result = try await openAI
      .chats(  // expect: swift-openai-chats
        query: makeQuery()
      )
    print("\(result)")
  }

  func interpolation() async throws {
    print("answer: \(try await openAI.chats(query: makeQuery()))")  // expect: swift-openai-chats
    print("not a call: openAI.chats(query: q)")
    print(#"raw: openAI.chats(query: q) \(not interpolated)"#)
    let text = """
      openAI.chats(query: query)
      """
    print(text)
  }

  func tracked(tracker: UsageTracker) async throws {
    let result = try await tracker.trackLLMCall(provider: "openai", model: "gpt-4o") { usage in
      let result = try await openAI.chats(query: makeQuery())
      usage.inputTokens = result.usage?.promptTokens ?? 0
      return result
    }
    _ = try await trackLLMCall(provider: "openai", body: { try await openAI.chats(query: makeQuery()) })
    _ = try await trackLLMCall {
      try await openAI.chats(query: makeQuery())
    }
    _ = try await openAI.chats(query: makeQuery())  // expect: swift-openai-chats
    print(result)
  }

  func notTracked() async throws {
    _ = try await trackLLMCallStats {
      try await openAI.chats(query: makeQuery())  // expect: swift-openai-chats
    }
    _ = try await trackLLMCall(provider: "openai", model: try await openAI.chats(query: makeQuery()))  // expect: swift-openai-chats
  }

  // Definitions named like SDK methods are not calls.
  func chats(query: ChatQuery) async throws -> ChatResult { fatalError() }
  func other() { _ = chats  }
  func labels(openAI: OpenAI) async throws {
    _ = try await openAI.chats(q: makeQuery())  // other labels: not the SDK's method
  }
}
