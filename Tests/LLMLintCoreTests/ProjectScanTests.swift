import Testing

@testable import LLMLintCore

/// `Scan.runProject` gathers facts lazily (files without an anchor word are tokenized only when they name a
/// function the verdicts depend on); it must reach exactly the verdicts of gathering every file's facts.
@Suite struct ProjectScanTests {
  static func run(_ files: [SourceFile], usePrefilter: Bool) -> [Finding] {
    let linter = Linter(ruleSet: TestSupport.builtIn, usePrefilter: usePrefilter)
    return Scan.runProject(count: files.count, linter: linter) { .file(files[$0]) }.findings
  }

  @Test(arguments: ProjectFixtureTests.projects) func lazyFactsAgreeWithEveryFilesFacts(_ name: String) throws {
    let files = try ProjectFixtureTests.sources(name)
    let eager = try ProjectFixtureTests.lint(name).flatMap(\.1).sorted(by: Finding.ordered)
    #expect(Self.run(files, usePrefilter: true) == eager, "\(name)")
    #expect(Self.run(files, usePrefilter: false) == eager, "\(name)")
  }

  @Test func aCallerTwoStepsAwayInAFileWithoutAnchorsIsFound() throws {
    let tracked = Self.run(try ProjectFixtureTests.sources("lazy_tracked"), usePrefilter: true)
    #expect(tracked.isEmpty, "\(tracked)")
    let untracked = Self.run(try ProjectFixtureTests.sources("lazy_untracked"), usePrefilter: true)
    #expect(untracked.map { "\($0.path):\($0.line)" } == ["llm_client.py:8"])
  }

  /// Names found relevant during round one are looked for in the files read after that; files read before
  /// are searched in a later round. Wherever the helper and its callers stand among many other files, and
  /// however the cores interleave, the verdicts are those of gathering every file's facts.
  @Test func callersReadBeforeOrAfterTheHelperAreFoundAlike() {
    let helper = "def ask_model(c):\n    return c.chat.completions.create(model=m)\n"
    let helper2 = "def summarize(c):\n    return c.responses.create(model=m)\n"
    for layout in 0..<6 {
      var texts = (0..<400).map { "x_\($0) = \($0)\n" }
      let places = [[0, 399, 1, 2, 3], [399, 0, 398, 397, 396], [200, 5, 390, 10, 380], [7, 8, 9, 10, 11],
        [399, 398, 397, 396, 395], [100, 300, 50, 350, 0]][layout]
      // Callers import the helpers' modules (files are `f<place>.py`).
      let trackedCaller = "from f\(places[0]) import ask_model\nwith track_llm_call():\n    ask_model(c)\n"
      let untrackedCaller = "import f\(places[2]) as h\n\ndef run(c):\n    return h.summarize(c)\n"
      let trackedCaller2 = "import f\(places[2]) as h\nwith track_llm_call():\n    h.summarize(c)\n"
      for (text, place) in zip([helper, trackedCaller, helper2, untrackedCaller, trackedCaller2], places) {
        texts[place] = text
      }
      let files = texts.enumerated().map { SourceFile(path: "f\($0.offset).py", language: .python, bytes: Array($0.element.utf8)) }
      let lazy = Self.run(files, usePrefilter: true)
      let eagerFacts = ProjectFacts.gather(sources: files, ruleSet: TestSupport.builtIn)
      let eager = files.flatMap { file in
        eagerFacts.apply(to: TestSupport.linter.lint(file), path: file.path, ruleSet: TestSupport.builtIn)
      }.sorted(by: Finding.ordered)
      #expect(lazy == eager, "layout \(layout)")
      // ask_model is tracked through its only caller; summarize has an untracked caller, named in the message.
      #expect(lazy.map(\.path) == ["f\(places[2]).py"], "layout \(layout)")
      #expect(lazy.first?.message.contains("summarize is also called outside a tracked context at f\(places[3]).py:4") == true)
    }
  }

  @Test func filesSetAsideStillCountAsScanned() throws {
    let files = try ProjectFixtureTests.sources("lazy_tracked")
    let linter = Linter(ruleSet: TestSupport.builtIn)
    let result = Scan.runProject(count: files.count, linter: linter) { .file(files[$0]) }
    #expect(result.filesScanned == files.count)
  }

