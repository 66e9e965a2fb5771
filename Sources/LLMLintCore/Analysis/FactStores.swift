import Synchronization

#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// A Bloom filter of every ASCII identifier run of a file (comments and strings included), sized to the
/// file, so a file set aside by the prefilter can later be asked whether it may name a function without
/// being read again. Two bits per run from one 64-bit `NameHash`; about one bit per source byte.
///
/// Besides, the exact hashes of the words of every type header (from `class`, `struct`, `enum`, `actor`,
/// `extension` or `protocol` to the `{` in Swift, to the `:` outside brackets in Python): a file that
/// defines a type, or one with a given base, holds its name there. Type families are searched through
/// these, so a type named all over a project does not pull in every file that uses it.
struct WordBloom: Sendable {
  private var words: [UInt64]
  private let mask: Int
  /// The distinct hashes of the words in type headers.
  private(set) var headerWords: [UInt64] = []
  /// A header too long to keep (or never closed): the file is a candidate for every type search.
  private(set) var headersOverflow = false
  static let headerWordLimit = 64

  /// The filter of `source`, sized to it (`bits` nil) or of exactly `bits` bits (a power of two, at least 64:
  /// a facts cache's signature).
  init(_ source: UnsafeBufferPointer<UInt8>, language: Language, bits fixed: Int? = nil) {
    var bits = 1024
    while bits < source.count, bits < 1 << 23 { bits <<= 1 }
    if let fixed { bits = max(64, fixed) }
    let mask = bits - 1
    self.mask = mask
    guard source.count > 0 else {
      words = [UInt64](repeating: 0, count: bits / 64)
      return
    }
    // A type header ends at its body's `{` (brace blocks) or at the `:` outside brackets (indented blocks).
    let braces = language.syntax.braceBlocks
    // Written through a pointer: an array captured by the closure below is checked for uniqueness at
    // every write.
    let filter = UnsafeMutablePointer<UInt64>.allocate(capacity: bits / 64)
    filter.initialize(repeating: 0, count: bits / 64)
    defer { filter.deallocate() }
    @inline(__always) func insert(_ hash: UInt64) {
      let a = Int(truncatingIfNeeded: hash) & mask
      let b = Int(truncatingIfNeeded: hash >> 32) & mask
      filter[a >> 6] |= 1 << UInt64(a & 63)
      filter[b >> 6] |= 1 << UInt64(b & 63)
    }
    // In a type header: the words seen in it so far (-1: not in one), and its bracket depth (Python).
    var headerCount = -1
    var depth = 0
    var seen = Set<UInt64>()
    var headerWords: [UInt64] = []
    var overflow = false
    /// Reads the bytes between runs, `start..<end`, for the end of a type header.
    func readGap(_ start: Int, _ end: Int) {
      var index = start
      while headerCount >= 0, index < end {
        let byte = source[index]
        index += 1
        if braces {
          if byte == UInt8(ascii: "{") { headerCount = -1 }
        } else if byte == UInt8(ascii: "(") || byte == UInt8(ascii: "[") {
          depth += 1
        } else if byte == UInt8(ascii: ")") || byte == UInt8(ascii: "]") {
          depth -= 1
        } else if byte == UInt8(ascii: ":"), depth <= 0 {
          headerCount = -1
        }
      }
    }
    var gapStart = 0
    IdentifierRuns.forEach(source) { runStart, runEnd in
      if headerCount >= 0 { readGap(gapStart, runStart) }
      gapStart = runEnd
      if Self.isDigit(source[runStart]) {
        // A number may end where a name begins (`0xaspeech`): every suffix that starts a name counts.
        for start in (runStart + 1)..<runEnd where !Self.isDigit(source[start]) {
          insert(NameHash.of(source, start, runEnd))
        }
        return
      }
      let hash = NameHash.of(source, runStart, runEnd)
      insert(hash)
      if headerCount >= 0 {
        if headerCount == Self.headerWordLimit {
          overflow = true
          headerCount = -1
        } else {
          headerCount += 1
          if seen.insert(hash).inserted { headerWords.append(hash) }
        }
      }
      if Self.startsTypeHeader(source, runStart, runEnd) {
        headerCount = 0
        depth = 0
      }
    }
    if headerCount >= 0 { readGap(gapStart, source.count) }
    words = Array(UnsafeBufferPointer(start: filter, count: bits / 64))
    self.headerWords = headerWords
    headersOverflow = overflow || headerCount >= 0
  }

