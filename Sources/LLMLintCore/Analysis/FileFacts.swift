import Foundation

/// What one file contributes to the project's call graph: its types (with their bases), its functions, and
/// every call site or reference of a name that may be one of the project's functions, each with what its
/// receiver resolves to (its own type through `self`, an import, a binding to a constructor or an
/// annotation, or nothing known), whether it is inside a tracked context, and whether it escapes (a function
/// stored or returned, so it may run anywhere). Also the line of a LiteLLM callback registration.
///
/// Small and self-contained, so it can be cached by git blob id (`FactCache`): names are interned per file,
/// everything else is integers. Extraction never fails; any bytes give some facts. `CallGraph` decides from
/// the facts of many files which functions run only inside tracked contexts.
public struct FileFacts: Sendable, Equatable {
  /// Callee, function, type and module names, each once.
  var names: [String] = []

  /// A type definition: Python `class`, Swift `class`/`struct`/`enum`/`actor`/`protocol`/`extension`.
  struct TypeDefinition: Sendable, Equatable {
    var name: Int32
    /// The names of the types it derives from or conforms to (last segments).
    var bases: [Int32]
  }

  struct Function: Sendable, Equatable {
    var name: Int32
    /// Index into `names` of the type holding the method directly, or -1.
    var type: Int32
    /// Index into `functions` of the enclosing function, or -1.
    var parent: Int32
    var bodyStart: Int32
    var bodyEnd: Int32
    var line: Int32
  }

  /// How a call site names its callee, which decides the functions it may reach and those it reaches with
  /// evidence (see `CallGraph`).
  enum CallKind: Int8, Sendable, CaseIterable {
    /// `name(…)`, a name not imported.
    case bare = 0
    /// `self.name(…)`, `cls.name(…)`.
    case onSelf = 1
    /// `x.name(…)` with nothing known of `x`.
    case other = 2
    /// `name` handed to a call as an argument (`run_in_executor(None, _call)`).
    case reference = 3
    /// `self.name` handed to a call as an argument.
    case selfReference = 4
    /// `name(…)` where `name` is imported (`from M import name`, or `as` an alias): `name` is the imported
    /// name, `qualifier` the module as written (relative ones keep their dots).
    case imported = 5
    /// `m.name(…)` where `m` is an imported module: `qualifier` is the module's dotted path.
    case module = 6
    /// `T(…).name(…)`, or `x.name(…)` where `x` is bound to `T(…)`: `qualifier` is `T`.
    case constructed = 7
    /// `x.name(…)` where `x` is annotated `T`, or `T.name(…)`: `qualifier` is `T`.
    case annotated = 8
    /// `name` used as a value elsewhere (stored, returned): it may run anywhere.
    case escaping = 9
    /// `self.name` used as a value elsewhere.
    case selfEscaping = 10
  }

  struct Call: Sendable, Equatable {
    var name: Int32
    var kind: CallKind
    /// Index into `names` of the module or type the kind names, or -1.
    var qualifier: Int32
    /// Index into `functions` of the innermost enclosing function, or -1.
    var enclosing: Int32
    var line: Int32
    /// Inside a tracked context of this file (a `with track_llm_call(…)` body, a tracked closure, …).
    var tracked: Bool
  }

  var types: [TypeDefinition] = []
  var functions: [Function] = []
  var calls: [Call] = []
  /// 1-based line of the first LiteLLM callback registration, or 0.
  var liteLLMCallbackLine: Int32 = 0

  /// One LiteLLM callback registration (`litellm.callbacks = […]`, `litellm.success_callback.append(…)`)
  /// and what it registers, as far as the file shows: the classes of the instances (a constructor call
  /// `UsageLogger()`, or a name bound to one; last segment, import aliases resolved) and the string
  /// integrations (`"langfuse"`). A pass-through (`litellm.callbacks = cbs`) registers neither.
  struct CallbackRegistration: Sendable, Equatable {
    var line: Int32
    /// Indices into `names` of the instances' classes.
    var classes: [Int32] = []
    /// Indices into `names` of the string integrations, as written.
    var integrations: [Int32] = []
  }

  /// Every LiteLLM callback registration of the file, in source order.
  var liteLLMRegistrations: [CallbackRegistration] = []
  /// Indices into `functions` of the innermost functions around this file's untracked rule matches: the
  /// only functions (with their callers, transitively) whose verdict matters.
  var matchedFunctions: [Int32] = []

  public init() {}

  // MARK: - Extraction

  private static func table(_ names: [String]) -> NameTable<Bool> {
    var table = NameTable<Bool>()
    for name in names { table.insert(Array(name.utf8), true) }
    return table
  }

