// libFuzzer target: the YAML reader and the config schema on arbitrary bytes, as a `.llmlint.yml`.
// Every node and every error must carry a position inside the input; the schema pass (on top of the
// built-in catalogue, as ConfigLoader does) must not trap, and its problems carry a line.

@testable import LLMLintCore

/// The number of lines of `bytes`, counting `\n`, `\r\n` and `\r`, plus one for the last line.
private func lineCount(_ bytes: [UInt8]) -> Int {
  var lines = 1
  var index = 0
  while index < bytes.count {
    if bytes[index] == 0x0A {
      lines += 1
    } else if bytes[index] == 0x0D {
      lines += 1
      if index + 1 < bytes.count, bytes[index + 1] == 0x0A { index += 1 }
    }
    index += 1
  }
  return lines
}

private func checkPosition(_ line: Int, _ column: Int, lines: Int, size: Int, _ what: String) {
  if line < 1 || line > lines { violation("\(what) at line \(line) of \(lines)") }
  if column < 1 || column > size + 1 { violation("\(what) at column \(column) for \(size) bytes") }
}

private func checkNode(_ node: YAMLNode, lines: Int, size: Int, depth: Int) {
  if depth > YAMLReader.maximumDepth + 2 { violation("node nested \(depth) deep") }
  checkPosition(node.line, node.column, lines: lines, size: size, "node")
  switch node.value {
  case .list(let items):
    for item in items { checkNode(item, lines: lines, size: size, depth: depth + 1) }
  case .map(let entries):
    for entry in entries {
      checkPosition(entry.line, entry.column, lines: lines, size: size, "key '\(entry.key)'")
      checkNode(entry.value, lines: lines, size: size, depth: depth + 1)
    }
  case .scalar, .null: break
  }
}

/// The built-in catalogue applied once: the user config goes on top of a copy, as in ConfigLoader.load.
private let builtIn: Builder = {
  var builder = Builder()
  let problems = builder.apply(bytes: ConfigLoader.builtInBytes, file: nil, isUser: false)
  if !problems.isEmpty { violation("the built-in catalogue has problems: \(problems)") }
  return builder
}()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  let bytes = Array(UnsafeBufferPointer(start: data, count: size))
  let lines = lineCount(bytes)
  do {
    let node = try YAMLReader.parse(bytes)
    checkNode(node, lines: lines, size: size, depth: 0)
  } catch {
    checkPosition(error.line, error.column, lines: lines, size: size, "error '\(error.message)'")
  }
  var builder = builtIn
  let problems = builder.apply(bytes: bytes, file: ".llmlint.yml", isUser: true)
  for problem in problems {
    guard let line = problem.line else { violation("config problem without a line: \(problem)") }
    checkPosition(line, problem.column ?? 1, lines: lines, size: size, "problem '\(problem.message)'")
  }
  if problems.isEmpty { _ = builder.ruleSet() }
  return 0
}
