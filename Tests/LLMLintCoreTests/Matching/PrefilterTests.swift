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
    #expect(mayMatch("f(client.completions.create  # why\n  (m))\n", .python))
    #expect(mayMatch("from litellm import completion as ask\n", .python))
    #expect(mayMatch("from litellm import (completion\n    as ask)\n", .python))
    #expect(mayMatch("import litellm.completion as ask\n", .python))
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

  @Test func calleeAnchorsNeedTheSegmentBeforeThemAndTheirGatingImport() {
    #expect(!mayMatch("x = Model.objects.create(a=1)\nparser.parse(text)\n", .python))
    #expect(mayMatch("x = client.embeddings.create(input=t)\n", .python))
    // `*.messages.create` is gated on importing anthropic; the companion words may come in any order.
    #expect(!mayMatch("x = client.messages.create(m)\n", .python))
    #expect(mayMatch("x = client.messages.create(m)\nimport anthropic\n", .python))
    #expect(mayMatch("x = client.create(m)\nimport anthropic\ny = messages\n", .python))
    // A rule without a gate and with a single segment needs nothing more.
    #expect(mayMatch("x = boto.invoke_model(m)\n", .python))
    // The segment before the callee may come from an import alias.
    let aliased = "from openai import ChatCompletion as CC\nCC.create(model=m)\n"
    #expect(mayMatch(aliased, .python))
    #expect(expectSameResult(Array(aliased.utf8), .python, "alias").findings.map(\.ruleID) == ["openai-legacy-v0"])
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
    #expect(mayMatch("y = 1if client.completions.create(x) else 2\n", .python))
  }

  @Test func rawHTTPCallsNeedAnEndpointOfTheCatalogueInTheFile() {
    // `*.post`, `*.send`, `*.request` and `*.stream` are everywhere; without an LLM endpoint they are no finding.
    #expect(!mayMatch("r = session.post(url, json=body)\nsock.send(b'x')\nx = 1\n", .python))
    #expect(!mayMatch("let (data, _) = try await session.data(for: request)\n", .swift))
    // The endpoint's word alone is not enough: the bytes around it must spell the whole endpoint.
    #expect(!mayMatch("r = session.post(url)\nx = openai_v1 + v1 + chat\nAPI = 'api.x.com'\n", .python))
    #expect(mayMatch("r = session.post(url)\nURL = 'HTTPS://API.OpenAI.COM/v1'\n", .python))
    #expect(mayMatch("URL = f'{base}/v1/messages'\nr = session.post(URL)\n", .python))
    #expect(mayMatch("r = session.post(url)\nx = 'api.x.ai'\n", .python))
    // An endpoint without an inner word is found at the start of a run: `:generateContent`.
    #expect(mayMatch("r = s.post(f'{m}:generateContentX')\n", .python))
    #expect(mayMatch("let u = \"\\(m):streamGenerateContent?alt=sse\"\nlet d = try await s.data(for: u)\n", .swift))
    #expect(!mayMatch("r = s.post(f'{m}_generateContent')\n", .python))
    let source = "URL = 'https://api.openai.com/v1/chat/completions'\nr = requests.post(URL, json=b)\n"
    #expect(mayMatch(source, .python))
    #expect(expectSameResult(Array(source.utf8), .python, "http").findings.map(\.ruleID) == ["http-llm-endpoint"])
  }

  @Test func anEndpointIsFoundThroughAWordThatEveryTextHoldingItHolds() {
    func word(_ endpoint: String) -> String? {
      let needle = Array(endpoint.utf8)
      return Prefilter.endpointWord(needle).map { String(decoding: needle[$0.word], as: UTF8.self) + ($0.isPrefix ? "…" : "") }
    }
    #expect(word("api.openai.com") == "openai")
    #expect(word("api-inference.huggingface.co") == "huggingface")
    #expect(word("/v1/messages") == "v1")
    #expect(word("openrouter.ai/api") == "ai")
    #expect(word(":generatecontent") == "generatecontent…")
    // Bounded on one side only, or not at all: no word is sure to stand whole.
    #expect(word("openai") == nil)
    #expect(word("openai.") == nil)
    // A digit-led word is looked up only in part by the scan.
    #expect(word("a.1b.") == nil)
    #expect(word("a.1b.c") == "c…")
    // An endpoint without a word lets every raw HTTP call through.
    var rules = TestSupport.builtIn
    rules = RuleSet(rules: rules.rules, tracked: rules.tracked, httpEndpoints: [NamedItem("openai", origin: .builtIn(line: 1))])
    let prefilter = Prefilter(ruleSet: rules)
    let source = Array("r = session.post(url)\n".utf8)
    #expect(source.withUnsafeBufferPointer { prefilter.mayMatch($0, language: .python) })
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
    var random = SplitMix64(seed: seed)
    let pieces = [
      "(", ")", "#", "\n", " ", "\\", "\\\n", ".", "as ", " as ", "0x", "1", "`", "/", "/* */", "//", "\"", "'''",
      "é", "\u{00A0}", "llmlint: ignore", "create", "completion", "chats", "_", "a", "'api.OpenAI.com'", ".post(",
      "\"/v1/messages\"", ":generateContent", "x",
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

extension PrefilterTests {
  /// The scan reads eight bytes at a time; a byte-at-a-time reference must agree on every short random input
  /// (runs across chunk boundaries, at both ends, non-ASCII bytes inside and around runs).
  @Test func eightBytesAtATimeAgreesWithAByteAtATimeReference() {
    var random = SplitMix64(seed: 7)
    let alphabet = Array("create(chats)llmLINT as#1_x.é/ \n`<".utf8) + [0x80, 0xC3, 0xFF, 0x00, 0x7F]
    // Single-segment, ungated patterns: their callee names count without companion words.
    let names = ["create", "chats", "completion", "stream", "parse"]
    let rule = Rule(
      id: "test", provider: "test", languages: [.python],
      patterns: names.map { try! CallPattern("*." + $0) }, message: "m", origin: .builtIn(line: 1))
    let prefilter = Prefilter(ruleSet: RuleSet(rules: [rule], tracked: TrackedContexts()))
    let anchors = Set(names.map { Array($0.utf8) })
    func isWord(_ byte: UInt8) -> Bool { ASCII.isIdentifierContinue(byte) && byte < 0x80 }
    func reference(_ bytes: [UInt8]) -> Bool {
      var runs: [Range<Int>] = []
      var index = 0
      while index < bytes.count {
        guard isWord(bytes[index]) else {
          index += 1
          continue
        }
        let start = index
        while index < bytes.count, isWord(bytes[index]) { index += 1 }
        runs.append(start..<index)
      }
      for run in runs {
        let starts = ASCII.isDigit(bytes[run.lowerBound]) ? Array(run.dropFirst()) : [run.lowerBound]
        for start in starts {
          let name = Array(bytes[start..<run.upperBound])
          if name.map({ $0 | 0x20 }) == Array("llmlint".utf8) { return true }
          guard anchors.contains(name) else { continue }
          var next = run.upperBound
          while next < bytes.count, [0x20, 0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x5C].contains(bytes[next]) { next += 1 }
          if next < bytes.count {
            if bytes[next] == UInt8(ascii: "(") || bytes[next] == UInt8(ascii: "#") { return true }
            if bytes[next] == UInt8(ascii: "a"), next + 1 < bytes.count, bytes[next + 1] == UInt8(ascii: "s"),
              next + 2 == bytes.count || !isWord(bytes[next + 2])
            {
              return true
            }
          }
        }
      }
      return false
    }
    let words = ["create(", "parse (", "llmlint", "LLMLint", "1create(", "completion as", "stream#", "createx("]
    for round in 0..<20_000 {
      var bytes: [UInt8] = []
      for _ in 0..<Int(random.next() % 40) {
        if random.next() % 5 == 0 {
          bytes += Array(words[Int(random.next() % UInt64(words.count))].utf8)
        } else {
          bytes.append(alphabet[Int(random.next() % UInt64(alphabet.count))])
        }
      }
      let got = bytes.withUnsafeBufferPointer { prefilter.mayMatch($0, language: .python) }
      #expect(got == reference(bytes), "round \(round): \(bytes)")
      if got != reference(bytes) { return }
    }
  }
}
