import Foundation
import Testing

@testable import LLMLintCore

/// Which cached files a search for names decodes: a signature of a file with many names says "may" for
/// many names it lacks, so an analyzed entry is tested against its names table before it is decoded — and
/// one whose body cannot be read is still a candidate (it is read again rather than ruled out).
@Suite struct IndexCandidateTests {
  /// A file of many functions (its signature all but full), one that defines `wanted`, one that calls it.
  static let sources: [SourceFile] = {
    var many = ""
    for index in 0..<1500 { many += "def helper_\(index)(value):\n    return other_\(index)(value)\n\n" }
    let files = [
      ("many.py", many),
      ("target.py", "def wanted():\n    return client.chat.completions.create(model=m)\n"),
      ("caller.py", "from target import wanted\n\nwith tracker.track_llm_call():\n    wanted()\n"),
    ]
    return files.map { SourceFile(path: $0.0, language: .python, bytes: Array($0.1.utf8)) }
  }()

  static let inputs = sources.enumerated().map {
    ProjectFacts.ProjectFile(path: $1.path, language: $1.language, blobID: "blob\($0)")
  }

  /// A cache holding every file analyzed.
  static func cache(_ directory: URL) -> FactCache {
    let cache = FactCache(path: directory.appendingPathComponent("facts.bin").path)
    _ = ProjectFacts.gather(files: inputs, ruleSet: TestSupport.builtIn, cache: cache) { indices in
      indices.map { sources[$0].bytes }
    }
    return cache
  }

  /// The store of a warm run over `cache`, and the files it has read.
  static func store(_ cache: FactCache) -> (IndexFiles, read: () -> [Int]) {
    final class Log: @unchecked Sendable { var read: [Int] = [] }
    let log = Log()
    let store = IndexFiles(
      files: inputs, linter: Linter(ruleSet: TestSupport.builtIn, usePrefilter: false), cache: cache
    ) { indices in
      log.read += indices
      return indices.map { sources[$0].bytes }
    }
    return (store, { log.read })
  }

  /// Names `many.py` lacks whose runs its signature still says it may hold.
  static func absentNamesItsSignatureAllows(_ cache: FactCache) throws -> [String] {
    let entries = try #require(FactCache.decode([UInt8](try Data(contentsOf: URL(fileURLWithPath: cache.path)))))
    let many = try #require(entries.lookup(blob: "blob0", path: "many.py"))
    #expect(many.isAnalyzed)
    return (0..<200).map { "absent_\($0)" }.filter { name in
      let bits = entries.mayHold([WordBloom.runs(of: name)])
      return bits[many.index / 64] >> UInt64(many.index % 64) & 1 != 0
    }
  }

  static func directory() -> URL {
    FileManager.default.temporaryDirectory.appendingPathComponent("llmlint-candidates-\(UUID().uuidString)")
  }

  @Test func anAnalyzedEntryLackingTheNameIsNotACandidate() throws {
    let directory = Self.directory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let cache = Self.cache(directory)
    let (store, read) = Self.store(cache)
    let absent = try Self.absentNamesItsSignatureAllows(cache)
    // The signature alone would decode `many.py` for most of these names: what this test is about.
    #expect(absent.count > 100)
    #expect(store.candidates(absent).isEmpty)
    #expect(store.candidates(["wanted"]) == [1, 2])
    #expect(store.candidates(["helper_7"]) == [0])
    // A name and names it lacks: the files of the name.
    #expect(store.candidates(absent + ["other_1499"]) == [0])
    #expect(store.facts([0, 1]).map { $0.functions.count } == [1500, 1])
    #expect(read().isEmpty)
  }

  @Test func anEntryWhoseBodyIsDamagedStaysACandidate() throws {
    let directory = Self.directory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let cache = Self.cache(directory)
    let absent = try Self.absentNamesItsSignatureAllows(cache)
    try #require(!absent.isEmpty)
    // Flip a byte of `many.py`'s body: its names cannot be trusted, so it is a candidate and read again.
    var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: cache.path)))
    let many = try #require(FactCache.decode(bytes)?.lookup(blob: "blob0", path: "many.py"))
    bytes[many.row.start + many.row.count / 2] ^= 0xFF
    try Data(bytes).write(to: URL(fileURLWithPath: cache.path))
    let (damaged, read) = Self.store(cache)
    #expect(damaged.candidates([absent[0]]) == [0])
    #expect(damaged.facts([0])[0].functions.count == 1500)
    #expect(read() == [0])
  }
}
