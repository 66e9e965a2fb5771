/// Which provider a call through the OpenAI SDK really goes to, from the `base_url` (or `azure_endpoint`)
/// its client was made with: LM Studio, vLLM or Ollama on `localhost` are `local` (no spend), a known
/// OpenAI-compatible host is its provider (Together, Groq, DeepInfra, OpenRouter, Azure, ...). Hosts are
/// matched as ASCII case-insensitive substrings of the URL literal; the first entry that matches wins.
enum EndpointAttribution {
  /// Host needle (lower case) -> provider, most specific first.
  static let hosts: [(needle: [UInt8], provider: String)] = [
    ("openrouter.ai", "openrouter"), ("api.together.xyz", "together"), ("api.together.ai", "together"),
    ("api.groq.com", "groq"), ("api.deepinfra.com", "deepinfra"), (".openai.azure.com", "azure"),
    ("api.deepseek.com", "deepseek"), ("api.fireworks.ai", "fireworks"), ("api.mistral.ai", "mistral"),
    ("generativelanguage.googleapis.com", "google"), ("api.x.ai", "xai"), ("api.perplexity.ai", "perplexity"),
    ("localhost", "local"), ("127.0.0.1", "local"), ("0.0.0.0", "local"), ("host.docker.internal", "local"),
    ("[::1]", "local"),
  ].map { (Array($0.0.utf8), $0.1) }

  /// The rules whose calls are attributed: the OpenAI SDK's (other SDKs talk to their own provider).
  static let attributedProvider = "openai"

  /// Constructors that make an Azure OpenAI client whatever their endpoint says.
  static let azureConstructors: [[UInt8]] = ["AzureOpenAI", "AsyncAzureOpenAI"].map { Array($0.utf8) }

  /// Keyword arguments that carry the endpoint.
  static let urlArguments: [[UInt8]] = ["base_url", "azure_endpoint", "api_base"].map { Array($0.utf8) }

  /// The provider and needle of the first host found in `text`, or `nil`.
  static func provider(inURL text: UnsafeBufferPointer<UInt8>) -> (provider: String, host: String)? {
    let needles = hosts.map(\.needle)
    guard let index = CallMatcher.firstNeedle(needles, in: text) else { return nil }
    return (hosts[index].provider, String(decoding: hosts[index].needle, as: UTF8.self))
  }
}
