import Foundation
import Testing

@testable import LLMLintCore

/// Tokenizes every `.swift` file of the Swift packages this machine carries (bare git repositories under
/// `/opt/swift-packages/OWNER/NAME.git`, newest tag or HEAD, read straight from git) and of this project's
/// `Sources/` and `Tests/`, and checks each file: the coverage invariant, no `.unknown` token, and balanced
/// `()`, `[]`, `{}` (an interpolation's `\(` counts as `(`), inside every `#if` clause as well as overall,
/// since Swift parses each clause of a conditional compilation block on its own.
///
/// Set `LLMLINT_SKIP_SWIFT_CORPUS=1` to skip it on machines without the packages.
@Suite(.serialized) struct SwiftCorpusTests {
  static let packagesRoot = "/opt/swift-packages"

  /// Files that legitimately fail a check, keyed `repository:path`, with the reason. Each must still fail
  /// (so the list stays honest).
  static let knownExceptions: [String: String] = [:]

  @Test func everyLocalSwiftFileTokenizesCleanly() throws {
    if ProcessInfo.processInfo.environment["LLMLINT_SKIP_SWIFT_CORPUS"] == "1" { return }
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: Self.packagesRoot, isDirectory: &isDirectory), isDirectory.boolValue
    else {
      Issue.record(
        """
        \(Self.packagesRoot) is missing: the Swift corpus test reads the bare git repositories of the local Swift \
        packages there. Run on a machine that has them, or set LLMLINT_SKIP_SWIFT_CORPUS=1 to skip this test.
        """)
      return
    }

    let clock = ContinuousClock()
    let began = clock.now
    var summary = CorpusSummary()
    var failures: [String: String] = [:]
    var tokenizeTime = Duration.zero

    func check(_ name: String, _ bytes: [UInt8]) {
      let tokenizeBegan = clock.now
      let tokens = SwiftTokenizer.tokenize(bytes)
      tokenizeTime += clock.now - tokenizeBegan
      summary.files += 1
      summary.bytes += bytes.count
      summary.tokens += tokens.count
      if let problem = swiftCorpusProblem(bytes, tokens) { failures[name] = problem }
    }

    for repository in try Self.repositories() {
      let revision = try Self.newestRevision(of: repository)
      let blobs = try Self.swiftBlobs(of: repository, at: revision)
      summary.repositories += 1
      let repositoryName = repository.dropFirst(Self.packagesRoot.count + 1)
      try Self.readBlobs(of: repository, blobs.map(\.object)) { index, bytes in
        check("\(repositoryName):\(blobs[index].path)", bytes)
      }
    }

    let root = URL(filePath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent().deletingLastPathComponent()
    for folder in ["Sources", "Tests"] {
      let base = root.appending(path: folder)
      guard let enumerator = FileManager.default.enumerator(at: base, includingPropertiesForKeys: nil) else {
        Issue.record("cannot list \(base.path)")
        continue
      }
      for case let url as URL in enumerator where url.pathExtension == "swift" {
        let data = try Data(contentsOf: url)
        check("llmlint:\(url.path.dropFirst(root.path.count + 1))", [UInt8](data))
      }
    }

    let elapsed = clock.now - began
    print(
      """
      Swift corpus: \(summary.repositories) repositories (+ this project), \(summary.files) files, \
      \(summary.bytes) bytes, \(summary.tokens) tokens; \(failures.count) files failing \
      (\(Self.knownExceptions.count) known exceptions); total \(elapsed), tokenizing \(tokenizeTime)
      """)

    for (name, problem) in failures.sorted(by: { $0.key < $1.key }) where Self.knownExceptions[name] == nil {
      Issue.record("\(name): \(problem)")
    }
    for name in Self.knownExceptions.keys.sorted() where failures[name] == nil {
      Issue.record("\(name) is listed as a known exception but now tokenizes cleanly; remove it from the list")
    }
    #expect(summary.files > 1000, "expected thousands of Swift files, found \(summary.files)")
  }

  struct CorpusSummary {
    var repositories = 0
    var files = 0
    var bytes = 0
    var tokens = 0
  }

  // MARK: - Reading the repositories

