import Dispatch
import Synchronization

extension Scan {
  /// Like `run`, for a scan whose inputs are the whole project: the project's facts are resolved and
  /// applied to every file's findings (`ProjectFacts.apply`). `linter`'s own facts are ignored. Findings
  /// are sorted by path, line, column and rule; problems keep input order.
  ///
  /// Files are tokenized once; facts are extracted along the way only for files with rule matches. The
  /// others leave a Bloom filter of the identifier-like words of their bytes; round by round, the files
  /// whose filter may hold a name that turned out relevant are loaded again for their facts (few, since
  /// LLM calls sit in few functions). `load` must return the same file when asked twice.
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
          let (findings, facts) = linter.analyze(file, extractingFacts: true, onlyIfMatched: true)
          let source: FactSource =
            facts.map(FactSource.init)
            ?? .unread(
              FactSummary(liteLLMCallbackLine: 0, hasMatches: false, bloom: NameBloom(identifiersIn: file.bytes)))
          slots.store(index, .linted(file.path, file.language, findings, source))
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
    var inputs: [Int] = []
    var sources: [FactSource] = []
    var findings: [[Finding]] = []
    var result = ScanResult()
    for index in 0..<count {
      switch slots.value(index) {
      case .linted(let path, let language, let found, let source):
        result.filesScanned += 1
        paths.append(path)
        languages.append(language)
        inputs.append(index)
        sources.append(source)
        findings.append(found)
      case .failed(let problem): result.problems.append(problem)
      case .skipped, .none: break
      }
    }
    // A file without matches may register a LiteLLM callback: the literal prefilter says which to read.
    let reload = ReloadSlots(count: sources.count)
    defer { reload.deallocate() }
    let project = ProjectFacts.resolve(paths: paths, languages: languages, sources: sources) { wanted in
      let next = ProjectCounter()
      let ruleSet = linter.ruleSet
      let wantedInputs = wanted.map { inputs[$0] }
      let work: @Sendable (Int) -> Void = { _ in
        while true {
          let position = next.value.add(1, ordering: .relaxed).oldValue
          if position >= wantedInputs.count { break }
          guard case .file(let file) = load(wantedInputs[position]) else { continue }
          reload.store(
            wanted[position], FileFacts.extract(file.bytes, language: file.language, path: file.path, ruleSet: ruleSet))
        }
      }
      let workers = min(wanted.count, max(1, System.processorCount))
      if workers <= 1 { work(0) } else { DispatchQueue.concurrentPerform(iterations: workers, execute: work) }
      return wanted.map { reload.value($0) ?? FileFacts() }
    }
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
    case linted(String, Language, [Finding], FactSource)
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

/// Facts of files loaded again, one slot per file, each written by one worker.
private final class ReloadSlots: @unchecked Sendable {
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
