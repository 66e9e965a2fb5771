import Testing

@testable import LLMLintCore

/// Work spread over all cores gives the results of doing it in order.
@Suite struct ParallelTests {
  @Test func mapGivesEveryResultInIndexOrder() {
    #expect(Parallel.map(count: 10_000) { $0 * 3 } == (0..<10_000).map { $0 * 3 })
    #expect(Parallel.map(count: 0) { $0 }.isEmpty)
  }

  @Test func streamingMapGivesEveryInputAndResultInTheOrderProduced() {
    // Inputs come in while workers run: some in bursts, some one by one with pauses in between.
    for count in [0, 1, 2, 3, 1_000] {
      let (inputs, results, _) = Parallel.mapStreaming(produce: { emit in
        for value in 0..<count {
          if value % 97 == 0 { for _ in 0..<20_000 { _ = value.description } }
          emit("input \(value)")
        }
      }) { input in input.uppercased() }
      #expect(inputs == (0..<count).map { "input \($0)" })
      #expect(results == (0..<count).map { "INPUT \($0)" })
    }
  }

  @Test func streamingProjectScanFindsWhatTheIndexedOneFinds() {
    let sources = (0..<300).map { index -> SourceFile in
      let text =
        index % 37 == 0
        ? "def ask_\(index)(c):\n    return c.chat.completions.create(model=m)\n"
        : index % 41 == 0 ? "with track_llm_call():\n    ask_\(index / 41 * 41 - index / 41 * 41 % 37)(c)\n" : "x = \(index)\n"
      return SourceFile(path: "f\(index).py", language: .python, bytes: Array(text.utf8))
    }
    let indexed = Scan.runProject(count: sources.count, linter: TestSupport.linter) { .file(sources[$0]) }
    let streamed = Scan.runProject(linter: TestSupport.linter) { emit in sources.forEach(emit) } load: { .file($0) }
    #expect(!indexed.findings.isEmpty)
    #expect(streamed.findings == indexed.findings)
    #expect(streamed.filesScanned == indexed.filesScanned)
  }
}
