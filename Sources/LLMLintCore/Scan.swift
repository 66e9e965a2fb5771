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
  /// The recognised calls that are tracked, each with its `trackedBy`, in output order (`llmlint coverage`).
  public var tracked: [Finding] = []
  /// The files scanned and the time of each stage (`-v`); the project scans fill it.
  public var statistics = ScanStatistics()

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
    return merge(outcomes) { ($1, []) }
  }

  /// Like `run`, for a scan whose inputs are the project (with, when `rest` gives one, the other files of
  /// the repository): the project's facts (tracked helpers, a LiteLLM callback) are resolved across all
  /// files and applied to every file's findings. `linter`'s own facts are ignored.
  ///
  /// One pass reads every input: a file with an anchor word is analyzed (findings and facts); any other is
  /// set aside with a `WordBloom` of its names (made from the bytes at hand once a finding is known to
  /// exist, else by reading it again if facts turn out to be needed). The `CallGraph` then decodes only the
  /// files that may name a function its verdicts depend on.
  public static func runProject(
    count: Int, linter: Linter, load: @escaping @Sendable (Int) -> LoadedInput
  ) -> ScanResult {
    runProject(count: count, linter: linter, rest: nil, load: load)
  }

  /// `runProject` where `rest`, given the scanned paths (normalized), gives the project's other files.
  static func runProject(
    count: Int, linter: Linter, rest: ((Set<String>) -> FactStore?)?, load: @escaping @Sendable (Int) -> LoadedInput
  ) -> ScanResult {
    let sawFinding = Atomic<Bool>(false)
    let (first, took) = ScanStatistics.measure {
      Parallel.map(count: count) { firstRound(load($0), linter, sawFinding) }
    }
    var statistics = ScanStatistics()
    statistics.add(analysisStage(first, took))
    return resolveFacts(first, linter: linter, rest: rest, statistics: statistics, load: load)
  }

  /// Like `runProject(count:linter:load:)`, for inputs that `produce` hands over one by one (a directory
  /// walk, on the calling thread) while all cores lint the ones already handed over; inputs count in the
  /// order they were produced.
  public static func runProject<Input: Sendable>(
    linter: Linter, produce: (_ emit: (Input) -> Void) -> Void, load: @escaping @Sendable (Input) -> LoadedInput
  ) -> ScanResult {
    runProject(linter: linter, rest: nil, produce: produce, load: load)
  }

  static func runProject<Input: Sendable>(
    linter: Linter, rest: ((Set<String>) -> FactStore?)?,
    produce: (_ emit: (Input) -> Void) -> Void, load: @escaping @Sendable (Input) -> LoadedInput
  ) -> ScanResult {
    let sawFinding = Atomic<Bool>(false)
    let clock = ContinuousClock()
    let started = clock.now
    let (inputs, first, walk) = Parallel.mapStreaming(produce: produce) { firstRound(load($0), linter, sawFinding) }
    let took = clock.now - started
    var statistics = ScanStatistics()
    statistics.add(ScanStatistics.Stage(name: ScanStatistics.Name.walk, count: inputs.count, duration: walk))
    statistics.add(analysisStage(first, took))
    return resolveFacts(first, linter: linter, rest: rest, statistics: statistics) { load(inputs[$0]) }
  }

  /// The first pass as a stage: the files read, of which analyzed (an anchor word) and set aside; inputs
  /// skipped (binary, not Python or Swift) and unreadable ones besides.
  private static func analysisStage(_ outcomes: [Outcome], _ duration: Duration) -> ScanStatistics.Stage {
    var analyzed = 0
    var setAside = 0
    var skipped = 0
    var failed = 0
    for outcome in outcomes {
      switch outcome {
      case .linted: analyzed += 1
      case .setAside: setAside += 1
      case .skipped: skipped += 1
      case .failed: failed += 1
      }
    }
    var details = [ScanStatistics.Detail("analyzed", analyzed), ScanStatistics.Detail("set aside", setAside)]
    if skipped > 0 { details.append(ScanStatistics.Detail("skipped", skipped)) }
    if failed > 0 { details.append(ScanStatistics.Detail("unreadable", failed)) }
    return ScanStatistics.Stage(
      name: ScanStatistics.Name.analysis, count: analyzed + setAside, duration: duration, details: details)
  }

  /// The first pass of a project scan on one input.
  private static func firstRound(_ input: LoadedInput, _ linter: Linter, _ sawFinding: borrowing Atomic<Bool>) -> Outcome {
    switch input {
    case .file(let file):
      let analysed = file.language.analysedSource(of: file.bytes)
      guard linter.mayMatch(analysed, file.language) else {
        // Once some file has a finding, facts will be needed: keep the set-aside file's names now.
        let bloom =
          sawFinding.load(ordering: .relaxed)
          ? analysed.text.withUnsafeBufferPointer { WordBloom($0, language: file.language) } : nil
        return .setAside(file.path, file.language, bloom, Linter.problems(analysed, file))
      }
      let analysis = linter.analysis(file, analysed: analysed)
      if !analysis.result.findings.isEmpty { sawFinding.store(true, ordering: .relaxed) }
      return .linted(file.path, analysis.result, (file.language, analysis.facts))
    case .skipped: return .skipped
    case .problem(let problem): return .failed(problem)
    }
  }

  /// Resolves the project's facts for the first pass's findings and applies them.
  private static func resolveFacts(
    _ outcomes: [Outcome], linter: Linter, rest: ((Set<String>) -> FactStore?)?, statistics: ScanStatistics,
    load: @escaping @Sendable (Int) -> LoadedInput
  ) -> ScanResult {
    let clock = ContinuousClock()
    let started = clock.now
    var statistics = statistics
    var findings: [Finding] = []
    for case .linted(_, let result, _) in outcomes { findings += result.findings }
    // Facts only ever drop or annotate findings: without findings there is nothing to resolve.
    guard !findings.isEmpty else {
      var result = merge(outcomes) { ($1, []) }
      statistics.add(
        ScanStatistics.Stage(
          name: ScanStatistics.Name.projectFacts, count: 0, duration: clock.now - started))
      statistics.files = result.statistics.files
      result.statistics = statistics
      return result
    }
    var paths: [String] = []
    var languages: [Language] = []
    var states: [ScannedFiles.State] = []
    var seeds: [Int] = []
    for outcome in outcomes {
      switch outcome {
      case .linted(let path, let result, let extracted):
        if !result.findings.isEmpty { seeds.append(paths.count) }
        paths.append(path)
        languages.append(extracted?.language ?? .python)
        states.append(extracted.map { .analyzed($0.facts) } ?? .none)
      case .setAside(let path, let language, let bloom, _):
        paths.append(path)
        languages.append(language)
        states.append(.setAside(bloom))
      case .skipped, .failed:
        paths.append("")
        languages.append(.python)
        states.append(.none)
      }
    }
    let scanned = ScannedFiles(paths: paths, languages: languages, states: states, linter: linter, load: load)
    var parts: [FactStore] = [scanned]
    if let rest, let other = rest(Set(paths.filter { !$0.isEmpty }.map(Paths.normalizedDisplay))) {
      parts.append(other)
    }
    let store: FactStore = parts.count == 1 ? scanned : ProjectStore(parts)
    let graph = CallGraph(store: store)
    let project = graph.resolve(
      seeds: seeds, liteLLM: ProjectFacts.needsLiteLLM(findings, linter.ruleSet))
    store.finish()
    var result = merge(outcomes) { path, findings in project.split(findings, path: path, ruleSet: linter.ruleSet) }
    var details = [ScanStatistics.Detail("scanned", scanned.count)]
    if parts.count > 1 { details.append(ScanStatistics.Detail("others of the repository", parts[1].count)) }
    details.append(ScanStatistics.Detail("analyzed for facts", store.analyzedForFacts))
    statistics.add(
      ScanStatistics.Stage(
        name: ScanStatistics.Name.projectFacts, count: store.count, duration: clock.now - started, details: details))
    statistics.files = result.statistics.files
    result.statistics = statistics
    Teardown.retire((store, graph, project, outcomes))
    return result
  }

  /// Lints files already in memory.
  public static func run(files: [SourceFile], linter: Linter) -> ScanResult {
    run(count: files.count, linter: linter) { .file(files[$0]) }
  }

  /// What one input gave.
  fileprivate enum Outcome: Sendable {
    case linted(String, LintResult, (language: Language, facts: FileFacts)?)
    /// Read, and without an anchor word: no finding; its names, when they were kept.
    case setAside(String, Language, WordBloom?, [Problem])
    case skipped
    case failed(Problem)
  }

  /// Concatenates the outcomes in input order, passing each file's findings through `finish`, and sorts.
  private static func merge(
    _ outcomes: [Outcome], finish: (String, [Finding]) -> (findings: [Finding], tracked: [Finding])
  ) -> ScanResult {
    var result = ScanResult()
    for outcome in outcomes {
      switch outcome {
      case .linted(let path, let linted, _):
        result.filesScanned += 1
        result.statistics.files.append(path)
        let (findings, tracked) = finish(path, linted.findings)
        result.findings += findings
        result.suppressed += linted.suppressed
        result.tracked += linted.tracked + tracked
        result.problems += linted.problems
      case .setAside(let path, _, _, let problems):
        result.filesScanned += 1
        result.statistics.files.append(path)
        result.problems += problems
      case .failed(let problem): result.problems.append(problem)
      case .skipped: break
      }
    }
    result.sortInOutputOrder()
    result.statistics.files.sort()
    return result
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
  /// cores while `produce` is still running; the inputs and the results, in the order they were produced,
  /// and how long `produce` ran.
  static func mapStreaming<Input: Sendable, T: Sendable>(
    produce: (_ emit: (Input) -> Void) -> Void, _ body: @escaping @Sendable (Input) -> T
  ) -> (inputs: [Input], results: [T], producing: Duration) {
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
    let clock = ContinuousClock()
    let started = clock.now
    produce { queue.append($0) }
    let producing = clock.now - started
    let inputs = queue.finish(waking: workers)
    group.wait()
    var ordered = results.withLock { $0 }
    ordered.sort { $0.0 < $1.0 }
    return (inputs, ordered.map(\.1), producing)
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
