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

  @Test func filesSetAsideStillCountAsScanned() throws {
    let files = try ProjectFixtureTests.sources("lazy_tracked")
    let linter = Linter(ruleSet: TestSupport.builtIn)
    let result = Scan.runProject(count: files.count, linter: linter) { .file(files[$0]) }
    #expect(result.filesScanned == files.count)
  }
}
