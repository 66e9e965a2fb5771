/// The project's files as the call graph reads them: a plain scan's files (`ScannedFiles`), or the files
/// of a git index with a facts cache (`IndexFiles`), or both (`ProjectStore`). File ids are `0..<count`.
protocol FactStore {
  var count: Int { get }
  func path(_ file: Int) -> String
  func language(_ file: Int) -> Language
  /// The files that may hold any of `names` as a name of their facts: a superset, each once.
  func candidates(_ names: [String]) -> [Int]
  /// The files that may define a type named one of `names` or one with such a base (a superset of those,
  /// within `candidates(names)`): what a type-family search needs.
  func typeCandidates(_ names: [String]) -> [Int]
  /// The facts of `files`, in the same order.
  func facts(_ files: [Int]) -> [FileFacts]
  /// How many files without an anchor word were read again and analyzed because a search named them.
  var analyzedForFacts: Int { get }
  /// Called once the graph is resolved: a store with a cache writes back what the run learnt.
  func finish()
}

extension FactStore {
  func typeCandidates(_ names: [String]) -> [Int] { candidates(names) }
  var analyzedForFacts: Int { 0 }
  func finish() {}
}

/// Decides which functions of a project run only inside tracked contexts, lazily: only the functions
/// around the untracked calls being judged matter, with — transitively — the functions their call sites
/// sit in, so only the files that name one of those are decoded.
///
/// A function counts as *tracked through its callers* when both hold:
/// - **grounded**: it is reached from a tracked context by call sites that resolve to it with evidence —
///   `self.m()` in its own type (or a subtype), a bare name of its own module or imported from it, a
///   receiver made by its type's constructor or annotated with its type — directly, or from functions
///   that are themselves grounded (a least fixed point, so a cycle with no tracked entry is not);
/// - **closed**: every call site that *may* reach it — any call of the same name that could be it, with
///   the receiver's type family, imports and scopes taken into account only where they rule a function out
///   — is inside a tracked context or in a function that is tracked (the greatest such set within the
///   grounded functions), and it is never used as a value that escapes (stored, returned).
/// So recursion, a forwarder of the same name (`def run(self, c): return c.run()`) and an unrelated
/// function of the same name never make a function tracked by themselves. A name defined more than
/// `commonNameLimit` times is too common to follow: its functions are never tracked.
///
/// Every choice is made on content (paths, lines), never on the order files were decoded, so a plain scan,
/// a file list and `--staged` reach the same verdicts from the same files.
final class CallGraph {
  static let commonNameLimit = 32
  /// Type families are followed this many levels up and down.
  static let familyDepth = 8

  private let store: FactStore

  // Decoded files.
  private var graphFile: [Int: Int] = [:]
  private var storeFile: [Int] = []
  private var facts: [FileFacts] = []
  /// Per graph file: local name -> global name.
  private var globalName: [[Int32]] = []
  private var functionBase: [Int] = []
  private var functionFile: [Int32] = []
  private var nameID: [String: Int32] = [:]
  private var nameText: [String] = []
  private var definitions: [Int32: [Int]] = [:]
  private var sites: [Int32: [Site]] = [:]
  private var typeBases: [Int32: Set<Int32>] = [:]
  private var subtypes: [Int32: Set<Int32>] = [:]
  private var definedTypes: Set<Int32> = []
  private var searched: Set<String> = []
  private var families: [Int32: Family] = [:]
  private var modules: ModuleIndex? = nil

  struct Site: Hashable {
    var file: Int32
    var call: Int32
  }

  struct Family {
    var ancestors: Set<Int32> = []
    var descendants: Set<Int32> = []
  }

  init(store: FactStore) {
    self.store = store
  }

  // MARK: - Decoding

  private func intern(_ name: String) -> Int32 {
    if let id = nameID[name] { return id }
    let id = Int32(nameText.count)
    nameID[name] = id
    nameText.append(name)
    return id
  }

