import Foundation

/// What one file contributes to the project's facts: its functions, the calls it makes (by name, with
/// whether each is inside a tracked context or in a branch that cannot run), and whether it registers a
/// LiteLLM callback.
///
/// Small and self-contained, so it can be cached by git blob id (`FactCache`): names are interned per
/// file, and everything else is integers. Extraction never fails; any bytes give some facts.
public struct FileFacts: Sendable, Equatable {
  /// Callee, function and type names, each once.
  var names: [String] = []

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

  enum CallKind: Int8, Sendable {
    /// `name(…)`
    case bare = 0
    /// `self.name(…)`, `cls.name(…)`
    case onSelf = 1
    /// `x.name(…)`
    case other = 2
    /// `name` or `self.name` handed to another call as an argument (`run_in_executor(None, self._call)`).
    case reference = 3
    case selfReference = 4
  }

  struct Call: Sendable, Equatable {
    var name: Int32
    var kind: CallKind
    /// Index into `functions` of the innermost enclosing function, or -1.
    var enclosing: Int32
    var line: Int32
    /// Inside a tracked context of this file (a `with track_llm_call(…)` body, a tracked closure, …).
    var tracked: Bool
  }

  var functions: [Function] = []
  var calls: [Call] = []
  /// 1-based line of a LiteLLM callback registration, or 0.
  var liteLLMCallbackLine: Int32 = 0
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

  /// Calls that run a function handed to them by name (so the name counts as a call site there).
  static let runners = table([
    "run_in_executor", "to_thread", "submit", "map", "Thread", "Process", "Timer", "partial", "create_task",
    "ensure_future", "call_soon", "call_soon_threadsafe", "call_later", "apply_async", "run_sync", "wraps",
    "async", "asyncAfter", "detached", "Task", "addTask", "sync",
  ])

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

  /// LiteLLM attributes that register callbacks recording usage.
  static let callbackAttributes: [StaticString] = ["callbacks", "success_callback", "_async_success_callback"]

  /// The facts of one file, with tracked contexts as `ruleSet` names them (tokenizes; `Linter.analyze`
  /// gets the same facts from the tokens it already has).
  public static func extract(_ bytes: [UInt8], language: Language, path: String, ruleSet: RuleSet) -> FileFacts {
    extract(bytes, language: language, path: path, linter: Linter(ruleSet: ruleSet, usePrefilter: false))
  }

  /// Like `extract(_:language:path:ruleSet:)` with a linter made once for many files (making one compiles
  /// the rule set's tables).
  static func extract(_ bytes: [UInt8], language: Language, path: String, linter: Linter) -> FileFacts {
    linter.analyze(SourceFile(path: path, language: language, bytes: bytes), extractingFacts: true).facts!
  }

  /// The facts of one file from its code tokens, functions and tracked regions.
  static func extract(code: CodeTokens, functions functionIndex: FunctionIndex, regions: TrackedRegions) -> FileFacts {
    do {
      let source = code.source
      let language = code.language
      var facts = FileFacts()
      let lines = LineIndex(source)
      let dead = language == .python ? TrackingGuards.deadRanges(code) : TrackedRegions([])

      // Names interned by the FNV hash of their bytes; a `String` is made once per distinct name.
      var interned: [UInt64: [Int32]] = [:]
      var nameBytes: [[UInt8]] = []
      func intern(_ index: Int) -> Int32 {
        let bytes = code.text(index)
        let hash = Bindings.hash(bytes)
        if let ids = interned[hash] {
          for id in ids where nameBytes[Int(id)].elementsEqual(bytes) { return id }
        }
        let id = Int32(facts.names.count)
        facts.names.append(String(decoding: bytes, as: UTF8.self))
        nameBytes.append(Array(bytes))
        interned[hash, default: []].append(id)
        return id
      }
      for function in functionIndex.functions {
        facts.functions.append(
          Function(
            name: intern(function.nameToken), type: function.typeName >= 0 ? intern(function.typeName) : -1,
            parent: Int32(function.parent), bodyStart: Int32(clamping: function.body.lowerBound),
            bodyEnd: Int32(clamping: function.body.upperBound),
            line: Int32(clamping: lines.lineIndex(of: Int(code.tokens[function.nameToken].start)) + 1)))
      }

      let last = code.count - 1
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
        let offset = Int(code.tokens[index].start)
        let afterDot = code.isOperator(index - 1, UInt8(ascii: "."))
        let onSelf =
          afterDot && (code.isIdentifier(index - 2, "self") || code.isIdentifier(index - 2, "cls"))
          && !code.isOperator(index - 3, UInt8(ascii: "."))
        var kind: CallKind
        if code.isOperator(index + 1, UInt8(ascii: "(")) {
          if code.isIdentifier(index - 1, "def") || code.isIdentifier(index - 1, "class")
            || code.isIdentifier(index - 1, "func")
          {
            continue
          }
          kind = onSelf ? .onSelf : afterDot ? .other : .bare
          // Builtins are never the project's helpers.
          if language == .python, !afterDot, Self.pythonBuiltins.lookup(source, token: token) != nil { continue }
        } else {
          // A function handed over by name to something that runs it: `run_in_executor(None, self._call)`,
          // `to_thread(_call)`, `Thread(target=_work)`.
          let start = onSelf ? index - 2 : index
          guard !afterDot || onSelf, let callee = open.last, callee >= 0,
            Self.runners.lookup(source, token: code.tokens[callee]) != nil,
            code.isOperator(start - 1, UInt8(ascii: "(")) || code.isOperator(start - 1, UInt8(ascii: ","))
              || code.isOperator(start - 1, UInt8(ascii: "=")),
            code.isOperator(index + 1, UInt8(ascii: ",")) || code.isOperator(index + 1, UInt8(ascii: ")"))
          else { continue }
          kind = onSelf ? .selfReference : .reference
        }
        guard !dead.contains(offset) else { continue }
        facts.calls.append(
          Call(
            name: intern(index), kind: kind, enclosing: Int32(functionIndex.innermost(containing: index)),
            line: Int32(clamping: lines.lineIndex(of: offset) + 1), tracked: regions.contains(offset)))
      }

      if language == .python, facts.liteLLMCallbackLine == 0, Self.contains(source, "litellm") {
        facts.liteLLMCallbackLine = Self.liteLLMCallbackLine(code, lines)
      }
      return facts
    }
  }

  /// The line of the first `litellm.callbacks = …`, `litellm.success_callback.append(…)` (and `+=`,
  /// `extend`, `insert`, through an import alias too), or 0.
  private static func liteLLMCallbackLine(_ code: CodeTokens, _ lines: LineIndex) -> Int32 {
    let imports = ImportTable(code)
    let litellm = Array("litellm".utf8)
    for index in 0..<code.count where code.tokens[index].kind == .identifier {
      guard !code.isOperator(index - 1, UInt8(ascii: ".")), code.isOperator(index + 1, UInt8(ascii: ".")),
        code.isIdentifier(index + 2)
      else { continue }
      let isLiteLLM =
        imports.bindings.lookup(code.source, token: code.tokens[index]).map { $0 == [litellm] }
        ?? code.text(index).elementsEqual(litellm)
      guard isLiteLLM, callbackAttributes.contains(where: { code.isIdentifier(index + 2, $0) }) else { continue }
      let next = index + 3
      let assigns =
        code.tokens.indices.contains(next) && code.tokens[next].kind == .operator
        && (code.tokens[next].hasText("=", in: code.source) || code.tokens[next].hasText("+=", in: code.source))
      let appends =
        code.isOperator(next, UInt8(ascii: "."))
        && (code.isIdentifier(next + 1, "append") || code.isIdentifier(next + 1, "extend")
          || code.isIdentifier(next + 1, "insert"))
      if assigns || appends { return Int32(clamping: lines.lineIndex(of: Int(code.tokens[index].start)) + 1) }
    }
    return 0
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
}

