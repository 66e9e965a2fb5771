import Foundation
import Testing

/// `llmlint --stdin-filename PATH -`: standard input linted as the file at PATH, run with the built binary.
@Suite struct StdinTests {
  /// Runs llmlint with `arguments` and the file `input` (relative to the root) on standard input.
  static func llmlint(_ sandbox: GitSandbox, _ arguments: [String], input: String, in directory: String? = nil) throws
    -> ChildRun
  {
    try ChildProcess.shell(
      "input=$1; shift; exec \"$@\" < \"$input\"",
      [sandbox.base + "/" + input, try GitSandbox.llmlintBinary()] + arguments,
      in: directory ?? sandbox.root, environment: sandbox.environment)
  }

  static let config = """
    disable: [openai-embeddings]
    tracked:
      python:
        context-managers: [audited_call]

    """

  static let source = """
    import openai

    a = client.chat.completions.create(model="m")
    b = client.embeddings.create(input="x")
    with audited_call("p"):
        c = client.chat.completions.create(model="m")
    d = client.chat.completions.create(model="m")  # llmlint: ignore[openai-chat-completions] proxied
    e = client.chat.completions.create(model="m")  # llmlint: ignore[openai-embeddings]

    """

  @Test(arguments: ["text", "json", "sarif"])
  func stdinGivesTheFindingsTheFileOnDiskGives(_ format: String) throws {
    let sandbox = try GitSandbox()
    try sandbox.write("svc/.llmlint.yml", Self.config)
    try sandbox.write("svc/jobs/a.py", Self.source)
    try sandbox.write("../input.py", Self.source)
    let disk = try sandbox.llmlint(["--format", format, "svc/jobs/a.py"])
    #expect(disk.stdout.contains("svc/jobs/a.py"))
    for path in ["svc/jobs/a.py", "./svc/jobs/a.py", sandbox.root + "/svc/jobs/a.py", "svc/../svc/jobs/a.py"] {
      for dash in [["-"], []] {
        let stdin = try Self.llmlint(sandbox, ["--format", format, "--stdin-filename", path] + dash, input: "input.py")
        #expect(stdin.status == 0)
        #expect(stdin.stdout == disk.stdout, "\(path) \(dash)")
        #expect(
          stdin.stderr.hasPrefix(format == "text" ? "llmlint: 3 findings (1 suppressed) in 1 file, " : "llmlint: "))
      }
    }
    // From a subdirectory: paths relative to it, as for the file on disk.
    let diskBelow = try sandbox.llmlint(["--format", format, "jobs/a.py"], in: sandbox.root + "/svc")
    let stdinBelow = try Self.llmlint(
      sandbox, ["--format", format, "--stdin-filename", "jobs/a.py", "-"], input: "input.py", in: sandbox.root + "/svc")
    #expect(stdinBelow.stdout == diskBelow.stdout)
  }

  @Test func theTextIsStandardInputNotTheFileOnDisk() throws {
    let sandbox = try GitSandbox()
    try sandbox.write("a.py", "x = 1\n")
    try sandbox.write("../input.py", Self.source)
    let run = try Self.llmlint(sandbox, ["--stdin-filename", "a.py", "-"], input: "input.py")
    let lines = run.stdout.split(separator: "\n").map { $0.prefix { $0 != " " } }
    // No config here: `audited_call` tracks nothing, and the embeddings rule is on.
    #expect(lines == ["a.py:3:29:", "a.py:4:23:", "a.py:6:33:", "a.py:8:29:", "a.py:8:48:"], "\(run.stdout)")
    #expect(run.stdout.contains("a.py:4:23: warning: Embeddings API call"))
    // A file that does not exist yet (an unsaved buffer) is linted all the same.
    let new = try Self.llmlint(sandbox, ["--stdin-filename", "new/b.py", "-"], input: "input.py")
    #expect(new.stdout.hasPrefix("new/b.py:3:29: warning: "), "\(new.stdout)")
  }

  /// The project is the repository: a helper whose only caller (in another file of the index) is tracked
  /// gives no finding, from disk or from standard input; outside a repository the buffer alone decides.
  @Test func projectFactsAreThoseOfThePath() throws {
    let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .appendingPathComponent("LLMLintCoreTests/Fixtures/projects/lazy_tracked")
    let sandbox = try GitSandbox()
    for name in ["jobs.py", "llm_client.py", "unrelated.py"] {
      try sandbox.write(name, try String(contentsOf: fixtures.appendingPathComponent(name), encoding: .utf8))
    }
    try sandbox.git(["add", "-A"])
    try sandbox.write(
      "../input.py", try String(contentsOf: fixtures.appendingPathComponent("llm_client.py"), encoding: .utf8))
    let disk = try sandbox.llmlint(["llm_client.py"])
    #expect(disk.stdout == "")
    let stdin = try Self.llmlint(sandbox, ["--stdin-filename", "llm_client.py", "-"], input: "input.py")
    #expect(stdin.stdout == "")
    #expect(stdin.stderr.hasPrefix("llmlint: 0 findings in 1 file, "), "\(stdin.stderr)")
    // The same text as a file of another tree, where no tracked caller exists: a finding.
    let lone = sandbox.base + "/lone"
    try FileManager.default.createDirectory(atPath: lone, withIntermediateDirectories: true)
    let outside = try Self.llmlint(sandbox, ["--stdin-filename", "llm_client.py", "-"], input: "input.py", in: lone)
    #expect(outside.stdout.hasPrefix("llm_client.py:8:36: warning: "), "\(outside.stdout)")
  }

  @Test func excludesApplyWithForceExcludeAndOtherNamesAreNotLinted() throws {
    let sandbox = try GitSandbox()
    try sandbox.write(".llmlint.yml", "exclude:\n  - \"generated/**\"\n")
    try sandbox.write("../input.py", Self.source)
    let named = try Self.llmlint(sandbox, ["-q", "--stdin-filename", "generated/a.py", "-"], input: "input.py")
    #expect(named.stdout.hasPrefix("generated/a.py:3:29: "))
    let forced = try Self.llmlint(
      sandbox, ["--force-exclude", "--stdin-filename", "generated/a.py", "-"], input: "input.py")
    #expect(forced.stdout == "")
    #expect(forced.stderr.hasPrefix("llmlint: 0 findings in 0 files, "), "\(forced.stderr)")
    for name in ["notes.md", "a.py.txt", "script"] {
      let other = try Self.llmlint(sandbox, ["--stdin-filename", name, "-"], input: "input.py")
      #expect(other.stdout == "", "\(name)")
      #expect(other.stderr.hasPrefix("llmlint: 0 findings in 0 files, "), "\(name): \(other.stderr)")
    }
    // A name without a dot is Python when the text has a Python shebang, as in a directory walk.
    try sandbox.write("../script", "#!/usr/bin/env python3\n" + Self.source)
    let script = try Self.llmlint(sandbox, ["-q", "--stdin-filename", "bin/tool", "-"], input: "script")
    #expect(script.stdout.hasPrefix("bin/tool:4:29: "), "\(script.stdout)")
    // Binary content is skipped, as a binary file is.
    try sandbox.write("../binary", "x = client.chat.completions.create()\n\u{0}\n")
    let binary = try Self.llmlint(sandbox, ["--stdin-filename", "a.py"], input: "binary")
    #expect(binary.stdout == "")
  }

  @Test(arguments: [
    (["-"], "'-' reads standard input: name the file it stands for with '--stdin-filename PATH'"),
    (["a.py", "-"], "'-' reads standard input: name the file it stands for with '--stdin-filename PATH'"),
    (
      ["--stdin-filename", "a.py", "b.py"],
      "'--stdin-filename' lints standard input: give '-' as the only path, or none"
    ),
    (
      ["--stdin-filename", "a.py", "-", "-"],
      "'--stdin-filename' lints standard input: give '-' as the only path, or none"
    ),
    (
      ["--stdin-filename", "a.py", "--", "x"],
      "'--stdin-filename' lints standard input: give '-' as the only path, or none"
    ),
    (["--stdin-filename", "a.py", "--staged"], "'--stdin-filename' and '--staged' do not go together"),
    (["--stdin-filename="], "option '--stdin-filename' needs a value (the path standard input stands for)"),
    (["--stdin-filename"], "option '--stdin-filename' needs a value (the path standard input stands for)"),
  ])
  func stdinMistakesAreUsageErrors(_ arguments: [String], _ message: String) throws {
    let sandbox = try GitSandbox()
    try sandbox.write("../input.py", Self.source)
    let run = try Self.llmlint(sandbox, arguments, input: "input.py")
    #expect(run.status == 2)
    #expect(run.stdout == "")
    #expect(run.stderr == "llmlint: error: \(message)\nRun 'llmlint --help' for usage.\n")
  }

  @Test func aFileNamedDashIsStillReachable() throws {
    let sandbox = try GitSandbox()
    try sandbox.write("-", "#!/usr/bin/env python3\nx = client.chat.completions.create()\n")
    let run = try sandbox.llmlint(["-q", "--", "-"])
    #expect(run.stdout.hasPrefix("-:2:29: warning: "), "\(run.stdout)")
  }
}
