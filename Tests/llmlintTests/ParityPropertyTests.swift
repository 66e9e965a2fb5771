import Foundation
import Testing

@testable import LLMLintCore

/// One verdict however llmlint is run (issue 11): on seeded random projects of Python and Swift files —
/// helpers of shared and clashing names, recursion, methods on `self` and on constructed receivers,
/// imports between modules, tracked contexts, decorators and closures — a directory scan, a file list,
/// each file named alone, `--staged`, with and without the facts cache (cold and warm), with and without
/// the prefilter, all give the same findings.
@Suite struct ParityPropertyTests {
  /// A random project: file paths and their contents.
  struct Project {
    var files: [(path: String, text: String)] = []
  }

  static let names = ["ask", "run", "summarize", "fetch", "answer", "complete", "embed", "route", "handle", "draft"]
  static let types = ["Chat", "Agent", "Service", "Worker"]

  static func project(seed: UInt64, fileCount: Int) -> Project {
    var random = SplitMix64(seed: seed)
    func pick<T>(_ values: [T]) -> T { values[Int(random.next() % UInt64(values.count))] }
    func chance(_ percent: UInt64) -> Bool { random.next() % 100 < percent }
    var project = Project()
    // Which function names each Python module defines at module level (for imports).
    var defined: [(module: String, names: [String])] = []
    for index in 0..<fileCount {
      let swift = chance(35)
      let directory = "pkg\(index % 3)"
      if swift {
        var text = "import OpenAI\n\n"
        for _ in 0..<(1 + Int(random.next() % 3)) {
          let name = pick(names)
          text += "func \(name)(_ openAI: OpenAI, _ query: ChatQuery) async throws {\n"
          text += swiftBody(&random, name: name, inMethod: false)
          text += "}\n\n"
        }
        if chance(60) {
          let type = pick(types)
          text += "struct \(type) {\n  let openAI: OpenAI\n"
          for _ in 0..<(1 + Int(random.next() % 2)) {
            let name = pick(names)
            text += "  func \(name)(_ query: ChatQuery) async throws {\n"
            text += swiftBody(&random, name: name, inMethod: true).split(separator: "\n").map { "  " + $0 + "\n" }
              .joined()
            text += "  }\n"
          }
          text += "}\n"
        }
        project.files.append(("\(directory)/File\(index).swift", text))
      } else {
        let module = "\(directory).mod\(index)"
        var text = "from openai import OpenAI\nimport tracker\n"
        if let other = defined.isEmpty ? nil : Optional(pick(defined)), !other.names.isEmpty, chance(60) {
          text += "from \(other.module) import \(pick(other.names))\n"
        }
        text += "\nclient = OpenAI()\n\n"
        var mine: [String] = []
        for _ in 0..<(1 + Int(random.next() % 3)) {
          let name = pick(names)
          mine.append(name)
          if chance(15) { text += "@tracker.track_llm_call\n" }
          text += "def \(name)(x):\n" + pythonBody(&random, name: name, indent: "    ", inMethod: false) + "\n"
        }
        if chance(50) {
          let type = pick(types)
          text += "class \(type)(Base):\n"
          for _ in 0..<(1 + Int(random.next() % 2)) {
            let name = pick(names)
            text += "    def \(name)(self, x):\n" + pythonBody(&random, name: name, indent: "        ", inMethod: true)
          }
          text += "\n"
        }
        // Module-level code: calls in and out of tracked contexts.
        for _ in 0..<Int(random.next() % 3) {
          let name = pick(names)
          if chance(50) {
            text += "with tracker.track_llm_call():\n    \(name)(1)\n"
          } else if chance(40) {
            text += "\(pick(types))().\(name)(2)\n"
          } else {
            text += "\(name)(3)\n"
          }
        }
        project.files.append(("\(directory)/mod\(index).py", text))
        defined.append((module, mine))
      }
    }
    return project
  }

  static func pythonBody(_ random: inout SplitMix64, name: String, indent: String, inMethod: Bool) -> String {
    func pick<T>(_ values: [T]) -> T { values[Int(random.next() % UInt64(values.count))] }
    var lines: [String] = []
    for _ in 0..<(1 + Int(random.next() % 3)) {
      switch random.next() % 8 {
      case 0, 1: lines.append("client.chat.completions.create(model=\"m\", messages=x)")
      case 2: lines.append("\(pick(names))(x)")
      case 3: lines.append("with tracker.track_llm_call():\n\(indent)    \(pick(names))(x)")
      case 4: lines.append("\(name)(x)  # recursion")
      case 5: lines.append(inMethod ? "self.\(pick(names))(x)" : "\(pick(types))().\(pick(names))(x)")
      case 6:
        lines.append(
          "with tracker.track_llm_call():\n\(indent)    client.chat.completions.create(model=\"m\", messages=x)")
      default: lines.append("value = \(pick(names))")
      }
    }
    return lines.map { indent + $0 + "\n" }.joined()
  }

