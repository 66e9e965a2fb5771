import Dispatch
import Synchronization

/// What a scan found: the findings in output order, the problems met, and how many files were linted.
public struct ScanResult: Sendable {
  public var findings: [Finding]
  /// Findings hidden by an inline suppression or the baseline, each with its `suppression` set; in
  /// output order. Only SARIF prints them.
  public var suppressed: [Finding]
  public var problems: [Problem]
  public var filesScanned: Int

  public init(findings: [Finding] = [], suppressed: [Finding] = [], problems: [Problem] = [], filesScanned: Int = 0) {
    self.findings = findings
    self.suppressed = suppressed
    self.problems = problems
    self.filesScanned = filesScanned
  }
}

/// What loading one input gave: a file to lint, nothing (not a Python or Swift file after all, binary),
/// or a problem.
public enum LoadedInput: Sendable {
  case file(SourceFile)
  case skipped
  case problem(Problem)
}

/// Lints many inputs on all cores and merges the results in a deterministic order.
public enum Scan {
  /// Loads and lints inputs `0..<count` concurrently with `linter` (and its project facts); `load` must
  /// be safe to call from any thread. Findings are sorted by path, line, column and rule; problems keep
  /// input order.
  public static func run(count: Int, linter: Linter, load: @escaping @Sendable (Int) -> LoadedInput) -> ScanResult {
    let outcomes = Parallel.map(count: count) { index -> Outcome in
      switch load(index) {
      case .file(let file): return .linted(file.path, linter.check(file), nil)
      case .skipped: return .skipped
      case .problem(let problem): return .failed(problem)
      }
    }
    return merge(outcomes) { $1 }
  }

  /// Like `run`, for a scan whose inputs are the whole project: the project's facts (tracked helpers, a
  /// LiteLLM callback) are resolved across all files and applied to every file's findings. `linter`'s own
  /// facts are ignored.
  ///
  /// Most files of a project make no LLM call, so facts are gathered lazily, in rounds, and the prefilter
  /// keeps its worth. Round one tokenizes only the files with an anchor word, for their findings, and
  /// extracts facts only from those with a matched call. Any other file can only matter by naming a
  /// function the verdicts depend on — one around a matched call, or (transitively) one around a call of
  /// such a function — or by registering a LiteLLM callback; each later round loads those files again and
  /// extracts the facts of the ones holding such a name as a whole word, until a round finds no new name.
  /// Facts from the files never extracted would change no verdict: they hold none of the names.
  ///
  /// Names found relevant during round one are looked for in the files read after that (`EarlyNames`), so
  /// a later round reads again only the files that were not checked for every relevant name.
  public static func runProject(count: Int, linter: Linter, load: @escaping @Sendable (Int) -> LoadedInput) -> ScanResult {
    let early = EarlyNames()
    let first = Parallel.map(count: count) { firstRound(load($0), linter, early) }
    return resolveFacts(first, early: early, linter: linter, load: load)
  }

  /// Like `runProject(count:linter:load:)`, for inputs that `produce` hands over one by one (a directory
  /// walk, on the calling thread) while all cores lint the ones already handed over; inputs count in the
  /// order they were produced.
  public static func runProject<Input: Sendable>(
    linter: Linter, produce: (_ emit: (Input) -> Void) -> Void, load: @escaping @Sendable (Input) -> LoadedInput
  ) -> ScanResult {
    let early = EarlyNames()
    let (inputs, first) = Parallel.mapStreaming(produce: produce) { firstRound(load($0), linter, early) }
    return resolveFacts(first, early: early, linter: linter) { load(inputs[$0]) }
  }

