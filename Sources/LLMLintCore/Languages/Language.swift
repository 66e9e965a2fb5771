/// A language llmlint reads: a `LanguageDefinition` and what is derived from it once. Two languages are the
/// same when their names are.
public struct Language: Sendable, Hashable, Comparable, Encodable, CustomStringConvertible, CustomReflectable {
  /// What the language is, held once: a `Language` is copied per file, token list and fact, so it is one
  /// reference (one retain a copy), and two of the same definition compare by identity first.
  private final class Storage: Sendable {
    let definition: any LanguageDefinition
    let name: String
    let rulesLanguage: String
    let syntax: LanguageSyntax
    let structure: LanguageStructure
    let tableIndex: Int

    init(_ definition: any LanguageDefinition) {
      self.definition = definition
      name = definition.name
      rulesLanguage = definition.rulesLanguage
      syntax = definition.syntax
      structure = definition.structure
      tableIndex = Languages.ruleLanguages.firstIndex(of: definition.rulesLanguage) ?? 0
    }
  }

  private let storage: Storage

  public var definition: any LanguageDefinition { storage.definition }
  public var name: String { storage.name }
  /// The name of the language whose rules and tracked contexts apply (`python` for a notebook).
  public var rulesLanguage: String { storage.rulesLanguage }
  public var syntax: LanguageSyntax { storage.syntax }
  var structure: LanguageStructure { storage.structure }
  /// A dense index for per-rules-language tables (callee names, prefilter anchors): the position of
  /// `rulesLanguage` among `Languages.ruleLanguages`.
  var tableIndex: Int { storage.tableIndex }

  public init(_ definition: any LanguageDefinition) {
    storage = Storage(definition)
  }

  public static let python = Language(PythonLanguage())
  public static let swift = Language(SwiftLanguage())

  /// The built-in languages whose rules are their own (what `rules.yml` `languages:` may name).
  public static let allCases: [Language] = [.python, .swift]

  /// The built-in language of a path by its extension (`Languages.builtIn.byExtension(of:)`).
  public static func byExtension(of path: String) -> Language? { Languages.builtIn.byExtension(of: path) }

  /// The language's name, as `rules.yml` and messages write it.
  public var rawValue: String { name }

  public init?(rawValue: String) {
    guard let language = Languages.builtIn.named(rawValue), language.rulesLanguage == rawValue else { return nil }
    self = language
  }

  public var description: String { name }
  /// Printed and reflected as its name.
  public var customMirror: Mirror { Mirror(self, children: ["name": name]) }
  /// Encoded as its name (the facts cache's key, `FingerprintEncoder`, encodes the rules' languages).
  public func encode(to encoder: any Encoder) throws {
    var container = encoder.singleValueContainer()
    try container.encode(name)
  }
  public static func == (lhs: Language, rhs: Language) -> Bool { lhs.storage === rhs.storage || lhs.name == rhs.name }
  public func hash(into hasher: inout Hasher) { hasher.combine(name) }
  public static func < (lhs: Language, rhs: Language) -> Bool { lhs.name < rhs.name }

  /// The tokens of `source`.
  func tokenize(_ source: UnsafeBufferPointer<UInt8>) -> TokenList { definition.tokenize(source) }

  /// The text to analyse in `bytes`, a file of this language.
  public func analysedSource(of bytes: [UInt8]) -> AnalysedSource { definition.analysedSource(of: bytes) }

  /// How a suppression comment reads in this language.
  public var commentIntroducer: String { String(decoding: syntax.lineComment, as: UTF8.self) }
}
