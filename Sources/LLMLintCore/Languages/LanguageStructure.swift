/// How the structure code reads a language: the tracked contexts it opens, its imports, its bindings and
/// its functions and types. The readers built in are `python` (indented blocks: `with`, decorators,
/// `def`/`class`, imports and annotations), `swift` (braces: closures passed to a tracking function,
/// `func`/types, declared types) and `plain` (none of them: only tracked functions, recorders and paths
/// track a call). A new language picks the one its code is shaped like.
public struct LanguageStructure: Sendable, Equatable {
  enum Reader: Sendable, Equatable {
    case python
    case swift
    case plain
  }

  let reader: Reader

  /// Names that are never the project's helpers (Python's builtins), or `nil`.
  var builtins: NameTable<Bool>? { reader == .python ? FileFacts.pythonBuiltins : nil }

  public static let python = LanguageStructure(reader: .python)
  public static let swift = LanguageStructure(reader: .swift)
  public static let plain = LanguageStructure(reader: .plain)
}