  /// Python builtins: a bare call of one is never a call of the project's helper (not recorded).
  static let pythonBuiltins = table([
    "print", "len", "isinstance", "issubclass", "str", "int", "float", "bool", "bytes", "bytearray", "dict", "list",
    "set", "frozenset", "tuple", "range", "enumerate", "zip", "getattr", "setattr", "hasattr", "delattr", "super",
    "type", "open", "repr", "sorted", "reversed", "min", "max", "sum", "any", "all", "iter", "next", "format", "id",
    "hash", "callable", "vars", "dir", "filter", "abs", "round", "object", "divmod", "pow", "chr", "ord", "hex",
    "oct", "bin", "slice", "property", "staticmethod", "classmethod", "globals", "locals", "memoryview", "complex",
    "ValueError", "TypeError", "KeyError", "RuntimeError", "Exception", "NotImplementedError", "AttributeError",
    "IndexError", "OSError", "StopIteration", "AssertionError", "ImportError",
  ])

  /// Python statements after whose keyword a name is not a use of a function as a value.
  static let nonValueKeywords = table(["def", "class", "import", "from", "as", "global", "nonlocal", "del", "func"])

  /// LiteLLM attributes that register callbacks recording usage.
  static let callbackAttributes: [StaticString] = ["callbacks", "success_callback", "_async_success_callback"]

  /// The facts of one file, with tracked contexts as `ruleSet` names them (tokenizes; `Linter.analyze`
  /// gets the same facts from the tokens it already has).
  /// The facts' lines (functions, call sites, LiteLLM registrations), read in the analysed text, placed on
  /// the file's lines (a notebook's: the `.ipynb` line, as SARIF shows a finding).
  mutating func placeLines(_ map: SourceMap, _ source: UnsafeBufferPointer<UInt8>) {
    let lines = LineIndex(source)
    func place(_ line: Int32) -> Int32 { line > 0 ? Int32(map.fileLine(Int(line), in: source, lines)) : line }
    for index in functions.indices { functions[index].line = place(functions[index].line) }
    for index in calls.indices { calls[index].line = place(calls[index].line) }
    for index in liteLLMRegistrations.indices { liteLLMRegistrations[index].line = place(liteLLMRegistrations[index].line) }
    liteLLMCallbackLine = place(liteLLMCallbackLine)
  }

  public static func extract(_ bytes: [UInt8], language: Language, path: String, ruleSet: RuleSet) -> FileFacts {
    extract(bytes, language: language, path: path, linter: Linter(ruleSet: ruleSet, usePrefilter: false))
  }

  /// Like `extract(_:language:path:ruleSet:)` with a linter made once for many files (making one compiles
  /// the rule set's tables).
  static func extract(_ bytes: [UInt8], language: Language, path: String, linter: Linter) -> FileFacts {
    linter.analysis(SourceFile(path: path, language: language, bytes: bytes)).facts
  }

  /// The facts of one file from its code tokens, functions, bindings and tracked regions.
  static func extract(
    code: CodeTokens, functions functionIndex: FunctionIndex, bindings: Bindings, regions: TrackedRegions
  ) -> FileFacts {
    var builder = Extraction(code: code, functions: functionIndex, bindings: bindings, regions: regions)
    builder.run()
    return builder.facts
  }

  /// Whether `source` contains the ASCII `needle` (the literal prefilter): `memchr` for the first byte,
  /// then a comparison.
  static func contains(_ source: UnsafeBufferPointer<UInt8>, _ needle: StaticString) -> Bool {
    let count = needle.utf8CodeUnitCount
    guard count > 0, let base = source.baseAddress, source.count >= count else { return false }
    let pointer = needle.utf8Start
    var start = 0
    while start + count <= source.count {
      guard let found = memchr(base + start, Int32(pointer[0]), source.count - count + 1 - start) else { return false }
      let offset = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
      if memcmp(base + offset, pointer, count) == 0 { return true }
      start = offset + 1
    }
    return false
  }

  /// Every name the facts hold (for name indexes and Bloom filters): each once.
  var allNames: [String] { names }
}

/// One extraction of `FileFacts` from a file's structure.
private struct Extraction {
  let code: CodeTokens
  let functionIndex: FunctionIndex
  let bindings: Bindings
  let regions: TrackedRegions
  var facts = FileFacts()

