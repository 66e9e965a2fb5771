/// A call the matcher found, before it is placed on a line: which rule, and where the call starts and
/// ends in the file's bytes.
struct MatchedCall: Equatable {
  var rule: Int
  /// Offset of the first byte of the callee chain (`client` in `client.chat.completions.create(`).
  var start: Int
  /// Offset one past the call's closing bracket (or past the callee when the call is unclosed).
  var end: Int
  /// Offset of the callee name (the last segment), where tracking is checked.
  var calleeOffset: Int
  /// Code-token range of the callee chain, for its normalised text.
  var chain: Range<Int>
}

/// Finds the calls of one file that match a rule of the rule set and are not in a tracked region.
///
/// For each identifier directly followed by `(`, it looks the name up among the rules' callee names
/// (or, in Python, resolves an imported alias first), walks the callee chain backwards over `.`,
/// calls and subscripts, and compares it with the candidate patterns. Comments and strings never
/// reach it: it only sees code tokens.
struct CallMatcher {
  let code: CodeTokens
  let ruleSet: RuleSet
  let imports: ImportTable
  let regions: TrackedRegions

  /// A chain longer than this is treated as an opaque receiver, which keeps the work per call bounded.
  static let maximumSegments = 32

  /// One segment of a callee chain: the identifier's token and whether a call or subscript follows it
  /// before the next `.`.
  struct Segment {
    var token: Int
    var isApplied: Bool
  }

  struct Chain {
    /// Root first, callee last.
    var segments: [Segment]
    /// Whether something other than a plain name stands before the first segment (`get()`, `x[0]`, `"s"`).
    var hasOpaqueRoot: Bool
    /// Index of the chain's first code token.
    var start: Int
  }

  func matches() -> [MatchedCall] {
    let table = ruleSet.calleeTables[code.language.tableIndex]
    let bindings = imports.bindings
    var found: [MatchedCall] = []
    var index = 0
    let last = code.count - 1
    while index < last {
      defer { index += 1 }
      guard code.tokens[index].kind == .identifier, code.isOperator(index + 1, UInt8(ascii: "(")) else { continue }
      if code.language == .swift, code.lineBreakBefore(index + 1) { continue }
      var candidates = table.lookup(code.source, token: code.tokens[index])
      var resolvedRoot: [[UInt8]]? = nil
      // A bare call of an imported name (`ask(` after `from litellm import completion as ask`) is looked up
      // by the name it stands for.
      if code.language == .python, !bindings.isEmpty, !code.isOperator(index - 1, UInt8(ascii: ".")),
        let path = bindings.lookup(code.source, token: code.tokens[index])
      {
        candidates = table[path[path.count - 1]]
        resolvedRoot = path
      }
      guard let candidates else { continue }
      guard !isDefinition(index) else { continue }
      let chain = self.chain(endingAt: index)
      if resolvedRoot == nil, code.language == .python, !chain.hasOpaqueRoot, chain.segments.count > 1 {
        resolvedRoot = bindings.lookup(code.source, token: code.tokens[chain.segments[0].token])
      }
      for reference in candidates {
        let rule = ruleSet.rules[reference.rule]
        let pattern = rule.patterns[reference.pattern]
        guard matches(pattern, chain, resolvedRoot: resolvedRoot), labelsMatch(pattern, open: index + 1),
          rule.imports.isEmpty || rule.imports.contains(where: imports.imports)
        else { continue }
        let calleeOffset = Int(code.tokens[index].start)
        if rule.isEnabled, !regions.contains(calleeOffset) {
          let close = Int(code.partner[index + 1])
          found.append(
            MatchedCall(
              rule: reference.rule, start: Int(code.tokens[chain.start].start),
              end: close > index ? code.tokens[close].end : code.tokens[index].end, calleeOffset: calleeOffset,
              chain: chain.start..<(index + 1)))
        }
        break
      }
    }
    return found
  }

  /// Whether the name at `index` is being defined (`def create(`, `func chats(`), not called.
  private func isDefinition(_ index: Int) -> Bool {
    switch code.language {
    case .python: return code.isIdentifier(index - 1, "def") || code.isIdentifier(index - 1, "class")
    case .swift: return code.isIdentifier(index - 1, "func") || code.isIdentifier(index - 1, "init")
    }
  }