  /// The first round of a project scan on one input: the findings of a file with an anchor word, and its
  /// facts when it has a matched call or holds a name already known to be relevant; a file without either
  /// is set aside. Also returns how many of `early`'s names the file was checked for.
  private static func firstRound(_ input: LoadedInput, _ linter: Linter, _ early: EarlyNames) -> (Outcome, Int) {
    switch input {
    case .file(let file):
      // Once names are known, one pass looks for the rules' anchors and those names together; a file with
      // either is analyzed with its facts.
      let (checked, combined) = early.snapshot()
      let filter = linter.prefilter == nil ? nil : combined ?? linter.prefilter
      if let filter, !file.bytes.withUnsafeBufferPointer({ filter.mayMatch($0, language: file.language) }) {
        return (.setAside(file.path), checked)
      }
      let (result, facts) = linter.analyze(file, extractingFacts: true, onlyIfMatched: combined == nil)
      if let facts {
        let liteLLM =
          linter.ruleSet.liteLLMCoverage == .auto
          && result.findings.contains { linter.ruleSet.liteLLMCoveredRuleIDs.contains($0.ruleID) }
        var names = RelevantNames.chains(facts)
        if liteLLM { names.insert("litellm") }
        early.add(names, ruleSet: linter.ruleSet)
      }
      return (.linted(file.path, result, facts.map { (file.language, $0) }), checked)
    case .skipped: return (.skipped, 0)
    case .problem(let problem): return (.failed(problem), 0)
    }
  }

  /// The later rounds of a project scan (see `runProject`), after the first gave `first` (each outcome with
  /// how many of `early`'s names its file was checked for); `load` loads an input again by its position.
  private static func resolveFacts(
    _ first: [(Outcome, Int)], early: EarlyNames, linter: Linter, load: @escaping @Sendable (Int) -> LoadedInput
  ) -> ScanResult {
    var outcomes = first.map(\.0)
    let earlyNames = early.names
    let analyze: @Sendable (SourceFile) -> Outcome = { file in
      let (result, facts) = linter.analyze(file, extractingFacts: true)
      return .linted(file.path, result, (file.language, facts ?? FileFacts()))
    }
    var known = Set<String>()
    // Facts only ever drop or annotate findings: without findings there is nothing to gather, and a LiteLLM
    // callback matters only to findings of rules it covers.
    var findingRules = Set<String>()
    for case .linted(_, let result, _) in outcomes { for finding in result.findings { findingRules.insert(finding.ruleID) } }
    let liteLLM =
      linter.ruleSet.liteLLMCoverage == .auto && !findingRules.isDisjoint(with: linter.ruleSet.liteLLMCoveredRuleIDs)
    var wanted = findingRules.isEmpty ? [] : RelevantNames.start(outcomes, liteLLM: liteLLM)
    var firstLaterRound = true
    while !wanted.isEmpty {
      known.formUnion(wanted)
      let setAside = outcomes.indices.filter { outcomes[$0].awaitsFacts }
      if setAside.isEmpty { break }
      // A file checked in round one for the first `n` early names needs only the other wanted names (and
      // none at all when it was checked for all of them).
      let checked = { (index: Int) -> Int in firstLaterRound ? first[index].1 : 0 }
      var searches: [Int: Prefilter] = [:]
      for count in Set(setAside.map(checked)) {
        let needed = wanted.subtracting(earlyNames.prefix(count))
        if !needed.isEmpty { searches[count] = EarlyNames.search(for: needed) }
      }
      let candidates = setAside.compactMap { index in searches[checked(index)].map { (index, $0) } }
      let found = Parallel.map(count: candidates.count) { position -> Outcome? in
        let (index, search) = candidates[position]
        guard case .file(let file) = load(index),
          file.bytes.withUnsafeBufferPointer({ search.mayMatch($0, language: file.language) })
        else { return nil }
        return analyze(file)
      }
      firstLaterRound = false
      for (position, outcome) in found.enumerated() {
        if let outcome { outcomes[candidates[position].0] = outcome }
      }
      // Callers anywhere, the first round's files included, can make more names matter.
      wanted = RelevantNames.callers(in: outcomes, of: known).subtracting(known)
    }
    var paths: [String] = []
    var languages: [Language] = []
    var facts: [FileFacts] = []
    for case .linted(let path, _, let extracted?) in outcomes {
      paths.append(path)
      languages.append(extracted.language)
      facts.append(extracted.facts)
    }
    let project = ProjectFacts.resolve(paths: paths, languages: languages, facts: facts)
    return merge(outcomes) { path, findings in project.apply(to: findings, path: path, ruleSet: linter.ruleSet) }
  }

  /// Lints files already in memory.
  public static func run(files: [SourceFile], linter: Linter) -> ScanResult {
    run(count: files.count, linter: linter) { .file(files[$0]) }
  }

