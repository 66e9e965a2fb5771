/// Finds the bodies of Python tracked contexts: `with`/`async with` statements one of whose items calls a
/// tracked context manager, and functions decorated with a tracked decorator.
///
/// Works on the code tokens (comments and NL dropped), where blocks are delimited by INDENT and DEDENT,
/// so a region ends exactly where its block ends: comment lines, blank lines and continuation lines
/// inside do not end it, and the next statement at the outer level is outside it.
enum PythonBlocks {
  /// The tracked bodies of the file, each with its construct (`context` for a `with`, `decorator`), in
  /// source order.
  static func trackedRegions(_ code: CodeTokens, _ ruleSet: RuleSet) -> [TrackingRegion] {
    let managers = ruleSet.contextNames(code.language, .contextManagers)
    let decorators = ruleSet.contextNames(code.language, .decorators)
    guard !managers.isEmpty || !decorators.isEmpty else { return [] }
    var regions: [TrackingRegion] = []
    var index = 0
    while index < code.count {
      defer { index += 1 }
      guard isStatementStart(code, index) else { continue }
      var first = index
      if code.isIdentifier(first, "async") { first += 1 }
      if code.isIdentifier(first, "with"), !managers.isEmpty {
        if let (colon, tracked) = withHeader(code, from: first + 1, managers), tracked {
          regions.append(
            TrackingRegion(
              range: code.tokens[colon].end..<blockEnd(code, colon: colon), kind: .context,
              origin: Int(code.tokens[index].start)))
        }
      } else if code.isOperator(index, UInt8(ascii: "@")), !decorators.isEmpty,
        decoratorIsTracked(code, from: index + 1, decorators),
        let colon = decoratedDefinitionColon(code, afterDecoratorAt: index)
      {
        regions.append(
          TrackingRegion(
            range: code.tokens[colon].end..<blockEnd(code, colon: colon), kind: .decorator,
            origin: Int(code.tokens[index].start)))
      }
    }
    return regions
  }

  /// Whether token `index` begins a statement: first token, or after NEWLINE, INDENT, DEDENT or `;`.
  static func isStatementStart(_ code: CodeTokens, _ index: Int) -> Bool {
    guard index > 0 else { return true }
    switch code.tokens[index - 1].kind {
    case .newline, .indent, .dedent: return true
    case .operator: return code.isOperator(index - 1, UInt8(ascii: ";"))
    default: return false
    }
  }

  /// The index of the `:` at bracket depth 0 at or after `start` on this logical line, or `nil`.
  static func headerColon(_ code: CodeTokens, from start: Int) -> Int? {
    var index = start
    while index < code.count {
      let token = code.tokens[index]
      if token.kind == .newline || token.kind == .endOfFile { return nil }
      if code.isOperator(index, UInt8(ascii: ":")) { return index }
      index = code.opensGroup(index) ? code.skipGroup(index) : index + 1
    }
    return nil
  }

  /// The end offset of the block whose header ends with the `:` at `colon`: the start of the token after
  /// the DEDENT that closes its INDENT, the end of the line for a one-line body, or the end of input.
  static func blockEnd(_ code: CodeTokens, colon: Int) -> Int {
    var index = colon + 1
    if code.kind(index) == .newline {
      index += 1
      guard code.kind(index) == .indent else { return code.tokens[colon].end }
      var depth = 0
      while index < code.count {
        switch code.tokens[index].kind {
        case .indent: depth += 1
        case .dedent:
          depth -= 1
          if depth == 0 { return Int(code.tokens[index].start) }
        case .endOfFile: return Int(code.tokens[index].start)
        default: break
        }
        index += 1
      }
      return code.source.count
    }
    while index < code.count, code.tokens[index].kind != .newline, code.tokens[index].kind != .endOfFile {
      index += 1
    }
    return index < code.count ? code.tokens[index].end : code.source.count
  }

  // MARK: - with statements

  /// Reads a `with` header whose items start at `start`: the index of its closing `:` and whether one of
  /// its items is a call to a tracked context manager. Handles `with a, b:` and `with (a as x, b):`.
  private static func withHeader(_ code: CodeTokens, from start: Int, _ managers: NameTable<Bool>) -> (Int, Bool)? {
    guard let colon = headerColon(code, from: start) else { return nil }
    var itemsStart = start
    var itemsEnd = colon
    if code.isOperator(start, UInt8(ascii: "(")), Int(code.partner[start]) == colon - 1 {
      itemsStart = start + 1
      itemsEnd = colon - 1
    }
    var itemStart = itemsStart
    var index = itemsStart
    var tracked = false
    while index <= itemsEnd {
      if index == itemsEnd || code.isOperator(index, UInt8(ascii: ",")) {
        if itemCallsManager(code, itemStart..<index, managers) { tracked = true }
        itemStart = index + 1
        index += 1
        continue
      }
      index = code.opensGroup(index) ? code.skipGroup(index) : index + 1
    }
    return (colon, tracked)
  }

  /// Whether the with-item in `range` (`expr` or `expr as target`) is a call whose callee ends in a
  /// tracked context-manager name.
  private static func itemCallsManager(_ code: CodeTokens, _ range: Range<Int>, _ managers: NameTable<Bool>) -> Bool {
    var end = range.upperBound
    var index = range.lowerBound
    while index < range.upperBound {
      if code.isIdentifier(index, "as") {
        end = index
        break
      }
      index = code.opensGroup(index) ? code.skipGroup(index) : index + 1
    }
    guard end > range.lowerBound, code.isOperator(end - 1, UInt8(ascii: ")")) else { return false }
    let open = Int(code.partner[end - 1])
    guard open > range.lowerBound, code.isIdentifier(open - 1) else { return false }
    return managers.lookup(code.source, token: code.tokens[open - 1]) != nil
  }

  // MARK: - decorators

  /// Whether the decorator expression after `@` (up to NEWLINE) names a tracked decorator, called or not:
  /// `@track_llm_call`, `@track_llm_call(...)`, `@tracker.track_llm_call(...)`.
  private static func decoratorIsTracked(_ code: CodeTokens, from start: Int, _ decorators: NameTable<Bool>) -> Bool {
    var index = start
    var last = -1
    while index < code.count, code.tokens[index].kind != .newline, code.tokens[index].kind != .endOfFile {
      last = code.opensGroup(index) ? Int(code.partner[index]) : index
      index = last + 1
    }
    guard last >= start else { return false }
    var callee = last
    if code.isOperator(last, UInt8(ascii: ")")) {
      let open = Int(code.partner[last])
      guard open > start else { return false }
      callee = open - 1
    }
    guard code.isIdentifier(callee) else { return false }
    return decorators.lookup(code.source, token: code.tokens[callee]) != nil
  }

  /// The header `:` of the `def` / `async def` that the decorator at `at` (and any decorators after it)
  /// decorates, or `nil` when a class or nothing follows.
  private static func decoratedDefinitionColon(_ code: CodeTokens, afterDecoratorAt at: Int) -> Int? {
    var index = at
    while code.isOperator(index, UInt8(ascii: "@")) {
      while index < code.count, code.tokens[index].kind != .newline {
        if code.tokens[index].kind == .endOfFile { return nil }
        index = code.opensGroup(index) ? code.skipGroup(index) : index + 1
      }
      index += 1
    }
    if code.isIdentifier(index, "async") { index += 1 }
    guard code.isIdentifier(index, "def") else { return nil }
    return headerColon(code, from: index + 1)
  }
}
