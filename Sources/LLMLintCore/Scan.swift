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
  /// Loads and lints inputs `0..<count` concurrently; `load` must be safe to call from any thread.
  /// Findings are sorted by path, line, column and rule; problems keep input order.
  public static func run(count: Int, linter: Linter, load: @escaping @Sendable (Int) -> LoadedInput) -> ScanResult {
    let slots = ResultSlots(count: count)
    defer { slots.deallocate() }
    let next = Counter()
    let workers = min(count, max(1, System.processorCount))
    let work: @Sendable (Int) -> Void = { _ in
      while true {
        let index = next.value.add(1, ordering: .relaxed).oldValue
        if index >= count { break }
        switch load(index) {
        case .file(let file): slots.store(index, .linted(linter.check(file)))
        case .skipped: slots.store(index, .skipped)
        case .problem(let problem): slots.store(index, .failed(problem))
        }
      }
    }
    if workers <= 1 {
      work(0)
    } else {
      DispatchQueue.concurrentPerform(iterations: workers, execute: work)
    }
    var result = ScanResult()
    for index in 0..<count {
      switch slots.value(index) {
      case .linted(let linted):
        result.filesScanned += 1
        result.findings += linted.findings
        result.suppressed += linted.suppressed
      case .failed(let problem): result.problems.append(problem)
      case .skipped, .none: break
      }
    }
    result.findings.sort(by: Finding.ordered)
    result.suppressed.sort(by: Finding.ordered)
    return result
  }

  /// Lints files already in memory.
  public static func run(files: [SourceFile], linter: Linter) -> ScanResult {
    run(count: files.count, linter: linter) { .file(files[$0]) }
  }
}

/// The next input to take, shared by the workers.
private final class Counter: Sendable {
  let value = Atomic<Int>(0)
}

/// One slot per input, each written by exactly one worker and read after all workers are done.
private final class ResultSlots: @unchecked Sendable {
  enum Outcome {
    case linted(LintResult)
    case skipped
    case failed(Problem)
  }

  private let buffer: UnsafeMutableBufferPointer<Outcome?>

  init(count: Int) {
    buffer = .allocate(capacity: count)
    buffer.initialize(repeating: nil)
  }

  func store(_ index: Int, _ outcome: Outcome) { buffer[index] = outcome }
  func value(_ index: Int) -> Outcome? { buffer[index] }

  func deallocate() {
    buffer.deinitialize()
    buffer.deallocate()
  }
}