  /// Whether the word at `start..<end` is one that opens a type header.
  private static func startsTypeHeader(_ source: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Bool {
    let length = end - start
    // Most runs are ruled out by their length and first byte: this runs once per identifier of the file.
    guard length >= 4, length <= 9 else { return false }
    switch source[start] {
    case UInt8(ascii: "c"), UInt8(ascii: "s"), UInt8(ascii: "e"), UInt8(ascii: "a"), UInt8(ascii: "p"): break
    default: return false
    }
    func equals(_ word: StaticString) -> Bool {
      guard word.utf8CodeUnitCount == length else { return false }
      let bytes = word.utf8Start
      for offset in 0..<length where bytes[offset] != source[start + offset] { return false }
      return true
    }
    return equals("class") || equals("struct") || equals("enum") || equals("actor") || equals("extension")
      || equals("protocol")
  }

  @inline(__always) static func isWordByte(_ byte: UInt8) -> Bool { IdentifierRuns.isWordByte(byte) }

  @inline(__always) static func isDigit(_ byte: UInt8) -> Bool { byte &- 0x30 < 10 }

  private func contains(_ hash: UInt64) -> Bool {
    let a = Int(truncatingIfNeeded: hash) & mask
    let b = Int(truncatingIfNeeded: hash >> 32) & mask
    return words[a >> 6] & (1 << UInt64(a & 63)) != 0 && words[b >> 6] & (1 << UInt64(b & 63)) != 0
  }

  /// The hashes of the ASCII identifier runs of `name`; a file holding the name holds every one of them.
  static func runs(of name: String) -> [UInt64] {
    var name = name
    return name.withUTF8 { bytes in
      var result: [UInt64] = []
      var start = -1
      for index in 0...bytes.count {
        if index < bytes.count, isWordByte(bytes[index]) {
          if start < 0 { start = index }
        } else if start >= 0 {
          result.append(NameHash.of(bytes, start, index))
          start = -1
        }
      }
      return result
    }
  }

  /// The ASCII identifier runs of `name`, as bytes (what `runs(of:)` hashes).
  static func runBytes(of name: String) -> [[UInt8]] {
    var result: [[UInt8]] = []
    var current: [UInt8] = []
    for byte in name.utf8 {
      if isWordByte(byte) {
        current.append(byte)
      } else if !current.isEmpty {
        result.append(current)
        current = []
      }
    }
    if !current.isEmpty { result.append(current) }
    return result
  }

  /// Whether `source` holds `word` as a filter of it would: as a whole identifier run, or as a suffix of a
  /// run that starts with a digit where the suffix does not (`0xaspeech` holds `xaspeech`, `aspeech`, …).
  /// Exact where `mayContain` may err: a filter that holds a word's runs answers yes to this for each.
  static func holds(_ source: UnsafeBufferPointer<UInt8>, word: [UInt8]) -> Bool {
    let count = word.count
    // A run that starts with a digit is never held whole (nor is a name that has one).
    guard count > 0, !isDigit(word[0]), let base = source.baseAddress, source.count >= count else { return false }
    return word.withUnsafeBufferPointer { needle -> Bool in
      let first = Int32(needle[0])
      var start = 0
      while start + count <= source.count {
        guard let found = memchr(base + start, first, source.count - count + 1 - start) else { return false }
        let offset = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
        start = offset + 1
        let end = offset + count
        guard end == source.count || !isWordByte(source[end]) else { continue }
        guard memcmp(base + offset, needle.baseAddress!, count) == 0 else { continue }
        if offset == 0 || !isWordByte(source[offset - 1]) { return true }
        // Inside a longer run: held only as the suffix of a run that starts with a digit.
        guard !isDigit(source[offset]) else { continue }
        var runStart = offset - 1
        while runStart > 0, isWordByte(source[runStart - 1]) { runStart -= 1 }
        if isDigit(source[runStart]) { return true }
      }
      return false
    }
  }

  /// Whether the file may hold the name whose runs are `runs` (a name with no ASCII run may be anywhere).
  func mayContain(runs: [UInt64]) -> Bool { runs.allSatisfy(contains) }

  /// Calls `body` with every bit a filter of `width` bits (a power of two) would have set for the same
  /// runs: this filter's bits folded when it is wider, every bit when it is narrower (a superset either way).
  func forEachSignatureBit(width: Int, _ body: (Int) -> Void) {
    guard words.count * 64 >= width else {
      for bit in 0..<width { body(bit) }
      return
    }
    var seen = [UInt64](repeating: 0, count: width / 64)
    for (index, word) in words.enumerated() where word != 0 {
      var rest = word
      while rest != 0 {
        let bit = (index * 64 + rest.trailingZeroBitCount) & (width - 1)
        rest &= rest - 1
        if seen[bit >> 6] & (1 << UInt64(bit & 63)) == 0 {
          seen[bit >> 6] |= 1 << UInt64(bit & 63)
          body(bit)
        }
      }
    }
  }

  /// A filter that holds nothing (an unreadable or binary file: never a candidate).
  static let empty = WordBloom(UnsafeBufferPointer(start: nil, count: 0), language: .python, bits: 64)
}

/// The set-aside files of a store by the words of their type headers (a file that defines a type, or one with a
/// given base, holds its name there), and those whose headers overflowed (candidates for every type search):
/// what a type-family search needs of files it has not analyzed. Built once, at the first type search.
struct TypeHeaderIndex {
  private var byWord: [UInt64: [Int]] = [:]
  private(set) var overflowing: [Int] = []