  /// Names interned by the FNV hash of their bytes; a `String` is made once per distinct name.
  private var interned: [UInt64: [Int32]] = [:]
  private var nameBytes: [[UInt8]] = []
  /// Python: local name -> (module as written, imported name or `nil` for a module import).
  private var imports = NameTable<(module: [UInt8], name: [UInt8]?)>()
  /// Code-token ranges of import statements (no name in them is a use).
  private var importStatements: [Range<Int>] = []
  /// Names defined as functions in this file (references to them are recorded).
  private var definedNames = NameTable<Bool>()
  /// Python: per function, its annotated parameters: name -> type.
  private var parameterTypes: [Int: [[UInt8]: [UInt8]]] = [:]

  init(code: CodeTokens, functions: FunctionIndex, bindings: Bindings, regions: TrackedRegions) {
    self.code = code
    self.functionIndex = functions
    self.bindings = bindings
    self.regions = regions
  }

  mutating func intern(_ bytes: some Collection<UInt8>) -> Int32 {
    let array = Array(bytes)
    let hash = array.withUnsafeBufferPointer { Bindings.hash($0) }
    if let ids = interned[hash] {
      for id in ids where nameBytes[Int(id)] == array { return id }
    }
    let id = Int32(facts.names.count)
    facts.names.append(String(decoding: array, as: UTF8.self))
    nameBytes.append(array)
    interned[hash, default: []].append(id)
    return id
  }

  mutating func intern(token index: Int) -> Int32 { intern(code.text(index)) }

  mutating func run() {
    let source = code.source
    let lines = LineIndex(source)
    if code.syntax.importsBindNames { readPythonImports() }
    for type in functionIndex.types {
      facts.types.append(
        FileFacts.TypeDefinition(name: intern(token: type.nameToken), bases: bases(of: type.nameToken)))
    }
    for (position, function) in functionIndex.functions.enumerated() {
      definedNames.insert(Array(code.text(function.nameToken)), true)
      facts.functions.append(
        FileFacts.Function(
          name: intern(token: function.nameToken),
          type: function.typeName >= 0 ? intern(token: function.typeName) : -1,
          parent: Int32(function.parent), bodyStart: Int32(clamping: function.body.lowerBound),
          bodyEnd: Int32(clamping: function.body.upperBound),
          line: Int32(clamping: lines.lineIndex(of: Int(code.tokens[function.nameToken].start)) + 1)))
      parameterTypes[position] = annotatedParameters(function.nameToken)
    }
    readCalls(lines)
    if code.syntax.liteLLMCallbacks, FileFacts.contains(source, "litellm") {
      readLiteLLMRegistrations(lines)
      facts.liteLLMCallbackLine = facts.liteLLMRegistrations.first?.line ?? 0
      // The registration is found by the word `litellm` (name indexes hold every name of the facts).
      if facts.liteLLMCallbackLine > 0 { _ = intern(Array("litellm".utf8)) }
    }
  }

  // MARK: LiteLLM callbacks

  /// Every `litellm.callbacks = …` (and `success_callback`, `_async_success_callback`; `=` or `+=`, or
  /// `.append(…)`, `.extend(…)`, `.insert(i, …)`; through an import alias too), with what each registers.
  mutating func readLiteLLMRegistrations(_ lines: LineIndex) {
    let litellm = Array("litellm".utf8)
    for index in 0..<code.count where code.tokens[index].kind == .identifier {
      guard !code.isOperator(index - 1, UInt8(ascii: ".")), code.isOperator(index + 1, UInt8(ascii: ".")),
        code.isIdentifier(index + 2)
      else { continue }
      let isLiteLLM =
        // `import litellm as ll`, or `from app.llm import litellm` (a provider module's name from anywhere).
        imports.lookup(code.source, token: code.tokens[index]).map {
          $0.name.map { $0 == litellm } ?? ($0.module == litellm)
        }
        ?? code.text(index).elementsEqual(litellm)
      guard isLiteLLM, FileFacts.callbackAttributes.contains(where: { code.isIdentifier(index + 2, $0) }) else {
        continue
      }
      let next = index + 3
      var value: Range<Int>? = nil
      if code.tokens.indices.contains(next), code.tokens[next].kind == .operator,
        code.tokens[next].hasText("=", in: code.source) || code.tokens[next].hasText("+=", in: code.source)
      {
        value = (next + 1)..<statementEnd(next)
      } else if code.isOperator(next, UInt8(ascii: ".")),
        code.isIdentifier(next + 1, "append") || code.isIdentifier(next + 1, "extend")
          || code.isIdentifier(next + 1, "insert"),
        code.isOperator(next + 2, UInt8(ascii: "(")), code.partner[next + 2] > next + 2
      {
        var start = next + 3
        if code.isIdentifier(next + 1, "insert") {
          // `insert(position, item)`: the item is the second argument.
          while start < Int(code.partner[next + 2]), !code.isOperator(start, UInt8(ascii: ",")) {
            start = code.opensGroup(start) ? code.skipGroup(start) : start + 1
          }
          start += 1
        }
        value = start..<Int(code.partner[next + 2])
      }
      guard let value else { continue }
      var registration = FileFacts.CallbackRegistration(
        line: Int32(clamping: lines.lineIndex(of: Int(code.tokens[index].start)) + 1))
      registered(in: value, &registration, depth: 0)
      facts.liteLLMRegistrations.append(registration)
    }
  }

