import Foundation
import Testing

@testable import llmlint

/// `llmlint completions bash|zsh|fish`: generated from `Flag.all`, checked by a real bash.
@Suite struct CompletionsTests {
  /// What bash completes for the words `words` (the last one being completed), with the script loaded.
  static func bashCompletes(_ words: [String], in directory: String) throws -> [String] {
    let script = """
      source /dev/stdin <<< "$("$1" completions bash)"
      shift
      COMP_WORDS=("$@"); COMP_CWORD=$(( $# - 1 ))
      _llmlint
      printf '%s\\n' "${COMPREPLY[@]}"
      """
    let run = try ChildProcess.run(
      "/usr/bin/bash", ["-c", script, "bash", try GitSandbox.llmlintBinary()] + words, in: directory,
      environment: ["PATH": "/usr/bin:/bin"], timeout: 60)
    #expect(run.status == 0, "\(run.stderr)")
    return run.stdout.split(separator: "\n").map(String.init)
  }

  @Test func everyFlagAndSubcommandIsInEveryScript() throws {
    let sandbox = try GitSandbox()
    for shell in Completions.shells {
      let run = try sandbox.llmlint(["completions", shell])
      #expect(run.status == 0)
      #expect(run.stdout == Completions.script(for: shell))
      for flag in Flag.all {
        let name = shell == "fish" ? "-l \(flag.name.dropFirst(2)) " : flag.name
        #expect(run.stdout.contains(name), "\(shell): \(flag.name)")
        for choice in flag.choices { #expect(run.stdout.contains(choice), "\(shell): \(flag.name) \(choice)") }
      }
      for command in Arguments.subcommands.keys { #expect(run.stdout.contains(command), "\(shell): \(command)") }
    }
  }

  @Test func bashParsesAndCompletesTheScript() throws {
    let sandbox = try GitSandbox()
    try sandbox.write("app.py", "x = 1\n")
    let check = try ChildProcess.shell(
      "\"$1\" completions bash > \"$2\" && bash -n \"$2\"", [try GitSandbox.llmlintBinary(), sandbox.base + "/c.bash"],
      in: sandbox.root, environment: sandbox.environment)
    #expect(check.status == 0, "\(check.stderr)")
    #expect(try Self.bashCompletes(["llmlint", "--fo"], in: sandbox.root).sorted() == ["--force-exclude", "--format"])
    #expect(
      try Self.bashCompletes(["llmlint", "--format", ""], in: sandbox.root) == [
        "text", "json", "sarif", "github", "gitlab", "markdown",
      ])
    #expect(try Self.bashCompletes(["llmlint", "--strict="], in: sandbox.root).isEmpty == false)
    #expect(try Self.bashCompletes(["llmlint", "completions", ""], in: sandbox.root) == ["bash", "zsh", "fish"])
    #expect(try Self.bashCompletes(["llmlint", "ru"], in: sandbox.root) == ["rule", "rules"])
    #expect(try Self.bashCompletes(["llmlint", "--config", "ap"], in: sandbox.root) == ["app.py"])
  }

  @Test(arguments: [
    (["completions"], "'completions' needs a shell (expected one of: bash, zsh, fish)"),
    (["completions", "tcsh"], "unknown shell 'tcsh' for 'completions' (expected one of: bash, zsh, fish)"),
    (["completions", "bash", "zsh"], "'completions' takes one shell"),
  ])
  func mistakesAreUsageErrors(_ arguments: [String], _ message: String) throws {
    let sandbox = try GitSandbox()
    let run = try sandbox.llmlint(arguments)
    #expect(run.status == 2)
    #expect(run.stderr == "llmlint: error: \(message)\nRun 'llmlint --help' for usage.\n")
  }
}
