import Testing

@testable import LLMLintCore

@Suite struct ModuleIndexTests {
  static let paths = [
    "app/llm.py", "app/__init__.py", "src/app/llm.py", "llm.py", "./lib/util/__init__.py", "lib/util/io.pyi",
    "a.b.py", "x/../y/z.py", "__init__.py", "deep/pkg/app/llm/__init__.py", "Tools/App.swift",
  ]

  /// A module is found by every dotted suffix of the module its file is (`a.b.c` as `c`, `b.c`, `a.b.c`).
  @Test func aModuleIsFoundByEverySuffixOfItsPath() {
    let files = Self.paths.map { path in
      SourceFile(path: path, language: path.hasSuffix(".swift") ? .swift : .python, bytes: [])
    }
    let store = MemoryFiles(files: files, facts: files.map { _ in FileFacts() })
    let index = ModuleIndex(store: store)
    var queries = Set<String>()
    for path in Self.paths where !path.hasSuffix(".swift") {
      guard let module = ModuleIndex.module(ofPath: path) else { continue }
      let segments = module.split(separator: ".")
      for start in segments.indices { queries.insert(segments[start...].joined(separator: ".")) }
    }
    queries.formUnion(["nothing", "app.nothing", "llm.app", ""])
    for query in queries.sorted() {
      let expected = Self.paths.indices.filter { file in
        guard !Self.paths[file].hasSuffix(".swift"), let module = ModuleIndex.module(ofPath: Self.paths[file]) else {
          return false
        }
        let segments = module.split(separator: ".")
        return segments.indices.contains { segments[$0...].joined(separator: ".") == query }
      }
      #expect(index.files(query) == expected, "\(query)")
    }
    #expect(index.files("llm") == [0, 2, 3, 9])
  }
}
