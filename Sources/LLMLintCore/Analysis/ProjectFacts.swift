import Dispatch
import Synchronization

/// Facts about the whole project that decide findings in one file: which functions run only inside
/// tracked contexts (every call site in the project is tracked, transitively), which have both tracked
/// and untracked callers (the finding names an untracked one), and whether a LiteLLM callback is
/// registered somewhere.
///
/// Built once per run from every project file (`gather`), before linting; `Linter` consults it. A
/// staged-files run gathers from the whole index, so a staged file gets the same verdict as in a full scan.
///
/// Call sites are matched to functions by name: `self.name(…)` inside a type to that type's method of
/// the same file when there is one; a bare `name(…)` to a function nested in the caller, else to the
/// project's module-level functions (Swift: the caller's own type first); `x.name(…)` to every function of
/// that name. A call site that could be several functions counts for each, so a common name only ever
/// makes a helper *less* likely to count as tracked. Functions with no call site are not tracked.
public struct ProjectFacts: Sendable {
  public static let empty = ProjectFacts()

  /// Where a LiteLLM callback is registered (`path:line`), if anywhere.
  public private(set) var liteLLMCallback: String? = nil

  /// A function of one file and what its callers across the project say about it.
  struct Helper: Sendable, Equatable {
    var name: String
    var body: Range<Int>
    var tracked: Bool
    /// `path:line` of an untracked call site, when the function also has tracked ones.
    var untrackedCaller: String?
  }

  private var helpersByPath: [String: [Helper]] = [:]

  public init() {}

  /// The functions of `path` that are tracked through their callers or have a caller to name, in source order.
  func helpers(in path: String) -> [Helper] { helpersByPath[path] ?? [] }

  /// Whether calls through litellm count as covered under `ruleSet`'s `litellm-callback-coverage`.
  public func liteLLMCovered(_ ruleSet: RuleSet) -> Bool {
    switch ruleSet.liteLLMCoverage {
    case .on: return true
    case .off: return false
    case .auto: return liteLLMCallback != nil
    }
  }

  /// How many functions of the project count as tracked through their callers.
  public var trackedHelperCount: Int { helpersByPath.values.reduce(0) { $0 + $1.filter(\.tracked).count } }

  // MARK: - Gathering

  /// One file of the project: the path as the linter will see it, its language, and its git blob id when
  /// it comes from the index (the cache key; `nil`: not cached).
  public struct ProjectFile: Sendable {
    public var path: String
    public var language: Language
    public var blobID: String?

    public init(path: String, language: Language, blobID: String? = nil) {
      self.path = path
      self.language = language
      self.blobID = blobID
    }
  }

  /// Gathers the facts of `files`. Files whose blob id is in the cache are not read; the others are read
  /// with one call of `read` (so a git caller can use one `git cat-file --batch`), which returns their
  /// bytes in the same order, `nil` for one that cannot be read (it then contributes nothing). Extraction
  /// runs on all cores; the cache, if given, is written back with the entries of this run.
  public static func gather(
    files: [ProjectFile], ruleSet: RuleSet, cache: FactCache? = nil,
    read: ([Int]) -> [[UInt8]?]
  ) -> ProjectFacts {
    let cached = cache?.load() ?? [:]
    var facts = [FileFacts?](repeating: nil, count: files.count)
    var missingList: [Int] = []
    for (index, file) in files.enumerated() {
      if let blob = file.blobID, let entry = cached[FactCache.key(blob: blob, path: file.path)] {
        facts[index] = entry
      } else {
        missingList.append(index)
      }
    }
    let missing = missingList
    if !missing.isEmpty {
      let contents = read(missing)
      let slots = FactSlots(count: missing.count)
      let next = FactCounter()
      let workers = min(missing.count, max(1, System.processorCount))
      let work: @Sendable (Int) -> Void = { _ in
        while true {
          let position = next.value.add(1, ordering: .relaxed).oldValue
          if position >= missing.count { break }
          guard position < contents.count, let bytes = contents[position], !SourceFile.looksBinary(bytes) else { continue }
          let file = files[missing[position]]
          slots.store(position, FileFacts.extract(bytes, language: file.language, path: file.path, ruleSet: ruleSet))
        }
      }
      if workers <= 1 { work(0) } else { DispatchQueue.concurrentPerform(iterations: workers, execute: work) }
      for (position, index) in missing.enumerated() {
        facts[index] = slots.value(position)
      }
      slots.deallocate()
    }
    if let cache {
      var entries: [String: FileFacts] = [:]
      for (index, file) in files.enumerated() {
        if let blob = file.blobID, let fileFacts = facts[index] {
          entries[FactCache.key(blob: blob, path: file.path)] = fileFacts
        }
      }
      if entries != cached { cache.store(entries) }
    }
    return resolve(paths: files.map(\.path), languages: files.map(\.language), facts: facts.map { $0 ?? FileFacts() })
  }

