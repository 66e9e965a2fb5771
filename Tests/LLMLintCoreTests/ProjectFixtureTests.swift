import Foundation
import Testing

@testable import LLMLintCore

/// Multi-file fixture projects (Fixtures/projects/<name>/): the project's facts are gathered from all its
/// files, then every file yields exactly the findings its `expect:` comments name.
@Suite struct ProjectFixtureTests {
  static let projectsDirectory = TestSupport.fixturesDirectory.appendingPathComponent("projects")

  /// The Python and Swift files of project `name`, paths relative to the project.
  static func sources(_ name: String) throws -> [SourceFile] {
    let root = projectsDirectory.appendingPathComponent(name)
    let names = FileManager.default.subpaths(atPath: root.path) ?? []
    return try names.sorted().compactMap { relative in
      guard let language = Language.byExtension(of: relative) else { return nil }
      let bytes = try [UInt8](Data(contentsOf: root.appendingPathComponent(relative)))
      return SourceFile(path: relative, language: language, bytes: bytes)
    }
  }

  static let projects: [String] = {
    ((try? FileManager.default.contentsOfDirectory(atPath: projectsDirectory.path)) ?? []).sorted()
  }()

  static func lint(_ name: String, ruleSet: RuleSet = TestSupport.builtIn) throws -> [(SourceFile, [Finding])] {
    let files = try sources(name)
    let linter = Linter(ruleSet: ruleSet, facts: ProjectFacts.gather(sources: files, ruleSet: ruleSet))
    return files.map { ($0, linter.lint($0)) }
  }

  @Test func projectsExist() {
    #expect(Self.projects.count >= 3)
  }

  @Test(arguments: projects) func projectFindingsAreExactlyTheExpectedOnes(_ name: String) throws {
    for (file, findings) in try Self.lint(name) {
      let expected = FixtureTests.expectations(file.bytes, file.language)
      let got = findings.map { "\($0.line) \($0.ruleID)" }.sorted()
      #expect(got == expected, "\(name)/\(file.path)")
    }
  }

  /// `Scan.runProject` (facts only for files with matches, others read again when they mention a name
  /// that matters) finds what linting with facts gathered from every file finds.
  @Test(arguments: projects) func projectScanAgreesWithGatheredFacts(_ name: String) throws {
    var files = try Self.sources(name)
    for index in 0..<50 {
      files.append(
        SourceFile(path: "noise\(index).py", language: .python, bytes: Array("def n\(index)():\n    g()\n".utf8)))
    }
    let everything = Linter(
      ruleSet: TestSupport.builtIn, facts: ProjectFacts.gather(sources: files, ruleSet: TestSupport.builtIn))
    let expected = files.flatMap { everything.lint($0) }.sorted(by: Finding.ordered).map {
      "\($0.path):\($0.line) \($0.message)"
    }
    let all = files
    let scanned = Scan.runProject(count: all.count, linter: TestSupport.linter) { .file(all[$0]) }
    #expect(scanned.findings.map { "\($0.path):\($0.line) \($0.message)" } == expected)
  }

