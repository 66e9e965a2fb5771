import Foundation

/// Per-file facts cached by git blob id, in one file outside the repository, so a warm `--staged` run
/// reads and tokenizes only the files that changed.
///
/// Location: `$XDG_CACHE_HOME/llmlint/` or `~/.cache/llmlint/`, one file per tracked-context
/// configuration (`facts-v2-<hash>.bin`), since a call site's "tracked" flag depends on it. Entries are
/// keyed by blob id and path (tracked-path globs depend on the path).
///
/// Each entry has a small summary (a LiteLLM callback line, whether the file has rule matches, a Bloom
/// filter of its names) and a body (the whole facts); `load` reads the summaries and leaves bodies
/// encoded, and the resolver decodes only the files whose names can matter (`ProjectFacts.resolve`).
///
/// Safe under concurrent runs: a run writes a temporary file in the same directory and renames it over
/// the cache, so a reader sees an old or a new cache whole, never a mix; the last writer wins. Any damage
/// (wrong magic, version or checksum, truncation, an index out of range) makes `load` return nothing, and
/// the run rebuilds the cache. Failing to write is silent: the cache is an optimisation.
public struct FactCache: Sendable {
  public let path: String

  public init(path: String) {
    self.path = path
  }

  /// The cache for `ruleSet` under the user's cache directory, or `nil` when neither `XDG_CACHE_HOME` nor
  /// `HOME` is set.
  public static func userCache(environment: [String: String], ruleSet: RuleSet) -> FactCache? {
    let directory: String
    if let xdg = environment["XDG_CACHE_HOME"], xdg.hasPrefix("/") {
      directory = xdg + "/llmlint"
    } else if let home = environment["HOME"], !home.isEmpty {
      directory = home + "/.cache/llmlint"
    } else {
      return nil
    }
    return FactCache(path: directory + "/facts-v2-\(fingerprint(ruleSet)).bin")
  }

  /// A hex digest of what the facts depend on in the rule set: the tracked-context names and paths, and
  /// the rules (which calls match).
  static func fingerprint(_ ruleSet: RuleSet) -> String {
    let tracked = ruleSet.tracked
    var text = "v1"
    for rule in ruleSet.rules {
      text +=
        "|\(rule.id);\(rule.isEnabled);\(rule.languages.map(\.rawValue));\(rule.patterns.map(\.text));\(rule.imports)"
      text += ";\(rule.receivers);\(rule.requireReceiver);\(rule.isHTTP)"
    }
    text +=
      "|" + ruleSet.httpEndpoints.map(\.name).joined(separator: ",") + "|"
      + ruleSet.skipSegments.map(\.name).joined(separator: ",")
    text += "|" + tracked.pythonImports.map(\.name).joined(separator: ",")
    for (title, items) in [
      ("cm", tracked.pythonContextManagers), ("dec", tracked.pythonDecorators), ("cl", tracked.swiftClosures),
      ("fn", tracked.functions), ("path", tracked.paths),
    ] {
      text += "|" + title + ":" + items.map(\.name).joined(separator: ",")
    }
    return String(fnv(Array(text.utf8)[...]), radix: 16)
  }

  static func key(blob: String, path: String) -> String { blob + " " + path }

  // MARK: - Reading

  static let magic = Array("LLMLFACT".utf8)
  static let version: UInt32 = 2

  /// The cached entries (key: blob id, space, path), or an empty map when the cache is missing or damaged.
  public func load() -> [String: CachedFacts] {
    guard let data = FileManager.default.contents(atPath: path) else { return [:] }
    return Self.decode([UInt8](data)) ?? [:]
  }

  /// The entries of a whole cache file: summaries read, bodies left encoded (checked by the checksum).
  static func decode(_ bytes: [UInt8]) -> [String: CachedFacts]? {
    guard bytes.count >= 24, Array(bytes[0..<8]) == magic else { return nil }
    let buffer = CacheBuffer(bytes)
    var reader = Reader(bytes: bytes)
    reader.position = 8
    guard reader.u32() == version, let checksum = reader.u64(), quickHash(bytes, from: 20) == checksum,
      let count = reader.u32()
    else { return nil }
    var entries: [String: CachedFacts] = [:]
    for _ in 0..<count {
      guard let key = reader.string(), let line = reader.i32(), let matches = reader.u32(), matches <= 1 else {
        return nil
      }
      var words: [UInt64] = []
      words.reserveCapacity(NameBloom.wordCount)
      for _ in 0..<NameBloom.wordCount {
        guard let word = reader.u64() else { return nil }
        words.append(word)
      }
      guard let length = reader.u32(), reader.position + Int(length) <= bytes.count else { return nil }
      let body = reader.position..<(reader.position + Int(length))
      reader.position = body.upperBound
      entries[key] = CachedFacts(
        summary: FactSummary(liteLLMCallbackLine: line, hasMatches: matches == 1, bloom: NameBloom(words: words)),
        buffer: buffer, body: body)
    }
    return reader.position == bytes.count ? entries : nil
  }

  /// Decodes one entry's body.
  static func decodeBody(_ bytes: [UInt8], _ range: Range<Int>) -> FileFacts? {
    var reader = Reader(bytes: bytes)
    reader.position = range.lowerBound
    guard let facts = reader.facts(), reader.position == range.upperBound else { return nil }
    return facts
  }

