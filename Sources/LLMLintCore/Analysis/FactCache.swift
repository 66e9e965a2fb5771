import Foundation
import Synchronization

/// Per-file facts cached by git blob id, in one file outside the repository, so a warm `--staged` run
/// reads and tokenizes only the files that changed, and reads of the cache only what its verdicts need.
///
/// Location: `$XDG_CACHE_HOME/llmlint/` or `~/.cache/llmlint/`, one file per work tree and configuration of
/// what facts depend on (`facts-v6-<rules>-<work tree>.bin`: two repositories, or two configs of one, never
/// evict each other's entries). Entries are keyed by blob id and path (tracked-path globs depend on the path).
///
/// An entry is *analyzed* (its whole facts, the body, are kept) or *set aside* (the file has no anchor
/// word, so no finding of its own: only what finds it later is kept — the words of its type headers).
/// Every entry has a signature: a `signatureBits`-bit Bloom filter of its identifier runs (set aside:
/// every run of the file; analyzed: the runs of its facts' names), stored *bit-sliced* — one slice per
/// bit position, each slice one bit per entry — so asking which entries may hold a name reads two slices
/// of `count / 8` bytes per identifier run, whatever the number of entries, instead of testing each one.
///
/// The file is a header, the entry table (keys, kinds, where each body is and its checksum, the header
/// words of set-aside entries, then one checksum per slice), the slices, and the bodies. `load` reads the
/// header and the table; a slice is read (and checked) when a search needs it, a body when the resolver
/// decodes it. A run that adds a few entries (a commit's new blobs, files read for the first time) writes
/// them to a small delta file beside the main one; the main file is written whole when the delta grows
/// past an eighth of it or a quarter of its entries are no longer used.
///
/// Safe under concurrent runs: a run writes a temporary file in the same directory and renames it over
/// the cache, so a reader sees an old or a new cache whole, never a mix; the last writer wins. Damage to
/// the header or table (wrong magic, version or checksum, truncation, an index out of range) makes `load`
/// return nothing, and the run reads the files again; a damaged slice counts as every entry holding
/// every name (more files are read, none is missed); a damaged body fails its own checksum when decoded,
/// and that file is read again. Failing to write is silent: the cache is an optimisation.
public struct FactCache: Sendable {
  public let path: String

  public init(path: String) {
    self.path = path
  }


  /// The user's cache directory for llmlint: `$XDG_CACHE_HOME/llmlint` (an absolute one), else
  /// `$HOME/.cache/llmlint`; `nil` when neither is set.
  public static func userDirectory(environment: [String: String]) -> String? {
    if let xdg = environment["XDG_CACHE_HOME"], xdg.hasPrefix("/") { return xdg + "/llmlint" }
    if let home = environment["HOME"], !home.isEmpty { return home + "/.cache/llmlint" }
    return nil
  }

  /// The cache in `directory` for a rule set (its `fingerprint`) in the work tree `repository` (its root's
  /// absolute path).
  public static func inDirectory(_ directory: String, fingerprint: String, repository: String) -> FactCache {
    let tree = String(fnv(Array(repository.utf8)[...]), radix: 16)
    return FactCache(path: directory + "/facts-v\(version)-\(fingerprint)-\(tree).bin")
  }

  /// A hex digest of what the facts depend on in the rule set: the rules (which calls match), the tracked
  /// contexts, skipped segments, HTTP endpoints, LiteLLM coverage and tracked-path globs with their bases.
  /// Each is hashed whole by `FingerprintEncoder` through its synthesized `Encodable` conformance, so a
  /// field added to any of these types is in the key without anyone remembering to add it. None of them
  /// holds a set or a dictionary, whose order differs between processes (a test checks the key is stable).
  public static func fingerprint(_ ruleSet: RuleSet) -> String {
    // Whether a shown path is under a tracked path depends on where the config and the current directory are.
    let scope = ruleSet.tracked.paths.isEmpty ? nil : ruleSet.trackedPathScope
    let key = FingerprintKey(
      rules: ruleSet.rules, tracked: ruleSet.tracked, skipSegments: ruleSet.skipSegments,
      httpEndpoints: ruleSet.httpEndpoints, liteLLMCoverage: ruleSet.liteLLMCoverage,
      trackedPaths: ruleSet.trackedPathGlobs.patterns.map { $0.base + "/" + $0.pattern }, scope: scope)
    return String(FingerprintEncoder.digest(key), radix: 16)
  }

