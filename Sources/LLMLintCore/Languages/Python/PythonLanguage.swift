/// Python (`.py`, `.pyi`, and a Python shebang): CPython's tokens, `with` / decorator / `def` blocks,
/// imports and annotations.
public struct PythonLanguage: LanguageDefinition {
  public init() {}
  public var name: String { "python" }
  public var extensions: [String] { ["py", "pyi"] }
  public var shebangWords: [String] { ["python"] }
  public var structure: LanguageStructure { .python }
  public var syntax: LanguageSyntax { Self.syntax }

  static let syntax: LanguageSyntax = {
    var syntax = LanguageSyntax(
      lineComment: [UInt8(ascii: "#")], definitionKeywords: [Array("def".utf8), Array("class".utf8)])
    syntax.argumentLabel = UInt8(ascii: "=")
    syntax.starredParameters = true
    syntax.basesInParentheses = true
    syntax.importsBindNames = true
    syntax.callableReferences = true
    syntax.literalGetattr = true
    syntax.annotationsVouchOnly = true
    syntax.selfAttributes = true
    syntax.decoratorsAndMocks = true
    syntax.rawHTTPPaths = true
    syntax.endpointAttribution = true
    syntax.trackedImports = true
    syntax.liteLLMCallbacks = true
    syntax.constantGuards = true
    syntax.moduleScopes = true
    syntax.filesAreModules = true
    // A closing quote: `getattr(client.chat.completions, "create")(…)` names its callee in a string.
    syntax.prefilterFollowers = [UInt8(ascii: "#"), UInt8(ascii: "\""), UInt8(ascii: "'")]
    syntax.prefilterAliases = true
    return syntax
  }()

  public func tokenize(_ source: UnsafeBufferPointer<UInt8>) -> TokenList { PythonTokenizer.tokenList(source) }
}