  /// Decodes the files of `names` not decoded yet (each name once).
  /// Type names whose definitions and subtypes have been searched for.
  private var typeSearched = Set<String>()

  /// Decodes the files that may define one of the types `names` or a type with one as a base.
  private func searchTypes(_ names: some Sequence<String>) {
    var new: [String] = []
    for name in names where !searched.contains(name) && typeSearched.insert(name).inserted { new.append(name) }
    guard !new.isEmpty else { return }
    decode(store.typeCandidates(new.sorted()))
  }

  private func search(_ names: some Sequence<String>) {
    // Cost in the names given, never in the names searched so far (`subtracting` would walk those).
    var new: [String] = []
    for name in names where searched.insert(name).inserted { new.append(name) }
    guard !new.isEmpty else { return }
    decode(store.candidates(new.sorted()))
  }

  private func decode(_ files: [Int]) {
    let missing = Array(Set(files.filter { graphFile[$0] == nil })).sorted()
    guard !missing.isEmpty else { return }
    for (file, fileFacts) in zip(missing, store.facts(missing)) { add(file, fileFacts) }
  }

  private func add(_ file: Int, _ fileFacts: FileFacts) {
    let index = facts.count
    graphFile[file] = index
    storeFile.append(file)
    facts.append(fileFacts)
    let names = fileFacts.names.map(intern)
    globalName.append(names)
    functionBase.append(functionFile.count)
    for (local, function) in fileFacts.functions.enumerated() {
      let id = functionBase[index] + local
      functionFile.append(Int32(index))
      definitions[names[Int(function.name)], default: []].append(id)
    }
    for (position, call) in fileFacts.calls.enumerated() {
      sites[names[Int(call.name)], default: []].append(Site(file: Int32(index), call: Int32(position)))
    }
    for type in fileFacts.types {
      let name = names[Int(type.name)]
      definedTypes.insert(name)
      for base in type.bases {
        typeBases[name, default: []].insert(names[Int(base)])
        subtypes[names[Int(base)], default: []].insert(name)
      }
    }
  }

  // MARK: - Accessors

  private func function(_ id: Int) -> FileFacts.Function {
    let file = Int(functionFile[id])
    return facts[file].functions[id - functionBase[file]]
  }

  private func name(of id: Int) -> Int32 { globalName[Int(functionFile[id])][Int(function(id).name)] }

  private func type(of id: Int) -> Int32 {
    let type = function(id).type
    return type < 0 ? -1 : globalName[Int(functionFile[id])][Int(type)]
  }

  private func parent(of id: Int) -> Int {
    let parent = Int(function(id).parent)
    return parent < 0 ? -1 : functionBase[Int(functionFile[id])] + parent
  }

  private func call(_ site: Site) -> FileFacts.Call { facts[Int(site.file)].calls[Int(site.call)] }

  /// The global function a site sits in, or -1.
  private func enclosing(_ site: Site) -> Int {
    let local = Int(call(site).enclosing)
    return local < 0 ? -1 : functionBase[Int(site.file)] + local
  }

  private func language(ofFile file: Int32) -> Language { store.language(storeFile[Int(file)]) }
  private func path(ofFile file: Int32) -> String { store.path(storeFile[Int(file)]) }

  /// The type of the method a function is, or is nested in, or -1.
  private func enclosingType(_ id: Int) -> Int32 {
    var current = id
    var steps = 0
    while current >= 0, steps < 256 {
      let type = type(of: current)
      if type >= 0 { return type }
      current = parent(of: current)
      steps += 1
    }
    return -1
  }

  // MARK: - Type families

