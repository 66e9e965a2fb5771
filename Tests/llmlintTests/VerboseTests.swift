import Foundation
import Testing

@testable import llmlint

/// `-v` / `--verbose`: the files scanned and each stage with its file count on stderr (never its times'
/// values: no timed tests), stdout unchanged; text output adds each finding's reason.
@Suite struct VerboseTests {
  static let call = "import openai\nclient.chat.completions.create(model=\"m\")\n"

  /// A repository with one file that calls an LLM in a function, one without an anchor word that calls
  /// that function, and one that is no source.
  static func sandbox() throws -> GitSandbox {
    let sandbox = try GitSandbox()
    try sandbox.write("app/a.py", "import openai\ndef ask():\n    return client.chat.completions.create(model=\"m\")\n")
    try sandbox.write("app/b.py", "from app.a import ask\nask()\n")
    try sandbox.write("app/notes.txt", "client.chat.completions.create()\n")
    try sandbox.write("lib/c.py", "y = 2\n")
    try sandbox.git(["add", "."])
    try sandbox.git(["commit", "-q", "-m", "files"])
    return sandbox
  }

  /// The stage lines of `stderr`: `name count unit` (spacing and times dropped) and the parenthesised details.
  static func stages(_ stderr: String) -> [String] {
    guard let start = stderr.range(of: "llmlint: stages (wall time):\n") else { return [] }
    return stderr[start.upperBound...].split(separator: "\n").prefix { $0.hasPrefix("  ") }.map { line in
      let words = line.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
      // `… 0.4 ms (details)`: drop the time (the number before `ms`) and `ms`.
      guard let ms = words.firstIndex(of: "ms") else { return words.joined(separator: " ") }
      return (words[..<(ms - 1)] + words[(ms + 1)...]).joined(separator: " ")
    }
  }

  @Test func listsTheFilesScannedAndEveryStageWithItsFileCount() throws {
    let sandbox = try Self.sandbox()
    let run = try sandbox.llmlint(["-v", "app"])
    #expect(run.status == 0)
    #expect(run.stderr.hasPrefix("llmlint: 2 files scanned:\n  app/a.py\n  app/b.py\nllmlint: stages (wall time):\n"), "\(run.stderr)")
    #expect(
      Self.stages(run.stderr) == [
        "config 1 config", "walk 2 files (files are read while the walk goes on)",
        "read, prefilter, analysis 2 files (1 analyzed, 1 set aside)",
        // b.py, set aside, is read again and analyzed: a search for `ask` names it.
        "project facts 3 files (2 scanned, 1 others of the repository, 1 analyzed for facts)",
        "report 1 file (1 finding)",
      ], "\(run.stderr)")
    #expect(run.stderr.hasSuffix("; exit status 0 (advisory)\n"), "the summary line comes last")
    let long = try sandbox.llmlint(["--verbose", "app"])
    #expect(Self.stages(long.stderr) == Self.stages(run.stderr))
    #expect(long.stdout == run.stdout)
  }

  @Test func stagedRunsShowTheGitStage() throws {
    let sandbox = try Self.sandbox()
    try sandbox.stage("app/c.py", Self.call)
    let run = try sandbox.llmlint(["-v", "--staged"])
    #expect(run.stderr.hasPrefix("llmlint: 1 file scanned:\n  app/c.py\n"), "\(run.stderr)")
    #expect(
      Self.stages(run.stderr) == [
        "config 1 config", "git (staged files) 1 file (the config is loaded meanwhile)",
        "read, prefilter, analysis 1 file (1 analyzed, 0 set aside)",
        "project facts 4 files (1 scanned, 3 others of the repository, 0 analyzed for facts)",
        "report 1 file (1 finding)",
      ], "\(run.stderr)")
  }

  @Test func withoutFindingsThereAreNoProjectFactsToResolve() throws {
    let sandbox = try Self.sandbox()
    let run = try sandbox.llmlint(["-v", "-q", "app/b.py"])
    #expect(
      Self.stages(run.stderr) == [
        "config 1 config", "walk 1 file (files are read while the walk goes on)",
        "read, prefilter, analysis 1 file (0 analyzed, 1 set aside)",
        "project facts 0 files (no finding: nothing to resolve)", "report 0 files (0 findings)",
      ], "\(run.stderr)")
    #expect(!run.stderr.contains("exit status"), "-q still drops the summary line")
  }

  /// Every format but text prints the same bytes with and without `-v`; text adds the reason lines only.
  @Test func stdoutIsTheSameReportWithAndWithoutVerbose() throws {
    let sandbox = try Self.sandbox()
    for format in ["json", "sarif", "github", "gitlab"] {
      let plain = try sandbox.llmlint(["--format", format, "app"])
      let verbose = try sandbox.llmlint(["-v", "--format", format, "app"])
      #expect(!plain.stdout.isEmpty && verbose.stdout == plain.stdout, "\(format)")
      #expect(!plain.stderr.contains("stages") && verbose.stderr.contains("llmlint: stages (wall time):\n"))
    }
    let plain = try sandbox.llmlint(["app"])
    let verbose = try sandbox.llmlint(["-v", "app"])
    let reasons = verbose.stdout.split(separator: "\n").filter { $0.hasPrefix("  why: ") }
    #expect(reasons.count == 1, "\(verbose.stdout)")
    #expect(verbose.stdout.split(separator: "\n").filter { !$0.hasPrefix("  why: ") } == plain.stdout.split(separator: "\n"))
    // A report to a file with `-o` is the same bytes too.
    _ = try sandbox.llmlint(["-v", "--format", "sarif", "-o", "../v.sarif", "app"])
    let written = try String(contentsOfFile: sandbox.base + "/v.sarif", encoding: .utf8)
    #expect(written == (try sandbox.llmlint(["--format", "sarif", "app"])).stdout)
  }

  @Test func coverageListsItsStagesToo() throws {
    let sandbox = try Self.sandbox()
    let run = try sandbox.llmlint(["coverage", "-v", "--format", "json", "app"])
    #expect(run.stdout == (try sandbox.llmlint(["coverage", "--format", "json", "app"])).stdout)
    #expect(Self.stages(run.stderr).first == "config 1 config" && Self.stages(run.stderr).count == 5, "\(run.stderr)")
  }
}