  /// Adds to `registration` what the expression `range` registers: each element of a list, tuple or
  /// `+` of them; a constructor call's class; a name bound (in scope) to a constructor or to such a list;
  /// a plain string literal. Anything else (a parameter, a call of a function, an attribute) adds nothing.
  mutating func registered(in range: Range<Int>, _ registration: inout FileFacts.CallbackRegistration, depth: Int) {
    guard depth < 4 else { return }
    var index = range.lowerBound
    while index < range.upperBound {
      let token = code.tokens[index]
      if code.isOperator(index, UInt8(ascii: "[")) || code.isOperator(index, UInt8(ascii: "(")) {
        // A list or tuple display (a call's `(` follows its callee and is skipped below).
        index += 1
        continue
      }
      if token.kind == .string {
        if let text = plainString(index) { registration.integrations.append(intern(text)) }
        index += 1
        continue
      }
      guard code.isIdentifier(index) else {
        index = code.opensGroup(index) ? code.skipGroup(index) : index + 1
        continue
      }
      // A dotted name, then maybe a call.
      var last = index
      while code.isOperator(last + 1, UInt8(ascii: ".")), code.isIdentifier(last + 2) { last += 2 }
      let after = last + 1
      if code.isOperator(after, UInt8(ascii: "(")), code.partner[after] > after {
        if isTypeName(last) {
          var name = Array(code.text(last))
          if last == index, let imported = imports[name], let original = imported.name { name = original }
          registration.classes.append(intern(name))
        }
        index = Int(code.partner[after]) + 1
        continue
      }
      if last == index {
        let key = Array(code.text(index))
        if let bound = boundType(key, at: index) {
          registration.classes.append(intern(bound.type))
        } else {
          // A name bound to a list of callbacks: what the list holds.
          for expression in bindings.expressions(key, at: index) where expression.upperBound <= index {
            registered(in: expression, &registration, depth: depth + 1)
          }
        }
      }
      index = after
    }
  }

  /// The text of a plain Python string literal (`"langfuse"`, `'helicone'`; no prefix but `u`, no escapes),
  /// or `nil`.
  func plainString(_ index: Int) -> [UInt8]? {
    var text = Array(code.text(index))
    if let first = text.first, first == UInt8(ascii: "u") || first == UInt8(ascii: "U") { text.removeFirst() }
    guard text.count >= 2, let quote = text.first, quote == UInt8(ascii: "\"") || quote == UInt8(ascii: "'"),
      text.last == quote
    else { return nil }
    let body = text.dropFirst().dropLast()
    guard !body.contains(quote), !body.contains(UInt8(ascii: "\\")), !body.isEmpty else { return nil }
    return Array(body)
  }

  // MARK: Types

  /// The base type names of the type whose name is at `nameToken` (last segments of dotted names).
  mutating func bases(of nameToken: Int) -> [Int32] {
    var result: [Int32] = []
    if code.syntax.basesInParentheses {
      let open = nameToken + 1
      guard code.isOperator(open, UInt8(ascii: "(")), code.partner[open] > open else { return [] }
      let close = Int(code.partner[open])
      var index = open + 1
      var itemStart = index
      while index <= close {
        if index == close || code.isOperator(index, UInt8(ascii: ",")) {
          // A dotted name, not a keyword argument (`metaclass=…`).
          if let last = dottedLast(itemStart, index) { result.append(intern(token: last)) }
          itemStart = index + 1
          index += 1
          continue
        }
        index = code.opensGroup(index) ? code.skipGroup(index) : index + 1
      }
    } else {
      var index = nameToken + 1
      if code.syntax.genericParameters, code.isOperator(index, UInt8(ascii: "<")) { index = skipAngles(index) }
      guard code.isOperator(index, UInt8(ascii: ":")) else { return [] }
      index += 1
      var itemStart = index
      var steps = 0
      while index < code.count, steps < 4096 {
        steps += 1
        let end =
          code.isOperator(index, UInt8(ascii: "{")) || code.isIdentifier(index, "where")
          || code.tokens[index].kind == .endOfFile
        if end || code.isOperator(index, UInt8(ascii: ",")) {
          var last = -1
          var position = itemStart
          while position < index, code.isIdentifier(position) {
            last = position
            guard code.isOperator(position + 1, UInt8(ascii: ".")) else { break }
            position += 2
          }
          if last >= 0 { result.append(intern(token: last)) }
          if end { break }
          itemStart = index + 1
          index += 1
          continue
        }
        index = code.isOperator(index, UInt8(ascii: "<")) ? skipAngles(index) : index + 1
      }
    }
    return result
  }