  /// A Swift parameter's annotation binds its receiver inside its function, whatever the same name is
  /// declared as elsewhere in the file (`_ service: String` in another function), with or without a label.
  @Test func swiftParametersBindTheirReceiverInTheirOwnFunction() {
    let helper = """
      import OpenAI
      final class Scorer {
        let openAI: OpenAI
        init(openAI: OpenAI) { self.openAI = openAI }
        func score(_ text: String) async throws -> ChatResult {
          try await openAI.chats(query: ChatQuery(messages: [], model: .gpt4_o))
        }
      }

      """
    func caller(_ parameter: String, tracked: Bool) -> String {
      let call = "try await service.score(text)"
      let body = tracked ? "results.append(try await tracker.trackLLMCall(provider: \"openai\") { usage in \(call) })" : call
      return """
        func batch(\(parameter): Scorer, tracker: UsageTracker, text: String) async throws {
          \(body)
        }
        func reset(_ service: String) {}

        """
    }
    for parameter in ["_ service", "service", "using service"] {
      for tracked in [true, false] {
        let files = [
          SourceFile(path: "Scorer.swift", language: .swift, bytes: Array(helper.utf8)),
          SourceFile(path: "Batch.swift", language: .swift, bytes: Array(caller(parameter, tracked: tracked).utf8)),
        ]
        let findings = Self.run(files, usePrefilter: true)
        #expect(findings.count == (tracked ? 0 : 1), "\(parameter), tracked: \(tracked)")
      }
    }
  }

  /// A subtype defined in a file the first pass set aside is found through its type header, however the
  /// header is written, so an untracked call through the subtype still reaches the base's method.
  @Test func subtypesInSetAsideFilesAreFoundThroughTheirHeaders() {
    let python = [
      "class Sub(Base):\n    pass\n",
      "class Sub(\n    mixins.Thing,\n    Base,\n):\n    pass\n",
      "class Sub(Generic[T], Base, metaclass=Meta):  # a comment: with a colon\n    pass\n",
      "# the class of things\nclass Sub(Base): pass\n",
    ]
    for header in python {
      let files = [
        SourceFile(path: "base.py", language: .python, bytes: Array("""
          class Base:
              def ask(self, c):
                  return c.chat.completions.create(model=m)

          """.utf8)),
        SourceFile(path: "tracked.py", language: .python, bytes: Array("from base import Base\nwith track_llm_call():\n    Base().ask(c)\n".utf8)),
        SourceFile(path: "sub.py", language: .python, bytes: Array(("from base import Base\n" + header).utf8)),
        SourceFile(path: "caller.py", language: .python, bytes: Array("from sub import Sub\n\ndef run(c):\n    return Sub().ask(c)\n".utf8)),
      ]
      let findings = Self.run(files, usePrefilter: true)
      #expect(findings.map(\.path) == ["base.py"], "\(header)")
      #expect(findings.first?.message.contains("caller.py:4") == true, "\(header)")
    }
    let swift = [
      "final class Sub: Base {}\n", "final class Sub<T>: Base where T: Equatable {}\n", "class Sub:\n  Base\n{\n}\n",
    ]
    for header in swift {
      let files = [
        SourceFile(path: "Base.swift", language: .swift, bytes: Array("""
          import OpenAI
          class Base {
            let openAI: OpenAI
            init(openAI: OpenAI) { self.openAI = openAI }
            func ask(_ q: ChatQuery) async throws -> ChatResult { try await openAI.chats(query: q) }
          }

          """.utf8)),
        SourceFile(path: "Tracked.swift", language: .swift, bytes: Array("""
          func tracked(_ base: Base, q: ChatQuery) async throws {
            _ = try await trackLLMCall { try await base.ask(q) }
          }

          """.utf8)),
        SourceFile(path: "Sub.swift", language: .swift, bytes: Array(header.utf8)),
        SourceFile(path: "Caller.swift", language: .swift, bytes: Array("func run(_ sub: Sub, q: ChatQuery) async throws {\n  _ = try await sub.ask(q)\n}\n".utf8)),
      ]
      let findings = Self.run(files, usePrefilter: true)
      #expect(findings.map(\.path) == ["Base.swift"], "\(header)")
    }
  }
}
