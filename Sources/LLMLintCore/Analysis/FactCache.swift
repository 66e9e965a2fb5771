import Foundation

/// Per-file facts cached by git blob id, in one file outside the repository, so a warm `--staged` run
/// reads and tokenizes only the files that changed.
///
/// Location: `$XDG_CACHE_HOME/llmlint/` or `~/.cache/llmlint/`, one file per tracked-context
/// configuration (`facts-v4-<hash>.bin`), since a call site's "tracked" flag depends on it. Entries are
/// keyed by blob id and path (tracked-path globs depend on the path).
///
/// Each entry has a small summary (a LiteLLM callback line, whether the file has rule matches, a Bloom
/// filter of its names) and a body (the whole facts). The file is a header, an entry table (keys,
/// summaries, where each body is and its checksum) and the bodies: `load` reads the header and the table
/// only, and a body is read from the file (kept open) when the resolver decodes it — only the files whose
/// names can matter (`ProjectFacts.resolve`). A run that adds a few entries (a commit's new blobs) writes
/// them to a small delta file beside the main one; the main file is written whole when the delta grows past
/// an eighth of it or a quarter of its entries are no longer used.
///
/// Safe under concurrent runs: a run writes a temporary file in the same directory and renames it over
/// the cache, so a reader sees an old or a new cache whole, never a mix; the last writer wins. Damage to
/// the header or table (wrong magic, version or checksum, truncation, an index out of range) makes `load`
/// return nothing, and the run rebuilds the cache; a damaged body fails its own checksum when decoded, and
/// that file is read and extracted again. Failing to write is silent: the cache is an optimisation.
public struct FactCache: Sendable {
  public let path: String

  public init(path: String) {
    self.path = path
  }

  /// The cache for `ruleSet` under the user's cache directory, or `nil` when neither `XDG_CACHE_HOME` nor
  /// `HOME` is set.
  public static func userCache(environment: [String: String], ruleSet: RuleSet) -> FactCache? {
    userDirectory(environment: environment).map { inDirectory($0, ruleSet: ruleSet) }
  }

  /// The user's cache directory for llmlint: `$XDG_CACHE_HOME/llmlint` (an absolute one), else
  /// `$HOME/.cache/llmlint`; `nil` when neither is set.
  public static func userDirectory(environment: [String: String]) -> String? {
    if let xdg = environment["XDG_CACHE_HOME"], xdg.hasPrefix("/") { return xdg + "/llmlint" }
    if let home = environment["HOME"], !home.isEmpty { return home + "/.cache/llmlint" }
    return nil
  }

  /// The cache for `ruleSet` in `directory`.
  public static func inDirectory(_ directory: String, ruleSet: RuleSet) -> FactCache {
    FactCache(path: directory + "/facts-v4-\(fingerprint(ruleSet)).bin")
  }

  /// A hex digest of what the facts depend on in the rule set: the rules (which calls match), the tracked
  /// contexts, skipped segments, HTTP endpoints, LiteLLM coverage and tracked-path globs with their bases.
  /// Each is printed whole (`String(describing:)` lists every stored field), so a field added to any of
  /// these types is in the key without anyone remembering to add it. None of them holds a set or a
  /// dictionary, whose printed order differs between processes (a test checks the key is stable).
  static func fingerprint(_ ruleSet: RuleSet) -> String {
    var text = "v2"
    text += "|\(ruleSet.rules)|\(ruleSet.tracked)|\(ruleSet.skipSegments)|\(ruleSet.httpEndpoints)"
    text += "|\(ruleSet.liteLLMCoverage)|" + ruleSet.trackedPathGlobs.patterns.map { $0.base + "/" + $0.pattern }
      .joined(separator: ",")
    if !ruleSet.tracked.paths.isEmpty {
      // Whether a shown path is under a tracked path depends on where the config and the current directory are.
      text += "|scope:\(ruleSet.trackedPathScope)"
    }
    return String(fnv(Array(text.utf8)[...]), radix: 16)
  }

  static func key(blob: String, path: String) -> String { blob + " " + path }