  /// Walks back from the callee at `callee` over `.name`, `(...)`, `[...]` (and Swift's postfix `?`/`!`).
  func chain(endingAt callee: Int) -> Chain {
    var segments = [Segment(token: callee, isApplied: false)]
    var start = callee
    var opaque = false
    var dot = callee - 1
    walk: while code.isOperator(dot, UInt8(ascii: ".")) {
      var previous = dot - 1
      if code.language == .swift,
        code.isOperator(previous, UInt8(ascii: "?")) || code.isOperator(previous, UInt8(ascii: "!"))
      {
        previous -= 1
      }
      var applied = false
      while previous >= 0, code.isOperator(previous, UInt8(ascii: ")")) || code.isOperator(previous, UInt8(ascii: "]")) {
        let open = Int(code.partner[previous])
        guard open >= 0, open < previous else {
          opaque = true
          start = previous
          break walk
        }
        applied = true
        let before = open - 1
        if code.isIdentifier(before) || code.isOperator(before, UInt8(ascii: ")"))
          || code.isOperator(before, UInt8(ascii: "]"))
        {
          previous = before
        } else {
          opaque = true
          start = open
          break walk
        }
      }
      guard code.isIdentifier(previous) else {
        // A literal or a closure before the dot is a receiver; anything else (an operator, `(`, nothing)
        // means a leading-dot member such as Swift's `.chats(`, which has none.
        if let kind = code.kind(previous),
          kind == .string || kind == .stringEnd || kind == .number || kind == .regex
            || code.isOperator(previous, UInt8(ascii: "}"))
        {
          opaque = true
          start = previous
        } else if applied {
          opaque = true
        }
        break
      }
      guard segments.count < Self.maximumSegments else {
        opaque = true
        break
      }
      segments.append(Segment(token: previous, isApplied: applied))
      start = previous
      dot = previous - 1
    }
    segments.reverse()
    return Chain(segments: segments, hasOpaqueRoot: opaque, start: start)
  }

  /// Whether `chain` (with Python's root alias resolved to `resolvedRoot`) matches `pattern`.
  func matches(_ pattern: CallPattern, _ chain: Chain, resolvedRoot: [[UInt8]]?) -> Bool {
    // The chain's names after alias resolution and without SDK infixes, as (bytes or token, applied).
    var names: [(name: UnsafeBufferPointer<UInt8>?, owned: [UInt8]?, applied: Bool)] = []
    let skip = ruleSet.skipSegmentNames
    for (position, segment) in chain.segments.enumerated() {
      if position == 0, let resolvedRoot {
        for part in resolvedRoot { names.append((nil, part, false)) }
        names[names.count - 1].applied = segment.isApplied
        continue
      }
      if position < chain.segments.count - 1, !skip.isEmpty,
        skip.lookup(code.source, token: code.tokens[segment.token]) != nil
      {
        continue
      }
      names.append((code.text(segment.token), nil, segment.isApplied))
    }
    let wanted = pattern.segments
    if pattern.anyReceiver {
      guard names.count > wanted.count || (chain.hasOpaqueRoot && names.count == wanted.count) else { return false }
    } else {
      guard !chain.hasOpaqueRoot, names.count == wanted.count else { return false }
    }
    let offset = names.count - wanted.count
    for (position, word) in wanted.enumerated() {
      let name = names[offset + position]
      if position < wanted.count - 1, name.applied { return false }
      let equal: Bool
      if let owned = name.owned {
        equal = owned == word
      } else {
        equal = name.name!.elementsEqual(word)
      }
      if !equal { return false }
    }
    return true
  }

  /// Whether the call opened at `open` has the pattern's leading argument labels (Swift).
  func labelsMatch(_ pattern: CallPattern, open: Int) -> Bool {
    guard !pattern.labels.isEmpty else { return true }
    let close = Int(code.partner[open])
    guard close > open else { return false }
    var argument = open + 1
    for label in pattern.labels {
      guard argument < close else { return false }
      let labelled = code.kind(argument) == .identifier && code.isOperator(argument + 1, UInt8(ascii: ":"))
      if label == [UInt8(ascii: "_")] {
        if labelled { return false }
      } else {
        guard labelled, code.text(argument).elementsEqual(label) else { return false }
      }
      // Move past this argument to the next one.
      while argument < close, !code.isOperator(argument, UInt8(ascii: ",")) {
        argument = code.opensGroup(argument) ? code.skipGroup(argument) : argument + 1
      }
      argument += 1
    }
    return true
  }
}
