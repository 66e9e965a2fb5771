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

  /// `findings` of the file at `path` with the project's facts applied: calls in a function tracked
  /// through its callers and calls covered by a LiteLLM callback are dropped; a call in a function that
  /// also has untracked callers names one of them.
  public func apply(to findings: [Finding], path: String, ruleSet: RuleSet) -> [Finding] {
    guard !findings.isEmpty else { return findings }
    let covered = liteLLMCovered(ruleSet)
    let helpers = self.helpers(in: path)
    guard covered || !helpers.isEmpty else { return findings }
    return findings.compactMap { finding in
      if covered, ruleSet.liteLLMCoveredRuleIDs.contains(finding.ruleID) { return nil }
      if helpers.contains(where: { $0.tracked && $0.body.contains(finding.startOffset) }) { return nil }
      var finding = finding
      // The innermost such function around the call: its untracked caller is where the wrapping belongs.
      if let helper = helpers.last(where: { $0.untrackedCaller != nil && $0.body.contains(finding.startOffset) }) {
        finding.message += "; \(helper.name) is also called outside a tracked context at \(helper.untrackedCaller!)"
      }
      return finding
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
  /// with a call of `read` per batch (so a git caller can use one `git cat-file --batch` each), which returns their
  /// bytes in the same order, `nil` for one that cannot be read (it then contributes nothing); a batch is
  /// at most `batchSize` files. Extraction runs on all cores; the cache, if given, is written back with the
  /// entries of this run.
  public static func gather(
    files: [ProjectFile], ruleSet: RuleSet, cache: FactCache? = nil,
    read: ([Int]) -> [[UInt8]?]
  ) -> ProjectFacts {
    withoutActuallyEscaping(read) { read in
      gather(files: files, ruleSet: ruleSet, cache: cache, batch: read, each: nil)
    }
  }

  /// Gathers the facts of `files`, reading each file (from any thread) with `readEach`, which returns
  /// `nil` for a file that cannot be read. For scans of paths on disk.
  public static func gather(
    files: [ProjectFile], ruleSet: RuleSet, cache: FactCache? = nil, readEach: @escaping @Sendable (Int) -> [UInt8]?
  ) -> ProjectFacts {
    gather(files: files, ruleSet: ruleSet, cache: cache, batch: nil, each: readEach)
  }

  /// The most files read at once when their facts are extracted.
  static let batchSize = 2048

  private static func gather(
    files: [ProjectFile], ruleSet: RuleSet, cache: FactCache?, batch: (([Int]) -> [[UInt8]?])?,
    each: (@Sendable (Int) -> [UInt8]?)?
  ) -> ProjectFacts {
    let cached = cache?.load() ?? FactCache.Contents(main: FactCache.Entries(), delta: FactCache.Entries())
    var sources = [FactSource?](repeating: nil, count: files.count)
    var missingList: [Int] = []
    for (index, file) in files.enumerated() {
      if let blob = file.blobID, let entry = cached.lookup(blob: blob, path: file.path) {
        sources[index] = .cached(entry)
      } else {
        missingList.append(index)
      }
    }
    /// The facts of files `indices`, read (in batches of at most `batchSize`, so that memory holds one batch
    /// of contents at a time) and extracted on all cores; empty for one that cannot be read or is binary.
    let linter = Linter(ruleSet: ruleSet, usePrefilter: false)
    func extract(_ indices: [Int]) -> [FileFacts] {
      var result: [FileFacts] = []
      result.reserveCapacity(indices.count)
      for start in stride(from: 0, to: indices.count, by: batchSize) {
        let chunk = Array(indices[start..<min(start + batchSize, indices.count)])
        let contents = batch?(chunk) ?? []
        result += Parallel.map(count: chunk.count) { position -> FileFacts in
          let loaded = each.map { $0(chunk[position]) } ?? (position < contents.count ? contents[position] : nil)
          guard let bytes = loaded, !SourceFile.looksBinary(bytes) else { return FileFacts() }
          let file = files[chunk[position]]
          return FileFacts.extract(bytes, language: file.language, path: file.path, linter: linter)
        }
      }
      return result
    }
    let missing = missingList
    for (index, facts) in zip(missing, extract(missing)) { sources[index] = FactSource(facts) }
    if let cache {
      func entries(_ indices: some Sequence<Int>) -> [String: FactSource] {
        var entries: [String: FactSource] = [:]
        for index in indices {
          if let blob = files[index].blobID, let source = sources[index] {
            entries[FactCache.key(blob: blob, path: files[index].path)] = source
          }
        }
        return entries
      }
      // New entries go to the cache's delta (or, past its size, into a whole new cache). Entries no longer
      // part of the project cost only space: the cache is written whole without them once they are a
      // quarter of it.
      let found = files.count { $0.blobID != nil } - missing.count { files[$0].blobID != nil }
      let added = entries(missing)
      if !added.isEmpty {
        cache.add(added, to: cached) { entries(files.indices) }
      } else if cached.count - found > cached.count / 4 {
        cache.store(entries(files.indices))
      }
    }
    // A cached body that turns out damaged when it is needed is read and extracted again.
    return resolve(
      paths: files.map(\.path), languages: files.map(\.language), sources: sources.map { $0 ?? FactSource(FileFacts()) },
      load: extract)
  }

  /// Gathers the facts of files already in memory (tests, tools).
  public static func gather(sources files: [SourceFile], ruleSet: RuleSet) -> ProjectFacts {
    gather(
      files: files.map { ProjectFile(path: $0.path, language: $0.language) }, ruleSet: ruleSet,
      read: { indices in indices.map { files[$0].bytes } })
  }

  // MARK: - Resolution

  /// Decides the functions that matter from the per-file facts: the greatest fixed point of "every live
  /// call site is tracked, or inside a function that is" (so mutual recursion between tracked helpers
  /// stays tracked).
  ///
  /// Only functions around a rule match matter, with — transitively — the functions their call sites sit
  /// in; call sites are attached name by name as names become relevant, so a project whose LLM calls sit
  /// in a few functions costs a few passes over small integer arrays, not over every call.
  static func resolve(paths: [String], languages: [Language], facts: [FileFacts]) -> ProjectFacts {
    resolve(paths: paths, languages: languages, sources: facts.map(FactSource.init))
  }

  /// Decides from summaries which files to decode: those with rule matches, then — round by round — those
  /// whose Bloom filter may hold a name that turned out relevant; files outside hold none of them, so
  /// leaving them encoded changes no verdict. `load` gives the facts of files whose cached body cannot be
  /// decoded (read and extracted again).
  static func resolve(
    paths: [String], languages: [Language], sources: [FactSource],
    load: ([Int]) -> [FileFacts] = { $0.map { _ in FileFacts() } }
  ) -> ProjectFacts {
    var result = ProjectFacts()
    for (index, source) in sources.enumerated() where source.summary.liteLLMCallbackLine > 0 {
      result.liteLLMCallback = "\(paths[index]):\(source.summary.liteLLMCallbackLine)"
      break
    }
    var decoded: [Int: FileFacts] = [:]
    var selected = Set(sources.indices.filter { sources[$0].summary.hasMatches })
    guard !selected.isEmpty else { return result }
    while true {
      let subset = selected.sorted()
      var unread: [Int] = []
      for index in subset where decoded[index] == nil {
        if let facts = sources[index].decode() { decoded[index] = facts } else { unread.append(index) }
      }
      if !unread.isEmpty {
        for (index, facts) in zip(unread, load(unread)) { decoded[index] = facts }
      }
      for index in subset where decoded[index] == nil { decoded[index] = FileFacts() }
      let (partial, names) = resolveCore(
        paths: subset.map { paths[$0] }, languages: subset.map { languages[$0] }, facts: subset.map { decoded[$0]! })
      let hashes = names.map(NameBloom.hash)
      let more = sources.indices.filter { index in
        !selected.contains(index) && hashes.contains(where: sources[index].summary.bloom.mayContain)
      }
      if more.isEmpty {
        result.helpersByPath = partial.helpersByPath
        return result
      }
      selected.formUnion(more)
    }
  }

  /// `resolve` over `facts` as the whole project; also returns the names that turned out relevant.
  static func resolveCore(paths: [String], languages: [Language], facts: [FileFacts]) -> (ProjectFacts, [String]) {
    var result = ProjectFacts()
    // Global function ids and global name ids.
    var base: [Int] = []
    var total = 0
    for file in facts {
      base.append(total)
      total += file.functions.count
    }
    var nameID: [String: Int] = [:]
    var nameText: [String] = []
    var fileNames: [[Int]] = []
    fileNames.reserveCapacity(facts.count)
    for file in facts {
      fileNames.append(
        file.names.map { name in
          if let id = nameID[name] { return id }
          let id = nameID.count
          nameID[name] = id
          nameText.append(name)
          return id
        })
    }
    var byName = [[Int]](repeating: [], count: nameID.count)
    var owner = [Int](repeating: 0, count: total)
    var functionName = [Int](repeating: 0, count: total)
    for (fileIndex, file) in facts.enumerated() {
      for (local, function) in file.functions.enumerated() {
        let id = base[fileIndex] + local
        let name = fileNames[fileIndex][Int(function.name)]
        byName[name].append(id)
        owner[id] = fileIndex
        functionName[id] = name
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
    /// The type name (global id) of the method `id` is, or is nested in, or -1.
    func enclosingType(_ id: Int) -> Int {
      var current = id
      var steps = 0
      while current >= 0, steps < 256 {
        let type = function(current).type
        if type >= 0 { return fileNames[owner[current]][Int(type)] }
        current = parent(current)
        steps += 1
      }
      return -1
    }
    // A name defined in many places (`get`, `run`, `__init__`) is too common to follow call by call:
    // its functions never count as tracked, which only ever leaves a finding in place.
    let commonNameLimit = 32

    // Relevant functions: those around a match, their enclosing functions, and — as call sites are
    // attached — the functions those call sites sit in.
    var relevant = [Bool](repeating: false, count: total)
    var relevantName = [Bool](repeating: false, count: nameID.count)
    var pendingNames: [Int] = []
    func markRelevant(_ id: Int) {
      var current = id
      var steps = 0
      while current >= 0, !relevant[current], steps < 256 {
        relevant[current] = true
        let name = functionName[current]
        if !relevantName[name] {
          relevantName[name] = true
          pendingNames.append(name)
        }
        current = parent(current)
        steps += 1
      }
    }
    for (fileIndex, file) in facts.enumerated() {
      for local in file.matchedFunctions { markRelevant(base[fileIndex] + Int(local)) }
    }

    var callers = [[(file: Int, call: Int)]](repeating: [], count: total)
    var attached = [Bool](repeating: false, count: nameID.count)
    while !pendingNames.isEmpty {
      let round = pendingNames
      pendingNames = []
      for name in round { attached[name] = true }
      var wanted = Set(round)
      wanted = wanted.filter { byName[$0].count <= commonNameLimit }
      guard !wanted.isEmpty else { continue }
      for (fileIndex, file) in facts.enumerated() {
        let names = fileNames[fileIndex]
        guard names.contains(where: wanted.contains) else { continue }
        for (callIndex, call) in file.calls.enumerated() {
          let name = names[Int(call.name)]
          guard wanted.contains(name) else { continue }
          let candidates = byName[name]
          let enclosing = call.enclosing >= 0 ? base[fileIndex] + Int(call.enclosing) : -1
          var targets: [Int] = []
          let selfCall = call.kind == .onSelf || call.kind == .selfReference
          let bare = call.kind == .bare || call.kind == .reference
          if selfCall || (bare && languages[fileIndex] == .swift) {
            let type = enclosing >= 0 ? enclosingType(enclosing) : -1
            if type >= 0 {
              targets = candidates.filter { candidate in
                owner[candidate] == fileIndex && function(candidate).type >= 0
                  && fileNames[fileIndex][Int(function(candidate).type)] == type
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
      // Whether a call site of a relevant function is tracked depends on the function it sits in.
      for id in 0..<total where relevant[id] {
        for site in callers[id] {
          let call = facts[site.file].calls[site.call]
          if call.enclosing >= 0, !call.tracked { markRelevant(base[site.file] + Int(call.enclosing)) }
        }
      }
    }

    // Greatest fixed point over the relevant functions: start from "tracked if called at all", drop any
    // function with an untracked call site until nothing changes.
    var tracked = (0..<total).map {
      relevant[$0] && !callers[$0].isEmpty && byName[functionName[$0]].count <= commonNameLimit
    }
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
    let candidates = (0..<total).filter { tracked[$0] }
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
      for id in candidates where tracked[id] {
        if callers[id].contains(where: { !siteIsTracked($0) }) {
          tracked[id] = false
          changed = true
        }
      }
    }

    for id in 0..<total where relevant[id] {
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
    // A name already defined more than `commonNameLimit` times decides nothing (its functions are never
    // tracked, its call sites are not followed), so more files holding it need not be decoded.
    let followed = relevantName.indices.filter { relevantName[$0] && byName[$0].count <= commonNameLimit }
    return (result, followed.map { nameText[$0] })
  }
}

