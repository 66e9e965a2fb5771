// MARK: - Raw HTTP under a base URL: Swift's URLRequest

/// Swift's half of a rule's `http-paths`: a `URLSession` call (`session.data(for: request)`,
/// `upload(for:from:)`, `dataTask(with:)`, …) whose request's URL ends in one of the paths and whose body
/// names a model, under a base URL llmlint cannot see.
///
/// The request is the call's first argument: `URLRequest(url: U)` written there, or a name bound in the file
/// (`var request = URLRequest(url: U)`, a few levels). The URL `U` *ends in* a path when its last part is known
/// from the code:
/// - a string literal that ends the expression (`"\(baseURL)/v1/chat/completions"`, `base + "/embeddings"`:
///   the literal text after the last interpolation), inside `URL(string: …)` or not; with
///   `URL(string: "chat/completions", relativeTo: base)` the string is a relative path;
/// - `appendingPathComponent("chat/completions")`, `appending(path: "embeddings")`,
///   `appending(component:)`, `appending(components: "v1", "embeddings")`: the components joined with `/`,
///   after what the receiver is known to end in when it is built the same way;
/// - a name bound in the file to one of these (`let endpoint = baseURL.appending(path: "embeddings")`).
/// A URL from anywhere else (a parameter, a helper's result, `URLComponents`) ends in nothing known.
///
/// The body *names a model* when an expression that becomes the body — the value of a `request.httpBody = …`
/// assignment between the request's binding and the call, or `upload`'s `from:` argument — or what a name in
/// it is bound to (a few levels) holds a `model:` argument label (`ChatBody(model: m, messages: …)`), a
/// dictionary literal with a `"model"` key at its top level (`["model": m, …]`), or a JSON string literal with
/// a `"model":` key. A variable that happens to be called `model`, a type named `…Model`, a nested dictionary
/// and a closure are not evidence.
///
/// Every search is bounded (a few levels of names, a token budget), so hostile files stay linear.
extension CallMatcher {
  /// For the Swift raw HTTP call opened at `open`, the index into `needles` (a rule's `http-paths`,
  /// lower-cased) of the path its request's URL ends in, when its body names a model; otherwise `nil`.
  func urlRequestPath(inCallOpenedAt open: Int, needles: [[UInt8]]) -> Int? {
    let arguments = self.arguments(ofCallOpenedAt: open)
    guard let first = arguments.first, !first.isEmpty else { return nil }
    var urls: [Range<Int>] = []
    var bodies: [Range<Int>] = []
    for argument in arguments.dropFirst() where isLabelled(argument, "from") {
      bodies.append(labelledValue(argument))
    }
    var walk = Walk()
    collectRequest(labelledValue(first), depth: 0, before: open, urls: &urls, bodies: &bodies, &walk)
    guard !urls.isEmpty, !bodies.isEmpty else { return nil }
    var found: Int? = nil
    search: for url in urls.prefix(8) {
      for tail in urlTails(url, depth: 0, &walk) {
        guard !tail.contains(where: { $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }) else { continue }
        if let needle = tail.withUnsafeBufferPointer({ Self.suffixNeedle(needles, of: $0) }) {
          found = needle
          break search
        }
      }
    }
    guard let found, bodiesNameModel(bodies) else { return nil }
    return found
  }

  /// What one call's search may still do: the expressions it may look at and the tokens it may scan for
  /// assignments, so the work per call is bounded whatever the file holds (a call costs a constant, a file
  /// stays linear).
  struct Walk {
    var steps = 48
    var tokens = 1 << 15

    /// Takes one step; `false` once there are none left.
    mutating func step() -> Bool {
      guard steps > 0 else { return false }
      steps -= 1
      return true
    }

    /// The end of the part of `range` that may be scanned (its start when the budget is spent), taking it.
    mutating func scan(_ range: Range<Int>) -> Int {
      let count = max(0, min(range.count, tokens))
      tokens -= count
      return range.lowerBound + count
    }
  }

  // MARK: Requests