  mutating func add(_ file: Int, words: [UInt64], overflow: Bool) {
    if overflow { overflowing.append(file) }
    for word in words { byWord[word, default: []].append(file) }
  }

  /// The files with the word of hash `word` in a type header.
  func files(holding word: UInt64) -> [Int] { byWord[word] ?? [] }
}

/// The files of a plain scan as a `FactStore`: those the first pass analyzed keep their facts; those it set
/// aside (no anchor word) keep a `WordBloom`, or are read again once to make one, and are read again and
/// analyzed only when a searched name may be in them.
final class ScannedFiles: FactStore, @unchecked Sendable {
  enum State: Sendable {
    case analyzed(FileFacts)
    case setAside(WordBloom?)
    /// Not a file of the project after all (unreadable, binary).
    case none
  }

  private let paths: [String]
  private let languages: [Language]
  private var states: [State]
  private let linter: Linter
  private let load: @Sendable (Int) -> LoadedInput
  private(set) var analyzedForFacts = 0

  init(
    paths: [String], languages: [Language], states: [State], linter: Linter,
    load: @escaping @Sendable (Int) -> LoadedInput
  ) {
    self.paths = paths
    self.languages = languages
    self.states = states
    self.linter = linter
    self.load = load
  }

  var count: Int { paths.count }
  func path(_ file: Int) -> String { paths[file] }
  func language(_ file: Int) -> Language { languages[file] }

  func candidates(_ names: [String]) -> [Int] { candidates(names, typesOnly: false) }

  func typeCandidates(_ names: [String]) -> [Int] { candidates(names, typesOnly: true) }