  /// The ancestors and descendants of type `type` across the project (by name), searching the files that
  /// name them level by level.
  private func family(_ type: Int32) -> Family {
    if let known = families[type] { return known }
    var family = Family()
    var up: Set<Int32> = [type]
    var down: Set<Int32> = [type]
    for _ in 0..<Self.familyDepth {
      searchTypes((up.union(down)).map { nameText[Int($0)] })
      var nextUp: Set<Int32> = []
      for name in up {
        for base in typeBases[name] ?? [] where base != type && family.ancestors.insert(base).inserted {
          nextUp.insert(base)
        }
      }
      var nextDown: Set<Int32> = []
      for name in down {
        for sub in subtypes[name] ?? [] where sub != type && family.descendants.insert(sub).inserted {
          nextDown.insert(sub)
        }
      }
      up = nextUp
      down = nextDown
      if up.isEmpty && down.isEmpty { break }
    }
    families[type] = family
    return family
  }

  /// Whether a type named `type` is defined in the project (its definitions searched for first).
  private func isDefinedType(_ type: Int32) -> Bool {
    searchTypes([nameText[Int(type)]])
    return definedTypes.contains(type)
  }

  /// Whether `type` is defined in the project as a Python `Protocol` (structural: implementations need
  /// not derive from it).
  private func isStructural(_ type: Int32) -> Bool {
    guard let protocolName = nameID["Protocol"] else { return false }
    return typeBases[type]?.contains(protocolName) ?? false
  }

  // MARK: - Modules

  private func moduleFiles(_ module: String, from site: Int32) -> [Int] {
    if modules == nil { modules = ModuleIndex(store: store) }
    guard let absolute = ModuleIndex.absolute(module, from: path(ofFile: site)) else { return [] }
    // Asked once per call site and function it may reach: each module is looked up once.
    if let known = moduleFilesByName[absolute] { return known }
    let files = modules!.files(absolute)
    moduleFilesByName[absolute] = files
    return files
  }

  private var moduleFilesByName: [String: [Int]] = [:]

  // MARK: - Reach

  /// Whether `site` may reach function `id`, and whether it reaches it with evidence.
  private func reach(_ id: Int, _ site: Site) -> (may: Bool, evidence: Bool) {
    let call = self.call(site)
    let language = language(ofFile: site.file)
    let file = Int32(functionFile[id])
    guard language.rulesLanguage == self.language(ofFile: file).rulesLanguage else { return (false, false) }
    let type = self.type(of: id)
    let isMethod = type >= 0
    let parent = self.parent(of: id)
    let isNested = parent >= 0
    let caller = enclosing(site)
    let callerType = caller >= 0 ? enclosingType(caller) : -1
    let qualifier = call.qualifier >= 0 ? globalName[Int(site.file)][Int(call.qualifier)] : -1
    switch call.kind {
    case .onSelf, .selfReference, .selfEscaping:
      guard isMethod else { return (false, false) }
      guard callerType >= 0 else { return (true, false) }
      if callerType == type { return (true, true) }
      let family = family(type)
      if family.descendants.contains(callerType) { return (true, true) }
      return (family.ancestors.contains(callerType), false)
    case .constructed, .annotated:
      guard qualifier >= 0 else { return (true, false) }
      guard isMethod else {
        let projectType = isDefinedType(qualifier)
        // A method call on an instance of a project type never runs a module-level function; anything else
        // (`Module.helper()` in Swift, an unknown name) may.
        return (!projectType && !isNested, false)
      }
      if qualifier == type { return (true, true) }
      let family = family(type)
      if family.descendants.contains(qualifier) { return (true, true) }
      if call.kind == .annotated {
        if family.ancestors.contains(qualifier) { return (true, false) }
        if language.syntax.annotationsVouchOnly, !isDefinedType(qualifier) || isStructural(qualifier) {
          return (true, false)
        }
      }
      return (false, false)
    case .other:
      return (!isNested, false)
    case .bare, .reference, .escaping:
      if !language.syntax.moduleScopes {
        if isNested { return inScope(parent, of: site) ? (true, true) : (false, false) }
        if isMethod {
          guard callerType >= 0 else { return (false, false) }
          if callerType == type { return (true, true) }
          let family = family(type)
          if family.descendants.contains(callerType) { return (true, true) }
          return (family.ancestors.contains(callerType), false)
        }
        // A global function: unless the caller's own type has a method of that name.
        let shadowed =
          callerType >= 0
          && (definitions[self.name(of: id)] ?? []).contains { self.type(of: $0) == callerType }
        return (true, !shadowed)
      } else {
        if isMethod { return (false, false) }
        if let scope = nearestScope(defining: self.name(of: id), for: site) {
          return isNested && parent == scope ? (true, true) : (false, false)
        }
        if isNested { return (false, false) }
        if definesAtModuleLevel(self.name(of: id), file: site.file) {
          return file == site.file ? (true, true) : (false, false)
        }
        // Not defined or imported here: a star import or an injected global may bring it.
        return (true, false)
      }
    case .imported, .module:
      guard qualifier >= 0 else { return (!isNested && !isMethod, false) }
      let module = nameText[Int(qualifier)]
      if isMethod {
        // `m.Client.method()`: the module path ends with the method's type.
        let last = module.split(separator: ".").last.map(String.init)
        return (last == nameText[Int(type)], false)
      }
      if isNested { return (false, false) }
      let files = moduleFiles(module, from: site.file)
      if files.isEmpty { return (true, false) }
      let owner = storeFile[Int(file)]
      if files.contains(owner) { return (true, true) }
      // The module does not define it: it may re-export it.
      let functionName = self.name(of: id)
      let definedThere = files.contains { candidate in
        guard let graph = graphFile[candidate] else { return false }
        return definesAtModuleLevel(functionName, file: Int32(graph))
      }
      if definedThere { return (false, false) }
      let moduleLevel = (definitions[functionName] ?? []).filter {
        self.type(of: $0) < 0 && self.parent(of: $0) < 0 && self.language(ofFile: functionFile[$0]).syntax.moduleScopes
      }
      return (true, moduleLevel.count == 1)
    }
  }