  /// Follows the request expression `range` to the URLs it is made from (`URLRequest(url: U)`, or a URL given
  /// as it is, `dataTask(with: url)`) and, for a name bound to one, the `name.httpBody = …` values assigned
  /// after its binding and before code token `before`.
  private func collectRequest(
    _ range: Range<Int>, depth: Int, before: Int, urls: inout [Range<Int>], bodies: inout [Range<Int>],
    _ walk: inout Walk
  ) {
    let range = trimmed(range)
    guard !range.isEmpty, depth < 4, urls.count < 8, walk.step() else { return }
    if let name = boundName(range) {
      for bound in expressions(name, in: range, &walk).prefix(4) {
        collectRequest(bound, depth: depth + 1, before: before, urls: &urls, bodies: &bodies, &walk)
        bodies += bodyAssignments(to: name, from: bound.upperBound, to: before, &walk)
      }
      return
    }
    if let (callee, open) = wholeCall(range), code.isIdentifier(callee, "URLRequest") {
      for argument in arguments(ofCallOpenedAt: open) where isLabelled(argument, "url") {
        urls.append(labelledValue(argument))
      }
      return
    }
    urls.append(range)
  }

  /// What the name `range` is (see `boundName`) is bound to as seen from there: its `let`/`var` bindings, or,
  /// when it has none and no parameter shadows it, the values of `self.name = …` assignments in the file (a
  /// stored property set in an initializer).
  private func expressions(_ name: [UInt8], in range: Range<Int>, _ walk: inout Walk) -> [Range<Int>] {
    let bound = bindings.expressions(name, at: range.lowerBound)
    guard bound.isEmpty, range.count == 3 || !bindings.isParameter(name, at: range.lowerBound) else { return bound }
    var result: [Range<Int>] = []
    var index = 0
    let limit = walk.scan(0..<code.count)
    while index + 3 < limit, result.count < 4 {
      defer { index += 1 }
      guard code.isIdentifier(index, "self"), !code.isOperator(index - 1, UInt8(ascii: ".")),
        code.isOperator(index + 1, UInt8(ascii: ".")), code.isIdentifier(index + 2),
        code.isOperator(index + 3, UInt8(ascii: "=")), code.text(index + 2).elementsEqual(name)
      else { continue }
      result.append((index + 4)..<Bindings.swiftExpressionEnd(code, from: index + 4))
    }
    return result
  }

  /// The values of `name.httpBody = …` statements in code tokens `start..<end` (a bounded number of tokens).
  private func bodyAssignments(to name: [UInt8], from start: Int, to end: Int, _ walk: inout Walk) -> [Range<Int>] {
    var result: [Range<Int>] = []
    var index = max(start, 0)
    // A binding after the call (a module-level `let` below the function) has no assignment before it.
    guard index < min(end, code.count) else { return [] }
    let limit = walk.scan(index..<min(end, code.count))
    while index + 3 < limit, result.count < 4 {
      defer { index += 1 }
      guard code.isIdentifier(index), !code.isOperator(index - 1, UInt8(ascii: ".")),
        code.isOperator(index + 1, UInt8(ascii: ".")), code.isIdentifier(index + 2, "httpBody"),
        code.isOperator(index + 3, UInt8(ascii: "=")), code.text(index).elementsEqual(name)
      else { continue }
      let value = index + 4
      result.append(value..<Bindings.swiftExpressionEnd(code, from: value))
    }
    return result
  }

  // MARK: URLs

