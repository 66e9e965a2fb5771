import Foundation
import Testing

@testable import LLMLintCore

/// Inputs the libFuzzer targets in `Fuzz/` stopped on, kept so the same bytes are checked on every test
/// run: both tokenizers' coverage contract, and a whole-file lint in both languages with the built-in rules.
/// Each case says what the fuzzer reported and what was done about it.
@Suite struct FuzzRegressionTests {
  /// (what happened, the input as base64, exactly as libFuzzer saved it).
  static let inputs: [(String, String)] = [
    (
      // PythonTokenizerFuzz: a zero-length INDENT. Not a tokenizer bug: after ` \` + newline the level is
      // fixed by the first physical line and the continued line starts at column 0, so INDENT covers no
      // bytes. The fuzz invariant was too strict and now allows it (each such INDENT still needs a line).
      "empty INDENT after a backslash continuation",
      "ZnJvbSBnb29nbGUiaGVsbG8iKSAgIyBleHBlbmFpLWNoYXRzCiBcCihvbGlvbiA9IG1vZGVsEwAuc3RhcnRfY2hvbi5zZW5kX21lc3NhZ2Uo////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////ImhpIikgICMgZXhwZWN0OiBnb29nbGUtZ2VuYWktY2hhdHMK"
    ),
    (
      // LinterFuzz: findings out of source order. The CrewAI finding at 3:7 (a chain that starts at the
      // unclosed `LLM(` on line 3) came after the OpenAI one at 50:21, as calls are matched in the order
      // of their callee names. Linter.check now sorts its findings, as its contract says.
      "findings out of order when a chain starts at an earlier unclosed call",
      "ZnJvbSBjcmV3YWkgaW1wb3J0IExMTSwgQSFybnQsIENyZXcKCmxsbSA9IExMTShtb2RlbD0iZ3B0LTRvIiwgdGMgZGVmIGNhbGxzKCptZXNzYWdlcywgdG9vbCk6CiAgICBsbG0uY2FsbChtZXNzYWdlcykgICMgZXhwaW1wb3J0IG9wZW5haWxtCiAgICBhd2FpdCBsbG0uYWNhCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgpob2QKICAgIGNhbGxiYWNrLmNhbGwoKSBsbG0uYWNjbGllbnQuY2hhdC5jb21wbGV0aW9ucy5jcmVhdGUoYWxsKG1lc3NhZ2VzKSAgIyBleHBlY3Q6IGNyZXdhaS1sbG0KICAgIExMvdeSkGRlbD0ibSIpLmNhbGwobWVzc2FnZXMpICAjIGV4cGVjdDogY3Jld2FpLWxsbQogICAgdG9vbC5jYWxsKG1lc3NhZ2VzKSAgIyBsb/NrLWE6bGlrIGVhIAoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKKwoKCgoKCgoKCgoKCgogI3QuY2hhdC5jb21wbGV0aW9ucy5jcmVhdGUoYWxsKG1lc3NhZ2VzKSAgIyBleHBlY3Q6IGNyZXdhaS1sbG0KICAgIExMvdeSkGRlbD0ibSIpLmNhbGwobWVzc2FnZXMpICAjIGV4cGVjdDogY3Jld2FpLWxsbQogICAgdG9vbC5jYWxsKG1lc3NhZ2VzKSAgIyBsb/NrLWE6bGlrIGVhIAoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKKwoKCgoKCgoKCgoKCgogIyBsb29rLWFsaWtlOiB1bmJvdW5kIHJlY2VpdmVyCg=="
    ),
  ]

  static let linter = Linter(ruleSet: ConfigLoader.builtIn().ruleSet)

  @Test(arguments: 0..<inputs.count)
  func fuzzInputStaysWithinTheContract(_ index: Int) throws {
    let (name, base64) = Self.inputs[index]
    let bytes = try #require(Data(base64Encoded: base64).map(Array.init), "\(name): bad base64")
    expectPythonCoverage(PythonTokenizer.tokenize(bytes), in: bytes)
    let swiftTokens = SwiftTokenizer.tokenize(bytes)
    #expect(swiftCoverageViolation(bytes, swiftTokens) == nil, "\(name)")
    for language in Language.allCases {
      let result = Self.linter.check(SourceFile(path: "fuzz", language: language, bytes: bytes))
      for finding in result.findings + result.suppressed {
        #expect(finding.startOffset <= finding.endOffset && finding.endOffset <= bytes.count, "\(name)")
      }
      for list in [result.findings, result.suppressed] {
        #expect(list == list.sorted(by: Finding.ordered), "\(name): \(language) findings out of source order")
      }
    }
  }

  @Test func emptyIndentAfterABackslashContinuation() {
    // The smallest form of the first input: the INDENT is there, empty, right before `(`.
    let bytes = Array("if x:\n \\\n(y)\n".utf8)
    let tokens = PythonTokenizer.tokenize(bytes)
    expectPythonCoverage(tokens, in: bytes)
    let indent = tokens.first { $0.kind == .indent }
    #expect(indent?.length == 0 && indent?.start == 9)
  }
}
