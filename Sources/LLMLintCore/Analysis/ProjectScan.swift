import Dispatch
import Synchronization

extension Scan {
  /// Like `run`, for a scan whose inputs are the whole project: each file is tokenized once, for its
  /// findings and its facts together; then the project's facts are resolved and applied to every file's
  /// findings (`ProjectFacts.apply`). `linter`'s own facts are ignored. Findings are sorted by path,
  /// line, column and rule; problems keep input order.
  public static func runProject(count: Int, linter: Linter, load: @escaping @Sendable (Int) -> LoadedInput)
    -> ScanResult
  {
    let slots = ProjectSlots(count: count)
    defer { slots.deallocate() }
    let next = ProjectCounter()
    let workers = min(count, max(1, System.processorCount))
    let work: @Sendable (Int) -> Void = { _ in
      while true {
        let index = next.value.add(1, ordering: .relaxed).oldValue
        if index >= count { break }
        switch load(index) {
        case .file(let file):
          let (findings, facts) = linter.analyze(file, extractingFacts: true)
          slots.store(index, .linted(file.path, file.language, findings, facts ?? FileFacts()))
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
    var paths: [String] = []
    var languages: [Language] = []
    var facts: [FileFacts] = []
    var findings: [[Finding]] = []
    var result = ScanResult()
    for index in 0..<count {
      switch slots.value(index) {
      case .linted(let path, let language, let found, let fileFacts):
        result.filesScanned += 1
        paths.append(path)
        languages.append(language)
        facts.append(fileFacts)
        findings.append(found)
      case .failed(let problem): result.problems.append(problem)
      case .skipped, .none: break
      }
    }
    let project = ProjectFacts.resolve(paths: paths, languages: languages, facts: facts)
    for (position, found) in findings.enumerated() {
      result.findings += project.apply(to: found, path: paths[position], ruleSet: linter.ruleSet)
    }
    result.findings.sort(by: Finding.ordered)
    return result
  }
}

/// The next input to take, shared by the workers.
private final class ProjectCounter: Sendable {
  let value = Atomic<Int>(0)
}

/// One slot per input, each written by exactly one worker and read after all workers are done.
private final class ProjectSlots: @unchecked Sendable {
  enum Outcome {
    case linted(String, Language, [Finding], FileFacts)
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
