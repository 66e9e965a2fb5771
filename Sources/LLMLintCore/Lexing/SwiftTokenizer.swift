/// Swift tokenizer (placeholder until the real one lands): every byte as one unknown token.
public enum SwiftTokenizer {
  public static func tokenize(_ source: UnsafeBufferPointer<UInt8>) -> [Token] {
    var tokens: [Token] = []
    if source.count > 0 { tokens.append(Token(kind: .unknown, start: 0, length: source.count)) }
    tokens.append(Token(kind: .endOfFile, start: source.count, length: 0))
    return tokens
  }

  public static func tokenize(_ bytes: [UInt8]) -> [Token] {
    bytes.withUnsafeBufferPointer { tokenize($0) }
  }
}