  /// The 64-bit FNV-1a hash of `blob`, a space, and `path`: what entries are looked up by.
  static func keyHash(blob: String, path: String) -> UInt64 {
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    for byte in blob.utf8 { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
    hash = (hash ^ UInt64(UInt8(ascii: " "))) &* 0x100_0000_01b3
    for byte in path.utf8 { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
    return hash
  }

  // MARK: - Reading

  static let magic = Array("LLMLFACT".utf8)
  static let version: UInt32 = 5
  /// Magic, version, entry count, the entry table's length and its checksum.
  static let headerSize = 32

  /// The cached entries, or none when the cache is missing or its entry table is damaged. Only the table is
  /// read (keys and summaries); bodies stay in the file until one is decoded.
  public func load() -> Contents {
    Contents(main: Self.load(path), delta: Self.load(deltaPath))
  }

  private static func load(_ path: String) -> Entries {
    guard let storage = CacheStorage(path: path) else { return Entries() }
    return decode(storage) ?? Entries()
  }

  /// The delta file: entries added since the main file was written, in the same format, so that a run
  /// that adds a few entries writes a few, not the whole cache.
  var deltaPath: String { path + ".delta" }

  /// A loaded cache: the main file's entries and the delta file's.
  public struct Contents: Sendable {
    public let main: Entries
    public let delta: Entries

    public var count: Int { main.count + delta.count }
    public var isEmpty: Bool { main.isEmpty && delta.isEmpty }

    /// The entry for `blob` at `path`, when the cache has one.
    public func lookup(blob: String, path: String) -> CachedFacts? {
      delta.lookup(blob: blob, path: path) ?? main.lookup(blob: blob, path: path)
    }
  }

  /// The cache held in `bytes` (tests and tools).
  static func decode(_ bytes: [UInt8]) -> Entries? { decode(CacheStorage(bytes: bytes)) }

  /// The header and entry table of `storage`; `nil` on damage.
  private static func decode(_ storage: CacheStorage) -> Entries? {
    guard let header = storage.read(0..<headerSize), Array(header[0..<8]) == magic else { return nil }
    var reader = Reader(bytes: header)
    reader.position = 8
    guard reader.u32() == version, let count = reader.u32(), let tableLength = reader.u64(),
      let checksum = reader.u64(), tableLength <= UInt64(max(0, storage.size - headerSize)),
      let table = storage.read(headerSize..<(headerSize + Int(tableLength))), quickHash(table, from: 0) == checksum
    else { return nil }
    guard Int(count) <= table.count / 48 else { return nil }
    let shared = CacheTable(table)
    var entries = Entries(table: shared, capacity: Int(count))
    reader = Reader(bytes: table)
    for _ in 0..<count {
      guard let keyLength = reader.u32(), reader.position + Int(keyLength) <= table.count else { return nil }
      let key = reader.position..<(reader.position + Int(keyLength))
      reader.position = key.upperBound
      guard let line = reader.i32(), let matches = reader.u32(), matches <= 1,
        reader.position + 8 * NameBloom.wordCount <= table.count
      else { return nil }
      // The filter is read in place.
      let bloom = NameBloom(table: shared, offset: reader.position)
      reader.position += 8 * NameBloom.wordCount
      guard let offset = reader.u64(), let length = reader.u32(), let bodyChecksum = reader.u64(),
        offset <= UInt64(Int.max) - UInt64(length)
      else { return nil }
      let summary = FactSummary(liteLLMCallbackLine: line, hasMatches: matches == 1, bloom: bloom)
      let body = Int(offset)..<(Int(offset) + Int(length))
      entries.add(key: key, CachedFacts(summary: summary, storage: storage, body: body, checksum: bodyChecksum))
    }
    return reader.position == table.count ? entries : nil
  }

  /// Entries of a loaded cache, looked up by blob id and path.
  public struct Entries: Sendable {
    /// The entry table: keys are ranges of it.
    private let table: CacheTable
    private var keys: [Range<Int>] = []
    private var values: [CachedFacts] = []
    /// An open-addressing table of key hashes (a power of two, at most half full): each slot holds an
    /// entry's index + 1, or 0.
    private var slots: [Int32] = []
    private var hashes: [UInt64] = []

    init(table: CacheTable? = nil, capacity: Int = 0) {
      self.table = table ?? CacheTable([])
      keys.reserveCapacity(capacity)
      values.reserveCapacity(capacity)
      hashes.reserveCapacity(capacity)
      var size = 16
      while size < 2 * capacity { size *= 2 }
      slots = [Int32](repeating: 0, count: size)
    }

    public var count: Int { values.count }
    public var isEmpty: Bool { values.isEmpty }

    fileprivate mutating func add(key: Range<Int>, _ value: CachedFacts) {
      // `decode` adds exactly the `capacity` entries the slots were sized for.
      let hash = FactCache.fnv(table.bytes[key])
      slots[freeSlot(hash)] = Int32(values.count + 1)
      hashes.append(hash)
      keys.append(key)
      values.append(value)
    }

    /// The first empty slot on `hash`'s probe sequence.
    private func freeSlot(_ hash: UInt64) -> Int {
      var slot = Int(truncatingIfNeeded: hash) & (slots.count - 1)
      while slots[slot] != 0 { slot = (slot + 1) & (slots.count - 1) }
      return slot
    }

    /// The entry for `blob` at `path`, when the cache has one.
    public func lookup(blob: String, path: String) -> CachedFacts? {
      guard !slots.isEmpty else { return nil }
      let hash = FactCache.keyHash(blob: blob, path: path)
      var slot = Int(truncatingIfNeeded: hash) & (slots.count - 1)
      while slots[slot] != 0 {
        let index = Int(slots[slot]) - 1
        if hashes[index] == hash, let found = entry(index, blob: blob, path: path) { return found }
        slot = (slot + 1) & (slots.count - 1)
      }
      return nil
    }

    /// Entry `index` when its key is `blob`, a space and `path`, byte for byte (the hash is only a hint).
    private func entry(_ index: Int, blob: String, path: String) -> CachedFacts? {
      let key = keys[index]
      var blob = blob
      var path = path
      let (blobCount, pathCount) = (blob.utf8.count, path.utf8.count)
      guard key.count == blobCount + 1 + pathCount, table.bytes[key.lowerBound + blobCount] == UInt8(ascii: " ") else {
        return nil
      }
      func matches(_ text: inout String, at offset: Int) -> Bool {
        text.withUTF8 { bytes in
          bytes.isEmpty || table.bytes.withUnsafeBufferPointer { memcmp($0.baseAddress! + offset, bytes.baseAddress!, bytes.count) == 0 }
        }
      }
      return matches(&blob, at: key.lowerBound) && matches(&path, at: key.lowerBound + blobCount + 1) ? values[index] : nil
    }

    /// Every entry by key (tests).
    func all() -> [String: CachedFacts] {
      var result: [String: CachedFacts] = [:]
      for (key, value) in zip(keys, values) { result[String(decoding: table.bytes[key], as: UTF8.self)] = value }
      return result
    }
  }

  /// Decodes one entry's body (already checked against its checksum); `nil` when it does not decode.
  static func decodeBody(_ bytes: [UInt8]) -> FileFacts? {
    var reader = Reader(bytes: bytes)
    guard let facts = reader.facts(), reader.position == bytes.count else { return nil }
    return facts
  }

  // MARK: - Writing

  static func encodeBody(_ facts: FileFacts) -> [UInt8] {
    var payload: [UInt8] = []
    put(&payload, UInt32(facts.names.count))
    for name in facts.names { putString(&payload, name) }
    put(&payload, UInt32(facts.types.count))
    for type in facts.types {
      put(&payload, UInt32(bitPattern: type.name))
      put(&payload, UInt32(type.bases.count))
      for base in type.bases { put(&payload, UInt32(bitPattern: base)) }
    }
    put(&payload, UInt32(facts.functions.count))
    for function in facts.functions {
      for value in [function.name, function.type, function.parent, function.bodyStart, function.bodyEnd, function.line]
      {
        put(&payload, UInt32(bitPattern: value))
      }
    }
    put(&payload, UInt32(facts.calls.count))
    for call in facts.calls {
      for value in [call.name, Int32(call.kind.rawValue), call.qualifier, call.enclosing, call.line, call.tracked ? 1 : 0] {
        put(&payload, UInt32(bitPattern: value))
      }
    }
    put(&payload, UInt32(bitPattern: facts.liteLLMCallbackLine))
    put(&payload, UInt32(facts.liteLLMRegistrations.count))
    for registration in facts.liteLLMRegistrations {
      put(&payload, UInt32(bitPattern: registration.line))
      for list in [registration.classes, registration.integrations] {
        put(&payload, UInt32(list.count))
        for name in list { put(&payload, UInt32(bitPattern: name)) }
      }
    }
    put(&payload, UInt32(facts.matchedFunctions.count))
    for function in facts.matchedFunctions { put(&payload, UInt32(bitPattern: function)) }
    return payload
  }

  /// The whole cache file for `entries`: header, entry table (keys sorted), bodies. An entry whose body
  /// cannot be read any more (a damaged cached one) is left out.
  static func encode(_ entries: [String: FactSource]) -> [UInt8] {
    var table: [UInt8] = []
    var bodies: [UInt8] = []
    var count: UInt32 = 0
    var rows: [(key: String, summary: FactSummary, body: [UInt8])] = []
    for key in entries.keys.sorted() {
      let source = entries[key]!
      let body: [UInt8]
      switch source {
      case .decoded(let facts, _): body = encodeBody(facts)
      case .cached(let cached):
        guard let bytes = cached.bodyBytes() else { continue }
        body = bytes
      }
      rows.append((key, source.summary, body))
    }
    // Bodies start after the header and the table, whose size is known before any offset is written.
    let tableSize = rows.reduce(0) { $0 + 4 + $1.key.utf8.count + 8 + 8 * NameBloom.wordCount + 20 }
    for row in rows {
      putString(&table, row.key)
      put(&table, UInt32(bitPattern: row.summary.liteLLMCallbackLine))
      put(&table, row.summary.hasMatches ? 1 : 0)
      for word in row.summary.bloom.words { put64(&table, word) }
      put64(&table, UInt64(headerSize + tableSize + bodies.count))
      put(&table, UInt32(row.body.count))
      put64(&table, quickHash(row.body, from: 0))
      bodies += row.body
      count += 1
    }
    var bytes = magic
    put(&bytes, version)
    put(&bytes, count)
    put64(&bytes, UInt64(table.count))
    put64(&bytes, quickHash(table, from: 0))
    return bytes + table + bodies
  }

  /// A fast 64-bit hash of `bytes[start...]`, eight bytes at a time (damage detection, not security).
  static func quickHash(_ bytes: [UInt8], from start: Int) -> UInt64 {
    var hash: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ UInt64(bytes.count)
    bytes.withUnsafeBytes { raw in
      var offset = start
      while offset + 8 <= raw.count {
        let word = raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
        hash = (hash ^ word) &* 0x100_0000_01b3
        hash ^= hash >> 29
        offset += 8
      }
      while offset < raw.count {
        hash = (hash ^ UInt64(raw[offset])) &* 0x100_0000_01b3
        offset += 1
      }
    }
    return hash
  }

  /// Writes `entries` whole as the main file and drops the delta file.
  public func store(_ entries: [String: FactSource]) {
    if Self.write(Self.encode(entries), to: path) { unlink(deltaPath) }
  }

  /// Records `new` entries (keys the cache does not have): in the delta file, with the delta's entries,
  /// while there is a main file and the delta stays small next to it (at most an eighth of it, or 256
  /// entries); otherwise by writing the main file whole from `all` (every entry of the project, `new`
  /// included).
  public func add(_ new: [String: FactSource], to loaded: Contents, all: () -> [String: FactSource]) {
    guard !new.isEmpty else { return }
    guard !loaded.main.isEmpty, loaded.delta.count + new.count <= max(256, loaded.main.count / 8) else {
      return store(all())
    }
    var entries = loaded.delta.all().mapValues(FactSource.cached)
    entries.merge(new) { _, added in added }
    _ = Self.write(Self.encode(entries), to: deltaPath)
  }

  /// Writes `bytes` to a temporary file next to `target`, then renames it over `target`; whether it worked.
  private static func write(_ bytes: [UInt8], to target: String) -> Bool {
    let directory = (target as NSString).deletingLastPathComponent
    try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    let temporary = target + ".tmp-\(ProcessInfo.processInfo.processIdentifier)-\(UInt32.random(in: 0...UInt32.max))"
    guard FileManager.default.createFile(atPath: temporary, contents: Data(bytes)) else { return false }
    if rename(temporary, target) != 0 {
      try? FileManager.default.removeItem(atPath: temporary)
      return false
    }
    return true
  }

  // MARK: - Bytes

  static func fnv(_ bytes: ArraySlice<UInt8>) -> UInt64 {
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
    return hash
  }

  private static func put(_ bytes: inout [UInt8], _ value: UInt32) {
    for shift in stride(from: 0, to: 32, by: 8) { bytes.append(UInt8(truncatingIfNeeded: value >> UInt32(shift))) }
  }

  private static func put64(_ bytes: inout [UInt8], _ value: UInt64) {
    for shift in stride(from: 0, to: 64, by: 8) { bytes.append(UInt8(truncatingIfNeeded: value >> UInt64(shift))) }
  }

  private static func putString(_ bytes: inout [UInt8], _ text: String) {
    put(&bytes, UInt32(text.utf8.count))
    bytes += text.utf8
  }

  /// Bounds-checked reading; every failure is `nil`.
  private struct Reader {
    let bytes: [UInt8]
    var position = 0

    mutating func u32() -> UInt32? {
      guard position + 4 <= bytes.count else { return nil }
      var value: UInt32 = 0
      for offset in 0..<4 { value |= UInt32(bytes[position + offset]) << UInt32(8 * offset) }
      position += 4
      return value
    }

    mutating func i32() -> Int32? { u32().map { Int32(bitPattern: $0) } }

    mutating func u64() -> UInt64? {
      guard let low = u32(), let high = u32() else { return nil }
      return UInt64(low) | UInt64(high) << 32
    }

    mutating func string() -> String? {
      guard let count = u32(), position + Int(count) <= bytes.count else { return nil }
      defer { position += Int(count) }
      return String(decoding: bytes[position..<(position + Int(count))], as: UTF8.self)
    }

    mutating func facts() -> FileFacts? {
      var facts = FileFacts()
      guard let nameCount = u32(), Int(nameCount) <= (bytes.count - position) / 4 else { return nil }
      for _ in 0..<nameCount {
        guard let name = string() else { return nil }
        facts.names.append(name)
      }
      let names = Int32(facts.names.count)
      func isName(_ value: Int32) -> Bool { value >= 0 && value < names }
      guard let typeCount = u32(), Int(typeCount) <= (bytes.count - position) / 8 else { return nil }
      for _ in 0..<typeCount {
        guard let name = i32(), isName(name), let baseCount = u32(), Int(baseCount) <= (bytes.count - position) / 4
        else { return nil }
        var bases: [Int32] = []
        for _ in 0..<baseCount {
          guard let base = i32(), isName(base) else { return nil }
          bases.append(base)
        }
        facts.types.append(FileFacts.TypeDefinition(name: name, bases: bases))
      }
      guard let functionCount = u32(), Int(functionCount) <= (bytes.count - position) / 24 else { return nil }
      for _ in 0..<functionCount {
        guard let name = i32(), let type = i32(), let parent = i32(), let start = i32(), let end = i32(),
          let line = i32(), isName(name), type == -1 || isName(type), parent >= -1,
          parent < Int32(facts.functions.count), start <= end
        else { return nil }
        facts.functions.append(
          FileFacts.Function(name: name, type: type, parent: parent, bodyStart: start, bodyEnd: end, line: line))
      }
      guard let callCount = u32(), Int(callCount) <= (bytes.count - position) / 24 else { return nil }
      for _ in 0..<callCount {
        guard let name = i32(), let kindValue = i32(), let qualifier = i32(), let enclosing = i32(), let line = i32(),
          let tracked = i32(), isName(name), qualifier == -1 || isName(qualifier),
          let kind = FileFacts.CallKind(rawValue: Int8(clamping: kindValue)), kindValue == Int32(kind.rawValue),
          enclosing >= -1, enclosing < Int32(facts.functions.count), tracked == 0 || tracked == 1
        else { return nil }
        facts.calls.append(
          FileFacts.Call(
            name: name, kind: kind, qualifier: qualifier, enclosing: enclosing, line: line, tracked: tracked == 1))
      }
      guard let liteLLM = i32() else { return nil }
      facts.liteLLMCallbackLine = liteLLM
      guard let registrationCount = u32(), Int(registrationCount) <= (bytes.count - position) / 12 else { return nil }
      for _ in 0..<registrationCount {
        guard let line = i32() else { return nil }
        var lists: [[Int32]] = []
        for _ in 0..<2 {
          guard let listCount = u32(), Int(listCount) <= (bytes.count - position) / 4 else { return nil }
          var list: [Int32] = []
          for _ in 0..<listCount {
            guard let name = i32(), isName(name) else { return nil }
            list.append(name)
          }
          lists.append(list)
        }
        facts.liteLLMRegistrations.append(
          FileFacts.CallbackRegistration(line: line, classes: lists[0], integrations: lists[1]))
      }
      guard let matchedCount = u32(), Int(matchedCount) <= (bytes.count - position) / 4 else { return nil }
      for _ in 0..<matchedCount {
        guard let function = i32(), function >= 0, function < Int32(facts.functions.count) else { return nil }
        facts.matchedFunctions.append(function)
      }
      return facts
    }
  }
}

/// A loaded cache's entry table, shared by the Bloom filters read in place from it.
final class CacheTable: Sendable {
  let bytes: [UInt8]

  init(_ bytes: [UInt8]) { self.bytes = bytes }

  /// The little-endian word at `offset`.
  @inline(__always) func word(at offset: Int) -> UInt64 {
    bytes.withUnsafeBytes { UInt64(littleEndian: $0.loadUnaligned(fromByteOffset: offset, as: UInt64.self)) }
  }
}

/// Where a loaded cache's bodies are read from: the cache file, kept open so that a cache renamed over it
/// meanwhile does not mix with it, or bytes in memory.
final class CacheStorage: Sendable {
  private let descriptor: Int32
  private let bytes: [UInt8]
  /// The file's size when it was opened (or the bytes' count): no read past it is attempted, so a length
  /// read from a damaged file never allocates more than the file holds.
  let size: Int

  /// Opens the cache file at `path` when it is a regular file. Opened non-blocking, so a FIFO or a device
  /// put at the cache's path never blocks the run.
  init?(path: String) {
    let descriptor = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY)
    if descriptor < 0 { return nil }
    var status = stat()
    guard fstat(descriptor, &status) == 0, (status.st_mode & S_IFMT) == S_IFREG else {
      close(descriptor)
      return nil
    }
    self.descriptor = descriptor
    self.size = Int(status.st_size)
    bytes = []
  }

  init(bytes: [UInt8]) {
    descriptor = -1
    self.bytes = bytes
    size = bytes.count
  }

  deinit { if descriptor >= 0 { close(descriptor) } }

  /// The bytes at `range`, or `nil` when the file is shorter.
  func read(_ range: Range<Int>) -> [UInt8]? {
    guard range.lowerBound >= 0, range.upperBound <= size else { return nil }
    guard descriptor >= 0 else { return Array(bytes[range]) }
    var failed = false
    let result = [UInt8](unsafeUninitializedCapacity: range.count) { buffer, initialized in
      var done = 0
      while done < range.count {
        let count = pread(descriptor, buffer.baseAddress! + done, range.count - done, off_t(range.lowerBound + done))
        if count > 0 {
          done += count
        } else if count < 0 && errno == EINTR {
          continue
        } else {
          failed = true
          break
        }
      }
      initialized = done
    }
    return failed ? nil : result
  }
}

/// One cached entry: its summary, and where its body is.
public struct CachedFacts: Sendable {
  public let summary: FactSummary
  let storage: CacheStorage
  let body: Range<Int>
  let checksum: UInt64

  /// The encoded body, checked; `nil` when it cannot be read or is damaged.
  func bodyBytes() -> [UInt8]? {
    guard let bytes = storage.read(body), FactCache.quickHash(bytes, from: 0) == checksum else { return nil }
    return bytes
  }

  /// The whole facts; `nil` when the body cannot be read or is damaged (the file is then read again).
  func decode() -> FileFacts? { bodyBytes().flatMap(FactCache.decodeBody) }
}

/// What the resolver needs of a cached file before deciding whether to decode it.
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

/// A file's facts for the index store: decoded, or cached and decoded on demand.
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