  /// The index after the `>` matching the `<` at `start` (Swift generic arguments), bounded.
  func skipAngles(_ start: Int) -> Int {
    var depth = 0
    var index = start
    while index < code.count, index - start < 512 {
      if code.isOperator(index, UInt8(ascii: "<")) { depth += 1 }
      if code.tokens[index].kind == .operator, code.text(index).last == UInt8(ascii: ">") {
        depth -= code.text(index).count { $0 == UInt8(ascii: ">") }
        if depth <= 0 { return index + 1 }
      }
      index += 1
    }
    return index
  }

  /// The token of the last segment when tokens `start..<end` are exactly a dotted name, else `nil`.
  func dottedLast(_ start: Int, _ end: Int) -> Int? {
    guard start < end, code.isIdentifier(start) else { return nil }
    var index = start
    while true {
      guard code.isIdentifier(index) else { return nil }
      if index + 1 == end { return index }
      guard code.isOperator(index + 1, UInt8(ascii: ".")) else { return nil }
      index += 2
      if index >= end { return nil }
    }
  }

  // MARK: Python imports and annotations

  /// `import a.b [as c]` and `from M import x [as y]` (relative modules keep their dots).
  mutating func readPythonImports() {
    for index in 0..<code.count where code.tokens[index].kind == .identifier {
      guard PythonBlocks.isStatementStart(code, index) || code.isOperator(index - 1, UInt8(ascii: ":")) else {
        continue
      }
      if code.isIdentifier(index, "import") {
        let end = statementEnd(index)
        importStatements.append(index..<end)
        var position = index + 1
        while position < end {
          let (segments, after) = dotted(position)
          guard !segments.isEmpty else { break }
          position = after
          if code.isIdentifier(position, "as"), code.isIdentifier(position + 1) {
            imports.insert(Array(code.text(position + 1)), (Array(segments.joined(separator: [UInt8(ascii: ".")])), nil))
            position += 2
          } else {
            imports.insert(segments[0], (segments[0], nil))
          }
          guard code.isOperator(position, UInt8(ascii: ",")) else { break }
          position += 1
        }
      } else if code.isIdentifier(index, "from") {
        let end = statementEnd(index)
        importStatements.append(index..<end)
        var position = index + 1
        var module: [UInt8] = []
        while code.isOperator(position, UInt8(ascii: ".")) || code.tokens[position].kind == .operator
          && code.text(position).allSatisfy({ $0 == UInt8(ascii: ".") })
        {
          module += code.text(position)
          position += 1
        }
        let (segments, after) = dotted(position)
        module += Array(segments.joined(separator: [UInt8(ascii: ".")]))
        position = after
        guard !module.isEmpty, code.isIdentifier(position, "import") else { continue }
        position += 1
        if code.isOperator(position, UInt8(ascii: "(")) { position += 1 }
        while position < end, code.isIdentifier(position) {
          let name = Array(code.text(position))
          position += 1
          if code.isIdentifier(position, "as"), code.isIdentifier(position + 1) {
            imports.insert(Array(code.text(position + 1)), (module, name))
            position += 2
          } else {
            imports.insert(name, (module, name))
          }
          guard code.isOperator(position, UInt8(ascii: ",")) else { break }
          position += 1
        }
      }
    }
  }

  func dotted(_ start: Int) -> ([[UInt8]], Int) {
    var segments: [[UInt8]] = []
    var index = start
    while code.isIdentifier(index) {
      segments.append(Array(code.text(index)))
      index += 1
      guard code.isOperator(index, UInt8(ascii: ".")), code.isIdentifier(index + 1) else { break }
      index += 1
    }
    return (segments, index)
  }

  /// The index of the NEWLINE or end of input that ends the statement at `start`.
  func statementEnd(_ start: Int) -> Int {
    var index = start
    while index < code.count {
      let kind = code.tokens[index].kind
      if kind == .newline || kind == .endOfFile || code.isOperator(index, UInt8(ascii: ";")) { return index }
      index = code.opensGroup(index) ? code.skipGroup(index) : index + 1
    }
    return code.count
  }

