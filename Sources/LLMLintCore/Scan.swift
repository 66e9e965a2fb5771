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

  /// Like `run`, for a scan whose inputs are the whole project: each file is tokenized once, for its
  /// findings and its facts together; then the project's facts (tracked helpers, a LiteLLM callback) are
  /// resolved across all of them and applied to every file's findings. `linter`'s own facts are ignored.
  public static func runProject(count: Int, linter: Linter, load: @escaping @Sendable (Int) -> LoadedInput) -> ScanResult {
    let outcomes = Parallel.map(count: count) { index -> Outcome in
      switch load(index) {
      case .file(let file):
        let (result, facts) = linter.analyze(file, extractingFacts: true)
        return .linted(file.path, result, (file.language, facts ?? FileFacts()))
      case .skipped: return .skipped
      case .problem(let problem): return .failed(problem)
      }
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
  private enum Outcome: Sendable {
    case linted(String, LintResult, (language: Language, facts: FileFacts)?)
    case skipped
    case failed(Problem)
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
      case .failed(let problem): result.problems.append(problem)
      case .skipped: break
      }
    }
    result.findings.sort(by: Finding.ordered)
    result.suppressed.sort(by: Finding.ordered)
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