  /// What the URL expression `range` is known to end with (its last path parts, as written), one text per way
  /// it may be built; empty when its end is not known from the code.
  private func urlTails(_ range: Range<Int>, depth: Int, _ walk: inout Walk) -> [[UInt8]] {
    let range = trimmed(range)
    guard !range.isEmpty, depth < 6, walk.step() else { return [] }
    let last = range.upperBound - 1
    switch code.kind(last) {
    case .string?: return [literalContents(last)]
    case .stringEnd?:
      // The literal text after the last interpolation; none when the string ends in one (`"\(base)\(path)"`).
      return code.kind(last - 1) == .stringMiddle ? [Array(code.text(last - 1))] : []
    default: break
    }
    if let name = boundName(range) {
      var result: [[UInt8]] = []
      for bound in expressions(name, in: range, &walk).prefix(4) {
        result += urlTails(bound, depth: depth + 1, &walk)
      }
      return Array(result.prefix(8))
    }
    guard let (callee, open) = wholeCall(range) else { return [] }
    let arguments = self.arguments(ofCallOpenedAt: open)
    if code.isIdentifier(callee, "URL") || code.isIdentifier(callee, "URLRequest") {
      let label: StaticString = code.isIdentifier(callee, "URL") ? "string" : "url"
      guard let argument = arguments.first(where: { isLabelled($0, label) }) else { return [] }
      let relative = arguments.contains { isLabelled($0, "relativeTo") }
      return urlTails(labelledValue(argument), depth: depth + 1, &walk).map { tail in
        relative && tail.first != UInt8(ascii: "/") ? [UInt8(ascii: "/")] + tail : tail
      }
    }
    // `base.appendingPathComponent("x")`, `base.appending(path: "x")`, `base.appending(components: "a", "b")`.
    // A receiver is needed: an implicit member (`.appendingPathComponent(…)`) has none to build on.
    guard callee - 1 > range.lowerBound, code.isOperator(callee - 1, UInt8(ascii: ".")), let first = arguments.first,
      !first.isEmpty
    else { return [] }
    var components: [Range<Int>]
    if code.isIdentifier(callee, "appendingPathComponent") {
      guard !isLabelled(first, nil) else { return [] }
      components = [first]
    } else if code.isIdentifier(callee, "appending") {
      if isLabelled(first, "path") || isLabelled(first, "component") {
        components = [labelledValue(first)]
      } else if isLabelled(first, "components") {
        components = [labelledValue(first)] + arguments.dropFirst().filter { !isLabelled($0, nil) }
      } else {
        return []
      }
    } else {
      return []
    }
    // The components' texts, from the last one back while each is known.
    var joined: [UInt8] = []
    var complete = true
    for component in components.reversed() {
      guard let text = urlTails(component, depth: depth + 1, &walk).first else {
        complete = false
        break
      }
      var part = text[...]
      while part.first == UInt8(ascii: "/") { part = part.dropFirst() }
      joined = [UInt8(ascii: "/")] + part + joined
    }
    guard !joined.isEmpty else { return [] }
    let receivers = complete ? urlTails(range.lowerBound..<(callee - 1), depth: depth + 1, &walk) : []
    if receivers.isEmpty { return [joined] }
    return receivers.prefix(4).map { receiver in
      var base = receiver[...]
      while base.last == UInt8(ascii: "/") { base = base.dropLast() }
      return Array(base) + joined
    }
  }

  /// The text of the string literal token `index` without its delimiters (`"…"`, `#"…"#`, `"""…"""`).
  private func literalContents(_ index: Int) -> [UInt8] {
    var text = code.text(index)[...]
    while let byte = text.first, byte == UInt8(ascii: "#") || byte == UInt8(ascii: "\"") { text = text.dropFirst() }
    while let byte = text.last, byte == UInt8(ascii: "#") || byte == UInt8(ascii: "\"") { text = text.dropLast() }
    return Array(text)
  }

  // MARK: Bodies

  /// Whether one of the body expressions `ranges`, or what a name in one is bound to (a few levels), names a
  /// model (see the type's comment).
  private func bodiesNameModel(_ ranges: [Range<Int>]) -> Bool {
    var pending = ranges.map { ($0, 0) }
    var seen: Set<[UInt8]> = []
    var budget = 4096
    while let (range, depth) = pending.popLast() {
      var index = range.lowerBound
      while index < range.upperBound, budget > 0 {
        budget -= 1
        if code.isOperator(index, UInt8(ascii: "[")), code.partner[index] > index {
          if dictionaryHasModelKey(opensAt: index) { return true }
          index = code.skipGroup(index)
          continue
        }
        if code.isOperator(index, UInt8(ascii: "{")) {
          // A closure's body is not the body's shape.
          index = code.skipGroup(index)
          continue
        }
        switch code.kind(index) {
        case .string?, .stringMiddle?:
          if Self.jsonNamesModel(code.text(index)) { return true }
        case .identifier?:
          if code.isIdentifier(index, "model"), code.isOperator(index + 1, UInt8(ascii: ":")),
            code.isOperator(index - 1, UInt8(ascii: "(")) || code.isOperator(index - 1, UInt8(ascii: ","))
          {
            return true
          }
          if depth < 3, !code.isOperator(index - 1, UInt8(ascii: ".")), !code.isOperator(index + 1, UInt8(ascii: ".")),
            !code.isOperator(index + 1, UInt8(ascii: "(")), !code.isOperator(index + 1, UInt8(ascii: ":"))
          {
            let name = Array(code.text(index))
            if seen.insert(name).inserted, seen.count < 32 {
              for bound in bindings.expressions(name, at: index).prefix(4) { pending.append((bound, depth + 1)) }
            }
          }
        default: break
        }
        index += 1
      }
    }
    return false
  }