  private func candidates(_ names: [String], typesOnly: Bool) -> [Int] {
    var withoutBloom: [Int] = []
    for (index, state) in states.enumerated() {
      if case .setAside(nil) = state { withoutBloom.append(index) }
    }
    if !withoutBloom.isEmpty {
      let (load, pending) = (self.load, withoutBloom)
      let blooms = Parallel.map(count: pending.count) { position -> WordBloom? in
        guard case .file(let file) = load(pending[position]) else { return nil }
        return file.language.analysedSource(of: file.bytes).text.withUnsafeBufferPointer {
          WordBloom($0, language: file.language)
        }
      }
      for (index, bloom) in zip(withoutBloom, blooms) { states[index] = bloom.map { .setAside($0) } ?? State.none }
    }
    indexAnalyzed()
    var found = Set<Int>()
    for name in names { found.formUnion(analyzedByName[name] ?? []) }
    let runs = names.map(WordBloom.runs)
    if typesOnly {
      // A type's name is one identifier (a name of several runs may be anywhere): the set-aside files
      // whose type headers hold it, from an index of header words built once.
      let headers = indexHeaders()
      for name in runs {
        if name.count == 1 {
          found.formUnion(headers.files(holding: name[0]))
        } else {
          for (index, state) in states.enumerated() {
            if case .setAside(let bloom?) = state, bloom.mayContain(runs: name) { found.insert(index) }
          }
        }
      }
      found.formUnion(headers.overflowing)
      return found.sorted()
    }
    // A set-aside file whose filter may hold a name is read again and checked for the name's words:
    // Bloom filters of files that share most of their words (`self`, `return`, `Any`) agree on some names
    // they all lack. One that holds a name is analyzed now (the graph asks for its facts next).
    var flagged: [(file: Int, names: [Int])] = []
    for (index, state) in states.enumerated() {
      guard case .setAside(let bloom?) = state else { continue }
      let names = runs.indices.filter { bloom.mayContain(runs: runs[$0]) }
      if !names.isEmpty { flagged.append((index, names)) }
    }
    found.formUnion(analyzeHolding(flagged, names.map(WordBloom.runBytes)))
    return found.sorted()
  }

  /// Of the set-aside `flagged` files (each with the names, as `runs` indices, its filter may hold), those
  /// that hold all the words of one of those names, analyzed; the others stay set aside.
  private func analyzeHolding(_ flagged: [(file: Int, names: [Int])], _ runs: [[[UInt8]]]) -> [Int] {
    guard !flagged.isEmpty else { return [] }
    let (load, linter) = (self.load, self.linter)
    let extracted = Parallel.map(count: flagged.count) { position -> FileFacts?? in
      guard case .file(let file) = load(flagged[position].file) else { return .some(nil) }
      let analysed = file.language.analysedSource(of: file.bytes)
      let holds = analysed.text.withUnsafeBufferPointer { source in
        flagged[position].names.contains { name in runs[name].allSatisfy { WordBloom.holds(source, word: $0) } }
      }
      guard holds else { return nil }
      return .some(linter.facts(ofSetAside: file, analysed: analysed))
    }
    var holding: [Int] = []
    for ((file, _), facts) in zip(flagged, extracted) {
      guard let facts else { continue }
      holding.append(file)
      if let facts {
        analyzedForFacts += 1
        states[file] = .analyzed(facts)
        if analyzedIndexed { newlyAnalyzed.append(file) }
      } else {
        states[file] = .none
      }
    }
    return holding
  }

  private var headers: TypeHeaderIndex? = nil

  /// The set-aside files' type headers, indexed at the first type search.
  private func indexHeaders() -> TypeHeaderIndex {
    if let headers { return headers }
    var index = TypeHeaderIndex()
    for (file, state) in states.enumerated() {
      if case .setAside(let bloom?) = state {
        index.add(file, words: bloom.headerWords, overflow: bloom.headersOverflow)
      }
    }
    headers = index
    return index
  }

