import Foundation
import LLMLintCore
import Testing

/// A language registered by the tests alone goes through the whole pipeline — the walk picks its files by
/// extension, its tokenizer reads them, Python's rules match its calls, its comment syntax suppresses — with
/// only the public API and no line of shared code knowing it.
@Suite struct ToyLanguageTests {
  static let toy = Language(ToyLanguage())

  static func scan(_ files: [String: String], languages: Languages) throws -> Session.Outcome {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("llmlint-toy-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: directory) }
    for (path, text) in files {
      let url = directory.appendingPathComponent(path)
      try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
      try text.write(to: url, atomically: true, encoding: .utf8)
    }
    var options = Session.Options(useRepository: false)
    options.cache = .none
    options.languages = languages
    let session = Session(currentDirectory: directory.path, environment: [:], options: options)
    return session.scan(["."])
  }

  static let files = [
    "app/main.toy": """
      -- a toy program
      reply = client.chat.completions.create(prompt)
      other = client.chat.completions.create(prompt) -- llmlint: ignore[openai-chat-completions] billed elsewhere
      create(prompt)

      """,
    "app/notes.txt": "client.chat.completions.create(prompt)\n",
  ]

  @Test func aRegisteredLanguageGetsFindingsThroughTheWholePipeline() throws {
    let outcome = try Self.scan(Self.files, languages: Languages.builtIn.adding(Self.toy))
    #expect(outcome.result.problems.isEmpty)
    #expect(outcome.result.filesScanned == 1)
    let findings = outcome.result.findings
    #expect(findings.map(\.path) == ["app/main.toy"])
    #expect(findings.map(\.line) == [2])
    #expect(findings.map(\.column) == [33])
    #expect(findings.map(\.ruleID) == ["openai-chat-completions"])
    // The `--` comment is the toy language's suppression syntax.
    #expect(outcome.result.suppressed.map(\.line) == [3])
    #expect(outcome.result.suppressed.first?.suppression?.justification == "billed elsewhere")
  }

  @Test func withoutTheLanguageItsFilesAreNotRead() throws {
    let outcome = try Self.scan(Self.files, languages: .builtIn)
    #expect(outcome.result.filesScanned == 0)
    #expect(outcome.result.findings.isEmpty)
  }
}
