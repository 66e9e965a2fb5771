/// The simple name bindings of one file: which names (and `self.name` attributes) are assigned which
/// expressions, so a receiver, a callee or a URL argument can be followed back to what it was made from.
///
/// Python: `name = expr`, `name: T = expr`, `self.name = expr`, `cls.name = expr` at the start of a
/// statement, and `with expr as name` items. Swift: `let name = expr`, `var name: T = expr` (the
/// expression runs to the end of its line, continuation lines that start with `.` included), and type
/// annotations `name: Type` after `(`, `,`, `let` or `var` (parameters and properties), with `self.` dropped
/// (`M.Type` is `Type`; `any P`, `some P` are `P`). Python annotations (`client: OpenAI` as a parameter or in
/// an annotated statement) are kept as token ranges, for the matcher to read as positive evidence only.
///
/// Scopes are functions: a name is looked up in the innermost function around the use, then outwards to
/// the module, stopping at a function that has a parameter of that name. `self.name` is looked up in
/// the whole file. A name bound several times in one scope keeps every binding. Nothing here allocates
/// per token; one key is built per binding found.
struct Bindings {
  /// Hash of name (or `self.name`) -> the names with that hash and, for each, its slot in `bounds`;
  /// looked up straight from token bytes without allocating.
  private var values: [UInt64: [(key: [UInt8], slot: Int)]] = [:]
  /// Per slot: the code-token ranges of the expressions assigned to the name with the function they are
  /// assigned in (-1: module), in the order they were read.
  private var bounds: [[Bound]] = []
  /// For a name bound more than `groupedFrom` times, worked out once after reading (its slot in `bounds`
  /// is then emptied): its ranges by function, or all of them for a `self.`/`cls.` attribute (looked up
  /// file-wide). A use of it is answered with one stored array as it is, so a name bound n times and used
  /// n times costs n, not n²; a name bound a few times is filtered at each use.
  private var grouped: [Int: Group] = [:]
  private enum Group {
    case byScope([Int32: [Range<Int>]])
    case all([Range<Int>])
  }
  static let groupedFrom = 8

  /// One binding: its expression's code-token range and the function it is in (-1: module), 12 bytes (a
  /// file of short assignments has a binding every few bytes).
  private struct Bound {
    var start: Int32
    var end: Int32
    var scope: Int32
    var range: Range<Int> { Int(start)..<Int(end) }
  }
  private var functions = FunctionIndex()
  private var code: CodeTokens? = nil
  /// Swift: name -> the type names it is annotated with (the last name of a module-qualified type).
  private(set) var types: [[UInt8]: [[UInt8]]] = [:]
  /// Python: name (or `self.name`) -> the code-token ranges of its annotations, anywhere in the file
  /// (parameters `client: OpenAI`, statements `self.llm: ChatOpenAI = …`).
  private(set) var annotations: [[UInt8]: [Range<Int>]] = [:]

  var isEmpty: Bool { values.isEmpty && types.isEmpty && annotations.isEmpty }

  /// The Swift type names `key` is annotated with anywhere in the file.
  func types(_ key: [UInt8]) -> [[UInt8]] { types[key] ?? [] }

  /// The Python annotations of `key` anywhere in the file, as code-token ranges.
  func annotations(_ key: [UInt8]) -> [Range<Int>] { annotations[key] ?? [] }

  init() {}

  init(_ code: CodeTokens, functions: FunctionIndex) {
    self.functions = functions
    self.code = code
    switch code.reader {
    case .python: readPython(code)
    case .swift: readSwift(code)
    case .plain: break
    }
    for bucket in values.values {
      for (key, slot) in bucket where bounds[slot].count > Self.groupedFrom {
        if Self.isAttribute(key) {
          grouped[slot] = .all(bounds[slot].map(\.range))
        } else {
          // Counted first, so each function's array is allocated once at its size.
          var counts: [Int32: Int] = [:]
          for bound in bounds[slot] { counts[bound.scope, default: 0] += 1 }
          var byScope = counts.mapValues { count -> [Range<Int>] in
            var ranges: [Range<Int>] = []
            ranges.reserveCapacity(count)
            return ranges
          }
          for bound in bounds[slot] { byScope[bound.scope]!.append(bound.range) }
          grouped[slot] = .byScope(byScope)
        }
        // One copy of a big name's bindings at a time (a file of short assignments has one every few bytes).
        bounds[slot] = []
      }
    }
  }

  /// Whether a key is a `self.` or `cls.` attribute, looked up in the whole file.
  private static func isAttribute(_ key: some Collection<UInt8>) -> Bool {
    key.starts(with: "self.".utf8) || key.starts(with: "cls.".utf8)
  }

  /// The expressions bound to `key` as seen from code token `use`.
  func expressions(_ key: [UInt8], at use: Int) -> [Range<Int>] {
    key.withUnsafeBufferPointer { expressions($0, at: use) }
  }

