/// Facts about the whole project that decide findings in one file: which functions run only inside
/// tracked contexts (tracked through their callers, see `CallGraph`), which have both tracked and untracked
/// callers (the finding names an untracked one), and where a LiteLLM callback is registered.
///
/// Resolved lazily from a `FactStore` for the files whose findings are judged (`resolve`); `Linter`
/// consults it through `apply`.
public struct ProjectFacts: Sendable {
  public static let empty = ProjectFacts()

  /// Where the first LiteLLM callback registration is (`path:line`), if anywhere, whether or not it is known
  /// to record usage (`liteLLMCover` decides that).
  public internal(set) var liteLLMCallback: String? = nil

  /// A LiteLLM callback registration of the project and what it registers: the instances' classes, each
  /// with its ancestors as the project's type definitions show them, and the string integrations.
  public struct LiteLLMRegistration: Sendable, Equatable {
    public struct Instance: Sendable, Equatable {
      public var name: String
      /// The names of the types it derives from, transitively, sorted (empty when the project does not
      /// define it).
      public var ancestors: [String]
    }
    /// `path:line`.
    public var place: String
    public var instances: [Instance]
    public var integrations: [String]
  }

  /// Every LiteLLM callback registration of the project, by place.
  public internal(set) var liteLLMRegistrations: [LiteLLMRegistration] = []

  /// The registration that covers calls through litellm and why (`callbacks.py:7 registers UsageLogger, a
  /// subclass of CustomLogger`): the first by place whose instance is of a class `ruleSet` names in
  /// `litellm-callbacks` or of a project class deriving from one or from `CustomLogger`, or whose string
  /// integration it names. `nil` when no registration shows that it records usage.
  public func liteLLMCover(_ ruleSet: RuleSet) -> (place: String, reason: String)? {
    let names = Set(ruleSet.liteLLMCallbacks.map { $0.name.lowercased() })
    for registration in liteLLMRegistrations {
      for integration in registration.integrations where names.contains(integration.lowercased()) {
        return (registration.place, "registers the \"\(integration)\" integration")
      }
      for instance in registration.instances {
        if names.contains(instance.name.lowercased()) {
          return (registration.place, "registers \(instance.name) (named in litellm-callbacks)")
        }
        if let base = instance.ancestors.first(where: {
          $0 == RuleSet.liteLLMLoggerBase || names.contains($0.lowercased())
        }) {
          return (registration.place, "registers \(instance.name), a subclass of \(base)")
        }
      }
    }
    return nil
  }

  /// A function of one file and what its callers across the project say about it.
  struct Helper: Sendable, Equatable {
    var name: String
    var body: Range<Int>
    var tracked: Bool
    /// `path:line` of an untracked call site that may reach it, when the function also has tracked ones.
    var untrackedCaller: String?
    /// For a tracked function: `path:line` of a call site inside a tracked context that leads to it, and
    /// the call sites between (innermost first; see `TrackedBy.helper`).
    var trackedAt: String? = nil
    var via: [String] = []
  }

  private var helpersByPath: [String: [Helper]] = [:]

  public init() {}

  mutating func addHelper(_ helper: Helper, path: String) { helpersByPath[path, default: []].append(helper) }

  /// The functions of `path` that are tracked through their callers or have a caller to name.
  func helpers(in path: String) -> [Helper] { helpersByPath[path] ?? [] }

  /// Whether calls through litellm count as covered under `ruleSet`'s `litellm-callback-coverage`.
  public func liteLLMCovered(_ ruleSet: RuleSet) -> Bool {
    switch ruleSet.liteLLMCoverage {
    case .on: return true
    case .off: return false
    case .auto: return liteLLMCover(ruleSet) != nil
    }
  }

  /// `findings` of the file at `path` with the project's facts applied: calls in a function tracked
  /// through its callers and calls covered by a LiteLLM callback (`liteLLMCover`) are dropped; a call in a
  /// function that also has untracked callers names one of them, and a call a registration does not cover
  /// names the registration.
  public func apply(to findings: [Finding], path: String, ruleSet: RuleSet) -> [Finding] {
    split(findings, path: path, ruleSet: ruleSet).findings
  }