  // MARK: - Writing

  static func encodeBody(_ facts: FileFacts) -> [UInt8] {
    var payload: [UInt8] = []
    put(&payload, UInt32(facts.names.count))
    for name in facts.names { putString(&payload, name) }
    put(&payload, UInt32(facts.functions.count))
    for function in facts.functions {
      for value in [function.name, function.type, function.parent, function.bodyStart, function.bodyEnd, function.line]
      {
        put(&payload, UInt32(bitPattern: value))
      }
    }
    put(&payload, UInt32(facts.calls.count))
    for call in facts.calls {
      for value in [call.name, Int32(call.kind.rawValue), call.enclosing, call.line, call.tracked ? 1 : 0] {
        put(&payload, UInt32(bitPattern: value))
      }
    }
    put(&payload, UInt32(bitPattern: facts.liteLLMCallbackLine))
    put(&payload, UInt32(facts.matchedFunctions.count))
    for function in facts.matchedFunctions { put(&payload, UInt32(bitPattern: function)) }
    return payload
  }

  static func encode(_ entries: [String: FactSource]) -> [UInt8] {
    var payload: [UInt8] = []
    put(&payload, UInt32(entries.count))
    for key in entries.keys.sorted() {
      let source = entries[key]!
      putString(&payload, key)
      let summary = source.summary
      put(&payload, UInt32(bitPattern: summary.liteLLMCallbackLine))
      put(&payload, summary.hasMatches ? 1 : 0)
      for word in summary.bloom.words { put64(&payload, word) }
      switch source {
      case .decoded(let facts, _):
        let body = encodeBody(facts)
        put(&payload, UInt32(body.count))
        payload += body
      case .cached(let cached):
        put(&payload, UInt32(cached.body.count))
        payload += cached.buffer.bytes[cached.body]
      }
    }
    var bytes = magic
    put(&bytes, version)
    var checksumBytes: [UInt8] = []
    put64(&checksumBytes, 0)
    bytes += checksumBytes
    bytes += payload
    let checksum = quickHash(bytes, from: 20)
    for shift in 0..<8 { bytes[12 + shift] = UInt8(truncatingIfNeeded: checksum >> UInt64(8 * shift)) }
    return bytes
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

  /// Writes `entries` whole: a temporary file next to the cache, then a rename over it.
  public func store(_ entries: [String: FactSource]) {
    let directory = (path as NSString).deletingLastPathComponent
    try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    let temporary = path + ".tmp-\(ProcessInfo.processInfo.processIdentifier)-\(UInt32.random(in: 0...UInt32.max))"
    guard FileManager.default.createFile(atPath: temporary, contents: Data(Self.encode(entries))) else { return }
    if rename(temporary, path) != 0 { try? FileManager.default.removeItem(atPath: temporary) }
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
      guard let nameCount = u32(), Int(nameCount) <= bytes.count - position else { return nil }
      for _ in 0..<nameCount {
        guard let name = string() else { return nil }
        facts.names.append(name)
      }
      let names = Int32(facts.names.count)
      guard let functionCount = u32(), Int(functionCount) <= (bytes.count - position) / 24 else { return nil }
      for _ in 0..<functionCount {
        guard let name = i32(), let type = i32(), let parent = i32(), let start = i32(), let end = i32(),
          let line = i32(), name >= 0, name < names, type >= -1, type < names, parent >= -1,
          parent < Int32(facts.functions.count), start <= end
        else { return nil }
        facts.functions.append(
          FileFacts.Function(name: name, type: type, parent: parent, bodyStart: start, bodyEnd: end, line: line))
      }
      guard let callCount = u32(), Int(callCount) <= (bytes.count - position) / 20 else { return nil }
      for _ in 0..<callCount {
        guard let name = i32(), let kindValue = i32(), let enclosing = i32(), let line = i32(), let tracked = i32(),
          name >= 0, name < names, let kind = FileFacts.CallKind(rawValue: Int8(clamping: kindValue)),
          enclosing >= -1, enclosing < Int32(facts.functions.count), tracked == 0 || tracked == 1
        else { return nil }
        facts.calls.append(
          FileFacts.Call(name: name, kind: kind, enclosing: enclosing, line: line, tracked: tracked == 1))
      }
      guard let liteLLM = i32() else { return nil }
      facts.liteLLMCallbackLine = liteLLM
      guard let matchedCount = u32(), Int(matchedCount) <= (bytes.count - position) / 4 else { return nil }
      for _ in 0..<matchedCount {
        guard let function = i32(), function >= 0, function < Int32(facts.functions.count) else { return nil }
        facts.matchedFunctions.append(function)
      }
      return facts
    }
  }
}

/// The bytes of a loaded cache file, shared by its entries.
public final class CacheBuffer: Sendable {
  let bytes: [UInt8]
  init(_ bytes: [UInt8]) { self.bytes = bytes }
}

/// One cached entry: its summary, and its body still encoded.
public struct CachedFacts: Sendable {
  public let summary: FactSummary
  let buffer: CacheBuffer
  let body: Range<Int>

  /// The whole facts; empty facts if the body does not decode (the checksum makes that a bug, not damage).
  func decode() -> FileFacts { FactCache.decodeBody(buffer.bytes, body) ?? FileFacts() }
}
