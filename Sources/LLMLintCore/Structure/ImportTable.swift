/// The imports of one file: which modules it imports (for import-gated rules) and, in Python, which
/// local names stand for which module paths (`import litellm as ll`, `from litellm import completion as
/// ask`), so a call through an alias resolves to the path the rules name.
struct ImportTable {
  /// Every imported module path and each of its parents (`a.b.c` adds `a`, `a.b`, `a.b.c`); for
  /// `from a.b import c` also `a.b.c`, since `c` may be a submodule.
  private(set) var modules: Set<String> = []
  /// Local name -> the dotted path it stands for, as segments.
  private(set) var bindings = NameTable<[[UInt8]]>()

  /// Whether the file imports `module` or one of its submodules.
  func imports(_ module: String) -> Bool { modules.contains(module) }

  init() {}

  /// Provider module names (`litellm`, `openai`): a name equal to one, imported from anywhere (`from app.llm
  /// import litellm`, `from . import openai`: a lazy proxy or a re-export), stands for that module.
  private var providers = NameTable<Bool>()

  init(_ code: CodeTokens, providers: NameTable<Bool> = NameTable()) {
    self.providers = providers
    switch code.reader {
    case .python: readPython(code)
    case .swift: readSwift(code)
    case .plain: break
    }
  }

  private mutating func addModule(_ segments: [[UInt8]]) {
    var path = ""
    for (index, segment) in segments.enumerated() {
      path += (index == 0 ? "" : ".") + String(decoding: segment, as: UTF8.self)
      modules.insert(path)
    }
  }

  // MARK: - Python

  private mutating func readPython(_ code: CodeTokens) {
    for index in 0..<code.count where code.tokens[index].kind == .identifier {
      guard PythonBlocks.isStatementStart(code, index) || code.isOperator(index - 1, UInt8(ascii: ":")) else {
        continue
      }
      if code.isIdentifier(index, "import") {
        readImport(code, from: index + 1)
      } else if code.isIdentifier(index, "from") {
        readFromImport(code, from: index + 1)
      }
    }
  }

  /// Reads a dotted name at `start`; returns its segments and the index after it.
  private func dottedName(_ code: CodeTokens, from start: Int) -> ([[UInt8]], Int) {
    var segments: [[UInt8]] = []
    var index = start
    while code.isIdentifier(index) {
      segments.append(Array(code.text(index)))
      index += 1
      guard code.isOperator(index, UInt8(ascii: ".")), code.isIdentifier(index + 1) else { break }
      index += 1
    }
    return (segments, index)
  }

  /// `import a.b [as c], d` from `start` to the end of the statement.
  private mutating func readImport(_ code: CodeTokens, from start: Int) {
    var index = start
    while true {
      let (segments, after) = dottedName(code, from: index)
      guard !segments.isEmpty else { return }
      addModule(segments)
      index = after
      if code.isIdentifier(index, "as"), code.isIdentifier(index + 1) {
        bindings.insert(Array(code.text(index + 1)), segments)
        index += 2
      } else {
        bindings.insert(segments[0], [segments[0]])
      }
      guard code.isOperator(index, UInt8(ascii: ",")) else { return }
      index += 1
    }
  }

  /// `from a.b import c [as d], (e, f)`; relative imports (`from . import x`, `from .m import x`) bind only
  /// provider module names. A provider module name imported from another module binds to the provider,
  /// unless that module's path names the provider (`from langfuse.openai import openai` keeps its path).
  private mutating func readFromImport(_ code: CodeTokens, from start: Int) {
    var start = start
    var relative = false
    while code.kind(start) == .operator, code.text(start).allSatisfy({ $0 == UInt8(ascii: ".") }) {
      relative = true
      start += 1
    }
    let (module, after) = dottedName(code, from: start)
    guard relative || !module.isEmpty, code.isIdentifier(after, "import") else { return }
    if !relative { addModule(module) }
    var index = after + 1
    let parenthesised = code.isOperator(index, UInt8(ascii: "("))
    if parenthesised { index += 1 }
    while code.isIdentifier(index) {
      let name = Array(code.text(index))
      // A module path that names the provider itself (`langfuse.openai`: a drop-in client) keeps its path.
      let isProvider = !providers.isEmpty && providers[name] != nil && !module.contains(name)
      if isProvider { addModule([name]) }
      if !relative {
        modules.insert(String(decoding: Array((module + [name]).joined(separator: [UInt8(ascii: ".")])), as: UTF8.self))
      }
      let path = isProvider ? [name] : module + [name]
      index += 1
      if code.isIdentifier(index, "as"), code.isIdentifier(index + 1) {
        if !relative || isProvider { bindings.insert(Array(code.text(index + 1)), path) }
        index += 2
      } else if !relative || isProvider {
        bindings.insert(name, path)
      }
      guard code.isOperator(index, UInt8(ascii: ",")) else { return }
      index += 1
    }
  }

  // MARK: - Swift

  /// `import M`, `import M.Sub`, `@testable import M`, `import struct M.Type`.
  private mutating func readSwift(_ code: CodeTokens) {
    for index in 0..<code.count where code.isIdentifier(index, "import") {
      var next = index + 1
      for kind: StaticString in ["struct", "class", "enum", "protocol", "typealias", "func", "let", "var", "actor"]
      where code.isIdentifier(next, kind) {
        next += 1
        break
      }
      let (segments, _) = dottedName(code, from: next)
      if !segments.isEmpty { addModule(segments) }
    }
  }
}
