import Foundation
import Testing

@testable import LLMLintCore

/// Files without an anchor word in a project scan: their Bloom filter is checked against their words
/// (`WordBloom.holds`) before they are analyzed, and their facts come from the structure alone
/// (`Linter.facts(ofSetAside:analysed:)`); both must give what a full analysis of every file gives.
@Suite struct SetAsideFilesTests {
  /// The words a filter of `text` holds, as its constructor inserts them: every ASCII identifier run, and
  /// for a run that starts with a digit every suffix that does not.
  static func referenceWords(_ text: [UInt8]) -> Set<[UInt8]> {
    var words = Set<[UInt8]>()
    var run: [UInt8] = []
    func flush() {
      defer { run = [] }
      guard let first = run.first else { return }
      if WordBloom.isDigit(first) {
        for start in 1..<max(1, run.count) where !WordBloom.isDigit(run[start]) { words.insert(Array(run[start...])) }
      } else {
        words.insert(run)
      }
    }
    for byte in text {
      if WordBloom.isWordByte(byte) { run.append(byte) } else { flush() }
    }
    flush()
    return words
  }

  @Test(arguments: 0..<6) func holdsIsExactlyTheWordsAFilterHolds(seed: UInt64) {
    var random = SplitMix64(seed: seed)
    let vocabulary = [
      "ask", "ask_2", "task", "asks", "_ask", "Ask", "0xask", "12ask", "a1", "x0xbeef", "beef", "xbeef", "self",
      "ask9", "9", "é", "naïve", "ïve", "q",
    ]
    let separators = [" ", ".", "(", ")", "\n", "\"", "#", "é", "\u{00A0}", "", "-", "1"]
    for _ in 0..<200 {
      var text = ""
      for _ in 0..<Int.random(in: 0..<12, using: &random) {
        text += vocabulary.randomElement(using: &random)! + separators.randomElement(using: &random)!
      }
      let bytes = Array(text.utf8)
      let held = Self.referenceWords(bytes)
      let bloom = bytes.withUnsafeBufferPointer { WordBloom($0, language: .python) }
      for word in vocabulary + ["sk", "as", "beef0", "xask"] {
        let runs = WordBloom.runBytes(of: word)
        let holds = bytes.withUnsafeBufferPointer { source in runs.allSatisfy { WordBloom.holds(source, word: $0) } }
        #expect(holds == runs.allSatisfy(held.contains), "\(word) in \(text.debugDescription)")
        // Never stricter than the filter: a file it may hold a name in is only ruled out when it lacks it.
        if holds { #expect(bloom.mayContain(runs: WordBloom.runs(of: word)), "\(word) in \(text.debugDescription)") }
      }
    }
  }

  /// The filter read byte by byte (as it was before runs were found eight bytes at a time): its set bits,
  /// header words and overflow.
  static func reference(_ source: UnsafeBufferPointer<UInt8>, braces: Bool, bits: Int) -> (Set<Int>, [UInt64], Bool) {
    var set = Set<Int>()
    func insert(_ hash: UInt64) {
      set.insert(Int(truncatingIfNeeded: hash) & (bits - 1))
      set.insert(Int(truncatingIfNeeded: hash >> 32) & (bits - 1))
    }
    var (runStart, headerCount, depth) = (-1, -1, 0)
    var (headerWords, seen, overflow) = ([UInt64](), Set<UInt64>(), false)
    for index in 0...source.count {
      let byte = index < source.count ? source[index] : 0
      if index < source.count, WordBloom.isWordByte(byte) {
        if runStart < 0 { runStart = index }
        continue
      }
      if runStart >= 0 {
        if WordBloom.isDigit(source[runStart]) {
          for start in (runStart + 1)..<index where !WordBloom.isDigit(source[start]) {
            insert(NameHash.of(source, start, index))
          }
        } else {
          let hash = NameHash.of(source, runStart, index)
          insert(hash)
          if headerCount >= 0 {
            if headerCount == WordBloom.headerWordLimit {
              (overflow, headerCount) = (true, -1)
            } else {
              headerCount += 1
              if seen.insert(hash).inserted { headerWords.append(hash) }
            }
          }
          let word = String(decoding: UnsafeBufferPointer(rebasing: source[runStart..<index]), as: UTF8.self)
          if ["class", "struct", "enum", "actor", "extension", "protocol"].contains(word) {
            (headerCount, depth) = (0, 0)
          }
        }
        runStart = -1
      }
      guard headerCount >= 0 else { continue }
      if braces {
        if byte == UInt8(ascii: "{") { headerCount = -1 }
      } else if byte == UInt8(ascii: "(") || byte == UInt8(ascii: "[") {
        depth += 1
      } else if byte == UInt8(ascii: ")") || byte == UInt8(ascii: "]") {
        depth -= 1
      } else if byte == UInt8(ascii: ":"), depth <= 0 {
        headerCount = -1
      }
    }
    return (set, headerWords, overflow || headerCount >= 0)
  }

  @Test(arguments: 0..<8) func theFilterIsTheByteByByteOne(seed: UInt64) {
    var random = SplitMix64(seed: seed)
    let pieces = [
      "class ", "struct ", "enum ", "extension ", "protocol ", "actor ", "Base", "Meta", "(", ")", "[", "]", ":",
      "{", "}", " ", "\n", "metaclass=", "0xaspeech", "_x1", "é", "self.", "ask_9", ",", "classy", "12", "\t",
    ]
    for _ in 0..<150 {
      var text = ""
      for _ in 0..<Int.random(in: 0..<40, using: &random) { text += pieces.randomElement(using: &random)! }
      // Long headers (overflow) and lengths around the eight-byte steps.
      if Bool.random(using: &random) { text += "class " + String(repeating: "W ", count: 70) }
      let bytes = Array(text.utf8)
      for language in [Language.python, .swift] {
        for bits in [nil, 64, 2048] as [Int?] {
          bytes.withUnsafeBufferPointer { source in
            let bloom = WordBloom(source, language: language, bits: bits)
            var width = 1024
            while width < source.count, width < 1 << 23 { width <<= 1 }
            if let bits { width = max(64, bits) }
            let (set, headers, overflow) = Self.reference(source, braces: language.syntax.braceBlocks, bits: width)
            var got = Set<Int>()
            bloom.forEachSignatureBit(width: width) { got.insert($0) }
            #expect(got == set, "\(text.debugDescription) \(language.rawValue) \(String(describing: bits))")
            #expect(bloom.headerWords == headers, "\(text.debugDescription)")
            #expect(bloom.headersOverflow == overflow, "\(text.debugDescription)")
          }
        }
      }
    }
  }

  @Test func runBytesAreTheRunsThatRunsOfHashes() {
    for name in ["ask", "a.b_c.d9", "..x..", "", "é.ask", "Chat.execute"] {
      let bytes = WordBloom.runBytes(of: name)
      #expect(
        bytes.map { $0.withUnsafeBufferPointer { NameHash.of($0, 0, $0.count) } } == WordBloom.runs(of: name), "\(name)"
      )
    }
  }