  /// `findings` of the file at `path` split by the project's facts: the ones that stay findings (see
  /// `apply`) and the ones the facts track, each with its `trackedBy` (`callback`, `helper`), in the order
  /// given.
  public func split(
    _ findings: [Finding], path: String, ruleSet: RuleSet
  ) -> (findings: [Finding], tracked: [Finding]) {
    guard !findings.isEmpty else { return (findings, []) }
    let covered = liteLLMCovered(ruleSet)
    let helpers = self.helpers(in: path)
    // A registration that shows nothing recording usage is named on the calls it does not cover.
    let unproven = ruleSet.liteLLMCoverage == .auto && !covered ? liteLLMRegistrations.first?.place : nil
    guard covered || unproven != nil || !helpers.isEmpty else { return (findings, []) }
    var kept: [Finding] = []
    var tracked: [Finding] = []
    for var finding in findings {
      let coverable = ruleSet.liteLLMCoveredRuleIDs.contains(finding.ruleID)
      if covered, coverable {
        let place = liteLLMCover(ruleSet)?.place ?? liteLLMCallback ?? "litellm-callback-coverage: on"
        finding.trackedBy = TrackedBy(kind: .callback, at: place)
        tracked.append(finding)
        continue
      }
      // The innermost function around the call decides: its body is tracked or it is not.
      let around = helpers.filter { $0.body.contains(finding.startOffset) }
      if let innermost = around.min(by: { $0.body.count < $1.body.count }), innermost.tracked {
        finding.trackedBy = TrackedBy(kind: .helper, at: innermost.trackedAt ?? path, via: innermost.via)
        tracked.append(finding)
        continue
      }
      if let helper = around.filter({ $0.untrackedCaller != nil }).min(by: { $0.body.count < $1.body.count }) {
        finding.message += "; \(helper.name) is also called outside a tracked context at \(helper.untrackedCaller!)"
      }
      if coverable, let unproven {
        finding.message +=
          "; the LiteLLM callback registered at \(unproven) is not known to record usage (see litellm-callbacks)"
      }
      kept.append(finding)
    }
    return (kept, tracked)
  }

  /// How many functions of the project count as tracked through their callers.
  public var trackedHelperCount: Int { helpersByPath.values.reduce(0) { $0 + $1.filter(\.tracked).count } }

  /// Whether facts about other files can change `findings`: a finding of a rule a LiteLLM callback covers,
  /// or a finding inside a function (whose callers may track it).
  static func needsLiteLLM(_ findings: [Finding], _ ruleSet: RuleSet) -> Bool {
    ruleSet.liteLLMCoverage == .auto && findings.contains { ruleSet.liteLLMCoveredRuleIDs.contains($0.ruleID) }
  }

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

  /// The most files read at once when their facts are extracted.
  static let batchSize = IndexFiles.batchSize

  /// The project's facts for the index files `files`, as they bear on the findings of every file with a
  /// match: files whose blob id is in the cache are not read; the others are read with a call of `read` per
  /// batch (at most `batchSize` files; `nil` for one that cannot be read). The cache, if given, is written
  /// back with the entries of this run.
  /// With `usePrefilter`, files without an anchor word are set aside and analyzed only when a searched
  /// name may be in them (as a `--staged` run does); without, every file read is analyzed.
  public static func gather(
    files: [ProjectFile], ruleSet: RuleSet, cache: FactCache? = nil, usePrefilter: Bool = false,
    read: @escaping ([Int]) -> [[UInt8]?]
  ) -> ProjectFacts {
    let store = IndexFiles(
      files: files, linter: Linter(ruleSet: ruleSet, usePrefilter: usePrefilter), cache: cache, read: read)
    let seeds = store.filesWithMatches()
    let facts = CallGraph(store: store).resolve(seeds: seeds, liteLLM: ruleSet.liteLLMCoverage == .auto)
    store.finish()
    return facts
  }

  // MARK: - Gathering (files in memory)

  /// The project's facts for files already in memory, as they bear on every file's findings (tests, tools).
  public static func gather(sources files: [SourceFile], ruleSet: RuleSet) -> ProjectFacts {
    let linter = Linter(ruleSet: ruleSet, usePrefilter: false)
    let analyses = files.map { linter.analysis($0) }
    let store = MemoryFiles(files: files, facts: analyses.map(\.facts))
    let findings = analyses.flatMap(\.result.findings)
    let seeds = files.indices.filter { !analyses[$0].result.findings.isEmpty }
    return CallGraph(store: store).resolve(seeds: seeds, liteLLM: needsLiteLLM(findings, ruleSet))
  }
}

/// Files whose facts are all known: a `FactStore` that scans every file's names (tests and tools).
struct MemoryFiles: FactStore {
  let files: [SourceFile]
  let facts: [FileFacts]

  var count: Int { files.count }
  func path(_ file: Int) -> String { files[file].path }
  func language(_ file: Int) -> Language { files[file].language }

  func candidates(_ names: [String]) -> [Int] {
    let wanted = Set(names)
    return files.indices.filter { facts[$0].names.contains(where: wanted.contains) }
  }

  func facts(_ files: [Int]) -> [FileFacts] { files.map { facts[$0] } }
}