  /// The parameters of the function named at `nameToken` annotated with a plain (dotted) type: name -> `T`.
  /// Python: `name: T`, `name: Optional[T]`; Swift: `name: T`, `label name: T`, with `inout`, `any`,
  /// `some` and attributes (`@escaping`) before the type and `?` or `!` after it.
  func annotatedParameters(_ nameToken: Int) -> [[UInt8]: [UInt8]] {
    var open = nameToken + 1
    if code.syntax.genericParameters, code.isOperator(open, UInt8(ascii: "<")) {
      // Generic parameters: `<T: P, U>` up to the matching `>`.
      var depth = 0
      while open < code.count {
        if code.isOperator(open, UInt8(ascii: "<")) { depth += 1 }
        if code.isOperator(open, UInt8(ascii: ">")) { depth -= 1 }
        open += 1
        if depth == 0 || code.isOperator(open, UInt8(ascii: "{")) { break }
      }
    }
    guard code.isOperator(open, UInt8(ascii: "(")), code.partner[open] > open else { return [:] }
    let close = Int(code.partner[open])
    let starred = code.syntax.starredParameters
    // A parameter's label before its name, type modifiers (`inout`, `some`, `@escaping`), optional types.
    let labelled = code.syntax.labelledArguments
    let modifiers = code.syntax.declaredTypes
    let optionals = code.syntax.optionalChaining
    func startsParameter(_ at: Int) -> Bool {
      code.isOperator(at, UInt8(ascii: "(")) || code.isOperator(at, UInt8(ascii: ","))
        || (starred && code.isOperator(at, UInt8(ascii: "*")))
    }
    var result: [[UInt8]: [UInt8]] = [:]
    var index = open + 1
    while index < close {
      if code.isIdentifier(index), code.isOperator(index + 1, UInt8(ascii: ":")),
        startsParameter(index - 1) || (labelled && code.isIdentifier(index - 1) && startsParameter(index - 2))
      {
        var start = index + 2
        if modifiers {
          while true {
            if code.isIdentifier(start, "inout") || code.isIdentifier(start, "any") || code.isIdentifier(start, "some") {
              start += 1
            } else if code.isOperator(start, UInt8(ascii: "@")), code.isIdentifier(start + 1) {
              start += 2
            } else {
              break
            }
          }
        }
        var end = start
        while end < close, !code.isOperator(end, UInt8(ascii: ",")), !code.isOperator(end, UInt8(ascii: "=")),
          !(optionals && (code.isOperator(end, UInt8(ascii: "?")) || code.isOperator(end, UInt8(ascii: "!"))))
        {
          end = code.opensGroup(end) ? code.skipGroup(end) : end + 1
        }
        if code.isIdentifier(start, "Optional"), code.isOperator(start + 1, UInt8(ascii: "[")) {
          let bracket = start + 1
          if code.partner[bracket] > bracket {
            end = Int(code.partner[bracket])
            start = bracket + 1
          }
        }
        if let last = dottedLast(start, end) { result[Array(code.text(index))] = Array(code.text(last)) }
        index = end
        continue
      }
      index = code.opensGroup(index) ? code.skipGroup(index) : index + 1
    }
    return result
  }

  // MARK: Receivers

  /// What a receiver bound to `key` (a name, or `self.name`) is, seen from code token `use`: a type made by
  /// a constructor (`exact`) or an annotated type.
  func boundType(_ key: [UInt8], at use: Int, depth: Int = 0) -> (type: [UInt8], exact: Bool)? {
    guard depth < 4 else { return nil }
    let expressions = bindings.expressions(key, at: use)
    if !expressions.isEmpty {
      var found: (type: [UInt8], exact: Bool)? = nil
      for range in expressions {
        guard let type = expressionType(range, depth: depth) else { return nil }
        if let found, found.type != type.type { return nil }
        found = found.map { ($0.type, $0.exact && type.exact) } ?? type
      }
      if let found { return found }
    }
    // A parameter of an enclosing function, innermost first: its annotation is what it is.
    if !key.contains(UInt8(ascii: ".")) {
      var scope = functionIndex.innermost(containing: use)
      while scope >= 0 {
        if let type = parameterTypes[scope]?[key] { return (type, false) }
        scope = functionIndex.functions[scope].parent
      }
    }
    if code.syntax.declaredTypes {
      // Otherwise an annotated declaration anywhere in the file, when every one of them agrees.
      let key = key.starts(with: "self.".utf8) ? Array(key.dropFirst(5)) : key
      let types = bindings.types(key)
      if let first = types.first, types.allSatisfy({ $0 == first }) { return (first, false) }
    }
    return nil
  }