  /// What one input gave.
  fileprivate enum Outcome: Sendable {
    case linted(String, LintResult, (language: Language, facts: FileFacts)?)
    /// Read, and without an anchor word: no finding; tokenized later only if its facts can matter.
    case setAside(String)
    case skipped
    case failed(Problem)

    /// Whether the input is a file whose facts were not extracted (yet).
    var awaitsFacts: Bool {
      switch self {
      case .setAside, .linted(_, _, nil): return true
      default: return false
      }
    }
  }

  /// Concatenates the outcomes in input order, passing each file's findings through `finish`, and sorts.
  private static func merge(_ outcomes: [Outcome], finish: (String, [Finding]) -> [Finding]) -> ScanResult {
    var result = ScanResult()
    for outcome in outcomes {
      switch outcome {
      case .linted(let path, let linted, _):
        result.filesScanned += 1
        result.findings += finish(path, linted.findings)
        result.suppressed += linted.suppressed
      case .setAside: result.filesScanned += 1
      case .failed(let problem): result.problems.append(problem)
      case .skipped: break
      }
    }
    result.findings.sort(by: Finding.ordered)
    result.suppressed.sort(by: Finding.ordered)
    return result
  }
}

/// The function names a project scan's facts depend on, read from the facts of the files tokenized so far.
private enum RelevantNames {
  /// The names of the functions around matched calls and of the functions enclosing those; `litellm` too
  /// when a LiteLLM callback registration can change verdicts.
  static func start(_ outcomes: [Scan.Outcome], liteLLM: Bool) -> Set<String> {
    var names: Set<String> = liteLLM ? ["litellm"] : []
    for case .linted(_, _, let extracted?) in outcomes { names.formUnion(chains(extracted.facts)) }
    return names
  }

  /// The names of the functions around the matched calls of one file and of the functions enclosing those.
  static func chains(_ facts: FileFacts) -> Set<String> {
    var names: Set<String> = []
    for function in facts.matchedFunctions { addChain(Int(function), facts, &names) }
    return names
  }

  /// The names of the functions (and their enclosing ones) around calls of `known` names in `outcomes`.
  static func callers(in outcomes: [Scan.Outcome], of known: Set<String>) -> Set<String> {
    var names: Set<String> = []
    for case .linted(_, _, let extracted?) in outcomes {
      let facts = extracted.facts
      for call in facts.calls where call.enclosing >= 0 && known.contains(facts.names[Int(call.name)]) {
        addChain(Int(call.enclosing), facts, &names)
      }
    }
    return names
  }

  private static func addChain(_ function: Int, _ facts: FileFacts, _ names: inout Set<String>) {
    var current = function
    var steps = 0
    while current >= 0, current < facts.functions.count, steps < 1000 {
      names.insert(facts.names[Int(facts.functions[current].name)])
      current = Int(facts.functions[current].parent)
      steps += 1
    }
  }
}

/// The names found relevant during the first round of a project scan, in the order found, shared by the
/// workers: each file read after a name was found is checked for it while its bytes are at hand, so a later
/// round need not read it again for that name.
private final class EarlyNames: Sendable {
  private struct State {
    var names: [String] = []
    var known: Set<String> = []
    var combined: Prefilter? = nil
  }
  private let state = Mutex(State())

  /// Names past this many are left to the later rounds: each new name rebuilds the combined prefilter.
  static let limit = 256

  /// How many names a file is checked for, and a prefilter for the rules' anchors and all those names
  /// (`nil` while there are none).
  func snapshot() -> (Int, Prefilter?) { state.withLock { ($0.names.count, $0.combined) } }

  var names: [String] { state.withLock { $0.names } }

  /// Adds `names` (up to `limit` in all); the combined prefilter is rebuilt when one is new.
  func add(_ names: Set<String>, ruleSet: RuleSet) {
    guard !names.isEmpty else { return }
    state.withLock { state in
      let new = names.subtracting(state.known).sorted().prefix(Self.limit - state.names.count)
      guard !new.isEmpty else { return }
      state.names += new
      state.known.formUnion(new)
      state.combined = Self.search(for: state.names, with: ruleSet)
    }
  }