  /// What a rule set's facts depend on (the format's version is part of the file name).
  private struct FingerprintKey: Encodable {
    var version = 3
    var rules: [Rule]
    var tracked: TrackedContexts
    var skipSegments: [NamedItem]
    var httpEndpoints: [NamedItem]
    var liteLLMCoverage: LiteLLMCoverage
    var trackedPaths: [String]
    var scope: TrackedPathScope?
  }

  static func key(blob: String, path: String) -> String { blob + " " + path }

  /// The hash of `blob` and `path` that entries are looked up by (eight bytes at a time: it runs once per
  /// file of the index).
  static func keyHash(blob: String, path: String) -> UInt64 {
    var (blob, path) = (blob, path)
    return blob.withUTF8 { blob in path.withUTF8 { path in keyHash(blob, path) } }
  }

  static func keyHash(_ blob: UnsafeBufferPointer<UInt8>, _ path: UnsafeBufferPointer<UInt8>) -> UInt64 {
    func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
      bytes.isEmpty ? 0x51 : NameHash.of(bytes, 0, bytes.count)
    }
    return hash(blob) &* 0x9E37_79B9_7F4A_7C15 ^ hash(path)
  }

  /// `keyHash` of a key as stored: the blob id, a space, the path.
  static func keyHash(stored key: UnsafeBufferPointer<UInt8>) -> UInt64 {
    let space = key.firstIndex(of: UInt8(ascii: " ")) ?? key.count
    let path =
      space < key.count
      ? UnsafeBufferPointer(rebasing: key[(space + 1)...]) : UnsafeBufferPointer(rebasing: key[key.count...])
    return keyHash(UnsafeBufferPointer(rebasing: key[..<space]), path)
  }

  // MARK: - Reading

  static let magic = Array("LLMLFACT".utf8)
  static let version: UInt32 = 6
  /// Magic, version, entry count, the entry table's length and its checksum.
  static let headerSize = 32
  /// Bits in an entry's signature (a power of two): the number of slices.
  static let signatureBits = 2048
  /// The fewest bytes an entry takes in the table (a set-aside entry with an empty key and no header word).
  static let minimumRowSize = 17

  /// The cached entries, or none when the cache is missing or its entry table is damaged. Only the table is
  /// read (keys and kinds); slices and bodies stay in the file until a search or a decode needs them.
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

    /// The entry for `blob` at `path`, when the cache has one (the delta's first).
    public func lookup(blob: String, path: String) -> CachedEntry? {
      guard !isEmpty else { return nil }
      let hash = FactCache.keyHash(blob: blob, path: path)
      return delta.lookup(hash: hash, blob: blob, path: path) ?? main.lookup(hash: hash, blob: blob, path: path)
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
    guard Int(count) <= table.count / minimumRowSize else { return nil }
    let count32 = Int(count)
    let sliceWords = (count32 + 63) / 64
    let slicesStart = headerSize + table.count
    // The slices must be in the file: a search never reads past it.
    guard table.count >= 8 * signatureBits, slicesStart + signatureBits * sliceWords * 8 <= storage.size else {
      return nil
    }
    let shared = CacheTable(table)
    var entries = Entries.Builder(capacity: count32)
    reader = Reader(bytes: table)
    let rowsEnd = table.count - 8 * signatureBits
    for _ in 0..<count32 {
      guard let keyLength = reader.u32(), Int(keyLength) <= rowsEnd - reader.position else { return nil }
      let key = reader.position..<(reader.position + Int(keyLength))
      reader.position = key.upperBound
      // The key's hash, stored so loading hashes nothing (a wrong one only misses its entry).
      guard let keyHash = reader.u64(), reader.position < rowsEnd else { return nil }
      let flags = table[reader.position]
      reader.position += 1
      guard flags & ~Row.known == 0 else { return nil }
      let row: Row
      if flags & Row.analyzed != 0 {
        guard let offset = reader.u64(), let length = reader.u32(), let bodyChecksum = reader.u64(),
          offset <= UInt64(storage.size), UInt64(length) <= UInt64(storage.size) - offset
        else { return nil }
        row = Row(flags: flags, start: Int(offset), count: Int(length), checksum: bodyChecksum)
      } else {
        guard flags & Row.hasMatches == 0, let words = reader.u32(), Int(words) <= (rowsEnd - reader.position) / 8
        else { return nil }
        row = Row(flags: flags, start: reader.position, count: Int(words), checksum: 0)
        reader.position += 8 * Int(words)
      }
      guard reader.position <= rowsEnd else { return nil }
      entries.add(key: key, hash: keyHash, row)
    }
    guard reader.position == rowsEnd else { return nil }
    return Entries(
      table: shared, building: entries,
      slices: SliceReader(storage: storage, table: shared, checksums: rowsEnd, start: slicesStart, words: sliceWords))
  }

  /// One entry of a loaded cache's table.
  struct Row: Sendable {
    static let analyzed: UInt8 = 1
    static let hasMatches: UInt8 = 2
    static let headersOverflow: UInt8 = 4
    static let known: UInt8 = 7

    var flags: UInt8
    /// Analyzed: the body's offset in the file and its length. Set aside: the offset of its header words
    /// in the table and their number.
    var start: Int
    var count: Int
    var checksum: UInt64
  }

  /// Entries of a loaded cache, looked up by blob id and path.
  public final class Entries: @unchecked Sendable {
    // Filled by `decode` before it is shared, never changed after.
    /// The entry table: keys are ranges of it.
    fileprivate let table: CacheTable
    private let keys: [Range<Int>]
    fileprivate let rows: [Row]
    /// An open-addressing table of key hashes (a power of two, at most half full): each slot holds an
    /// entry's index + 1, or 0.
    private let slots: [Int32]
    private let hashes: [UInt64]
    fileprivate let slices: SliceReader?

    /// The entries of `table` built (every field a constant: a lookup checks no exclusive access).
    fileprivate init(table: CacheTable, building: Builder, slices: SliceReader?) {
      self.table = table
      keys = building.keys
      rows = building.rows
      slots = building.slots
      hashes = building.hashes
      self.slices = slices
    }

    /// No entries.
    convenience init() { self.init(table: CacheTable([]), building: Builder(capacity: 0), slices: nil) }

    /// The rows of a table being decoded, and their open-addressing slots.
    fileprivate struct Builder {
      var keys: [Range<Int>] = []
      var rows: [Row] = []
      var slots: [Int32]
      var hashes: [UInt64] = []

      init(capacity: Int) {
        keys.reserveCapacity(capacity)
        rows.reserveCapacity(capacity)
        hashes.reserveCapacity(capacity)
        var size = 16
        while size < 2 * capacity { size *= 2 }
        slots = [Int32](repeating: 0, count: size)
      }

      mutating func add(key: Range<Int>, hash: UInt64, _ row: Row) {
        // `decode` adds exactly the `capacity` entries the slots were sized for.
        var slot = Int(truncatingIfNeeded: hash) & (slots.count - 1)
        while slots[slot] != 0 { slot = (slot + 1) & (slots.count - 1) }
        slots[slot] = Int32(rows.count + 1)
        hashes.append(hash)
        keys.append(key)
        rows.append(row)
      }
    }

    public var count: Int { rows.count }
    public var isEmpty: Bool { rows.isEmpty }

    /// The entry for `blob` at `path`, when the cache has one.
    public func lookup(blob: String, path: String) -> CachedEntry? {
      guard !rows.isEmpty else { return nil }
      return lookup(hash: FactCache.keyHash(blob: blob, path: path), blob: blob, path: path)
    }

    /// `lookup(blob:path:)` where `hash` is the key's `keyHash`.
    func lookup(hash: UInt64, blob: String, path: String) -> CachedEntry? {
      guard !rows.isEmpty else { return nil }
      var slot = Int(truncatingIfNeeded: hash) & (slots.count - 1)
      while slots[slot] != 0 {
        let index = Int(slots[slot]) - 1
        if hashes[index] == hash, matches(index, blob: blob, path: path) { return entry(index) }
        slot = (slot + 1) & (slots.count - 1)
      }
      return nil
    }

    func entry(_ index: Int) -> CachedEntry { CachedEntry(entries: self, index: index) }

    /// Whether entry `index`'s key is `blob`, a space and `path`, byte for byte (the hash is only a hint).
    private func matches(_ index: Int, blob: String, path: String) -> Bool {
      let key = keys[index]
      var blob = blob
      var path = path
      let (blobCount, pathCount) = (blob.utf8.count, path.utf8.count)
      guard key.count == blobCount + 1 + pathCount, table.bytes[key.lowerBound + blobCount] == UInt8(ascii: " ") else {
        return false
      }
      func matches(_ text: inout String, at offset: Int) -> Bool {
        text.withUTF8 { bytes in
          bytes.isEmpty
            || table.bytes.withUnsafeBufferPointer {
              memcmp($0.baseAddress! + offset, bytes.baseAddress!, bytes.count) == 0
            }
        }
      }
      return matches(&blob, at: key.lowerBound) && matches(&path, at: key.lowerBound + blobCount + 1)
    }

    /// Every entry by key (tests, and the delta's entries when it is written again).
    func all() -> [String: CachedEntry] {
      var result: [String: CachedEntry] = [:]
      for (index, key) in keys.enumerated() { result[String(decoding: table.bytes[key], as: UTF8.self)] = entry(index) }
      return result
    }

    /// The entries whose signature may hold one of the names given as the hashes of their identifier runs
    /// (a name without a run may be anywhere), as a bit set over entry indices.
    func mayHold(_ names: [[UInt64]]) -> [UInt64] {
      let words = (rows.count + 63) / 64
      var result = [UInt64](repeating: 0, count: words)
      guard words > 0, let slices else { return result }
      for runs in names {
        var name = [UInt64](repeating: ~0, count: words)
        for run in runs {
          let (a, b) = FactCache.signaturePositions(run)
          for bit in [a, b] {
            // A damaged slice rules nothing out.
            guard let slice = slices.slice(bit) else { continue }
            for word in 0..<words { name[word] &= slice[word] }
          }
        }
        for word in 0..<words { result[word] |= name[word] }
      }
      if rows.count % 64 != 0 { result[words - 1] &= (1 << UInt64(rows.count % 64)) &- 1 }
      return result
    }

    /// Signature bit `bit` of every entry (`nil`: damaged or unreadable — every entry may hold it).
    fileprivate func slice(_ bit: Int) -> [UInt64]? { slices?.slice(bit) }

    /// The header words of a set-aside entry.
    fileprivate func headerWords(_ index: Int) -> [UInt64] {
      let row = rows[index]
      guard row.flags & Row.analyzed == 0 else { return [] }
      return (0..<row.count).map { table.word(at: row.start + 8 * $0) }
    }

    fileprivate var storage: CacheStorage? { slices?.storage }
  }

  /// The two signature bits of an identifier run's hash (the same two a `WordBloom` of `signatureBits`
  /// bits sets).
  @inline(__always) static func signaturePositions(_ hash: UInt64) -> (Int, Int) {
    (Int(truncatingIfNeeded: hash) & (signatureBits - 1), Int(truncatingIfNeeded: hash >> 32) & (signatureBits - 1))
  }

  /// Decodes one entry's body (already checked against its checksum); `nil` when it does not decode.
  static func decodeBody(_ bytes: [UInt8]) -> FileFacts? {
    var reader = Reader(bytes: bytes)
    guard let facts = reader.facts(), reader.position == bytes.count else { return nil }
    return facts
  }

  /// Whether a body's names table holds one of the names of `probe` (`nil`: the table does not decode).
  /// Reads the names only, without decoding the rest of the facts, each looked up in place (length, hash,
  /// bytes): the exact test after a signature said "may".
  static func bodyNames(_ body: [UInt8], holdAnyOf probe: NameTable<Bool>) -> Bool? {
    body.withUnsafeBufferPointer { bytes -> Bool? in
      var reader = Reader(bytes: body)
      guard let count = reader.items(1) else { return nil }
      var found = false
      for _ in 0..<count {
        guard let length = reader.count(), length <= bytes.count - reader.position else { return nil }
        let start = reader.position
        reader.position += length
        if !found, probe.lookup(bytes, start: start, count: length) != nil { found = true }
      }
      return found
    }
  }

  // MARK: - Writing

  /// A body: every field of a file's facts, integers as LEB128 varints (signed ones zigzagged), names as
  /// a length and their bytes.
  static func encodeBody(_ facts: FileFacts) -> [UInt8] {
    var payload: [UInt8] = []
    payload.reserveCapacity(64 + 12 * facts.names.count + 8 * facts.calls.count)
    putVar(&payload, facts.names.count)
    for name in facts.names {
      putVar(&payload, name.utf8.count)
      payload += name.utf8
    }
    putVar(&payload, facts.types.count)
    for type in facts.types {
      putSigned(&payload, type.name)
      putVar(&payload, type.bases.count)
      for base in type.bases { putSigned(&payload, base) }
    }
    putVar(&payload, facts.functions.count)
    for function in facts.functions {
      for value in [function.name, function.type, function.parent, function.bodyStart, function.bodyEnd, function.line]
      {
        putSigned(&payload, value)
      }
    }
    putVar(&payload, facts.calls.count)
    for call in facts.calls {
      for value in [
        call.name, Int32(call.kind.rawValue), call.qualifier, call.enclosing, call.line, call.tracked ? 1 : 0,
      ] {
        putSigned(&payload, value)
      }
    }
    putSigned(&payload, facts.liteLLMCallbackLine)
    putVar(&payload, facts.liteLLMRegistrations.count)
    for registration in facts.liteLLMRegistrations {
      putSigned(&payload, registration.line)
      for list in [registration.classes, registration.integrations] {
        putVar(&payload, list.count)
        for name in list { putSigned(&payload, name) }
      }
    }
    putVar(&payload, facts.matchedFunctions.count)
    for function in facts.matchedFunctions { putSigned(&payload, function) }
    return payload
  }

  /// The whole cache file for `entries`: header, entry table (keys sorted), slices, bodies. A cached entry
  /// whose body cannot be read any more (damaged) is left out.
  static func encode(_ entries: [String: CacheEntry]) -> [UInt8] {
    struct Out {
      var key: String
      var flags: UInt8
      var body: [UInt8] = []
      var headerWords: [UInt64] = []
    }
    var rows: [Out] = []
    var sources: [CacheEntry] = []
    for key in entries.keys.sorted() {
      let source = entries[key]!
      var row = Out(key: key, flags: 0)
      switch source {
      case .analyzed(let facts):
        row.flags = Row.analyzed | (facts.matchedFunctions.isEmpty ? 0 : Row.hasMatches)
        row.body = encodeBody(facts)
      case .setAside(let bloom):
        row.flags = bloom.headersOverflow ? Row.headersOverflow : 0
        row.headerWords = bloom.headerWords
      case .cached(let cached):
        row.flags = cached.row.flags
        if cached.isAnalyzed {
          guard let body = cached.bodyBytes() else { continue }
          row.body = body
        } else {
          row.headerWords = cached.headerWords
        }
      }
      rows.append(row)
      sources.append(source)
    }
    let words = (rows.count + 63) / 64
    var slices = [UInt64](repeating: 0, count: signatureBits * words)
    func set(_ bit: Int, _ entry: Int) { slices[bit * words + entry >> 6] |= 1 << UInt64(entry & 63) }
    var carried: [ObjectIdentifier: (Entries, [(from: Int, to: Int)])] = [:]
    for (entry, source) in sources.enumerated() {
      switch source {
      case .analyzed(let facts):
        for name in facts.names {
          for run in WordBloom.runs(of: name) {
            let (a, b) = signaturePositions(run)
            set(a, entry)
            set(b, entry)
          }
        }
      case .setAside(let bloom):
        bloom.forEachSignatureBit(width: signatureBits) { set($0, entry) }
      case .cached(let cached):
        carried[ObjectIdentifier(cached.entries), default: (cached.entries, [])].1.append((cached.index, entry))
      }
    }
    for (entries, moves) in carried.values {
      for bit in 0..<signatureBits {
        guard let slice = entries.slice(bit) else {
          for move in moves { set(bit, move.to) }
          continue
        }
        for move in moves where slice[move.from >> 6] >> UInt64(move.from & 63) & 1 != 0 { set(bit, move.to) }
      }
    }
    // Offsets: the table's size is known before any is written.
    var tableSize = 8 * signatureBits
    for row in rows {
      tableSize += 4 + row.key.utf8.count + 8 + 1 + (row.flags & Row.analyzed != 0 ? 20 : 4 + 8 * row.headerWords.count)
    }
    let slicesSize = signatureBits * words * 8
    var bodyOffset = headerSize + tableSize + slicesSize
    var table: [UInt8] = []
    table.reserveCapacity(tableSize)
    for row in rows {
      put(&table, UInt32(row.key.utf8.count))
      table += row.key.utf8
      var key = row.key
      put64(&table, key.withUTF8 { keyHash(stored: $0) })
      table.append(row.flags)
      if row.flags & Row.analyzed != 0 {
        put64(&table, UInt64(bodyOffset))
        put(&table, UInt32(row.body.count))
        put64(&table, quickHash(row.body, from: 0))
        bodyOffset += row.body.count
      } else {
        put(&table, UInt32(row.headerWords.count))
        for word in row.headerWords { put64(&table, word) }
      }
    }
    slices.withUnsafeBytes { raw in
      for bit in 0..<signatureBits {
        put64(&table, quickHash(UnsafeRawBufferPointer(rebasing: raw[(bit * words * 8)..<((bit + 1) * words * 8)])))
      }
    }
    var bytes = magic
    bytes.reserveCapacity(bodyOffset)
    put(&bytes, version)
    put(&bytes, UInt32(rows.count))
    put64(&bytes, UInt64(table.count))
    put64(&bytes, quickHash(table, from: 0))
    bytes += table
    for word in slices { put64(&bytes, word) }
    for row in rows { bytes += row.body }
    return bytes
  }

  /// A fast 64-bit hash of `bytes[start...]`, eight bytes at a time (damage detection, not security).
  static func quickHash(_ bytes: [UInt8], from start: Int) -> UInt64 {
    bytes.withUnsafeBytes { quickHash(UnsafeRawBufferPointer(rebasing: $0[start...]), seedCount: bytes.count) }
  }

  static func quickHash(_ raw: UnsafeRawBufferPointer, seedCount: Int? = nil) -> UInt64 {
    var hash: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ UInt64(seedCount ?? raw.count)
    var offset = 0
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
    return hash
  }

  /// Writes `entries` whole as the main file and drops the delta file.
  func store(_ entries: [String: CacheEntry]) {
    if Self.write(Self.encode(entries), to: path) { unlink(deltaPath) }
  }

  /// Records `new` entries (keys the cache does not have, or has as set aside): in the delta file, with
  /// the delta's entries, while there is a main file and the delta stays small next to it (at most an
  /// eighth of it, or 256 entries); otherwise by writing the main file whole from `all` (every entry of
  /// the project, `new` included).
  func add(_ new: [String: CacheEntry], to loaded: Contents, all: () -> [String: CacheEntry]) {
    guard !new.isEmpty else { return }
    guard !loaded.main.isEmpty, loaded.delta.count + new.count <= max(256, loaded.main.count / 8) else {
      return store(all())
    }
    var entries = loaded.delta.all().mapValues(CacheEntry.cached)
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

  private static func putVar(_ bytes: inout [UInt8], _ value: Int) {
    var value = UInt64(value)
    while value >= 0x80 {
      bytes.append(UInt8(truncatingIfNeeded: value) | 0x80)
      value >>= 7
    }
    bytes.append(UInt8(value))
  }

  /// A signed value zigzagged (`-1` is one byte).
  private static func putSigned(_ bytes: inout [UInt8], _ value: Int32) {
    putVar(&bytes, Int(UInt32(bitPattern: (value << 1) ^ (value >> 31))))
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

    mutating func u64() -> UInt64? {
      guard let low = u32(), let high = u32() else { return nil }
      return UInt64(low) | UInt64(high) << 32
    }

    /// An unsigned varint of at most 32 bits, in its shortest form (so an encoding is unique).
    mutating func varint() -> UInt32? {
      var value: UInt64 = 0
      var shift: UInt64 = 0
      while position < bytes.count, shift < 35 {
        let byte = bytes[position]
        position += 1
        value |= UInt64(byte & 0x7F) << shift
        if byte & 0x80 == 0 {
          guard value <= UInt64(UInt32.max), byte != 0 || shift == 0 else { return nil }
          return UInt32(value)
        }
        shift += 7
      }
      return nil
    }

    mutating func count() -> Int? { varint().map(Int.init) }

    mutating func signed() -> Int32? {
      guard let raw = varint() else { return nil }
      return Int32(bitPattern: (raw >> 1) ^ (0 &- (raw & 1)))
    }

    mutating func string() -> String? {
      guard let count = count(), count <= bytes.count - position else { return nil }
      defer { position += count }
      return String(decoding: bytes[position..<(position + count)], as: UTF8.self)
    }

    /// At most as many items as bytes remain (each takes at least `size` bytes): no count read from a
    /// damaged body allocates more than the body holds.
    mutating func items(_ size: Int) -> Int? {
      guard let count = count(), count <= (bytes.count - position) / size else { return nil }
      return count
    }

    mutating func facts() -> FileFacts? {
      var facts = FileFacts()
      guard let nameCount = items(1) else { return nil }
      facts.names.reserveCapacity(nameCount)
      for _ in 0..<nameCount {
        guard let name = string() else { return nil }
        facts.names.append(name)
      }
      let names = Int32(facts.names.count)
      func isName(_ value: Int32) -> Bool { value >= 0 && value < names }
      guard let typeCount = items(2) else { return nil }
      for _ in 0..<typeCount {
        guard let name = signed(), isName(name), let baseCount = items(1) else { return nil }
        var bases: [Int32] = []
        for _ in 0..<baseCount {
          guard let base = signed(), isName(base) else { return nil }
          bases.append(base)
        }
        facts.types.append(FileFacts.TypeDefinition(name: name, bases: bases))
      }
      guard let functionCount = items(6) else { return nil }
      facts.functions.reserveCapacity(functionCount)
      for _ in 0..<functionCount {
        guard let name = signed(), let type = signed(), let parent = signed(), let start = signed(), let end = signed(),
          let line = signed(), isName(name), type == -1 || isName(type), parent >= -1,
          parent < Int32(facts.functions.count), start <= end
        else { return nil }
        facts.functions.append(
          FileFacts.Function(name: name, type: type, parent: parent, bodyStart: start, bodyEnd: end, line: line))
      }
      guard let callCount = items(6) else { return nil }
      facts.calls.reserveCapacity(callCount)
      for _ in 0..<callCount {
        guard let name = signed(), let kindValue = signed(), let qualifier = signed(), let enclosing = signed(),
          let line = signed(), let tracked = signed(), isName(name), qualifier == -1 || isName(qualifier),
          let kind = FileFacts.CallKind(rawValue: Int8(clamping: kindValue)), kindValue == Int32(kind.rawValue),
          enclosing >= -1, enclosing < Int32(facts.functions.count), tracked == 0 || tracked == 1
        else { return nil }
        facts.calls.append(
          FileFacts.Call(
            name: name, kind: kind, qualifier: qualifier, enclosing: enclosing, line: line, tracked: tracked == 1))
      }
      guard let liteLLM = signed() else { return nil }
      facts.liteLLMCallbackLine = liteLLM
      guard let registrationCount = items(3) else { return nil }
      for _ in 0..<registrationCount {
        guard let line = signed() else { return nil }
        var lists: [[Int32]] = []
        for _ in 0..<2 {
          guard let listCount = items(1) else { return nil }
          var list: [Int32] = []
          for _ in 0..<listCount {
            guard let name = signed(), isName(name) else { return nil }
            list.append(name)
          }
          lists.append(list)
        }
        facts.liteLLMRegistrations.append(
          FileFacts.CallbackRegistration(line: line, classes: lists[0], integrations: lists[1]))
      }
      guard let matchedCount = items(1) else { return nil }
      for _ in 0..<matchedCount {
        guard let function = signed(), function >= 0, function < Int32(facts.functions.count) else { return nil }
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

/// Where a loaded cache's slices are read from, each once, when a search first needs it; a slice that
/// cannot be read or fails its checksum is `nil`.
final class SliceReader: Sendable {
  let storage: CacheStorage
  private let table: CacheTable
  /// Offset in the table of the slices' checksums; offset in the file of the first slice; words a slice.
  private let checksums: Int
  private let start: Int
  private let words: Int
  private let read = Mutex<[Int: [UInt64]?]>([:])

  init(storage: CacheStorage, table: CacheTable, checksums: Int, start: Int, words: Int) {
    self.storage = storage
    self.table = table
    self.checksums = checksums
    self.start = start
    self.words = words
  }

  func slice(_ bit: Int) -> [UInt64]? {
    if let known = read.withLock({ $0[bit] }) { return known }
    var slice: [UInt64]? = nil
    let offset = start + bit * words * 8
    if let bytes = storage.read(offset..<(offset + words * 8)),
      bytes.withUnsafeBytes({ FactCache.quickHash($0) }) == table.word(at: checksums + 8 * bit)
    {
      slice = bytes.withUnsafeBytes { raw in
        (0..<words).map { UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: 8 * $0, as: UInt64.self)) }
      }
    }
    read.withLock { $0[bit] = .some(slice) }
    return slice
  }
}

/// One entry of a loaded cache: analyzed (with a body) or set aside (with its header words).
public struct CachedEntry: Sendable {
  let entries: FactCache.Entries
  let index: Int

  var row: FactCache.Row { entries.rows[index] }
  var isAnalyzed: Bool { row.flags & FactCache.Row.analyzed != 0 }
  var hasMatches: Bool { row.flags & FactCache.Row.hasMatches != 0 }
  var headersOverflow: Bool { row.flags & FactCache.Row.headersOverflow != 0 }
  var headerWords: [UInt64] { entries.headerWords(index) }

  /// The encoded body, checked; `nil` when it cannot be read or is damaged (or the entry is set aside).
  func bodyBytes() -> [UInt8]? {
    guard isAnalyzed, let storage = entries.storage else { return nil }
    let row = self.row
    guard let bytes = storage.read(row.start..<(row.start + row.count)),
      FactCache.quickHash(bytes, from: 0) == row.checksum
    else { return nil }
    return bytes
  }

  /// The whole facts; `nil` when the body cannot be read or is damaged (the file is then read again) or
  /// the entry is set aside.
  func decode() -> FileFacts? { bodyBytes().flatMap(FactCache.decodeBody) }
}

/// What the cache is given to keep for a file: facts extracted now, a set-aside file's words, or an
/// entry of the loaded cache carried over.
enum CacheEntry: Sendable {
  case analyzed(FileFacts)
  case setAside(WordBloom)
  case cached(CachedEntry)
}