  @Test func aHelperWithAnUntrackedCallerNamesIt() throws {
    let findings = try Self.lint("helpers").flatMap(\.1)
    let classify = try #require(findings.first { $0.path == "service.py" && $0.line == 36 })
    #expect(
      classify.message.hasSuffix("; _classify is also called outside a tracked context at jobs.py:6"),
      "\(classify.message)")
    let never = try #require(findings.first { $0.path == "service.py" && $0.line == 58 })
    #expect(!never.message.contains("also called"))
  }

  @Test func withoutProjectFactsHelpersAreNotTracked() throws {
    // The same files linted one by one (no facts) flag the helpers' calls: the facts are what clears them.
    let files = try Self.sources("helpers")
    let count = files.reduce(0) { $0 + TestSupport.linter.lint($1).count }
    #expect(count > 4)
  }

  @Test func liteLLMCoverageCanBeForcedOff() throws {
    var builder = Builder()
    _ = builder.apply(bytes: ConfigLoader.builtInBytes, file: nil, isUser: false)
    let problems = builder.apply(bytes: Array("litellm-callback-coverage: off\n".utf8), file: "c.yml", isUser: true)
    #expect(problems.isEmpty)
    let findings = try Self.lint("litellm_callback", ruleSet: builder.ruleSet()).flatMap(\.1)
    #expect(findings.filter { $0.provider == "litellm" }.count == 3)
    #expect(findings.filter { $0.ruleID == "crewai-llm" }.count == 1)
  }

  @Test func liteLLMCoverageCanBeForcedOn() throws {
    var builder = Builder()
    _ = builder.apply(bytes: ConfigLoader.builtInBytes, file: nil, isUser: false)
    _ = builder.apply(bytes: Array("litellm-callback-coverage: on\n".utf8), file: "c.yml", isUser: true)
    let findings = try Self.lint("litellm_no_callback", ruleSet: builder.ruleSet()).flatMap(\.1)
    #expect(findings.isEmpty)
  }

  static func ruleSet(config: String) -> RuleSet {
    var builder = Builder()
    _ = builder.apply(bytes: ConfigLoader.builtInBytes, file: nil, isUser: false)
    let problems = builder.apply(bytes: Array(config.utf8), file: "c.yml", isUser: true)
    #expect(problems.isEmpty, "\(problems)")
    return builder.ruleSet()
  }

  /// The registration that covers litellm calls is named with its evidence, found in whatever file defines it.
  @Test(arguments: [
    ("litellm_callback", "callbacks.py:7", "registers UsageLogger, a subclass of CustomLogger"),
    ("litellm_logger_same_file", "app.py:13", "registers CostLogger, a subclass of CustomLogger"),
    ("litellm_integration", "app.py:5", "registers the \"langfuse\" integration"),
  ])
  func theCoveringRegistrationIsNamed(_ name: String, _ place: String, _ reason: String) throws {
    let files = try Self.sources(name)
    let facts = ProjectFacts.gather(sources: files, ruleSet: TestSupport.builtIn)
    let cover = try #require(facts.liteLLMCover(TestSupport.builtIn))
    #expect(cover.place == place)
    #expect(cover.reason == reason)
  }

  /// A registration without evidence covers nothing, and the calls it does not cover name it.
  @Test(arguments: [("litellm_passthrough", "app.py:6"), ("litellm_lookalikes", "app.py:11")])
  func anUnprovenRegistrationIsNamedOnTheCalls(_ name: String, _ place: String) throws {
    let files = try Self.sources(name)
    let facts = ProjectFacts.gather(sources: files, ruleSet: TestSupport.builtIn)
    #expect(facts.liteLLMCover(TestSupport.builtIn) == nil)
    let findings = try Self.lint(name).flatMap(\.1).filter { $0.provider == "litellm" }
    #expect(!findings.isEmpty)
    for finding in findings {
      #expect(
        finding.message.hasSuffix(
          "; the LiteLLM callback registered at \(place) is not known to record usage (see litellm-callbacks)"),
        "\(finding.message)")
    }
  }

  /// A name the config declares counts: a library's logger class, or a string integration.
  @Test func configDeclaredCallbacksCount() throws {
    let source = """
      import litellm
      from vendor.logging import VendorLogger

      litellm.callbacks = [VendorLogger(api_key="k")]
      litellm.completion(model="m", messages=[])

      """
    let file = SourceFile(path: "app.py", language: .python, bytes: Array(source.utf8))
    func count(_ ruleSet: RuleSet) -> Int {
      Linter(ruleSet: ruleSet, facts: ProjectFacts.gather(sources: [file], ruleSet: ruleSet)).lint(file).count
    }
    #expect(count(TestSupport.builtIn) == 1)
    let declared = Self.ruleSet(config: "litellm-callbacks: [VendorLogger]\n")
    #expect(count(declared) == 0)
    let cover = try #require(ProjectFacts.gather(sources: [file], ruleSet: declared).liteLLMCover(declared))
    #expect(cover.reason == "registers VendorLogger (named in litellm-callbacks)")
    // Another name declared does not make this one count; `extends: none` drops the built-in integrations.
    #expect(count(Self.ruleSet(config: "litellm-callbacks: [OtherLogger]\n")) == 1)
    let integration = SourceFile(
      path: "b.py", language: .python,
      bytes: Array("import litellm\nlitellm.success_callback = ['helicone']\nlitellm.completion(model='m')\n".utf8))
    let builtIn = TestSupport.builtIn
    #expect(
      Linter(ruleSet: builtIn, facts: .gather(sources: [integration], ruleSet: builtIn)).lint(integration).isEmpty)
  }

  /// Each registration form reads what it registers; pass-throughs and look-alikes register nothing.
  @Test(arguments: [
    ("litellm.callbacks = [UsageLogger()]", ["UsageLogger"], [String]()),
    ("litellm.callbacks += [handlers.UsageLogger(), 'langfuse']", ["UsageLogger"], ["langfuse"]),
    ("litellm.success_callback.append(UsageLogger())", ["UsageLogger"], []),
    ("litellm.callbacks.extend([UsageLogger(), OtherLogger()])", ["UsageLogger", "OtherLogger"], []),
    ("litellm._async_success_callback.insert(0, 'helicone')", [], ["helicone"]),
    ("h = UsageLogger()\nlitellm.callbacks = [h]", ["UsageLogger"], []),
    ("from handlers import UsageLogger as UL\nlitellm.callbacks = [UL()]", ["UsageLogger"], []),
    ("litellm.callbacks = [UsageLogger(sink='langfuse')]", ["UsageLogger"], []),
    ("def f(cbs):\n    litellm.callbacks = cbs", [], []),
    ("litellm.callbacks = make_callbacks()", [], []),
    ("litellm.callbacks = [f'{name}']", [], []),
  ])
  func registrationFormsReadWhatTheyRegister(_ code: String, _ classes: [String], _ integrations: [String]) {
    let source = "import litellm\n" + code + "\n"
    let facts = FileFacts.extract(Array(source.utf8), language: .python, path: "a.py", ruleSet: TestSupport.builtIn)
    #expect(facts.liteLLMRegistrations.count == 1, "\(code)")
    let registration = facts.liteLLMRegistrations.first
    #expect(registration?.classes.map { facts.names[Int($0)] } == classes, "\(code)")
    #expect(registration?.integrations.map { facts.names[Int($0)] } == integrations, "\(code)")
  }

  @Test(arguments: [
    "telemetry.callbacks = [UsageLogger()]", "callbacks = [UsageLogger()]", "litellm.failure_callback = ['langfuse']",
    "print(litellm.callbacks)", "x = litellm.success_callback[0]", "# litellm.callbacks = [UsageLogger()]",
    "s = 'litellm.callbacks = [UsageLogger()]'",
  ])
  func lookAlikesAreNoRegistration(_ code: String) {
    let source = "import litellm\n" + code + "\n"
    let facts = FileFacts.extract(Array(source.utf8), language: .python, path: "a.py", ruleSet: TestSupport.builtIn)
    #expect(facts.liteLLMRegistrations.isEmpty, "\(code)")
    #expect(facts.liteLLMCallbackLine == 0, "\(code)")
  }

  /// `if NAME:` / `else:` on a module-level constant: the branch that cannot run has no callers.
  @Test(arguments: [
    ("FLAG = True\n", 0), ("FLAG = False\n", 1),
    ("try:\n    import tracking\n    FLAG = True\nexcept ImportError:\n    FLAG = False\n", 1),
    ("FLAG = True\nFLAG = True\n", 1), ("FLAG = True\ndef reset():\n    FLAG = False\n", 1),
    ("FLAG = True\nOTHER = False\n", 0), ("count = 2\nFLAG = True\nlimit = count\n", 0), ("FLAG = 1\n", 1),
  ])
  func constantGuardsDecideWhichBranchCounts(_ guardCode: String, _ expected: Int) {
    let source =
      guardCode + """
        def caller(tracker):
            if FLAG:
                with tracker.track_llm_call(provider="openai"):
                    helper()
            else:
                helper()


        def helper():
            return client.chat.completions.create(model="m")

        """
    let file = SourceFile(path: "a.py", language: .python, bytes: Array(source.utf8))
    let facts = ProjectFacts.gather(sources: [file], ruleSet: TestSupport.builtIn)
    #expect(Linter(ruleSet: TestSupport.builtIn, facts: facts).lint(file).count == expected, "\(guardCode)")
  }

  /// Deciding lazily (decoding only files whose names can matter) gives the verdicts of a resolution that
  /// decodes every file first.
  @Test func lazyResolutionDecidesTheSameAsEveryFile() throws {
    var files = try Self.sources("helpers")
    for index in 0..<200 {
      files.append(
        SourceFile(
          path: "noise\(index).py", language: .python, bytes: Array("def f\(index)():\n    g(\(index))\n".utf8)))
    }
    let linter = Linter(ruleSet: TestSupport.builtIn, usePrefilter: false)
    let analyses = files.map { linter.analysis($0) }
    let seeds = files.indices.filter { !analyses[$0].result.findings.isEmpty }
    let lazy = CallGraph(store: MemoryFiles(files: files, facts: analyses.map(\.facts))).resolve(
      seeds: seeds, liteLLM: true)
    let full = CallGraph(store: EveryFile(files: files, facts: analyses.map(\.facts))).resolve(
      seeds: seeds, liteLLM: true)
    for file in files { #expect(lazy.helpers(in: file.path) == full.helpers(in: file.path), "\(file.path)") }
    #expect(lazy.trackedHelperCount == full.trackedHelperCount && full.trackedHelperCount > 0)
  }

  /// A store that answers every search with every file.
  struct EveryFile: FactStore {
    let files: [SourceFile]
    let facts: [FileFacts]
    var count: Int { files.count }
    func path(_ file: Int) -> String { files[file].path }
    func language(_ file: Int) -> Language { files[file].language }
    func candidates(_ names: [String]) -> [Int] { Array(files.indices) }
    func facts(_ files: [Int]) -> [FileFacts] { files.map { facts[$0] } }
  }

  @Test func commonNamesAreNeverTrackedThroughCallers() {
    var files: [SourceFile] = []
    for index in 0..<40 {
      files.append(SourceFile(path: "m\(index).py", language: .python, bytes: Array("def run():\n    pass\n".utf8)))
    }
    let source =
      "def run():\n    return client.chat.completions.create(model=m)\n\nwith t.track_llm_call():\n    run()\n"
    files.append(SourceFile(path: "main.py", language: .python, bytes: Array(source.utf8)))
    let facts = ProjectFacts.gather(sources: files, ruleSet: TestSupport.builtIn)
    #expect(Linter(ruleSet: TestSupport.builtIn, facts: facts).lint(files.last!).count == 1)
  }

  // MARK: - Cache

  @Test func cacheIsReadBackAndDamageIsDetected() throws {
    let files = try Self.sources("helpers")
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("llmlint-cache-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: directory) }
    let cache = FactCache(path: directory.appendingPathComponent("facts.bin").path)
    let inputs = files.enumerated().map {
      ProjectFacts.ProjectFile(path: $1.path, language: $1.language, blobID: "blob\($0)")
    }
    let ruleSet = TestSupport.builtIn
    func run() -> (ProjectFacts, [Int]) {
      var asked: [Int] = []
      let facts = ProjectFacts.gather(files: inputs, ruleSet: ruleSet, cache: cache) { indices in
        asked += indices
        return indices.map { files[$0].bytes }
      }
      return (facts, asked)
    }
    let (cold, coldAsked) = run()
    #expect(coldAsked == Array(0..<files.count))
    let (warm, warmAsked) = run()
    #expect(warmAsked.isEmpty)
    #expect(warm.trackedHelperCount == cold.trackedHelperCount && cold.trackedHelperCount > 0)
    for file in files { #expect(warm.helpers(in: file.path) == cold.helpers(in: file.path)) }

    // Flip one byte of the entry table: its checksum fails, everything is read again and the cache rewritten.
    let good = [UInt8](try Data(contentsOf: URL(fileURLWithPath: cache.path)))
    var bytes = good
    bytes[FactCache.headerSize + 5] ^= 0xFF
    try Data(bytes).write(to: URL(fileURLWithPath: cache.path))
    #expect(cache.load().isEmpty)
    let (_, damagedAsked) = run()
    #expect(damagedAsked == Array(0..<files.count))
    #expect(cache.load().count == files.count)
    #expect([UInt8](try Data(contentsOf: URL(fileURLWithPath: cache.path))) == good)

    // Flip one byte of every body: the table still loads, and each body needed is read again rather than
    // trusted; the verdicts do not change.
    let entries = try #require(FactCache.decode(good)).all()
    bytes = good
    for entry in entries.values where entry.isAnalyzed { bytes[entry.row.start] ^= 0xFF }
    try Data(bytes).write(to: URL(fileURLWithPath: cache.path))
    #expect(cache.load().count == files.count)
    let (damagedBodies, bodiesAsked) = run()
    #expect(!bodiesAsked.isEmpty)
    for file in files { #expect(damagedBodies.helpers(in: file.path) == cold.helpers(in: file.path)) }

    // The bodies read again went to the delta; truncated and garbage caches are damage too.
    #expect(cache.load().delta.count == bodiesAsked.count)
    try Data(bytes.prefix(30)).write(to: URL(fileURLWithPath: cache.path))
    #expect(cache.load().main.isEmpty)
    try Data("not a cache".utf8).write(to: URL(fileURLWithPath: cache.path))
    #expect(cache.load().main.isEmpty)
  }

  /// With the prefilter (as `--staged` runs), files without an anchor word are set aside in the cache and
  /// read again only when a searched name may be in them; the verdicts are those of analyzing every file,
  /// cold and warm, and a warm run after the first reads nothing.
  @Test(arguments: ProjectFixtureTests.projects)
  func setAsideFilesGiveTheVerdictsOfAnalyzedOnes(_ project: String) throws {
    var files = try Self.sources(project)
    // Files without anchor words besides the project's own.
    for index in 0..<40 {
      files.append(
        SourceFile(path: "pad/f\(index).py", language: .python, bytes: Array("value_\(index) = \(index)\n".utf8)))
    }
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("llmlint-lazy-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: directory) }
    let cache = FactCache(path: directory.appendingPathComponent("facts.bin").path)
    let inputs = files.enumerated().map {
      ProjectFacts.ProjectFile(path: $1.path, language: $1.language, blobID: "blob\($0)")
    }
    func run(prefilter: Bool, cache: FactCache?) -> (ProjectFacts, [Int]) {
      var asked: [Int] = []
      let facts = ProjectFacts.gather(
        files: inputs, ruleSet: TestSupport.builtIn, cache: cache, usePrefilter: prefilter
      ) {
        indices in
        asked += indices
        return indices.map { files[$0].bytes }
      }
      return (facts, asked)
    }
    let (everyFile, _) = run(prefilter: false, cache: nil)
    let (cold, coldAsked) = run(prefilter: true, cache: cache)
    // Each file read once, and a set-aside one at most once more.
    #expect(Set(coldAsked) == Set(files.indices))
    #expect(coldAsked.count <= 2 * files.count)
    // In these projects, tracked callers sit in files without an anchor word: set aside, then read again.
    if ["helpers", "soundness"].contains(project) { #expect(coldAsked.count > files.count) }
    let (warm, warmAsked) = run(prefilter: true, cache: cache)
    #expect(warmAsked.isEmpty)
    let (again, _) = run(prefilter: true, cache: nil)
    for file in files {
      #expect(cold.helpers(in: file.path) == everyFile.helpers(in: file.path), "\(project)/\(file.path) cold")
      #expect(warm.helpers(in: file.path) == everyFile.helpers(in: file.path), "\(project)/\(file.path) warm")
      #expect(again.helpers(in: file.path) == everyFile.helpers(in: file.path), "\(project)/\(file.path) uncached")
    }
    #expect(cold.liteLLMCallback == everyFile.liteLLMCallback && warm.liteLLMCallback == everyFile.liteLLMCallback)
  }

  @Test func aFewNewBlobsGoToTheDeltaAndManyRewriteTheCache() throws {
    var files = try Self.sources("helpers")
    for index in 0..<600 {
      files.append(SourceFile(path: "filler\(index).py", language: .python, bytes: Array("x = \(index)\n".utf8)))
    }
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("llmlint-delta-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: directory) }
    let cache = FactCache(path: directory.appendingPathComponent("facts.bin").path)
    var blobs = files.indices.map { "blob\($0)" }
    func run() -> (ProjectFacts, [Int]) {
      var asked: [Int] = []
      let inputs = files.indices.map {
        ProjectFacts.ProjectFile(path: files[$0].path, language: files[$0].language, blobID: blobs[$0])
      }
      let facts = ProjectFacts.gather(files: inputs, ruleSet: TestSupport.builtIn, cache: cache) { indices in
        asked += indices
        return indices.map { files[$0].bytes }
      }
      return (facts, asked)
    }
    func bytes(_ path: String) -> [UInt8]? { FileManager.default.contents(atPath: path).map { [UInt8]($0) } }
    let (cold, _) = run()
    let main = try #require(bytes(cache.path))
    #expect(bytes(cache.deltaPath) == nil)

    // Two files change: only they are read, the main file stays as it was, the delta holds them.
    blobs[0] = "changed0"
    blobs[files.count - 1] = "changed-last"
    let (changed, asked) = run()
    #expect(asked == [0, files.count - 1])
    #expect(bytes(cache.path) == main)
    #expect(cache.load().delta.count == 2)
    for file in files { #expect(changed.helpers(in: file.path) == cold.helpers(in: file.path)) }
    #expect(run().1.isEmpty)

    // A damaged delta is no delta: its files are read again.
    try Data("garbage".utf8).write(to: URL(fileURLWithPath: cache.deltaPath))
    #expect(run().1 == [0, files.count - 1])
    #expect(cache.load().delta.count == 2)

    // Past the delta's size, the cache is written whole again, without the entries no longer in use.
    for index in 0..<300 { blobs[files.count - 1 - index] = "again\(index)" }
    let (rewritten, many) = run()
    #expect(many.count == 300)
    #expect(bytes(cache.deltaPath) == nil)
    #expect(cache.load().main.count == files.count)
    for file in files { #expect(rewritten.helpers(in: file.path) == cold.helpers(in: file.path)) }
    #expect(run().1.isEmpty)
  }

  @Test func manyFilesAreReadInBatchesAndGiveTheSameFacts() {
    // One helper called only from tracked code, and more files than one batch holds.
    var sources = [
      SourceFile(
        path: "h.py", language: .python, bytes: Array("def ask(c):\n    return c.chat.completions.create(m)\n".utf8)),
      SourceFile(
        path: "u.py", language: .python, bytes: Array("from h import ask\nwith track_llm_call():\n    ask(c)\n".utf8)),
    ]
    for index in 0..<(ProjectFacts.batchSize + 100) {
      sources.append(SourceFile(path: "f\(index).py", language: .python, bytes: Array("x = \(index)\n".utf8)))
    }
    var batches: [Int] = []
    let files = sources.map { ProjectFacts.ProjectFile(path: $0.path, language: $0.language) }
    let facts = ProjectFacts.gather(files: files, ruleSet: TestSupport.builtIn) { indices in
      batches.append(indices.count)
      return indices.map { sources[$0].bytes }
    }
    #expect(batches == [ProjectFacts.batchSize, sources.count - ProjectFacts.batchSize])
    #expect(facts.helpers(in: "h.py").map(\.tracked) == [true])
    #expect(TestSupport.linter.check(sources[0]).findings.count == 1)
    #expect(
      facts.apply(to: TestSupport.linter.check(sources[0]).findings, path: "h.py", ruleSet: TestSupport.builtIn).isEmpty
    )
  }

  @Test func cacheRoundTripsEveryField() throws {
    var entries: [String: FileFacts] = [:]
    let files = try ["helpers", "litellm_callback", "litellm_lookalikes"].flatMap { try Self.sources($0) }
    #expect(
      files.contains {
        !FileFacts.extract($0.bytes, language: $0.language, path: $0.path, ruleSet: TestSupport.builtIn)
          .liteLLMRegistrations.isEmpty
      })
    for (index, file) in files.enumerated() {
      entries["b\(index) \(file.path)"] = FileFacts.extract(
        file.bytes, language: file.language, path: file.path, ruleSet: TestSupport.builtIn)
    }
    let decoded = try #require(FactCache.decode(FactCache.encode(entries.mapValues(CacheEntry.analyzed)))).all()
    #expect(decoded.mapValues { $0.decode() } == entries.mapValues { Optional($0) })
    #expect(decoded.mapValues(\.hasMatches) == entries.mapValues { !$0.matchedFunctions.isEmpty })
    // Looked up by blob id and path, each exactly.
    let loaded = try #require(FactCache.decode(FactCache.encode(entries.mapValues(CacheEntry.analyzed))))
    // Every name of an entry's facts is in its signature.
    for (key, facts) in entries {
      let (blob, path) = (String(key.prefix { $0 != " " }), String(key.drop { $0 != " " }.dropFirst()))
      let index = try #require(loaded.lookup(blob: blob, path: path)).index
      for name in facts.names {
        let bits = loaded.mayHold([WordBloom.runs(of: name)])
        #expect(bits[index >> 6] >> UInt64(index & 63) & 1 == 1, "\(name) of \(path)")
      }
    }
    for key in entries.keys {
      let (blob, path) = (String(key.prefix { $0 != " " }), String(key.drop { $0 != " " }.dropFirst()))
      #expect(loaded.lookup(blob: blob, path: path)?.decode() == entries[key])
      #expect(loaded.lookup(blob: blob, path: path + "x") == nil)
      #expect(loaded.lookup(blob: blob + "0", path: path) == nil)
      #expect(loaded.lookup(blob: "", path: blob + " " + path) == nil)
    }
  }
}

@Suite struct FactCacheFormatTests {
  /// Files of every shape: with an LLM call, helpers, a type header, without anchor words.
  static let sources: [(String, String)] = [
    (
      "a.py",
      "from openai import OpenAI\nclass Chat(Base):\n    def ask(self, c):\n        return c.chat.completions.create(m)\n"
    ),
    ("b.py", "class Widget(Base, metaclass=Meta):\n    def render(self):\n        return layout_helper(self)\n"),
    ("c.py", "import os\n\ndef layout_helper(w):\n    return os.path.join(w.name, 'x0xbeef')\n"),
    ("D.swift", "struct Panel: View {\n  func draw() { paint(self) }\n}\nextension Panel: Equatable {}\n"),
  ]

  static func bloom(_ text: String, _ language: Language) -> WordBloom {
    Array(text.utf8).withUnsafeBufferPointer { WordBloom($0, language: language, bits: FactCache.signatureBits) }
  }

  @Test func setAsideEntriesKeepTheirWordsAndHeaders() throws {
    var entries: [String: CacheEntry] = [:]
    for (path, text) in Self.sources {
      let language: Language = path.hasSuffix(".swift") ? .swift : .python
      entries["blob-\(path) \(path)"] = .setAside(Self.bloom(text, language))
    }
    let loaded = try #require(FactCache.decode(FactCache.encode(entries)))
    #expect(loaded.count == Self.sources.count)
    for (path, text) in Self.sources {
      let entry = try #require(loaded.lookup(blob: "blob-\(path)", path: path))
      #expect(!entry.isAnalyzed && !entry.hasMatches && entry.decode() == nil)
      let language: Language = path.hasSuffix(".swift") ? .swift : .python
      #expect(entry.headerWords == Self.bloom(text, language).headerWords)
      // Every identifier of the file is in its signature.
      var words: [String] = []
      var current = ""
      for character in text {
        if character.isLetter || character.isNumber || character == "_" {
          current.append(character)
        } else {
          if !current.isEmpty { words.append(current) }
          current = ""
        }
      }
      for word in words where !(word.first?.isNumber ?? true) {
        let bits = loaded.mayHold([WordBloom.runs(of: word)])
        #expect(bits[entry.index >> 6] >> UInt64(entry.index & 63) & 1 == 1, "\(word) in \(path)")
      }
    }
    // A word no file has is in (almost) no signature: the filter is not all ones.
    let absent = loaded.mayHold([WordBloom.runs(of: "zzq_never_written_anywhere_91")])
    #expect(absent.reduce(0) { $0 + $1.nonzeroBitCount } < Self.sources.count)
  }

  @Test func carriedEntriesKeepTheirSignaturesAndBodies() throws {
    var first: [String: CacheEntry] = [:]
    let linter = Linter(ruleSet: TestSupport.builtIn, usePrefilter: false)
    for (index, (path, text)) in Self.sources.enumerated() {
      let language: Language = path.hasSuffix(".swift") ? .swift : .python
      let file = SourceFile(path: path, language: language, bytes: Array(text.utf8))
      first["b\(index) \(path)"] =
        index % 2 == 0 ? .analyzed(linter.analysis(file).facts) : .setAside(Self.bloom(text, language))
    }
    let one = try #require(FactCache.decode(FactCache.encode(first)))
    // Written again from the loaded entries, in another order and with one more: the same answers.
    var second = one.all().mapValues(CacheEntry.cached)
    second["a-new-blob zz.py"] = .setAside(Self.bloom("def extra(): pass\n", .python))
    let two = try #require(FactCache.decode(FactCache.encode(second)))
    for name in ["ask", "Chat", "layout_helper", "Panel", "paint", "render", "extra", "nothing_like_it"] {
      let runs = [WordBloom.runs(of: name)]
      let before = one.mayHold(runs)
      let after = two.mayHold(runs)
      for (key, entry) in one.all() {
        let (blob, path) = (String(key.prefix { $0 != " " }), String(key.drop { $0 != " " }.dropFirst()))
        let moved = try #require(two.lookup(blob: blob, path: path))
        let was = before[entry.index >> 6] >> UInt64(entry.index & 63) & 1
        #expect(after[moved.index >> 6] >> UInt64(moved.index & 63) & 1 == was, "\(name) in \(path)")
        #expect(moved.decode() == entry.decode())
        #expect(moved.headerWords == entry.headerWords)
      }
    }
  }

  @Test func aDamagedSliceRulesNothingOut() throws {
    var entries: [String: CacheEntry] = [:]
    for (path, text) in Self.sources {
      let language: Language = path.hasSuffix(".swift") ? .swift : .python
      entries["blob \(path)"] = .setAside(Self.bloom(text, language))
    }
    var bytes = FactCache.encode(entries)
    let clean = try #require(FactCache.decode(bytes))
    // Zero every slice: a bit cleared by damage must not make a file that holds a name look as if it did not.
    let count = Self.sources.count
    let tableLength = Int(bytes[16]) | Int(bytes[17]) << 8 | Int(bytes[18]) << 16
    let slices = FactCache.headerSize + tableLength
    for offset in slices..<(slices + FactCache.signatureBits * ((count + 63) / 64) * 8) { bytes[offset] = 0 }
    let damaged = try #require(FactCache.decode(bytes))
    for name in ["Widget", "layout_helper", "Panel"] {
      let runs = [WordBloom.runs(of: name)]
      let want = clean.mayHold(runs)
      let got = damaged.mayHold(runs)
      for word in want.indices { #expect(want[word] & ~got[word] == 0, "\(name)") }
    }
  }
}

@Suite struct IndexListingTests {
  @Test func keepsMergedRegularPythonAndSwiftFiles() {
    let output =
      "100644 aaaa 0\tsrc/app.py\u{0}100755 bbbb 0\tbin/tool.py\u{0}120000 cccc 0\tlink.py\u{0}"
      + "100644 dddd 1\tconflict.py\u{0}100644 eeee 0\tREADME.md\u{0}100644 ffff 0\tios/A.swift\u{0}160000 gggg 0\tsub\u{0}"
    let files = IndexListing.parse(Array(output.utf8)) { "./" + String(decoding: $0, as: UTF8.self) }
    #expect(files.map(\.path) == ["./src/app.py", "./bin/tool.py", "./ios/A.swift"])
    #expect(files.map { $0.blobID ?? "" } == ["aaaa", "bbbb", "ffff"])
    #expect(files.map(\.language) == [.python, .python, .swift])
    #expect(IndexListing.parse(Array("garbage\u{0}100644 x\tno-stage.py\u{0}".utf8)) { _ in "" }.isEmpty)
  }
}

/// `LLMLINT_BENCH=<directory>`: gathers project facts over every Python file below the directory, ten
/// times over (`LLMLINT_BENCH_COPIES`) under different paths (a large repository), cold and then warm from
/// the cache.
@Suite struct ProjectFactsBenchmark {
  static let service = """
    from openai import OpenAI

    client = OpenAI()


    def parse(text):
        return client.chat.completions.create(model="m", messages=[])


    def generate_summary(text):
        return client.responses.create(model="m", input=text)


    def summarize(tracker, text):
        with tracker.track_llm_call(provider="openai"):
            return parse(text), generate_summary(text)

    """

  @Test(.enabled(if: ProcessInfo.processInfo.environment["LLMLINT_BENCH"] != nil))
  func coldAndWarmGather() throws {
    let root = ProcessInfo.processInfo.environment["LLMLINT_BENCH"]!
    let names = (FileManager.default.subpaths(atPath: root) ?? []).filter { $0.hasSuffix(".py") }.sorted()
    var contents: [[UInt8]] = []
    var inputs: [ProjectFacts.ProjectFile] = []
    let copies = Int(ProcessInfo.processInfo.environment["LLMLINT_BENCH_COPIES"] ?? "") ?? 10
    for copy in 0..<copies {
      for name in names {
        guard let data = FileManager.default.contents(atPath: root + "/" + name) else { continue }
        contents.append([UInt8](data))
        inputs.append(
          ProjectFacts.ProjectFile(path: "copy\(copy)/\(name)", language: .python, blobID: "b\(contents.count)"))
      }
      // LLM calls in helpers, one with a name common in the corpus (`parse`), so some files must be decoded.
      contents.append(Array(Self.service.utf8))
      inputs.append(ProjectFacts.ProjectFile(path: "copy\(copy)/llm_service.py", language: .python, blobID: "s\(copy)"))
    }
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("llmlint-bench-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: directory) }
    let cache = FactCache(path: directory.appendingPathComponent("facts.bin").path)
    let bytes = contents
    for run in ["cold", "warm", "warm"] {
      let clock = ContinuousClock()
      var read = 0
      var facts = ProjectFacts()
      let elapsed = clock.measure {
        facts = ProjectFacts.gather(files: inputs, ruleSet: TestSupport.builtIn, cache: cache) { indices in
          read = indices.count
          return indices.map { bytes[$0] }
        }
      }
      let size = (try? FileManager.default.attributesOfItem(atPath: cache.path)[.size] as? Int) ?? 0
      print(
        "\(run): \(inputs.count) files, \(read) read, \(elapsed), cache \(size / 1024) KiB, "
          + "tracked helpers \(facts.trackedHelperCount)")
    }
  }
}
