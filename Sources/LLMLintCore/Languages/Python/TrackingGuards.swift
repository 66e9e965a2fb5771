/// Python branches that cannot run because they test a module-level constant: `if NAME:` / `if not NAME:`
/// and its `else:`, where NAME is assigned exactly once in the file, at module level, to `True` or
/// `False` (the `LLM_TRACKING_AVAILABLE = True` guard around tracking code).
///
/// A name assigned more than once (`try: … = True / except: … = False`) is not a constant. `elif`
/// chains are left alone.
enum TrackingGuards {
  /// The byte ranges of the bodies that cannot run.
  static func deadRanges(_ code: CodeTokens) -> TrackedRegions {
    // Literal prefilter: no `= True` / `= False`, no guard.
    guard
      FileFacts.contains(code.source, "= True") || FileFacts.contains(code.source, "= False")
        || FileFacts.contains(code.source, "=True") || FileFacts.contains(code.source, "=False")
    else { return TrackedRegions([]) }
    // The module-level `NAME = True|False` statements first (most files have none: no table is built).
    var constants: [[UInt8]: Bool] = [:]
    var depth = 0
    for index in 0..<code.count {
      switch code.tokens[index].kind {
      case .indent: depth += 1
      case .dedent: depth -= 1
      case .identifier:
        guard depth == 0, code.isOperator(index + 1, UInt8(ascii: "=")),
          code.kind(index + 3) == .newline || code.kind(index + 3) == .endOfFile,
          code.isIdentifier(index + 2, "True") || code.isIdentifier(index + 2, "False"),
          PythonBlocks.isStatementStart(code, index)
        else { continue }
        constants[Array(code.text(index))] = code.isIdentifier(index + 2, "True")
      default: continue
      }
    }
    guard !constants.isEmpty else { return TrackedRegions([]) }
    // Then how often each of those names is assigned anywhere: a constant is assigned exactly once.
    var assignments: [[UInt8]: Int] = [:]
    for index in 0..<code.count where code.kind(index) == .identifier {
      guard code.isOperator(index + 1, UInt8(ascii: "=")), PythonBlocks.isStatementStart(code, index) else {
        continue
      }
      let name = Array(code.text(index))
      if constants[name] != nil { assignments[name, default: 0] += 1 }
    }
    var dead: [Range<Int>] = []
    for index in 0..<code.count where code.isIdentifier(index, "if") && PythonBlocks.isStatementStart(code, index) {
      var nameIndex = index + 1
      var negated = false
      if code.isIdentifier(nameIndex, "not") {
        negated = true
        nameIndex += 1
      }
      let colon = nameIndex + 1
      guard code.isIdentifier(nameIndex), code.isOperator(colon, UInt8(ascii: ":")),
        case let name = Array(code.text(nameIndex)), assignments[name] == 1, let value = constants[name]
      else { continue }
      let runs = value != negated
      let bodyEnd = PythonBlocks.blockEnd(code, colon: colon)
      if !runs { dead.append(code.tokens[colon].end..<bodyEnd) }
      // The `else:` that follows at the same level.
      var next = colon + 1
      while next < code.count, Int(code.tokens[next].start) < bodyEnd { next += 1 }
      while code.kind(next) == .dedent || code.kind(next) == .newline { next += 1 }
      guard runs, code.isIdentifier(next, "else"), code.isOperator(next + 1, UInt8(ascii: ":")),
        Int(code.tokens[next].start) >= bodyEnd
      else { continue }
      dead.append(code.tokens[next + 1].end..<PythonBlocks.blockEnd(code, colon: next + 1))
    }
    return TrackedRegions(dead)
  }
}