  /// Name -> the analyzed files that hold it, for the files analyzed since the last call: each file's names
  /// are indexed once, so a search costs its names, not every analyzed file's.
  private var analyzedByName: [String: [Int]] = [:]
  private var analyzedIndexed = false
  /// Files analyzed since the index was built (they join it at the next search).
  private var newlyAnalyzed: [Int] = []

  private func indexAnalyzed() {
    if !analyzedIndexed {
      analyzedIndexed = true
      for (index, state) in states.enumerated() { if case .analyzed = state { newlyAnalyzed.append(index) } }
    }
    for file in newlyAnalyzed {
      guard case .analyzed(let facts) = states[file] else { continue }
      // A file's names are interned: each once.
      for name in facts.names { analyzedByName[name, default: []].append(file) }
    }
    newlyAnalyzed.removeAll()
  }

  func facts(_ files: [Int]) -> [FileFacts] {
    var result = [FileFacts?](repeating: nil, count: files.count)
    var reread: [Int] = []
    for (position, file) in files.enumerated() {
      switch states[file] {
      case .analyzed(let facts): result[position] = facts
      case .setAside: reread.append(position)
      case .none: result[position] = FileFacts()
      }
    }
    if !reread.isEmpty {
      let (load, linter, pending) = (self.load, self.linter, reread)
      let extracted = Parallel.map(count: pending.count) { index -> FileFacts in
        guard case .file(let file) = load(files[pending[index]]) else { return FileFacts() }
        return linter.facts(ofSetAside: file, analysed: file.language.analysedSource(of: file.bytes))
      }
      analyzedForFacts += reread.count
      for (position, facts) in zip(reread, extracted) {
        result[position] = facts
        states[files[position]] = .analyzed(facts)
        if analyzedIndexed { newlyAnalyzed.append(files[position]) }
      }
    }
    return result.map { $0 ?? FileFacts() }
  }
}

/// The files of a git index (paths as shown, with blob ids) as a `FactStore`, through the facts cache.
///
/// A file the cache knows is not read: an analyzed entry's facts are decoded when the call graph needs
/// them, a set-aside entry (no anchor word) is read and analyzed only when a searched name may be in it.
/// A file the cache does not know is read once (in batches) and, like a plain scan's, analyzed when it
/// has an anchor word, else set aside with a `WordBloom` of its words. What this run learnt (new entries,
/// set-aside files analyzed after all) is written back by `finish`.
final class IndexFiles: FactStore, @unchecked Sendable {
  private enum State {
    /// From the cache: analyzed or set aside.
    case cached(CachedEntry)
    /// Extracted in this run.
    case analyzed(FileFacts)
    /// Read in this run, without an anchor word.
    case setAside(WordBloom)
    /// Binary or too large: no facts.
    case none
    /// Not given by git (a failure that may pass): no facts this run, and nothing cached for it.
    case unread
  }

  private let files: [ProjectFacts.ProjectFile]
  private let linter: Linter
  private let cache: FactCache?
  private let read: ([Int]) -> [[UInt8]?]
  private var states: [State] = []
  private var isLoaded = false
  private var loadedCache = FactCache.Contents(main: FactCache.Entries(), delta: FactCache.Entries())
  /// Per entry of the loaded main and delta files: the file it is, or -1 (not in this index).
  private var fileOfMain: [Int32] = []
  private var fileOfDelta: [Int32] = []
  /// Files whose cache entry this run makes (new, or analyzed after having been set aside).
  private var fresh: [Int] = []
  private var isFresh: [Bool] = []
  private var hits = 0
  /// Files set aside in this run (tested one by one; in a warm run they are the few new blobs).
  private var setAsideHere: [Int] = []
  private(set) var analyzedForFacts = 0
  /// Bodies of cached analyzed entries that a search's exact test found holding a name, read once.
  private var checkedBodies: [Int: [UInt8]] = [:]
  /// Cached files whose facts `facts` has given: no longer tested exactly.
  private var given = Set<Int>()

