import Foundation
import Testing

@testable import LLMLintCore

/// Shared pieces for the core tests.
enum TestSupport {
  /// The built-in rule set (`CatalogueTests` fails if it does not load cleanly).
  static let builtIn: RuleSet = ConfigLoader.builtIn().ruleSet

  static let linter = Linter(ruleSet: builtIn)

  /// The package root, found from this file's path.
  static let packageRoot: URL = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

  static let fixturesDirectory = packageRoot.appendingPathComponent("Tests/LLMLintCoreTests/Fixtures")
}

/// A snippet with `↓` markers where findings are expected; the markers are removed before linting.
struct MarkedSource {
  static let marker = "↓"
  let text: String
  /// 1-based (line, column) of each marker in the stripped text, columns in Unicode scalars.
  let locations: [(line: Int, column: Int)]

  init(_ marked: String) {
    var text = ""
    var locations: [(Int, Int)] = []
    var line = 1
    var column = 1
    var previousWasCR = false
    for scalar in marked.unicodeScalars {
      if String(scalar) == Self.marker {
        locations.append((line, column))
        continue
      }
      text.unicodeScalars.append(scalar)
      if scalar == "\n" {
        if !previousWasCR { line += 1 }
        column = 1
      } else if scalar == "\r" {
        line += 1
        column = 1
      } else {
        column += 1
      }
      previousWasCR = scalar == "\r"
    }
    self.text = text
    self.locations = locations
  }
}

/// Asserts that linting `marked` finds exactly the marked calls, with `rules` (one per marker, or one for
/// all), and then re-runs the snippet in the forms that must not change the verdict: inside a comment and
/// inside a string (no finding), and after a line of multi-byte text (same columns, one line down).
func assertFindings(
  _ language: Language, _ marked: String, rules: [String], ruleSet: RuleSet? = nil, variants: Bool = true,
  sourceLocation: SourceLocation = #_sourceLocation
) {
  let source = MarkedSource(marked)
  let linter = ruleSet.map { Linter(ruleSet: $0) } ?? TestSupport.linter
  let expectedRules = rules.count == 1 ? Array(repeating: rules[0], count: source.locations.count) : rules
  #expect(expectedRules.count == source.locations.count, "one rule per marker", sourceLocation: sourceLocation)
  let findings = linter.lint(source.text, language: language)
  let got = findings.map { "\($0.line):\($0.column) \($0.ruleID)" }
  let want = zip(source.locations, expectedRules).map { "\($0.0.line):\($0.0.column) \($0.1)" }
  #expect(got == want, "findings of:\n\(source.text)", sourceLocation: sourceLocation)
  guard variants else { return }

  let lines = source.text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
    .split(separator: "\n", omittingEmptySubsequences: false)
  let commented: String
  let quoted: String
  switch language {
  case .python:
    commented = lines.map { "# " + $0 }.joined(separator: "\n")
    quoted = "x = '''\n" + source.text.replacingOccurrences(of: "'''", with: "") + "\n'''\n"
  default:
    commented = lines.map { "// " + $0 }.joined(separator: "\n")
    quoted = "let x = ##\"\"\"\n" + source.text + "\n\"\"\"##\n"
  }
  #expect(linter.lint(commented, language: language).isEmpty, "inside a comment:\n\(commented)", sourceLocation: sourceLocation)
  #expect(linter.lint(quoted, language: language).isEmpty, "inside a string:\n\(quoted)", sourceLocation: sourceLocation)

  let prefix = language == .python ? "# héllo wörld ✓ — ünïcode\n" : "// héllo wörld ✓ — ünïcode\n"
  let shifted = linter.lint(prefix + source.text, language: language).map { "\($0.line - 1):\($0.column) \($0.ruleID)" }
  #expect(shifted == want, "after a line of multi-byte text", sourceLocation: sourceLocation)
}
