import Foundation
import Testing

@testable import LLMLintCore

/// Every file in Fixtures/ yields exactly the findings its `expect:` comments name: a comment
/// `# expect: rule-id` (Python) or `// expect: rule-id` (Swift) on the line where a finding starts; several
/// ids are separated by commas. Every other line must have none.
@Suite struct FixtureTests {
  struct Fixture: CustomTestStringConvertible, Sendable {
    let path: String
    let language: Language
    var testDescription: String { URL(fileURLWithPath: path).lastPathComponent }
  }

  static let fixtures: [Fixture] = {
    var result: [Fixture] = []
    for (folder, language) in [("python", Language.python), ("swift", Language.swift)] {
      let directory = TestSupport.fixturesDirectory.appendingPathComponent(folder)
      let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
      for name in names.sorted() where Language.byExtension(of: name) == language {
        result.append(Fixture(path: directory.appendingPathComponent(name).path, language: language))
      }
    }
    return result
  }()

  /// The `(line, rule)` pairs a fixture's comments expect, read from real comment tokens.
  static func expectations(_ bytes: [UInt8], _ language: Language) -> [String] {
    let tokens = language == .python ? PythonTokenizer.tokenize(bytes) : SwiftTokenizer.tokenize(bytes)
    let lines = LineIndex(bytes)
    var result: [String] = []
    for token in tokens where token.kind == .comment {
      let text = String(decoding: bytes[Int(token.start)..<token.end], as: UTF8.self)
      guard let range = text.range(of: "expect:") else { continue }
      let line = lines.lineIndex(of: Int(token.start)) + 1
      for rule in text[range.upperBound...].split(separator: ",") {
        result.append("\(line) \(rule.trimmingCharacters(in: .whitespaces))")
      }
    }
    return result.sorted()
  }

  @Test func fixturesExist() {
    #expect(Self.fixtures.filter { $0.language == .python }.count >= 5)
    #expect(Self.fixtures.filter { $0.language == .swift }.count >= 3)
  }

  @Test(arguments: fixtures) func fixtureFindingsAreExactlyTheExpectedOnes(_ fixture: Fixture) throws {
    let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: fixture.path)))
    let expected = Self.expectations(bytes, fixture.language)
    let findings = TestSupport.linter.lint(SourceFile(path: fixture.path, language: fixture.language, bytes: bytes))
    let got = findings.map { "\($0.line) \($0.ruleID)" }.sorted()
    let missing = expected.filter { !got.contains($0) }
    let unexpected = got.filter { !expected.contains($0) }
    #expect(missing.isEmpty && unexpected.isEmpty, "missing: \(missing)\nunexpected: \(unexpected)")
  }

  /// Each line of a fixture that carries a finding, turned into a comment or a string, carries none.
  @Test(arguments: fixtures) func flaggedLinesInsideCommentsAndStringsAreNotFindings(_ fixture: Fixture) throws {
    let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: fixture.path)))
    let findings = TestSupport.linter.lint(SourceFile(path: fixture.path, language: fixture.language, bytes: bytes))
    let lines = String(decoding: bytes, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
    for finding in findings {
      let line = String(lines[finding.line - 1])
      let comment = fixture.language == .python ? "# " + line : "// " + line
      let string =
        fixture.language == .python
        ? "x = '''\n" + line.replacingOccurrences(of: "'''", with: "") + "\n'''\n"
        : "let x = ##\"\"\"\n" + line + "\n\"\"\"##\n"
      #expect(TestSupport.linter.lint(comment, language: fixture.language).isEmpty, "as a comment: \(line)")
      #expect(TestSupport.linter.lint(string, language: fixture.language).isEmpty, "as a string: \(line)")
    }
  }
}