  static func swiftBody(_ random: inout SplitMix64, name: String, inMethod: Bool) -> String {
    func pick<T>(_ values: [T]) -> T { values[Int(random.next() % UInt64(values.count))] }
    let receiver = "openAI"
    let arguments = inMethod ? "query" : "openAI, query"
    var lines: [String] = []
    for _ in 0..<(1 + Int(random.next() % 3)) {
      switch random.next() % 7 {
      case 0, 1: lines.append("_ = try await \(receiver).chats(query: query)")
      case 2: lines.append("try await \(pick(names))(\(arguments))")
      case 3: lines.append("try await trackLLMCall { try await \(pick(names))(\(arguments)) }")
      case 4: lines.append("try await \(name)(\(arguments))")
      case 5:
        lines.append(
          inMethod
            ? "try await self.\(pick(names))(query)" : "try await \(pick(types))(openAI: openAI).\(pick(names))(query)")
      default: lines.append("try await trackLLMCall { _ = try await \(receiver).chats(query: query) }")
      }
    }
    return lines.map { "  " + $0 + "\n" }.joined()
  }

  /// Findings as comparable lines.
  static func lines(_ outcome: Session.Outcome) -> [String] {
    outcome.result.findings.map { "\($0.path):\($0.line):\($0.column) [\($0.ruleID)] \($0.message)" }.sorted()
  }

  static let seeds: [UInt64] = [1, 2, 3, 4, 5, 6, 7, 8]