  /// Every fixture file the prefilter sets aside, and some written here: the structure's facts equal
  /// those of a whole analysis.
  @Test func factsOfASetAsideFileAreThoseOfItsWholeAnalysis() throws {
    let linter = Linter(ruleSet: TestSupport.builtIn)
    var files: [SourceFile] = [
      SourceFile(
        path: "a.py", language: .python,
        bytes: Array(
          "from app.llm import ask\nclass Job(Base):\n    def run(self):\n        with track(x):\n            return ask(self.run)\n"
            .utf8)),
      SourceFile(
        path: "B.swift", language: .swift,
        bytes: Array(
          "struct Job: Runner {\n  func run() async throws { try await trackLLMCall { try await ask() } }\n  func go() { let f = run; f() }\n}\n"
            .utf8)),
    ]
    let root = TestSupport.fixturesDirectory
    for relative in (FileManager.default.subpaths(atPath: root.path) ?? []).sorted() {
      guard relative.hasSuffix(".py") || relative.hasSuffix(".swift"), let language = Language.byExtension(of: relative)
      else { continue }
      let bytes = try [UInt8](Data(contentsOf: root.appendingPathComponent(relative)))
      files.append(SourceFile(path: relative, language: language, bytes: bytes))
    }
    var checked = 0
    for file in files where !linter.mayMatch(file) {
      let analysed = file.language.analysedSource(of: file.bytes)
      #expect(linter.facts(ofSetAside: file, analysed: analysed) == linter.analysis(file).facts, "\(file.path)")
      checked += 1
    }
    #expect(checked >= 4, "set-aside files checked: \(checked)")
  }

  /// A set-aside file whose filter says it may name a searched function but whose words do not is not
  /// analyzed, and the verdict is that of a scan without the prefilter.
  @Test func aFilterThatErrsCostsNoAnalysis() throws {
    // Words enough that a small filter errs on some name the file lacks.
    var random = SplitMix64(seed: 7)
    var words: [String] = []
    for index in 0..<300 { words.append("w\(index)_\(Int.random(in: 0..<1000, using: &random))") }
    let crowded = Array(("values = [" + words.joined(separator: ", ") + "]\n").utf8)
    let bloom = crowded.withUnsafeBufferPointer { WordBloom($0, language: .python) }
    let name = try #require(
      (0..<100_000).lazy.map { "helper_\($0)" }.first { bloom.mayContain(runs: WordBloom.runs(of: $0)) })
    let helper = Array("import openai\ndef \(name)():\n    return client.chat.completions.create(model=\"m\")\n".utf8)
    let caller = Array("from app.a import \(name)\nwith track_llm_call(\"x\"):\n    \(name)()\n".utf8)
    let files = [
      SourceFile(path: "app/a.py", language: .python, bytes: helper),
      SourceFile(path: "app/b.py", language: .python, bytes: caller),
      SourceFile(path: "app/c.py", language: .python, bytes: crowded),
    ]
    let linter = Linter(ruleSet: TestSupport.builtIn)
    let result = Scan.runProject(count: files.count, linter: linter) { .file(files[$0]) }
    let facts = try #require(result.statistics.stages.first { $0.name == ScanStatistics.Name.projectFacts })
    // b.py names the helper and is analyzed; c.py's filter errs and it is not.
    #expect(facts.details.contains(ScanStatistics.Detail("analyzed for facts", 1)), "\(facts.details)")
    let everyFile = Linter(
      ruleSet: TestSupport.builtIn, facts: ProjectFacts.gather(sources: files, ruleSet: TestSupport.builtIn))
    #expect(result.findings == files.flatMap(everyFile.lint))
    #expect(result.findings.isEmpty, "the helper runs only inside a tracked context")
  }
}