  /// The expressions bound to the name whose bytes are `key`, as seen from code token `use`: those of the
  /// innermost enclosing scope that binds it, unless a function on the way takes it as a parameter.
  func expressions(_ key: UnsafeBufferPointer<UInt8>, at use: Int) -> [Range<Int>] {
    guard let bucket = values[Self.hash(key)], let code else { return [] }
    for entry in bucket where entry.key.elementsEqual(key) {
      let list = bounds[entry.slot]
      // An emptied slot is a grouped one (a binding has one range at least).
      let group = list.isEmpty ? grouped[entry.slot] : nil
      if Self.isAttribute(key) {
        if case .all(let all) = group { return all }
        return list.map(\.range)
      }
      var scope = functions.innermost(containing: use)
      while true {
        if case .byScope(let byScope) = group {
          if let found = byScope[Int32(scope)] { return found }
        } else {
          let found = list.filter { $0.scope == Int32(scope) }.map(\.range)
          if !found.isEmpty { return found }
        }
        if scope < 0 || functions.hasParameter(scope, key, in: code) { return [] }
        scope = functions.functions[scope].parent
      }
    }
    return []
  }

  /// Whether a function around code token `use` (the innermost, then outwards) takes a parameter named `key`.
  func isParameter(_ key: [UInt8], at use: Int) -> Bool {
    guard let code else { return false }
    var scope = functions.innermost(containing: use)
    while scope >= 0 {
      if key.withUnsafeBufferPointer({ functions.hasParameter(scope, $0, in: code) }) { return true }
      scope = functions.functions[scope].parent
    }
    return false
  }