  @Test(arguments: seeds)
  func everyWayOfRunningGivesTheSameFindings(_ seed: UInt64) throws {
    let sandbox = try GitSandbox()
    let project = Self.project(seed: seed, fileCount: 14)
    for file in project.files { try sandbox.write(file.path, file.text) }
    try sandbox.git(["add", "-A"])
    let caches = sandbox.base + "/caches"
    func session(_ cache: Session.Options.CacheLocation, prefilter: Bool = true) -> Session {
      var options = Session.Options(usePrefilter: prefilter)
      options.cache = cache
      return Session(currentDirectory: sandbox.root, environment: sandbox.environment, options: options)
    }
    let reference = Self.lines(session(.none).scan(["."]))
    #expect(!reference.isEmpty, "seed \(seed): a project without findings tests nothing")
    let cache = Session.Options.CacheLocation.directory(caches + "/one")
    let variants: [(String, () -> [String])] = [
      ("no prefilter", { Self.lines(session(.none, prefilter: false).scan(["."])) }),
      ("cold cache", { Self.lines(session(cache).scan(["."])) }),
      ("warm cache", { Self.lines(session(cache).scan(["."])) }),
      ("file list", { Self.lines(session(cache).scan(project.files.map(\.path))) }),
      ("staged, cold cache", { Self.lines(try! session(.directory(caches + "/two")).staged().get()) }),
      ("staged, warm cache", { Self.lines(try! session(.directory(caches + "/two")).staged().get()) }),
      ("staged, no cache", { Self.lines(try! session(.none).staged().get()) }),
      ("staged, no prefilter", { Self.lines(try! session(.none, prefilter: false).staged().get()) }),
    ]
    for (label, run) in variants { #expect(run() == reference, "seed \(seed): \(label)") }
    // Each file named alone (what the pre-commit framework does), cold and warm.
    for (position, file) in project.files.enumerated() {
      let own = reference.filter { $0.hasPrefix(file.path + ":") }
      let location: Session.Options.CacheLocation = position % 2 == 0 ? cache : .directory(caches + "/each")
      #expect(Self.lines(session(location).scan([file.path])) == own, "seed \(seed): \(file.path) alone")
    }

    // Committed, then two files changed and staged: the staged verdicts (warm cache) are those of a scan.
    try sandbox.commit()
    var random = SplitMix64(seed: seed ^ 0xABCD)
    var staged: [String] = []
    for _ in 0..<2 {
      let file = project.files[Int(random.next() % UInt64(project.files.count))]
      staged.append(file.path)
      let addition =
        file.path.hasSuffix(".py")
        ? "\ndef ask(x):\n    return client.chat.completions.create(model=\"m\", messages=x)\n\nrun(4)\n"
        : "\nfunc run(_ openAI: OpenAI, _ query: ChatQuery) async throws {\n  _ = try await openAI.chats(query: query)\n}\n"
      try sandbox.stage(file.path, file.text + addition)
    }
    let changed = Self.lines(session(.none).scan(["."]))
    // `--staged` reports the staged files only.
    let inStaged = changed.filter { line in staged.contains { line.hasPrefix($0 + ":") } }
    #expect(Self.lines(try session(cache).staged().get()) == inStaged, "seed \(seed): staged after a change")
    #expect(Self.lines(try session(.none).staged().get()) == inStaged, "seed \(seed): staged after a change, no cache")
    #expect(Self.lines(session(cache).scan(["."])) == changed, "seed \(seed): scan after a change, warm cache")
  }

  /// Configs nested in the tree (issue 11): every file gets its nearest `.llmlint.yml` however llmlint is run.
  /// One directory's config tracks the bodies of two helpers and turns a rule off (verdicts of other files'
  /// calls change too), another's excludes a file. The reference is each file named alone; a scan of the root, of a subdirectory, a file list of everything and
  /// `--staged` must give each file exactly that.
  @Test(arguments: [UInt64(1), 2, 3, 4])
  func everyFileGetsItsNearestConfigHoweverItIsRun(_ seed: UInt64) throws {
    let sandbox = try GitSandbox()
    let project = Self.project(seed: seed, fileCount: 14)
    for file in project.files { try sandbox.write(file.path, file.text) }
    try sandbox.write(
      "pkg1/.llmlint.yml",
      "disable: [openai-embeddings]\ntracked:\n  python:\n    functions: [summarize, fetch]\n"
        + "  swift:\n    functions: [summarize, fetch]\n")
    let excludedFile = try #require(project.files.first { $0.path.hasPrefix("pkg2/") }).path
    try sandbox.write("pkg2/.llmlint.yml", "exclude: [\"\((excludedFile as NSString).lastPathComponent)\"]\n")
    try sandbox.git(["add", "-A"])
    func session(_ directory: String = "") -> Session {
      var options = Session.Options()
      options.cache = .directory(sandbox.base + "/caches")
      return Session(
        currentDirectory: sandbox.root + directory, environment: sandbox.environment, options: options)
    }
    var reference: [String] = []
    for file in project.files where file.path != excludedFile {
      reference += Self.lines(session().scan([file.path]))
    }
    reference.sort()
    // The nested configs decide something: the built-in rules alone give other findings.
    let builtIn = Session.Options()
    let withoutNested = try GitSandbox()
    for file in project.files { try withoutNested.write(file.path, file.text) }
    try withoutNested.git(["add", "-A"])
    let plain = Self.lines(
      Session(currentDirectory: withoutNested.root, environment: withoutNested.environment, options: builtIn)
        .scan(["."]))
    #expect(plain != reference, "seed \(seed): the nested configs change no finding")
    #expect(Self.lines(session().scan(["."])) == reference, "seed \(seed): scan of the root")
    #expect(
      Self.lines(session().scan(project.files.map(\.path).filter { $0 != excludedFile })) == reference,
      "seed \(seed): file list")
    #expect(Self.lines(session().scan([".", "pkg1"])) == reference, "seed \(seed): overlapping arguments")
    #expect(Self.lines(try session().staged().get()) == reference, "seed \(seed): --staged")
    // Seen from pkg1, paths are shown relative to it (in messages too).
    let inPkg1 = reference.filter { $0.hasPrefix("pkg1/") }.map { line in
      String(line.dropFirst("pkg1/".count)).replacingOccurrences(of: " at pkg1/", with: " at ")
        .replacingOccurrences(of: " at pkg", with: " at ../pkg")
    }
    #expect(Self.lines(session("/pkg1").scan(["."])) == inPkg1, "seed \(seed): scan of pkg1 from inside it")
  }

  /// The projects exercise what the modes could disagree on: verdicts that depend on other files (a file
  /// linted alone, without the rest of the project, gives other findings for some file of some seed).
  @Test func theProjectsHaveVerdictsThatDependOnOtherFiles() throws {
    var differing = 0
    var named = 0
    for seed in Self.seeds {
      let project = Self.project(seed: seed, fileCount: 14)
      let sources = project.files.map { file in
        SourceFile(
          path: file.path, language: file.path.hasSuffix(".swift") ? .swift : .python, bytes: Array(file.text.utf8))
      }
      let linter = Linter(ruleSet: ConfigLoader.builtIn().ruleSet)
      let whole = Scan.runProject(count: sources.count, linter: linter) { .file(sources[$0]) }
      named += whole.findings.count { $0.message.contains("is also called outside a tracked context") }
      for source in sources {
        let alone = Scan.runProject(count: 1, linter: linter) { _ in .file(source) }.findings.map(\.message)
        if alone != whole.findings.filter({ $0.path == source.path }).map(\.message) { differing += 1 }
      }
    }
    #expect(differing > 0)
    #expect(named > 0)
  }
}