  /// The type an expression (code-token range) makes: `T(…)` or `a.b.T(…)` exactly (`T` starting with an
  /// upper-case letter), or a name bound to one.
  func expressionType(_ range: Range<Int>, depth: Int) -> (type: [UInt8], exact: Bool)? {
    guard !range.isEmpty else { return nil }
    let last = range.upperBound - 1
    if code.isOperator(last, UInt8(ascii: ")")), code.partner[last] >= 0 {
      let open = Int(code.partner[last])
      let callee = open - 1
      guard callee >= range.lowerBound, dottedLast(range.lowerBound, open) == callee, isTypeName(callee) else {
        return nil
      }
      return (Array(code.text(callee)), true)
    }
    if range.count == 1, code.isIdentifier(range.lowerBound) {
      return boundType(Array(code.text(range.lowerBound)), at: range.lowerBound, depth: depth + 1)
    }
    if range.count == 3, code.isIdentifier(range.lowerBound, "self"), code.isOperator(range.lowerBound + 1, UInt8(ascii: ".")),
      code.isIdentifier(range.lowerBound + 2)
    {
      return boundType(Array("self.".utf8) + Array(code.text(range.lowerBound + 2)), at: range.lowerBound, depth: depth + 1)
    }
    return nil
  }

  func isTypeName(_ index: Int) -> Bool {
    guard code.isIdentifier(index), let first = code.text(index).first else { return false }
    return first >= UInt8(ascii: "A") && first <= UInt8(ascii: "Z")
  }

  /// The kind and qualifier of the call of the name at `index`, which follows a `.`.
  mutating func receiverKind(_ index: Int) -> (FileFacts.CallKind, Int32) {
    let receiver = index - 2
    if code.isOperator(receiver, UInt8(ascii: ")")), code.partner[receiver] >= 0 {
      // `T(…).name(…)`, `a.T(…).name(…)`.
      let callee = Int(code.partner[receiver]) - 1
      if isTypeName(callee) { return (.constructed, intern(token: callee)) }
      return (.other, -1)
    }
    guard code.isIdentifier(receiver) else { return (.other, -1) }
    if code.isOperator(receiver - 1, UInt8(ascii: ".")) {
      // `self.x.name(…)`, or a chain whose root may be an imported module.
      if (code.isIdentifier(receiver - 2, "self") || code.isIdentifier(receiver - 2, "cls"))
        && !code.isOperator(receiver - 3, UInt8(ascii: "."))
      {
        let key = Array("self.".utf8) + Array(code.text(receiver))
        if let bound = boundType(key, at: receiver) {
          return (bound.exact ? .constructed : .annotated, intern(bound.type))
        }
        return (.other, -1)
      }
      if code.syntax.importsBindNames {
        var root = receiver
        var segments: [[UInt8]] = [Array(code.text(receiver))]
        while code.isOperator(root - 1, UInt8(ascii: ".")), code.isIdentifier(root - 2) {
          root -= 2
          segments.insert(Array(code.text(root)), at: 0)
        }
        if !code.isOperator(root - 1, UInt8(ascii: ".")), let imported = imports[segments[0]] {
          let base = imported.name.map { imported.module + [UInt8(ascii: ".")] + $0 } ?? imported.module
          return (.module, intern(Array(([base] + segments.dropFirst()).joined(separator: [UInt8(ascii: ".")]))))
        }
      }
      return (.other, -1)
    }
    let name = Array(code.text(receiver))
    if code.syntax.importsBindNames, let imported = imports[name] {
      if imported.name == nil || !isTypeName(receiver) {
        let base = imported.name.map { imported.module + [UInt8(ascii: ".")] + $0 } ?? imported.module
        return (.module, intern(base))
      }
      // `from m import Client` then `Client.name(…)`.
      return (.annotated, intern(name))
    }
    if let bound = boundType(name, at: receiver) {
      return (bound.exact ? .constructed : .annotated, intern(bound.type))
    }
    if isTypeName(receiver) { return (.annotated, intern(name)) }
    return (.other, -1)
  }

  // MARK: Calls

