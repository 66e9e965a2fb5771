import Foundation
import Testing

@testable import LLMLintCore

/// Precision on look-alikes: no fixture line marked `look-alike` in a comment (Twilio's
/// `client.messages.create`, Stripe's `X.Y.create`, Vapor's `respond(to:)`, an app's own `startChat`,
/// LangChain's `chain.invoke`, …) carries a finding.
@Suite struct LookalikeTests {
  /// The 1-based lines of `bytes` whose comments say `look-alike`.
  static func lookalikeLines(_ bytes: [UInt8], _ language: Language) -> Set<Int> {
    let tokens = language == .python ? PythonTokenizer.tokenize(bytes) : SwiftTokenizer.tokenize(bytes)
    let lines = LineIndex(bytes)
    var result: Set<Int> = []
    for token in tokens where token.kind == .comment {
      let text = String(decoding: bytes[Int(token.start)..<token.end], as: UTF8.self)
      if text.contains("look-alike") { result.insert(lines.lineIndex(of: Int(token.start)) + 1) }
    }
    return result
  }

  @Test func noFindingOnALookalikeLine() throws {
    var lookalikes = 0
    var falsePositives: [String] = []
    var findings = 0
    for fixture in FixtureTests.fixtures {
      let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: fixture.path)))
      let marked = Self.lookalikeLines(bytes, fixture.language)
      lookalikes += marked.count
      let found = TestSupport.linter.lint(SourceFile(path: fixture.path, language: fixture.language, bytes: bytes))
      findings += found.count
      for finding in found where marked.contains(finding.line) {
        falsePositives.append("\(fixture.testDescription):\(finding.line) \(finding.ruleID)")
      }
    }
    #expect(lookalikes >= 40, "look-alike lines: \(lookalikes)")
    #expect(falsePositives.isEmpty, "findings on look-alike lines: \(falsePositives)")
    print("look-alike lines: \(lookalikes); findings on them: \(falsePositives.count); all findings: \(findings)")
  }
}