  /// A prefilter that finds any of `names` as a whole word, and `ruleSet`'s anchors (none by default).
  static func search(
    for names: some Sequence<String>, with ruleSet: RuleSet = RuleSet(rules: [], tracked: TrackedContexts())
  ) -> Prefilter {
    let words = names.map { Array($0.utf8) }
    return Prefilter(ruleSet: ruleSet, extraAnchors: [.python: words, .swift: words])
  }
}

/// Work spread over all cores.
enum Parallel {
  /// `body(index)` for every index of `0..<count`, computed on all cores (workers take the next index from
  /// a shared counter); the results in index order.
  static func map<T: Sendable>(count: Int, _ body: @escaping @Sendable (Int) -> T) -> [T] {
    let slots = Slots<T>(count: count)
    defer { slots.deallocate() }
    let next = Counter()
    let workers = min(count, max(1, System.processorCount))
    let work: @Sendable (Int) -> Void = { _ in
      while true {
        let index = next.value.add(1, ordering: .relaxed).oldValue
        if index >= count { break }
        slots.store(index, body(index))
      }
    }
    if workers <= 1 {
      work(0)
    } else {
      DispatchQueue.concurrentPerform(iterations: workers, execute: work)
    }
    return (0..<count).map { slots.value($0) }
  }
}

extension Parallel {
  /// `body(input)` for every input that `produce` hands to its `emit` (on the calling thread), computed on all
  /// cores while `produce` is still running; the inputs and the results, in the order they were produced.
  static func mapStreaming<Input: Sendable, T: Sendable>(
    produce: (_ emit: (Input) -> Void) -> Void, _ body: @escaping @Sendable (Input) -> T
  ) -> (inputs: [Input], results: [T]) {
    let queue = InputQueue<Input>()
    let results = Mutex<[(Int, T)]>([])
    let workers = max(1, System.processorCount)
    let group = DispatchGroup()
    for _ in 0..<workers {
      DispatchQueue.global().async(group: group) {
        var done: [(Int, T)] = []
        while let (index, input) = queue.next() { done.append((index, body(input))) }
        results.withLock { $0 += done }
      }
    }
    produce { queue.append($0) }
    let inputs = queue.finish(waking: workers)
    group.wait()
    var ordered = results.withLock { $0 }
    ordered.sort { $0.0 < $1.0 }
    return (inputs, ordered.map(\.1))
  }
}

/// Inputs handed over by a producer while workers take them, in order. Every input appended signals the
/// semaphore once, and `finish` signals it once more per worker, so a worker waiting for an input wakes
/// either to one or to learn that there are no more.
private final class InputQueue<Input: Sendable>: Sendable {
  private struct State {
    var inputs: [Input] = []
    var next = 0
    var finished = false
  }
  private let state = Mutex(State())
  private let available = DispatchSemaphore(value: 0)

  func append(_ input: Input) {
    state.withLock { $0.inputs.append(input) }
    available.signal()
  }

  /// The next input and its position, or `nil` once all were taken and no more will come.
  func next() -> (Int, Input)? {
    while true {
      available.wait()
      let taken = state.withLock { state -> (Int, Input)?? in
        if state.next < state.inputs.count {
          defer { state.next += 1 }
          return .some((state.next, state.inputs[state.next]))
        }
        return state.finished ? .some(nil) : nil
      }
      if let taken { return taken }
    }
  }

  /// Marks the end of the inputs, wakes the `workers`, and returns all inputs.
  func finish(waking workers: Int) -> [Input] {
    let inputs = state.withLock { state -> [Input] in
      state.finished = true
      return state.inputs
    }
    for _ in 0..<workers { available.signal() }
    return inputs
  }
}

/// The next index to take, shared by the workers.
private final class Counter: Sendable {
  let value = Atomic<Int>(0)
}

/// One slot per index, each written by exactly one worker and read after all workers are done.
private final class Slots<T>: @unchecked Sendable {
  private let buffer: UnsafeMutableBufferPointer<T?>

  init(count: Int) {
    buffer = .allocate(capacity: count)
    buffer.initialize(repeating: nil)
  }

  func store(_ index: Int, _ value: T) { buffer[index] = value }
  func value(_ index: Int) -> T { buffer[index]! }

  func deallocate() {
    buffer.deinitialize()
    buffer.deallocate()
  }
}
