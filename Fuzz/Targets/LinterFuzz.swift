// libFuzzer target: the whole-file linter with the built-in rules, on arbitrary bytes as a Python file
// and as a Swift file. Findings must point inside the input, in source order.

@testable import LLMLintCore

private let linter = Linter(ruleSet: ConfigLoader.builtIn().ruleSet)

private func checkFindings(_ findings: [Finding], size: Int, _ language: Language) {
  var previous = (0, 0)
  for finding in findings {
    if finding.startOffset < 0 || finding.startOffset > finding.endOffset || finding.endOffset > size {
      violation("\(language) finding \(finding.ruleID) at \(finding.startOffset)..<\(finding.endOffset) of \(size)")
    }
    if finding.line < 1 || finding.column < 1 || finding.endLine < finding.line {
      violation("\(language) finding \(finding.ruleID) at \(finding.line):\(finding.column)-\(finding.endLine)")
    }
    if (finding.line, finding.column) < previous { violation("\(language) findings out of order") }
    previous = (finding.line, finding.column)
  }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  let bytes = Array(UnsafeBufferPointer(start: data, count: size))
  for (language, path) in [(Language.python, "fuzz.py"), (.swift, "Fuzz.swift")] {
    let result = linter.check(SourceFile(path: path, language: language, bytes: bytes))
    checkFindings(result.findings, size: size, language)
    checkFindings(result.suppressed, size: size, language)
  }
  return 0
}