  /// Whether the text of a string token holds a JSON key `"model"` (`{"model": …}`, or `{\"model\": …}` in
  /// an escaped literal): `model` between quotes, then blanks and a `:`.
  static func jsonNamesModel(_ text: UnsafeBufferPointer<UInt8>) -> Bool {
    let word = Array("model".utf8)
    guard text.count > word.count + 2 else { return false }
    var start = 1
    while start + word.count < text.count {
      defer { start += 1 }
      guard text[start - 1] == UInt8(ascii: "\""), (0..<word.count).allSatisfy({ text[start + $0] == word[$0] })
      else { continue }
      var position = start + word.count
      if position < text.count, text[position] == UInt8(ascii: "\\") { position += 1 }
      guard position < text.count, text[position] == UInt8(ascii: "\"") else { continue }
      position += 1
      while position < text.count, text[position] == 0x20 || text[position] == 0x09 { position += 1 }
      if position < text.count, text[position] == UInt8(ascii: ":") { return true }
    }
    return false
  }

  // MARK: Arguments and names

  /// The argument ranges of the call opened at `open` (split at its top-level commas), at most 8.
  private func arguments(ofCallOpenedAt open: Int) -> [Range<Int>] {
    let close = Int(code.partner[open])
    guard close > open else { return [] }
    var result: [Range<Int>] = []
    var start = open + 1
    var index = open + 1
    while index <= close, result.count < 8 {
      if index == close || code.isOperator(index, UInt8(ascii: ",")) {
        if index > start { result.append(start..<index) }
        start = index + 1
      }
      index = code.opensGroup(index) ? code.skipGroup(index) : index + 1
    }
    return result
  }

  /// Whether `argument` starts with the label `label` (any label, when `nil`).
  private func isLabelled(_ argument: Range<Int>, _ label: StaticString?) -> Bool {
    let start = argument.lowerBound
    guard argument.count > 2, code.isIdentifier(start), code.isOperator(start + 1, UInt8(ascii: ":")) else {
      return false
    }
    guard let label else { return true }
    return code.isIdentifier(start, label)
  }

  /// `argument` without its label.
  private func labelledValue(_ argument: Range<Int>) -> Range<Int> {
    isLabelled(argument, nil) ? (argument.lowerBound + 2)..<argument.upperBound : argument
  }

  /// `range` without a leading `try`, `try?`, `try!` or `await`, and a trailing `!` or `?`.
  private func trimmed(_ range: Range<Int>) -> Range<Int> {
    var start = range.lowerBound
    var end = range.upperBound
    while start < end, code.isIdentifier(start, "try") || code.isIdentifier(start, "await") {
      start += 1
      if start < end, code.isOperator(start, UInt8(ascii: "?")) || code.isOperator(start, UInt8(ascii: "!")) {
        start += 1
      }
    }
    while end > start, code.isOperator(end - 1, UInt8(ascii: "!")) || code.isOperator(end - 1, UInt8(ascii: "?")) {
      end -= 1
    }
    return start..<end
  }

  /// The name `range` is, when it is one (`request`, or `self.request` with `self.` dropped).
  private func boundName(_ range: Range<Int>) -> [UInt8]? {
    let start = range.lowerBound
    if range.count == 1, code.isIdentifier(start), !code.isOperator(start - 1, UInt8(ascii: ".")) {
      return Array(code.text(start))
    }
    if range.count == 3, code.isIdentifier(start, "self"), code.isOperator(start + 1, UInt8(ascii: ".")),
      code.isIdentifier(start + 2)
    {
      return Array(code.text(start + 2))
    }
    return nil
  }
}