  mutating func readCalls(_ lines: LineIndex) {
    let source = code.source
    let syntax = code.syntax
    let dead = syntax.constantGuards ? TrackingGuards.deadRanges(code) : TrackedRegions([])
    let builtins = code.language.structure.builtins
    let last = code.count - 1
    var importIndex = 0
    var index = 0
    // Open brackets around the current token: the callee's token index for a call's `(`, else -1.
    var open: [Int] = []
    while index < last {
      defer { index += 1 }
      let token = code.tokens[index]
      if token.kind == .operator {
        if code.opensGroup(index) {
          open.append(code.isOperator(index, UInt8(ascii: "(")) && code.isIdentifier(index - 1) ? index - 1 : -1)
        } else if code.partner[index] >= 0, code.partner[index] < index, !open.isEmpty {
          open.removeLast()
        }
        continue
      }
      guard token.kind == .identifier else { continue }
      while importIndex < importStatements.count, importStatements[importIndex].upperBound <= index { importIndex += 1 }
      if importIndex < importStatements.count, importStatements[importIndex].contains(index) { continue }
      let offset = Int(token.start)
      let afterDot = code.isOperator(index - 1, UInt8(ascii: "."))
      let onSelf =
        afterDot && (code.isIdentifier(index - 2, "self") || code.isIdentifier(index - 2, "cls"))
        && !code.isOperator(index - 3, UInt8(ascii: "."))
      // The cheap token tests first: this runs for every identifier of the file.
      if !afterDot, code.isIdentifier(index - 1),
        FileFacts.nonValueKeywords.lookup(source, token: code.tokens[max(index - 1, 0)]) != nil
      {
        continue
      }
      var kind: FileFacts.CallKind
      var qualifier: Int32 = -1
      var name: Int32
      if code.isOperator(index + 1, UInt8(ascii: "(")) {
        if onSelf {
          kind = .onSelf
        } else if afterDot {
          (kind, qualifier) = receiverKind(index)
        } else {
          // Builtins are never the project's helpers.
          if let builtins, builtins.lookup(source, token: token) != nil { continue }
          kind = .bare
        }
        name = intern(token: index)
        if kind == .bare, syntax.importsBindNames, let imported = imports.lookup(source, token: token) {
          if let original = imported.name {
            kind = .imported
            qualifier = intern(imported.module)
            name = intern(original)
          }
        }
      } else {
        // A function used as a value: handed to a call (`run_in_executor(None, self._call)`,
        // `Thread(target=_work)`), or stored or returned (it may then run anywhere).
        guard !afterDot || onSelf else { continue }
        if code.isOperator(index + 1, UInt8(ascii: ".")) || code.isOperator(index + 1, UInt8(ascii: ":"))
          || code.isOperator(index - 1, UInt8(ascii: "@"))
          || (code.tokens.indices.contains(index + 1) && code.tokens[index + 1].hasText("=", in: source))
        {
          continue
        }
        let imported = syntax.importsBindNames ? imports.lookup(source, token: token) : nil
        guard definedNames.lookup(source, token: token) != nil || imported?.name != nil else { continue }
        let start = onSelf ? index - 2 : index
        let argument =
          (open.last ?? -1) >= 0
          && (code.isOperator(start - 1, UInt8(ascii: "(")) || code.isOperator(start - 1, UInt8(ascii: ","))
            || code.isOperator(start - 1, UInt8(ascii: "=")))
          && (code.isOperator(index + 1, UInt8(ascii: ",")) || code.isOperator(index + 1, UInt8(ascii: ")")))
        kind = onSelf ? (argument ? .selfReference : .selfEscaping) : (argument ? .reference : .escaping)
        name = intern(token: index)
        if !onSelf, let imported, let original = imported.name {
          name = intern(original)
          qualifier = intern(imported.module)
        }
      }
      guard !dead.contains(offset) else { continue }
      facts.calls.append(
        FileFacts.Call(
          name: name, kind: kind, qualifier: qualifier, enclosing: Int32(functionIndex.innermost(containing: index)),
          line: Int32(clamping: lines.lineIndex(of: offset) + 1), tracked: regions.contains(offset)))
    }
  }
}

/// A 64-bit hash of a name's bytes shared by every name index (`WordBloom`, `FactCache`).
enum NameHash {
  @inline(__always) static func of(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> UInt64 {
    var hash: UInt64 = UInt64(truncatingIfNeeded: end - start) &* 0x9E37_79B9_7F4A_7C15
    var index = start
    let base = bytes.baseAddress!
    while index + 8 <= end {
      let word = UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self).littleEndian
      hash = (hash ^ word) &* 0xFF51_AFD7_ED55_8CCD
      hash ^= hash >> 32
      index += 8
    }
    if index < end {
      var word: UInt64 = 0
      var shift: UInt64 = 0
      while index < end {
        word |= UInt64(base[index]) << shift
        shift += 8
        index += 1
      }
      hash = (hash ^ word) &* 0xFF51_AFD7_ED55_8CCD
      hash ^= hash >> 32
    }
    hash = hash &* 0xC4CE_B9FE_1A85_EC53
    return hash ^ (hash >> 29)
  }

  static func of(_ name: String) -> UInt64 {
    var name = name
    return name.withUTF8 { bytes in
      bytes.isEmpty ? of0() : of(bytes, 0, bytes.count)
    }
  }

  private static func of0() -> UInt64 { 0x9E37_79B9_7F4A_7C15 }
}
