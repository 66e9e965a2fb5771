import Foundation
import Testing

@testable import LLMLintCore

/// The prefilter only skips work: linting with it and without it gives the same findings and the same
/// suppressed findings, on every fixture, on edge cases, and on seeded random edits of the fixtures.
@Suite struct PrefilterTests {
  static let prefilter = Prefilter(ruleSet: TestSupport.builtIn)
  static let unfiltered = Linter(ruleSet: TestSupport.builtIn, usePrefilter: false)

  func mayMatch(_ text: String, _ language: Language) -> Bool {
    Array(text.utf8).withUnsafeBufferPointer { Self.prefilter.mayMatch($0, language: language) }
  }

  /// Asserts that `bytes` lint the same with and without the prefilter; returns the findings.
  @discardableResult
  func expectSameResult(
    _ bytes: [UInt8], _ language: Language, _ label: String, sourceLocation: SourceLocation = #_sourceLocation
  ) -> LintResult {
    let file = SourceFile(path: "f", language: language, bytes: bytes)
    let filtered = TestSupport.linter.check(file)
    let full = Self.unfiltered.check(file)
    #expect(filtered == full, "\(label)", sourceLocation: sourceLocation)
    return full
  }

  @Test(arguments: FixtureTests.fixtures) func fixturesLintTheSameWithAndWithoutThePrefilter(
    _ fixture: FixtureTests.Fixture
  ) throws {
    let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: fixture.path)))
    expectSameResult(bytes, fixture.language, fixture.path)
  }

  @Test func anchorsCountOnlyWhereACallOrAnAliasCanFollow() {
    #expect(mayMatch("x = client.chat.completions.create(model=m)\n", .python))
    #expect(mayMatch("x = client.chat.completions.create  \\\n  (model=m)\n", .python))
    #expect(mayMatch("f(client.create  # why\n  (m))\n", .python))
    #expect(mayMatch("from litellm import completion as ask\n", .python))
    #expect(mayMatch("from litellm import (completion\n    as ask)\n", .python))
    #expect(mayMatch("import a.completion as ask\n", .python))
    #expect(!mayMatch("from litellm import completion\n", .python))
    #expect(!mayMatch("x = parser.parse\ny = create_thing(1)\nz = recreate(2)\n", .python))
    #expect(!mayMatch("x = self.create.__name__ + 'create'\n", .python))
    #expect(!mayMatch("create", .python))
    #expect(!mayMatch("", .python))
    #expect(mayMatch("try await openAI.chats(query: q)\n", .swift))
    #expect(mayMatch("try await openAI.`chats`(query: q)\n", .swift))
    #expect(mayMatch("try await openAI.chats /* c */ (query: q)\n", .swift))
    #expect(!mayMatch("let chats = store.chats\n", .swift))
    // Python anchors are not Swift anchors.
    #expect(!mayMatch("x = client.chat.completions.create(model=m)\n", .swift))
  }

  @Test func suppressionWordCountsAnywhereInAnyCase() {
    #expect(mayMatch("x = 1  # llmlint: ignore\n", .python))
    #expect(mayMatch("x = 1  # LLMLint ignore\n", .python))
    #expect(mayMatch("let x = 1 // LLMLINT: disable-file\n", .swift))
    #expect(!mayMatch("x = 1  # llmlinter\n", .python))
    // An unused suppression in a file without calls is still reported.
    let result = expectSameResult(Array("x = 1  # llmlint: ignore\n".utf8), .python, "unused suppression")
    #expect(result.findings.map(\.ruleID) == [Suppression.unusedRuleID])
  }

  @Test func aNumberFollowedByANameIsSeenAsTheName() {
    // Python splits `0xaspeech` into `0xa` and `speech`, and `speech` is imported from litellm.
    let source = "from litellm import speech\ny = 0xaspeech(x)\n"
    #expect(mayMatch(source, .python))
    let result = expectSameResult(Array(source.utf8), .python, "number then name")
    #expect(result.findings.map(\.ruleID) == ["litellm-completion"])
    #expect(mayMatch("y = 1if client.create(x) else 2\n", .python))
  }

  @Test func extraAnchorsCountAsWords() {
    let prefilter = Prefilter(ruleSet: TestSupport.builtIn, extraAnchors: [.python: [Array("openai".utf8)]])
    let source = Array("URL = 'https://api.openai.com/v1'\n".utf8)
    #expect(source.withUnsafeBufferPointer { prefilter.mayMatch($0, language: .python) })
    #expect(source.withUnsafeBufferPointer { !prefilter.mayMatch($0, language: .swift) })
    #expect(source.withUnsafeBufferPointer { !Self.prefilter.mayMatch($0, language: .python) })
  }

  /// Seeded random edits of every fixture (insertions of the bytes the prefilter looks at, deletions,
  /// swaps) must lint the same with and without the prefilter. `PREFILTER_SEED` picks another seed.
  @Test func randomEditsOfTheFixturesLintTheSame() throws {
    let seed = UInt64(ProcessInfo.processInfo.environment["PREFILTER_SEED"] ?? "") ?? 20_261_129
    var random = SplitMix(seed: seed)
    let pieces = [
      "(", ")", "#", "\n", " ", "\\", "\\\n", ".", "as ", " as ", "0x", "1", "`", "/", "/* */", "//", "\"", "'''",
      "é", "\u{00A0}", "llmlint: ignore", "create", "completion", "chats", "_", "a",
    ].map { Array($0.utf8) }
    for fixture in FixtureTests.fixtures {
      let original = try [UInt8](Data(contentsOf: URL(fileURLWithPath: fixture.path)))
      for round in 0..<40 {
        var bytes = original
        for _ in 0..<(1 + Int(random.next() % 6)) where !bytes.isEmpty {
          let position = Int(random.next() % UInt64(bytes.count))
          switch random.next() % 3 {
          case 0: bytes.insert(contentsOf: pieces[Int(random.next() % UInt64(pieces.count))], at: position)
          case 1: bytes.removeSubrange(position..<min(bytes.count, position + 1 + Int(random.next() % 4)))
          default: bytes.swapAt(position, Int(random.next() % UInt64(bytes.count)))
          }
        }
        expectSameResult(bytes, fixture.language, "\(fixture.path) round \(round) seed \(seed)")
      }
    }
  }
}

/// A small seeded generator (SplitMix64), so failures reproduce.
private struct SplitMix {
  var state: UInt64
  init(seed: UInt64) { state = seed }
  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}
