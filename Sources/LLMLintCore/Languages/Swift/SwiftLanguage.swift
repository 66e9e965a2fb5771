/// Swift (`.swift`): its tokens (nested comments, raw and interpolated strings, regex literals), closures
/// passed to a tracking function, `func` and type declarations, declared types.
public struct SwiftLanguage: LanguageDefinition {
  public init() {}
  public var name: String { "swift" }
  public var extensions: [String] { ["swift"] }
  public var structure: LanguageStructure { .swift }
  public var syntax: LanguageSyntax { Self.syntax }

  static let syntax: LanguageSyntax = {
    var syntax = LanguageSyntax(
      lineComment: Array("//".utf8), definitionKeywords: [Array("func".utf8), Array("init".utf8)])
    syntax.callOpensOnTheSameLine = true
    syntax.optionalChaining = true
    syntax.implicitSelf = true
    syntax.argumentLabel = UInt8(ascii: ":")
    syntax.labelledArguments = true
    syntax.braceBlocks = true
    syntax.genericParameters = true
    syntax.declaredTypes = true
    syntax.rawHTTPPaths = true
    syntax.urlRequests = true
    syntax.prefilterSkips = [UInt8(ascii: "`")]
    syntax.prefilterFollowers = [UInt8(ascii: "/"), UInt8(ascii: "<")]
    return syntax
  }()

  public func tokenize(_ source: UnsafeBufferPointer<UInt8>) -> TokenList { SwiftTokenizer.tokenList(source) }
}