  /// Gathers the facts of files already in memory (tests, tools).
  public static func gather(sources files: [SourceFile], ruleSet: RuleSet) -> ProjectFacts {
    gather(
      files: files.map { ProjectFile(path: $0.path, language: $0.language) }, ruleSet: ruleSet,
      read: { indices in indices.map { files[$0].bytes } })
  }

  // MARK: - Resolution

  /// Decides every function from the per-file facts: the greatest fixed point of "every live call site is
  /// tracked, or inside a function that is" (so mutual recursion between tracked helpers stays tracked).
  static func resolve(paths: [String], languages: [Language], facts: [FileFacts]) -> ProjectFacts {
    var result = ProjectFacts()
    for (index, file) in facts.enumerated() where file.liteLLMCallbackLine > 0 {
      result.liteLLMCallback = "\(paths[index]):\(file.liteLLMCallbackLine)"
      break
    }
    // Global function ids.
    var base: [Int] = []
    var total = 0
    for file in facts {
      base.append(total)
      total += file.functions.count
    }
    guard total > 0 else { return result }
    var byName: [String: [Int]] = [:]
    var owner = [Int](repeating: 0, count: total)
    for (fileIndex, file) in facts.enumerated() {
      for (local, function) in file.functions.enumerated() {
        byName[file.names[Int(function.name)], default: []].append(base[fileIndex] + local)
        owner[base[fileIndex] + local] = fileIndex
      }
    }
    func function(_ id: Int) -> FileFacts.Function {
      let file = owner[id]
      return facts[file].functions[id - base[file]]
    }
    func parent(_ id: Int) -> Int {
      let local = Int(function(id).parent)
      return local < 0 ? -1 : base[owner[id]] + local
    }
    /// The type of the method `id` is, or is nested in.
    func enclosingType(_ id: Int) -> Int32 {
      var current = id
      var steps = 0
      while current >= 0, steps < 256 {
        let type = function(current).type
        if type >= 0 { return type }
        current = parent(current)
        steps += 1
      }
      return -1
    }

    // Call sites per function: (file, call index).
    var callers = [[(file: Int, call: Int)]](repeating: [], count: total)
    // A name defined in many places (`get`, `run`, `__init__`) is too common to follow call by call:
    // its functions never count as tracked, which only ever leaves a finding in place.
    let commonNameLimit = 32
    var neverTracked = [Bool](repeating: false, count: total)
    for candidates in byName.values where candidates.count > commonNameLimit {
      for id in candidates { neverTracked[id] = true }
    }
    for (fileIndex, file) in facts.enumerated() {
      for (callIndex, call) in file.calls.enumerated() {
        let name = file.names[Int(call.name)]
        guard let candidates = byName[name], candidates.count <= commonNameLimit else { continue }
        let enclosing = call.enclosing >= 0 ? base[fileIndex] + Int(call.enclosing) : -1
        var targets: [Int] = []
        let selfCall = call.kind == .onSelf || call.kind == .selfReference
        let bare = call.kind == .bare || call.kind == .reference
        if selfCall || (bare && languages[fileIndex] == .swift) {
          let type = enclosing >= 0 ? enclosingType(enclosing) : -1
          if type >= 0 {
            let typeName = file.names[Int(type)]
            targets = candidates.filter {
              owner[$0] == fileIndex && function($0).type >= 0 && file.names[Int(function($0).type)] == typeName
            }
          }
          if targets.isEmpty, selfCall { targets = candidates.filter { function($0).type >= 0 } }
        }
        if targets.isEmpty, bare {
          // A function defined in the caller (or around it) first, then module-level functions.
          var scope = enclosing
          var steps = 0
          while scope >= 0, targets.isEmpty, steps < 256 {
            targets = candidates.filter { parent($0) == scope }
            scope = parent(scope)
            steps += 1
          }
          if targets.isEmpty {
            targets = candidates.filter { function($0).type < 0 && function($0).parent < 0 }
            if languages[fileIndex] == .swift, targets.isEmpty { targets = candidates }
          }
        }
        if targets.isEmpty, call.kind == .other { targets = candidates }
        for target in targets { callers[target].append((fileIndex, callIndex)) }
      }
    }

    // Greatest fixed point: start from "tracked if called at all", drop any function with an untracked
    // call site until nothing changes.
    var tracked = (0..<total).map { !callers[$0].isEmpty && !neverTracked[$0] }
    func effective(_ id: Int) -> Bool {
      var current = id
      var steps = 0
      while current >= 0, steps < 256 {
        if tracked[current] { return true }
        current = parent(current)
        steps += 1
      }
      return false
    }
    func siteIsTracked(_ site: (file: Int, call: Int)) -> Bool {
      let call = facts[site.file].calls[site.call]
      if call.tracked { return true }
      return call.enclosing >= 0 && effective(base[site.file] + Int(call.enclosing))
    }
    var changed = true
    var rounds = 0
    while changed {
      changed = false
      rounds += 1
      if rounds > 200 {
        // Not settled on a pathological call graph: claim nothing.
        tracked = [Bool](repeating: false, count: total)
        break
      }
      for id in 0..<total where tracked[id] {
        if callers[id].contains(where: { !siteIsTracked($0) }) {
          tracked[id] = false
          changed = true
        }
      }
    }

    for id in 0..<total {
      let fileIndex = owner[id]
      let file = facts[fileIndex]
      let definition = function(id)
      var note: String? = nil
      if !tracked[id], let untracked = callers[id].first(where: { !siteIsTracked($0) }),
        callers[id].contains(where: siteIsTracked)
      {
        note = "\(paths[untracked.file]):\(facts[untracked.file].calls[untracked.call].line)"
      }
      guard tracked[id] || note != nil else { continue }
      result.helpersByPath[paths[fileIndex], default: []].append(
        Helper(
          name: file.names[Int(definition.name)], body: Int(definition.bodyStart)..<Int(definition.bodyEnd),
          tracked: tracked[id], untrackedCaller: note))
    }
    return result
  }
}

/// The next file to take, shared by the workers.
private final class FactCounter: Sendable {
  let value = Atomic<Int>(0)
}

/// One result slot per file, each written by exactly one worker and read after all are done.
private final class FactSlots: @unchecked Sendable {
  private let buffer: UnsafeMutableBufferPointer<FileFacts?>

  init(count: Int) {
    buffer = .allocate(capacity: count)
    buffer.initialize(repeating: nil)
  }

  func store(_ index: Int, _ facts: FileFacts) { buffer[index] = facts }
  func value(_ index: Int) -> FileFacts? { buffer[index] }

  func deallocate() {
    buffer.deinitialize()
    buffer.deallocate()
  }
}