  /// The most files read at once when their facts are extracted.
  static let batchSize = 2048

  init(files: [ProjectFacts.ProjectFile], linter: Linter, cache: FactCache?, read: @escaping ([Int]) -> [[UInt8]?]) {
    self.files = files
    self.linter = linter
    self.cache = cache
    self.read = read
  }

  var count: Int { files.count }
  func path(_ file: Int) -> String { files[file].path }
  func language(_ file: Int) -> Language { files[file].language }

  /// Reads files `indices` in batches of at most `batchSize` and gives each one's state on all cores: its
  /// facts when it has an anchor word (or `analyze` says so), else its words.
  private func readStates(_ indices: [Int], analyze: Bool) -> [State] {
    var result: [State] = []
    result.reserveCapacity(indices.count)
    for start in stride(from: 0, to: indices.count, by: Self.batchSize) {
      let chunk = Array(indices[start..<min(start + Self.batchSize, indices.count)])
      let contents = read(chunk)
      let (files, linter) = (self.files, self.linter)
      result += Parallel.map(count: chunk.count) { position -> State in
        guard position < contents.count, let bytes = contents[position] else { return .unread }
        guard !SourceFile.looksBinary(bytes), bytes.count <= SourceFile.maximumSize else { return .none }
        let file = files[chunk[position]]
        let source = SourceFile(path: file.path, language: file.language, bytes: bytes)
        let analysed = file.language.analysedSource(of: bytes)
        if linter.mayMatch(analysed, file.language) {
          return .analyzed(linter.analysis(source, analysed: analysed).facts)
        }
        guard analyze else {
          return .setAside(
            analysed.text.withUnsafeBufferPointer {
              WordBloom($0, language: file.language, bits: FactCache.signatureBits)
            })
        }
        return .analyzed(linter.facts(ofSetAside: source, analysed: analysed))
      }
    }
    return result
  }

  private func markFresh(_ file: Int) {
    if !isFresh[file] {
      isFresh[file] = true
      fresh.append(file)
    }
  }

  /// Every file's state: from the cache, or read now.
  private func load() {
    guard !isLoaded else { return }
    isLoaded = true
    let loaded = cache?.load() ?? loadedCache
    loadedCache = loaded
    isFresh = [Bool](repeating: false, count: files.count)
    // Built in locals (a class's stored arrays are checked for exclusive access at every element).
    var fileOfMain = [Int32](repeating: -1, count: loaded.main.count)
    var fileOfDelta = [Int32](repeating: -1, count: loaded.delta.count)
    var states: [State] = []
    states.reserveCapacity(files.count)
    var missing: [Int] = []
    for (index, file) in files.enumerated() {
      if let blob = file.blobID, let entry = loaded.lookup(blob: blob, path: file.path) {
        states.append(.cached(entry))
        if entry.entries === loaded.delta {
          fileOfDelta[entry.index] = Int32(index)
        } else {
          fileOfMain[entry.index] = Int32(index)
        }
      } else {
        states.append(.none)
        missing.append(index)
      }
    }
    hits = files.count - missing.count
    for (index, state) in zip(missing, readStates(missing, analyze: false)) {
      states[index] = state
      if case .setAside = state { setAsideHere.append(index) }
      if case .analyzed = state { newlyAnalyzed.append(index) }
      if files[index].blobID != nil { markFresh(index) }
    }
    (self.states, self.fileOfMain, self.fileOfDelta) = (states, fileOfMain, fileOfDelta)
  }

  /// The files with a rule match (their findings are the ones facts can change).
  func filesWithMatches() -> [Int] {
    load()
    return states.indices.filter { index in
      switch states[index] {
      case .cached(let entry): return entry.hasMatches
      case .analyzed(let facts): return !facts.matchedFunctions.isEmpty
      case .setAside, .none, .unread: return false
      }
    }
  }

