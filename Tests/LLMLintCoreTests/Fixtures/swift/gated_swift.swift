import FoundationModels
import GoogleGenerativeAI
import SwiftAnthropic
import SwiftOpenAI
import AIProxy

func calls(session: LanguageModelSession, model: GenerativeModel, anthropic: AnthropicService, service: OpenAIService, proxy: OpenAIService) async throws {
  let answer = try await session.respond(to: "hi")  // expect: swift-foundation-models
  let stream = session.streamResponse(to: "hi")  // expect: swift-foundation-models
  let gemini = try await model.generateContent("hi")  // expect: swift-google-generative-ai
  let chat = model.startChat()
  let reply = try await chat.sendMessage("hi")  // expect: swift-google-generative-ai
  let message = try await anthropic.createMessage(parameters)  // expect: swift-anthropic-messages
  let started = try await service.startChat(parameters: chatParameters)  // expect: swiftopenai-service
  let streamed = try await service.startStreamedChat(parameters: chatParameters)  // expect: swiftopenai-service
  let proxied = try await proxy.chatCompletionRequest(body: body)  // expect: swift-aiproxy
  let other = try await session.respond(with: "x")
  await trackLLMCall {
    _ = try await session.respond(to: "tracked")
  }
}