  /// Every `OWNER/NAME.git` under the packages root, symlinked duplicates (`bigint.git` -> `BigInt.git`)
  /// counted once, sorted.
  static func repositories() throws -> [String] {
    var seen = Set<String>()
    var result: [String] = []
    let manager = FileManager.default
    for owner in try manager.contentsOfDirectory(atPath: packagesRoot).sorted() {
      let ownerPath = "\(packagesRoot)/\(owner)"
      guard let names = try? manager.contentsOfDirectory(atPath: ownerPath) else { continue }
      for name in names.sorted() where name.hasSuffix(".git") {
        let path = "\(ownerPath)/\(name)"
        let resolved = URL(filePath: path).resolvingSymlinksInPath().path
        if seen.insert(resolved).inserted { result.append(path) }
      }
    }
    return result
  }

  /// The newest tag by version order (the tags' dates are not meaningful in these mirrors), else HEAD.
  static func newestRevision(of repository: String) throws -> String {
    let output = try git(
      repository, ["for-each-ref", "--sort=-v:refname", "--count=1", "--format=%(refname)", "refs/tags"])
    let tag = String(decoding: output, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    return tag.isEmpty ? "HEAD" : tag
  }

  /// The `.swift` blobs of `revision` as (object id, path), from `git ls-tree -r -z`.
  static func swiftBlobs(of repository: String, at revision: String) throws -> [(object: String, path: String)] {
    let output = try git(repository, ["ls-tree", "-r", "-z", revision])
    var blobs: [(object: String, path: String)] = []
    for entry in output.split(separator: 0) {
      // "<mode> SP <type> SP <object> TAB <path>"
      guard let tab = entry.firstIndex(of: UInt8(ascii: "\t")) else { continue }
      let fields = entry[entry.startIndex..<tab].split(separator: UInt8(ascii: " "))
      let path = String(decoding: entry[(tab + 1)...], as: UTF8.self)
      guard fields.count == 3, fields[1].elementsEqual("blob".utf8),
        fields[0].elementsEqual("100644".utf8)
          || fields[0].elementsEqual("100755".utf8), path.hasSuffix(".swift")
      else { continue }
      blobs.append((String(decoding: fields[2], as: UTF8.self), path))
    }
    return blobs
  }

  /// Reads `objects` with one `git cat-file --batch` and hands each blob's bytes to `body` in order.
  static func readBlobs(
    of repository: String, _ objects: [String], _ body: (Int, [UInt8]) throws -> Void
  ) throws {
    guard !objects.isEmpty else { return }
    // The object list goes through a file: writing it to a pipe while git fills the output pipe could block.
    let listURL = FileManager.default.temporaryDirectory.appending(path: "llmlint-corpus-\(UUID().uuidString)")
    try Data(objects.joined(separator: "\n").appending("\n").utf8).write(to: listURL)
    defer { try? FileManager.default.removeItem(at: listURL) }
    let output = try git(repository, ["cat-file", "--batch"], input: try FileHandle(forReadingFrom: listURL))
    var position = 0
    for index in objects.indices {
      // "<object> SP blob SP <size> LF <contents> LF"
      guard let lineEnd = output[position...].firstIndex(of: UInt8(ascii: "\n")) else {
        throw CorpusError.malformedBatchOutput(repository)
      }
      let header = output[position..<lineEnd].split(separator: UInt8(ascii: " "))
      guard header.count == 3, let size = Int(String(decoding: header[2], as: UTF8.self)),
        lineEnd + 1 + size <= output.count
      else { throw CorpusError.malformedBatchOutput(repository) }
      try body(index, Array(output[(lineEnd + 1)..<(lineEnd + 1 + size)]))
      position = lineEnd + 1 + size + 1
    }
  }

  enum CorpusError: Error, CustomStringConvertible {
    case gitFailed(String, [String], Int32)
    case malformedBatchOutput(String)
    var description: String {
      switch self {
      case .gitFailed(let repository, let arguments, let status):
        "git --git-dir=\(repository) \(arguments.joined(separator: " ")) exited with \(status)"
      case .malformedBatchOutput(let repository): "unexpected git cat-file --batch output for \(repository)"
      }
    }
  }

  /// Runs git with an argument array (never a shell string) and returns its standard output.
  static func git(_ repository: String, _ arguments: [String], input: FileHandle? = nil) throws -> [UInt8] {
    let process = Process()
    process.executableURL = URL(filePath: "/usr/bin/env")
    let fullArguments = ["git", "--git-dir=\(repository)"] + arguments
    process.arguments = fullArguments
    let output = Pipe()
    process.standardOutput = output
    process.standardError = FileHandle.nullDevice
    process.standardInput = input ?? FileHandle.nullDevice
    try process.run()
    let data = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    guard process.terminationStatus == 0 else {
      throw CorpusError.gitFailed(repository, arguments, process.terminationStatus)
    }
    return [UInt8](data)
  }
}

/// What is wrong with `tokens` for a well-formed Swift file, or nil: the coverage invariant, `.unknown`
/// tokens, and bracket balance overall and per `#if` clause.
func swiftCorpusProblem(_ bytes: [UInt8], _ tokens: [Token]) -> String? {
  if let violation = swiftCoverageViolation(bytes, tokens) { return violation }
  return bytes.withUnsafeBufferPointer { source -> String? in
    func describe(_ token: Token) -> String {
      var line = 1
      for offset in 0..<Int(token.start) where source[offset] == 0x0A { line += 1 }
      let text = String(decoding: source[Int(token.start)..<min(token.end, Int(token.start) + 40)], as: UTF8.self)
      return "line \(line): \(token.kind) \(text.debugDescription)"
    }
    var open: [Token] = []
    // The bracket depth at each open `#if`: every clause must end at the depth its `#if` started at.
    var conditionalDepths: [Int] = []
    for token in tokens {
      switch token.kind {
      case .unknown:
        return "unknown token at \(describe(token))"
      case .directive:
        if token.hasText("#if", in: source) {
          conditionalDepths.append(open.count)
        } else if token.hasText("#elseif", in: source) || token.hasText("#else", in: source)
          || token.hasText("#endif", in: source)
        {
          guard let depth = conditionalDepths.last else { return "unmatched \(describe(token))" }
          if open.count > depth, let opener = open.last {
            return "#if clause ending at \(describe(token)) leaves \(describe(opener)) open"
          }
          if open.count < depth {
            return "#if clause ending at \(describe(token)) closes brackets opened before its #if"
          }
          if token.hasText("#endif", in: source) { conditionalDepths.removeLast() }
        }
      case .operator:
        let last = source[token.end - 1]
        let closes: UInt8
        switch last {
        case UInt8(ascii: "("):
          // `(` and an interpolation's `\(`, `\#(`; no other operator ends in `(`.
          open.append(token)
          continue
        case UInt8(ascii: "["), UInt8(ascii: "{"):
          if token.length == 1 { open.append(token) }
          continue
        case UInt8(ascii: ")"): closes = UInt8(ascii: "(")
        case UInt8(ascii: "]"): closes = UInt8(ascii: "[")
        case UInt8(ascii: "}"): closes = UInt8(ascii: "{")
        default: continue
        }
        guard token.length == 1 else { continue }
        guard let opener = open.popLast() else { return "unmatched \(describe(token))" }
        if source[opener.end - 1] != closes { return "\(describe(token)) closes \(describe(opener))" }
      default:
        continue
      }
    }
    if let opener = open.last { return "unclosed \(describe(opener))" }
    if !conditionalDepths.isEmpty { return "unterminated #if" }
    return nil
  }
}

/// The corpus check itself must catch what it claims to.
@Suite struct SwiftCorpusCheckTests {
  private func problem(_ text: String) -> String? {
    let bytes = Array(text.utf8)
    return swiftCorpusProblem(bytes, SwiftTokenizer.tokenize(bytes))
  }

  @Test func acceptsBalancedCode() {
    #expect(problem("f(a[0]) { \"\\(x)\" }\n#if os(Linux)\nlet y = [1]\n#else\nlet y = [2]\n#endif") == nil)
  }

  @Test func reportsUnknownAndUnbalancedBrackets() {
    #expect(problem("a 'b'")?.hasPrefix("unknown token") == true)
    #expect(problem("f(]")?.contains("closes") == true)
    #expect(problem("f())")?.hasPrefix("unmatched") == true)
    #expect(problem("{ [")?.hasPrefix("unclosed") == true)
    #expect(problem("\"\\(a\"")?.hasPrefix("unclosed") == true)
    #expect(problem("#if A\nfunc f() {\n#else\nfunc f() {\n#endif\n}")?.contains("#if clause") == true)
    #expect(problem("#if A\n") == "unterminated #if")
    #expect(problem("{\n#if A\n}\n#else\n}\n#endif")?.contains("closes brackets opened before") == true)
  }
}
