/// Jupyter notebooks (`.ipynb`, nbformat 4): the code cells, joined in order, analysed as one Python module
/// (a tracked context or an import in one cell counts for the next), with Python's rules and tracked
/// contexts; IPython magics and shell escapes neutralized (`IPythonSyntax`); positions mapped back to the
/// cell and to the `.ipynb` file (`SourceMap`). A notebook is not an importable module.
public struct JupyterLanguage: LanguageDefinition {
  public init() {}
  public var name: String { "jupyter" }
  public var extensions: [String] { ["ipynb"] }
  public var rulesLanguage: String { "python" }
  public var structure: LanguageStructure { .python }
  public var syntax: LanguageSyntax { Self.syntax }

  static let syntax: LanguageSyntax = {
    var syntax = PythonLanguage.syntax
    syntax.filesAreModules = false
    return syntax
  }()

  public func tokenize(_ source: UnsafeBufferPointer<UInt8>) -> TokenList { PythonTokenizer.tokenList(source) }

  public func analysedSource(of bytes: [UInt8]) -> AnalysedSource { Notebook.analysedSource(of: bytes) }
}

extension Language {
  public static let jupyter = Language(JupyterLanguage())
}
