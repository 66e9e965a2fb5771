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

  /// A type definition (Python `class`; Swift `class`, `struct`, `enum`, `actor`, `protocol`, `extension`).
  struct TypeScope {
    /// Code-token index of the type's name.
    var nameToken: Int
    /// Code-token range of the body.
    var bodyTokens: Range<Int>
  }

  /// The types of the file, in source order.
  private(set) var types: [TypeScope] = []

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
    var blocks: PythonBlockTable? = nil
    var index = 0
    while index < code.count {
      defer { index += 1 }
      guard code.tokens[index].kind == .identifier, code.isIdentifier(index + 1) else { continue }
      switch code.reader {
      case .plain:
        continue
      case .python:
        let isDef = code.isIdentifier(index, "def")
        guard isDef || code.isIdentifier(index, "class") else { continue }
        var start = index
        if code.isIdentifier(start - 1, "async") { start -= 1 }
        guard PythonBlocks.isStatementStart(code, start), let colon = PythonBlocks.headerColon(code, from: index + 2)
        else { continue }
        // Where the body ends, from tables built once (a block per nesting level would otherwise rescan
        // the rest of the file for every enclosing definition).
        if blocks == nil { blocks = PythonBlockTable(code) }
        let (end, last) = blocks!.body(afterColon: colon, code)
        scopes.append(
          Scope(
            isType: !isDef, nameToken: index + 1, body: code.tokens[colon].end..<end, bodyTokens: (colon + 1)..<last))
      case .swift:
        let isFunc = code.isIdentifier(index, "func")
        guard
          isFunc || code.isIdentifier(index, "class") || code.isIdentifier(index, "struct")
            || code.isIdentifier(index, "enum") || code.isIdentifier(index, "actor")
            || code.isIdentifier(index, "extension") || code.isIdentifier(index, "protocol")
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
      if scope.isType { types.append(TypeScope(nameToken: scope.nameToken, bodyTokens: scope.bodyTokens)) }
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
  func bodies(named names: NameTable<Bool>, in code: CodeTokens) -> [TrackingRegion] {
    guard !names.isEmpty else { return [] }
    return functions.filter { names.lookup(code.source, token: code.tokens[$0.nameToken]) != nil }.map {
      TrackingRegion(range: $0.body, kind: .function, origin: Int(code.tokens[$0.nameToken].start))
    }
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

/// For each INDENT, the index of the DEDENT that closes it; for each token, the index of the next NEWLINE
/// or end of input. Built in two linear passes, so finding the bodies of nested blocks stays linear.
struct PythonBlockTable {
  private var closing: [Int32]
  private var nextNewline: [Int32]

  init(_ code: CodeTokens) {
    closing = [Int32](repeating: -1, count: code.count)
    nextNewline = [Int32](repeating: Int32(code.count), count: code.count)
    var open: [Int] = []
    for index in 0..<code.count {
      switch code.tokens[index].kind {
      case .indent: open.append(index)
      case .dedent: if let indent = open.popLast() { closing[indent] = Int32(index) }
      default: break
      }
    }
    var next = code.count
    for index in stride(from: code.count - 1, through: 0, by: -1) {
      let kind = code.tokens[index].kind
      if kind == .newline || kind == .endOfFile { next = index }
      nextNewline[index] = Int32(next)
    }
  }

  /// The end offset of the block whose header ends with the `:` at `colon` (as `PythonBlocks.blockEnd`)
  /// and the index one past its last token.
  func body(afterColon colon: Int, _ code: CodeTokens) -> (end: Int, last: Int) {
    let next = colon + 1
    if code.kind(next) == .newline {
      guard code.kind(next + 1) == .indent else { return (code.tokens[colon].end, next) }
      let dedent = Int(closing[next + 1])
      guard dedent >= 0 else { return (code.source.count, code.count) }
      return (Int(code.tokens[dedent].start), dedent)
    }
    guard next < code.count else { return (code.source.count, code.count) }
    let newline = Int(nextNewline[next])
    return newline < code.count ? (code.tokens[newline].end, newline + 1) : (code.source.count, code.count)
  }
}