  @inline(__always) static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
    return hash
  }

  private mutating func bind(_ key: [UInt8], _ range: Range<Int>) {
    guard !range.isEmpty else { return }
    let bound = Bound(
      start: Int32(range.lowerBound), end: Int32(range.upperBound),
      scope: Int32(functions.innermost(containing: range.lowerBound)))
    let hash = key.withUnsafeBufferPointer { Self.hash($0) }
    if let slot = values[hash]?.first(where: { $0.key == key })?.slot {
      bounds[slot].append(bound)
    } else {
      values[hash, default: []].append((key, bounds.count))
      bounds.append([bound])
    }
  }

  // MARK: - Python

  private mutating func readPython(_ code: CodeTokens) {
    readPythonParameterAnnotations(code)
    var index = 0
    while index < code.count {
      defer { index += 1 }
      guard code.tokens[index].kind == .identifier, PythonBlocks.isStatementStart(code, index) else { continue }
      var first = index
      if code.isIdentifier(first, "async") { first += 1 }
      if code.isIdentifier(first, "with") {
        readWithItems(code, from: first + 1)
        continue
      }
      // The target: `name` or `self.name` / `cls.name`.
      var key = Array(code.text(index))
      var next = index + 1
      if code.isIdentifier(index, "self") || code.isIdentifier(index, "cls") {
        guard code.isOperator(next, UInt8(ascii: ".")), code.isIdentifier(next + 1) else { continue }
        key += [UInt8(ascii: ".")] + Array(code.text(next + 1))
        next += 2
      }
      // An annotation runs to the `=` at depth 0.
      if code.isOperator(next, UInt8(ascii: ":")) {
        next += 1
        let annotationStart = next
        while next < code.count, !code.isOperator(next, UInt8(ascii: "=")) {
          let kind = code.tokens[next].kind
          if kind == .newline || kind == .endOfFile { break }
          next = code.opensGroup(next) ? code.skipGroup(next) : next + 1
        }
        if next > annotationStart { annotations[key, default: []].append(annotationStart..<next) }
      }
      guard code.isOperator(next, UInt8(ascii: "=")) else { continue }
      var start = next + 1
      if code.isIdentifier(start, "await") { start += 1 }
      bind(key, start..<statementEnd(code, from: start))
    }
  }

  /// `def f(self, client: OpenAI, llm: Optional[ChatOpenAI] = None)`: each annotated parameter's annotation.
  private mutating func readPythonParameterAnnotations(_ code: CodeTokens) {
    for function in functions.functions {
      let open = function.nameToken + 1
      guard code.isOperator(open, UInt8(ascii: "(")), code.partner[open] > open else { continue }
      let close = Int(code.partner[open])
      var index = open + 1
      while index < close {
        let starts = code.isOperator(index - 1, UInt8(ascii: "(")) || code.isOperator(index - 1, UInt8(ascii: ","))
        if starts, code.isIdentifier(index), code.isOperator(index + 1, UInt8(ascii: ":")) {
          var end = index + 2
          while end < close, !code.isOperator(end, UInt8(ascii: ",")), !code.isOperator(end, UInt8(ascii: "=")) {
            end = code.opensGroup(end) ? code.skipGroup(end) : end + 1
          }
          if end > index + 2 { annotations[Array(code.text(index)), default: []].append((index + 2)..<end) }
          index = end
          continue
        }
        index = code.opensGroup(index) ? code.skipGroup(index) : index + 1
      }
    }
  }

  /// The index of the NEWLINE, `;` or end of input that ends the statement containing `start`.
  private func statementEnd(_ code: CodeTokens, from start: Int) -> Int {
    var index = start
    while index < code.count {
      let kind = code.tokens[index].kind
      if kind == .newline || kind == .endOfFile || code.isOperator(index, UInt8(ascii: ";")) { return index }
      if code.isOperator(index, UInt8(ascii: "=")) { return index }  // `a = b = c`: keep the first only
      index = code.opensGroup(index) ? code.skipGroup(index) : index + 1
    }
    return code.count
  }

  /// `with a as x, b as y:` and `with (a as x, b):` bind `x` to `a` and `y` to `b`.
  private mutating func readWithItems(_ code: CodeTokens, from start: Int) {
    guard let colon = PythonBlocks.headerColon(code, from: start) else { return }
    var lower = start
    var upper = colon
    if code.isOperator(start, UInt8(ascii: "(")), Int(code.partner[start]) == colon - 1 {
      lower = start + 1
      upper = colon - 1
    }
    var itemStart = lower
    var index = lower
    while index <= upper {
      if index == upper || code.isOperator(index, UInt8(ascii: ",")) {
        // `expr as name`
        if index - itemStart >= 3, code.isIdentifier(index - 2, "as"), code.isIdentifier(index - 1) {
          var exprStart = itemStart
          if code.isIdentifier(exprStart, "await") { exprStart += 1 }
          bind(Array(code.text(index - 1)), exprStart..<(index - 2))
        }
        itemStart = index + 1
        index += 1
        continue
      }
      index = code.opensGroup(index) ? code.skipGroup(index) : index + 1
    }
  }

  // MARK: - Swift

  private mutating func readSwift(_ code: CodeTokens) {
    for index in 0..<code.count where code.tokens[index].kind == .identifier {
      let declares = code.isIdentifier(index - 1, "let") || code.isIdentifier(index - 1, "var")
      // A parameter is `name: T` or `label name: T` (`_ service: Service`) after `(` or `,`.
      func startsParameter(_ at: Int) -> Bool {
        code.isOperator(at, UInt8(ascii: "(")) || code.isOperator(at, UInt8(ascii: ","))
      }
      let annotated =
        declares || startsParameter(index - 1) || (code.isIdentifier(index - 1) && startsParameter(index - 2))
      var next = index + 1
      if annotated, code.isOperator(next, UInt8(ascii: ":")) {
        next += 1
        // `any P`, `some P`: the type is P. `FoundationModels.LanguageModelSession`: the type's own name.
        var type = next
        if code.isIdentifier(type, "any") || code.isIdentifier(type, "some") { type += 1 }
        while code.isIdentifier(type), code.isOperator(type + 1, UInt8(ascii: ".")), code.isIdentifier(type + 2),
          !code.lineBreakBefore(type + 1)
        {
          type += 2
        }
        if code.isIdentifier(type), let first = code.text(type).first, first >= UInt8(ascii: "A"),
          first <= UInt8(ascii: "Z")
        {
          types[Array(code.text(index)), default: []].append(Array(code.text(type)))
        }
        guard declares else { continue }
        // Skip the rest of the type to `=`, on this line.
        while next < code.count, !code.isOperator(next, UInt8(ascii: "=")), !code.lineBreakBefore(next) {
          next = code.opensGroup(next) ? code.skipGroup(next) : next + 1
        }
      }
      guard declares, code.isOperator(next, UInt8(ascii: "=")) else { continue }
      var start = next + 1
      while code.isIdentifier(start, "try") || code.isIdentifier(start, "await") {
        start += 1
        if code.isOperator(start, UInt8(ascii: "?")) || code.isOperator(start, UInt8(ascii: "!")) { start += 1 }
      }
      bind(Array(code.text(index)), start..<Self.swiftExpressionEnd(code, from: start))
    }
  }

  /// One past the last token of the Swift expression at `start` (a binding's value, or an assignment's:
  /// `request.httpBody = …`): it ends before the first token at depth 0 on a later line that does not
  /// continue it with `.`, or before `;`, an unpaired closer or end of input.
  static func swiftExpressionEnd(_ code: CodeTokens, from start: Int) -> Int {
    var index = start
    while index < code.count {
      let token = code.tokens[index]
      if token.kind == .endOfFile || code.isOperator(index, UInt8(ascii: ";")) { return index }
      if index > start, code.lineBreakBefore(index), !code.isOperator(index, UInt8(ascii: ".")) { return index }
      if token.kind == .operator, token.length == 1, !code.opensGroup(index) {
        let byte = code.source[Int(token.start)]
        if byte == UInt8(ascii: ")") || byte == UInt8(ascii: "]") || byte == UInt8(ascii: "}") { return index }
      }
      index = code.opensGroup(index) ? code.skipGroup(index) : index + 1
    }
    return code.count
  }
}