  /// Whether function `scope` is the function the site is in or one around it.
  private func inScope(_ scope: Int, of site: Site) -> Bool {
    var current = enclosing(site)
    var steps = 0
    while current >= 0, steps < 256 {
      if current == scope { return true }
      current = parent(of: current)
      steps += 1
    }
    return false
  }

  /// The innermost function around `site` (the site's own included) that defines a nested function named
  /// `name`, or `nil`.
  private func nearestScope(defining name: Int32, for site: Site) -> Int? {
    let nested = (definitions[name] ?? []).filter { functionFile[$0] == site.file && parent(of: $0) >= 0 }
    guard !nested.isEmpty else { return nil }
    var current = enclosing(site)
    var steps = 0
    while current >= 0, steps < 256 {
      if nested.contains(where: { parent(of: $0) == current }) { return current }
      current = parent(of: current)
      steps += 1
    }
    return nil
  }

  private func definesAtModuleLevel(_ name: Int32, file: Int32) -> Bool {
    (definitions[name] ?? []).contains { functionFile[$0] == file && type(of: $0) < 0 && parent(of: $0) < 0 }
  }

  // MARK: - Resolution

  /// The helpers of the project as they bear on the untracked matches of `seeds` (store file ids), and —
  /// with `liteLLM` — the LiteLLM callback registration, if any.
  func resolve(seeds: [Int], liteLLM: Bool) -> ProjectFacts {
    var result = ProjectFacts()
    decode(seeds)
    if liteLLM {
      search(["litellm"])
      var best: (String, Int32)? = nil
      for (index, fileFacts) in facts.enumerated() where fileFacts.liteLLMCallbackLine > 0 {
        let candidate = (path(ofFile: Int32(index)), fileFacts.liteLLMCallbackLine)
        if best == nil || candidate < best! { best = candidate }
      }
      if let best { result.liteLLMCallback = "\(best.0):\(best.1)" }
      result.liteLLMRegistrations = liteLLMRegistrations()
    }

    // Relevance: the functions around the seeds' matches, then the functions their untracked callers sit in.
    var relevant: Set<Int> = []
    var queue: [Int] = []
    func markRelevant(_ id: Int) {
      if relevant.insert(id).inserted { queue.append(id) }
    }
    for seed in seeds {
      guard let file = graphFile[seed] else { continue }
      for local in facts[file].matchedFunctions { markRelevant(functionBase[file] + Int(local)) }
    }
    /// Per relevant function: the sites that may reach it, each with whether it reaches it with evidence.
    var callers: [Int: [(site: Site, evidence: Bool)]] = [:]
    /// Per function: the relevant functions that have a (non-escaping, untracked) site in it.
    var sitesIn: [Int: [(target: Int, evidence: Bool)]] = [:]
    var followed: Set<Int> = []
    while !queue.isEmpty {
      let batch = queue
      queue = []
      var names = Set<String>()
      for id in batch { names.insert(nameText[Int(name(of: id))]) }
      search(names)
      for id in batch {
        let name = name(of: id)
        guard (definitions[name]?.count ?? 0) <= Self.commonNameLimit else { continue }
        followed.insert(id)
        var list: [(site: Site, evidence: Bool)] = []
        let candidates = sites[name] ?? []
        // Types are searched for when a site's verdict needs them (`family`, `isDefinedType`).
        for site in candidates {
          let (may, evidence) = reach(id, site)
          guard may else { continue }
          list.append((site, evidence))
          let call = call(site)
          let escapes = call.kind == .escaping || call.kind == .selfEscaping
          let caller = enclosing(site)
          if !call.tracked, !escapes, caller >= 0 {
            markRelevant(caller)
            sitesIn[caller, default: []].append((id, evidence))
          }
        }
        callers[id] = list
      }
    }

    // Grounded: reached with evidence from a tracked context (least fixed point, forward).
    var grounded: Set<Int> = []
    var work: [Int] = []
    for id in followed {
      if callers[id]!.contains(where: { $0.evidence && call($0.site).tracked && !isEscaping($0.site) }) {
        grounded.insert(id)
        work.append(id)
      }
    }
    while let id = work.popLast() {
      for (target, evidence) in sitesIn[id] ?? [] where evidence && followed.contains(target) {
        if grounded.insert(target).inserted { work.append(target) }
      }
    }

    // Closed: within the grounded functions, drop any with a site that is neither tracked nor in a tracked
    // function (greatest fixed point, by a worklist).
    var tracked = grounded
    func bad(_ site: Site) -> Bool {
      let call = call(site)
      if isEscaping(site) { return true }
      if call.tracked { return false }
      let caller = enclosing(site)
      return caller < 0 || !tracked.contains(caller)
    }
    var removed: [Int] = []
    for id in grounded.sorted() where callers[id]!.contains(where: { bad($0.site) }) {
      tracked.remove(id)
      removed.append(id)
    }
    while let id = removed.popLast() {
      for (target, _) in sitesIn[id] ?? [] where tracked.contains(target) {
        tracked.remove(target)
        removed.append(target)
      }
    }

    func place(_ site: Site) -> String { "\(path(ofFile: site.file)):\(call(site).line)" }
    func placeOrder(_ lhs: Site, _ rhs: Site) -> Bool {
      (path(ofFile: lhs.file), call(lhs).line, lhs.call) < (path(ofFile: rhs.file), call(rhs).line, rhs.call)
    }
    /// For a tracked function: the call sites from it out to one inside a tracked context, innermost first,
    /// each resolving with evidence (the shortest such route; the first by path and line among equals).
    func route(_ id: Int) -> [Site] {
      var previous: [Int: (site: Site, callee: Int)] = [:]
      var frontier = [id]
      var seen: Set<Int> = [id]
      var depth = 0
      while !frontier.isEmpty, depth < 256 {
        depth += 1
        var next: [Int] = []
        for function in frontier {
          let sites = (callers[function] ?? []).filter { $0.evidence && !isEscaping($0.site) }.map(\.site)
          for site in sites.sorted(by: placeOrder) {
            if call(site).tracked {
              var chain = [site]
              var current = function
              while current != id, let step = previous[current] {
                chain.append(step.site)
                current = step.callee
              }
              return chain.reversed()
            }
            let caller = enclosing(site)
            guard caller >= 0, tracked.contains(caller), seen.insert(caller).inserted else { continue }
            previous[caller] = (site, function)
            next.append(caller)
          }
        }
        frontier = next
      }
      return []
    }

    for id in relevant.sorted() {
      let file = Int(functionFile[id])
      let definition = function(id)
      var note: String? = nil
      let isTracked = tracked.contains(id)
      let chain = isTracked ? route(id).map(place) : []
      if !isTracked, let list = callers[id] {
        let effective = list.filter { !bad($0.site) }
        let untracked = list.filter { bad($0.site) }
        if !effective.isEmpty, !untracked.isEmpty {
          let preferred = untracked.contains(where: \.evidence) ? untracked.filter(\.evidence) : untracked
          let places = preferred.map { (path(ofFile: $0.site.file), call($0.site).line) }
          let first = places.min { $0 < $1 }!
          note = "\(first.0):\(first.1)"
        }
      }
      result.addHelper(
        ProjectFacts.Helper(
          name: facts[file].names[Int(definition.name)], body: Int(definition.bodyStart)..<Int(definition.bodyEnd),
          tracked: isTracked, untrackedCaller: note, trackedAt: chain.last, via: Array(chain.dropLast())),
        path: path(ofFile: Int32(file)))
    }
    return result
  }