/// What the resolver needs of a file before deciding whether to decode it.
public struct FactSummary: Sendable, Equatable {
  var liteLLMCallbackLine: Int32
  var hasMatches: Bool
  var bloom: NameBloom

  init(liteLLMCallbackLine: Int32, hasMatches: Bool, bloom: NameBloom) {
    self.liteLLMCallbackLine = liteLLMCallbackLine
    self.hasMatches = hasMatches
    self.bloom = bloom
  }

  init(_ facts: FileFacts) {
    self.init(
      liteLLMCallbackLine: facts.liteLLMCallbackLine, hasMatches: !facts.matchedFunctions.isEmpty,
      bloom: NameBloom(facts.names))
  }
}

/// A 2048-bit Bloom filter of a file's names (functions, types, call sites), two bits per name: "may
/// contain" is exact for names in it and wrong for about 3% of others in a file of 200 names.
///
/// Its words are its own, or (for the thousands of entries of a loaded facts cache) read in place from the
/// cache's entry table, so that loading allocates nothing per entry.
public struct NameBloom: Sendable, Equatable {
  static let wordCount = 32
  private enum Storage: Sendable {
    case words([UInt64])
    /// `wordCount` little-endian words at `offset` in a cache's entry table.
    case table(CacheTable, Int)
  }
  private var storage: Storage

  init(words: [UInt64]) { storage = .words(words) }

  init(table: CacheTable, offset: Int) { storage = .table(table, offset) }

  init(_ names: [String]) {
    var words = [UInt64](repeating: 0, count: Self.wordCount)
    for name in names {
      let (a, b) = Self.bits(Self.hash(name))
      words[a >> 6] |= 1 << UInt64(a & 63)
      words[b >> 6] |= 1 << UInt64(b & 63)
    }
    storage = .words(words)
  }

  static func hash(_ name: String) -> UInt64 {
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    for byte in name.utf8 { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
    return hash
  }

  private static func bits(_ hash: UInt64) -> (Int, Int) { (Int(hash & 2047), Int((hash >> 11) & 2047)) }

  /// Word `index` of the filter.
  @inline(__always) private func word(_ index: Int) -> UInt64 {
    switch storage {
    case .words(let words): return words[index]
    case .table(let table, let offset): return table.word(at: offset + 8 * index)
    }
  }

  var words: [UInt64] { (0..<Self.wordCount).map(word) }

  func mayContain(_ hash: UInt64) -> Bool {
    let (a, b) = Self.bits(hash)
    return word(a >> 6) & (1 << UInt64(a & 63)) != 0 && word(b >> 6) & (1 << UInt64(b & 63)) != 0
  }

  public static func == (lhs: NameBloom, rhs: NameBloom) -> Bool { lhs.words == rhs.words }
}

/// A file's facts for the resolver: decoded, or cached and decoded on demand.
public enum FactSource: Sendable {
  case decoded(FileFacts, FactSummary)
  case cached(CachedFacts)

  init(_ facts: FileFacts) { self = .decoded(facts, FactSummary(facts)) }

  var summary: FactSummary {
    switch self {
    case .decoded(_, let summary): return summary
    case .cached(let cached): return cached.summary
    }
  }

  /// The facts, or `nil` when a cached body cannot be read or is damaged.
  func decode() -> FileFacts? {
    switch self {
    case .decoded(let facts, _): return facts
    case .cached(let cached): return cached.decode()
    }
  }
}