  /// Name -> the files analyzed in this run that hold it (each file's names indexed once).
  private var analyzedByName: [String: [Int]] = [:]
  private var newlyAnalyzed: [Int] = []

  private func indexAnalyzed() {
    for file in newlyAnalyzed {
      guard case .analyzed(let facts) = states[file] else { continue }
      for name in facts.names { analyzedByName[name, default: []].append(file) }
    }
    newlyAnalyzed.removeAll()
  }

  func candidates(_ names: [String]) -> [Int] {
    load()
    let runs = names.map(WordBloom.runs)
    var probe = NameTable<Bool>()
    for name in names { probe.insert(Array(name.utf8), true) }
    var found = Set<Int>()
    // Cached entries, through the slices of their signatures; then, for an analyzed one, its names table
    // (a signature of a file with many names says "may" for many names it lacks).
    for (entries, fileOf) in [(loadedCache.main, fileOfMain), (loadedCache.delta, fileOfDelta)] where !entries.isEmpty {
      let bits = entries.mayHold(runs)
      for (word, value) in bits.enumerated() where value != 0 {
        var rest = value
        while rest != 0 {
          let file = Int(fileOf[word * 64 + rest.trailingZeroBitCount])
          rest &= rest - 1
          guard file >= 0, case .cached(let entry) = states[file] else { continue }
          if entry.isAnalyzed, !given.contains(file), let body = checkedBodies[file] ?? entry.bodyBytes(),
            let holds = FactCache.bodyNames(body, holdAnyOf: probe)
          {
            // Kept for `facts`, which decodes it next (a body that did not hold a name is not kept).
            if holds {
              checkedBodies[file] = body
              found.insert(file)
            }
          } else {
            // Set aside, a body that cannot be read or decoded (`facts` reads the file again), or a file
            // whose facts were given already (its caller has them).
            found.insert(file)
          }
        }
      }
    }
    indexAnalyzed()
    for name in names { found.formUnion(analyzedByName[name] ?? []) }
    for file in setAsideHere {
      if case .setAside(let bloom) = states[file], runs.contains(where: { bloom.mayContain(runs: $0) }) {
        found.insert(file)
      }
    }
    return found.sorted()
  }

  func typeCandidates(_ names: [String]) -> [Int] {
    let all = candidates(names)
    let runs = names.map(WordBloom.runs)
    // A type's name is one identifier; a set-aside file that defines it, or a type with it as a base, has
    // it in a type header (a name of several runs, or none, may be anywhere).
    if runs.contains(where: { $0.count != 1 }) { return all }
    let headers = indexHeaders()
    var inHeaders = Set<Int>(headers.overflowing)
    for name in runs { inHeaders.formUnion(headers.files(holding: name[0])) }
    return all.filter { file in
      switch states[file] {
      case .cached(let entry): return entry.isAnalyzed || inHeaders.contains(file)
      case .setAside: return inHeaders.contains(file)
      case .analyzed: return true
      case .none, .unread: return false
      }
    }
  }

  private var headers: TypeHeaderIndex? = nil

  /// The set-aside files' type headers (cached and read in this run), indexed at the first type search.
  private func indexHeaders() -> TypeHeaderIndex {
    if let headers { return headers }
    var index = TypeHeaderIndex()
    for (file, state) in states.enumerated() {
      switch state {
      case .cached(let entry) where !entry.isAnalyzed:
        index.add(file, words: entry.headerWords, overflow: entry.headersOverflow)
      case .setAside(let bloom): index.add(file, words: bloom.headerWords, overflow: bloom.headersOverflow)
      default: break
      }
    }
    headers = index
    return index
  }