  /// The LiteLLM callback registrations of the decoded files, by place, each instance's class with its
  /// ancestors from the project's type families (searched in whatever file defines them).
  private func liteLLMRegistrations() -> [ProjectFacts.LiteLLMRegistration] {
    var result: [(path: String, line: Int32, registration: ProjectFacts.LiteLLMRegistration)] = []
    for (index, fileFacts) in facts.enumerated() {
      let path = path(ofFile: Int32(index))
      for registration in fileFacts.liteLLMRegistrations {
        let instances = registration.classes.map { local -> ProjectFacts.LiteLLMRegistration.Instance in
          let name = fileFacts.names[Int(local)]
          let ancestors = family(intern(name)).ancestors.map { nameText[Int($0)] }.sorted()
          return ProjectFacts.LiteLLMRegistration.Instance(name: name, ancestors: ancestors)
        }
        let integrations = registration.integrations.map { fileFacts.names[Int($0)] }
        let place = "\(path):\(registration.line)"
        result.append(
          (path, registration.line, .init(place: place, instances: instances, integrations: integrations)))
      }
    }
    return result.sorted { ($0.path, $0.line) < ($1.path, $1.line) }.map(\.registration)
  }

  private func isEscaping(_ site: Site) -> Bool {
    let kind = call(site).kind
    return kind == .escaping || kind == .selfEscaping
  }
}

