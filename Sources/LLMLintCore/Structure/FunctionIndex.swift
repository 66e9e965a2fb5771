/// The function and method definitions of one file, with their bodies, the type that holds each method
/// and the function each nested function is defined in.
///
/// Python: `def name(…):` / `async def`, bodies delimited by INDENT/DEDENT (a one-line body ends with its
/// line); `class name:` bodies give the type. Swift: `func name` up to its `{ … }` (a requirement without
/// a body is skipped); `class`, `struct`, `enum`, `actor` and `extension` bodies give the type.
/// Definitions come in source order; the nesting is found with a stack, so no recursion.
struct FunctionIndex {
  struct Function {
    /// Code-token index of the function's name.
    var nameToken: Int
    /// Byte range of the body (Swift: the braces included).
    var body: Range<Int>
    /// Code-token range of the body.
    var bodyTokens: Range<Int>
    /// Index of the function this one is defined in, or -1.
    var parent: Int
    /// Code-token index of the name of the type whose body holds this function directly, or -1.
    var typeName: Int
  }

  /// Whether function `function` has a parameter named `name` (an identifier at the top level of its
  /// parameter list, followed by `,`, `)`, `:` or `=`).
  func hasParameter(_ function: Int, _ name: UnsafeBufferPointer<UInt8>, in code: CodeTokens) -> Bool {
    let open = functions[function].nameToken + 1
    guard code.isOperator(open, UInt8(ascii: "(")), code.partner[open] > open else { return false }
    let close = Int(code.partner[open])
    var index = open + 1
    while index < close {
      if code.isIdentifier(index), code.text(index).elementsEqual(name),
        code.isOperator(index + 1, UInt8(ascii: ",")) || code.isOperator(index + 1, UInt8(ascii: ")"))
          || code.isOperator(index + 1, UInt8(ascii: ":")) || code.isOperator(index + 1, UInt8(ascii: "="))
      {
        return true
      }
      index = code.opensGroup(index) ? code.skipGroup(index) : index + 1
    }
    return false
  }

  private(set) var functions: [Function] = []

  init() {}

  init(_ code: CodeTokens) {
    // Types and functions in source order, each with its body token range.
    struct Scope {
      var isType: Bool
      var nameToken: Int
      var body: Range<Int>
      var bodyTokens: Range<Int>
    }
    var scopes: [Scope] = []
    var index = 0
    while index < code.count {
      defer { index += 1 }
      guard code.tokens[index].kind == .identifier, code.isIdentifier(index + 1) else { continue }
      switch code.language {
      case .python:
        let isDef = code.isIdentifier(index, "def")
        guard isDef || code.isIdentifier(index, "class") else { continue }
        var start = index
        if code.isIdentifier(start - 1, "async") { start -= 1 }
        guard PythonBlocks.isStatementStart(code, start), let colon = PythonBlocks.headerColon(code, from: index + 2)
        else { continue }
        let end = PythonBlocks.blockEnd(code, colon: colon)
        var last = colon + 1
        while last < code.count, Int(code.tokens[last].start) < end { last += 1 }
        scopes.append(
          Scope(
            isType: !isDef, nameToken: index + 1, body: code.tokens[colon].end..<end, bodyTokens: (colon + 1)..<last))
      case .swift:
        let isFunc = code.isIdentifier(index, "func")
        guard
          isFunc || code.isIdentifier(index, "class") || code.isIdentifier(index, "struct")
            || code.isIdentifier(index, "enum") || code.isIdentifier(index, "actor")
            || code.isIdentifier(index, "extension")
        else { continue }
        guard let open = Self.swiftBodyOpen(code, from: index + 2) else { continue }
        let close = Int(code.partner[open])
        scopes.append(
          Scope(
            isType: !isFunc, nameToken: index + 1, body: Int(code.tokens[open].start)..<code.tokens[close].end,
            bodyTokens: open..<(close + 1)))
      }
    }
    // Nesting: a stack of open scopes (indices into `scopes`), closed when a later scope starts past them.
    var stack: [Int] = []
    var functionOf: [Int: Int] = [:]
    for (position, scope) in scopes.enumerated() {
      while let top = stack.last, scopes[top].bodyTokens.upperBound <= scope.nameToken { stack.removeLast() }
      if !scope.isType {
        var parent = -1
        var typeName = -1
        if let top = stack.last {
          if scopes[top].isType {
            typeName = scopes[top].nameToken
          }
          if let enclosing = stack.last(where: { !scopes[$0].isType }) { parent = functionOf[enclosing] ?? -1 }
        }
        functionOf[position] = functions.count
        functions.append(
          Function(
            nameToken: scope.nameToken, body: scope.body, bodyTokens: scope.bodyTokens, parent: parent,
            typeName: typeName))
      }
      stack.append(position)
    }
  }

  /// The `{` that opens the body of a Swift declaration whose header starts at `start`, or `nil` when the
  /// declaration has none (a protocol requirement): the first `{` at depth 0 before `}`, `;` or a keyword
  /// that starts another declaration.
  private static func swiftBodyOpen(_ code: CodeTokens, from start: Int) -> Int? {
    var index = start
    var steps = 0
    while index < code.count, steps < 4096 {
      steps += 1
      if code.isOperator(index, UInt8(ascii: "{")) { return code.partner[index] > index ? index : nil }
      if code.isOperator(index, UInt8(ascii: "}")) || code.isOperator(index, UInt8(ascii: ";"))
        || code.isIdentifier(index, "func") || code.isIdentifier(index, "var") || code.isIdentifier(index, "let")
        || code.tokens[index].kind == .endOfFile
      {
        return nil
      }
      index = code.opensGroup(index) ? code.skipGroup(index) : index + 1
    }
    return nil
  }

  /// The bodies of the functions whose names are in `names`.
  func bodies(named names: NameTable<Bool>, in code: CodeTokens) -> [Range<Int>] {
    guard !names.isEmpty else { return [] }
    return functions.filter { names.lookup(code.source, token: code.tokens[$0.nameToken]) != nil }.map(\.body)
  }

  /// The index of the innermost function whose body holds code token `token`, or -1. `functions` is in
  /// source order, so this walks back from the last function starting before the token.
  func innermost(containing token: Int) -> Int {
    var low = 0
    var high = functions.count
    while low < high {
      let middle = (low + high) / 2
      if functions[middle].bodyTokens.lowerBound <= token { low = middle + 1 } else { high = middle }
    }
    var candidate = low - 1
    while candidate >= 0 {
      if functions[candidate].bodyTokens.contains(token) { return candidate }
      candidate = functions[candidate].parent
    }
    return -1
  }
}