  func facts(_ indices: [Int]) -> [FileFacts] {
    load()
    var result = [FileFacts?](repeating: nil, count: indices.count)
    var reread: [Int] = []
    for (position, file) in indices.enumerated() {
      switch states[file] {
      case .cached(let entry):
        given.insert(file)
        let body = checkedBodies.removeValue(forKey: file) ?? entry.bodyBytes()
        if entry.isAnalyzed, let facts = body.flatMap(FactCache.decodeBody) {
          result[position] = facts
        } else {
          // Set aside, or a damaged body: read and analyzed now.
          reread.append(position)
        }
      case .analyzed(let facts): result[position] = facts
      case .setAside: reread.append(position)
      case .none, .unread: result[position] = FileFacts()
      }
    }
    if !reread.isEmpty {
      analyzedForFacts += reread.count
      for (position, state) in zip(reread, readStates(reread.map { indices[$0] }, analyze: true)) {
        let file = indices[position]
        states[file] = state
        if case .analyzed(let facts) = state {
          result[position] = facts
          newlyAnalyzed.append(file)
        }
        if files[file].blobID != nil { markFresh(file) }
      }
    }
    return result.map { $0 ?? FileFacts() }
  }

  /// Writes what this run learnt to the cache: new entries to its delta (or, past its size, into a whole
  /// new cache). Entries no longer part of the project cost only space: the cache is written whole
  /// without them once they are a quarter of it.
  func finish() {
    guard let cache, isLoaded else { return }
    func entry(_ file: Int) -> CacheEntry? {
      switch states[file] {
      case .cached(let cached): return .cached(cached)
      case .analyzed(let facts): return .analyzed(facts)
      case .setAside(let bloom): return .setAside(bloom)
      case .none: return .setAside(.empty)
      case .unread: return nil
      }
    }
    func entries(_ indices: some Sequence<Int>) -> [String: CacheEntry] {
      var entries: [String: CacheEntry] = [:]
      for index in indices {
        if let blob = files[index].blobID, let value = entry(index) {
          entries[FactCache.key(blob: blob, path: files[index].path)] = value
        }
      }
      return entries
    }
    let added = entries(fresh)
    if !added.isEmpty {
      cache.add(added, to: loadedCache) { entries(files.indices) }
    } else if loadedCache.count - hits > loadedCache.count / 4 {
      cache.store(entries(files.indices))
    }
  }
}

/// Several stores as one: file ids run through the first store's, then the next one's.
struct ProjectStore: FactStore {
  let parts: [FactStore]
  private let offsets: [Int]

  init(_ parts: [FactStore]) {
    self.parts = parts
    var offsets: [Int] = []
    var total = 0
    for part in parts {
      offsets.append(total)
      total += part.count
    }
    self.offsets = offsets
  }

  var count: Int { (offsets.last ?? 0) + (parts.last?.count ?? 0) }

  private func locate(_ file: Int) -> (Int, Int) {
    var part = offsets.count - 1
    while part > 0, offsets[part] > file { part -= 1 }
    return (part, file - offsets[part])
  }

  func path(_ file: Int) -> String {
    let (part, local) = locate(file)
    return parts[part].path(local)
  }

  func language(_ file: Int) -> Language {
    let (part, local) = locate(file)
    return parts[part].language(local)
  }

  func candidates(_ names: [String]) -> [Int] {
    parts.indices.flatMap { part in parts[part].candidates(names).map { $0 + offsets[part] } }
  }

  func typeCandidates(_ names: [String]) -> [Int] {
    parts.indices.flatMap { part in parts[part].typeCandidates(names).map { $0 + offsets[part] } }
  }

  func finish() { for part in parts { part.finish() } }

  var analyzedForFacts: Int { parts.reduce(0) { $0 + $1.analyzedForFacts } }

  func facts(_ files: [Int]) -> [FileFacts] {
    var result = [FileFacts](repeating: FileFacts(), count: files.count)
    for part in parts.indices {
      let mine = files.indices.filter { locate(files[$0]).0 == part }
      guard !mine.isEmpty else { continue }
      for (position, facts) in zip(mine, parts[part].facts(mine.map { files[$0] - offsets[part] })) {
        result[position] = facts
      }
    }
    return result
  }
}