/// Python modules by dotted path: a file `a/b/c.py` (or `a/b/c/__init__.py`) is module `a.b.c`, and is also
/// found by any dotted suffix (`b.c`, `c`), so a project laid out under `src/` resolves.
struct ModuleIndex {
  /// The files by the hash of the last segment of their module (`c` for `a/b/c.py` and `a/b/c/__init__.py`):
  /// one name a file, so the index costs one pass over the paths' bytes; a lookup checks the few files it
  /// gives (a hash shared by two names only adds files that check drops).
  private var byLast: [UInt64: [Int]] = [:]
  private let store: FactStore

  init(store: FactStore) {
    self.store = store
    for file in 0..<store.count where store.language(file).syntax.filesAreModules {
      var path = store.path(file)
      if let last = path.withUTF8(Self.lastSegmentHash) { byLast[last, default: []].append(file) }
    }
  }

  func files(_ module: String) -> [Int] {
    guard let last = module.split(separator: ".").last, let files = byLast[NameHash.of(String(last))] else {
      return []
    }
    return files.filter { file in
      guard let whole = Self.module(ofPath: store.path(file)) else { return false }
      return whole == module || whole.hasSuffix("." + module)
    }
  }

  /// The `NameHash` of the last segment of a Python file's module: its name without `.py`/`.pyi`, or its
  /// directory's for an `__init__`; `nil` when there is none. On bytes, from the end: this runs once per
  /// Python file of the project.
  static func lastSegmentHash(_ path: UnsafeBufferPointer<UInt8>) -> UInt64? {
    func isDots(_ range: Range<Int>) -> Bool {
      range.allSatisfy { path[$0] == UInt8(ascii: ".") } && (range.count == 1 || range.count == 2)
    }
    func hasSuffix(_ range: Range<Int>, _ suffix: StaticString) -> Bool {
      let count = suffix.utf8CodeUnitCount
      guard range.count >= count else { return false }
      let start = suffix.utf8Start
      return (0..<count).allSatisfy { path[range.upperBound - count + $0] == start[$0] }
    }
    // The last two components that are not empty, `.` or `..`.
    var components: (Range<Int>, Range<Int>) = (0..<0, 0..<0)
    var found = 0
    func take(_ component: Range<Int>) {
      guard !component.isEmpty, !isDots(component) else { return }
      if found == 0 { components.0 = component } else { components.1 = component }
      found += 1
    }
    var end = path.count
    var index = end
    while index > 0, found < 2 {
      if path[index - 1] == UInt8(ascii: "/") {
        take(index..<end)
        end = index - 1
      }
      index -= 1
    }
    if found < 2 { take(0..<end) }
    guard found > 0 else { return nil }
    var last = components.0
    if hasSuffix(last, ".pyi") {
      last = last.lowerBound..<(last.upperBound - 4)
    } else if hasSuffix(last, ".py") {
      last = last.lowerBound..<(last.upperBound - 3)
    }
    if last.count == 8, hasSuffix(last, "__init__") {
      guard found > 1 else { return nil }
      last = components.1
    }
    // A dotted name's segments are separate (`a.b.py` is found as `b`, as its module `a.b` is).
    if let dot = last.last(where: { path[$0] == UInt8(ascii: ".") }) { last = (dot + 1)..<last.upperBound }
    return last.isEmpty ? nil : NameHash.of(path, last.lowerBound, last.upperBound)
  }

