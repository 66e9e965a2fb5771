/// What a language gives llmlint: its name and files, its tokenizer, the rules and tracked contexts it
/// uses, its syntax quirks and its structure readers (imports, bindings, functions, tracked contexts), and
/// the text to analyse in a file of it (the file's bytes, or for a notebook its joined code cells).
///
/// Shared code asks a `Language` for these and never tests which language it is; a new language is one
/// folder under `Languages/` with one type conforming to this protocol, registered in a `Languages` value.
public protocol LanguageDefinition: Sendable {
  /// The language's name (`python`, `swift`, `jupyter`).
  var name: String { get }
  /// File name extensions, without the dot (`py`, `pyi`).
  var extensions: [String] { get }
  /// Words that make a shebang line (`#!/usr/bin/env python3`) a file of this language when its name has
  /// no extension.
  var shebangWords: [String] { get }
  /// Whose rules (`rules.yml` `languages:`) and tracked contexts (`.llmlint.yml` `tracked:`) apply: its own
  /// name, or a language it extends (a notebook is Python).
  var rulesLanguage: String { get }
  /// The call-shape quirks the matcher and the facts engine ask about.
  var syntax: LanguageSyntax { get }
  /// How the structure code reads it: tracked contexts, imports, bindings, functions.
  var structure: LanguageStructure { get }
  /// The tokens of `source`, as offsets into it.
  func tokenize(_ source: UnsafeBufferPointer<UInt8>) -> TokenList
  /// The text to analyse in a file of this language and where each of its bytes stands in the file.
  func analysedSource(of bytes: [UInt8]) -> AnalysedSource
}

extension LanguageDefinition {
  public var shebangWords: [String] { [] }
  public var rulesLanguage: String { name }
  public func analysedSource(of bytes: [UInt8]) -> AnalysedSource { AnalysedSource(text: bytes) }
}