  /// The dotted module of a Python file path (`./a/b.py` -> `a.b`, `a/__init__.py` -> `a`).
  static func module(ofPath path: String) -> String? {
    var parts = path.split(separator: "/").map(String.init).filter { $0 != "." && !$0.isEmpty }
    guard var last = parts.popLast() else { return nil }
    for suffix in [".pyi", ".py"] where last.hasSuffix(suffix) {
      last.removeLast(suffix.count)
      break
    }
    if last != "__init__" { parts.append(last) }
    if parts.contains("..") { parts = parts.filter { $0 != ".." } }
    return parts.isEmpty ? nil : parts.joined(separator: ".")
  }

  /// `module` made absolute for a file at `path`: `.x` is a sibling module, `..x` one up; absolute ones are
  /// returned as they are. `nil` when it climbs above the root.
  static func absolute(_ module: String, from path: String) -> String? {
    guard module.hasPrefix(".") else { return module }
    let dots = module.prefix { $0 == "." }.count
    let rest = module.dropFirst(dots)
    var package = path.split(separator: "/").map(String.init).filter { $0 != "." && !$0.isEmpty }
    package.removeLast()  // the file itself
    guard dots - 1 <= package.count else { return nil }
    package.removeLast(dots - 1)
    let parts = package.filter { $0 != ".." } + (rest.isEmpty ? [] : [String(rest)])
    return parts.isEmpty ? nil : parts.joined(separator: ".")
  }
}
