import Foundation
import Testing

@testable import llmlint

/// `llmlint completions bash|zsh|fish`: generated from `Flag.all`, checked by a real bash, zsh and fish.
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

  /// The path of `shell` on this machine, or `nil` (the test is then reported as skipped, with the reason;
  /// `.ci/run` installs zsh and fish so that CI runs it).
  static func shellPath(_ shell: String) -> String? {
    ["/usr/bin/\(shell)", "/bin/\(shell)", "/usr/local/bin/\(shell)"].first {
      FileManager.default.isExecutableFile(atPath: $0)
    }
  }

  /// `zsh -n` accepts the script, and loaded with `_arguments` replaced by a printer, it hands zsh one
  /// spec per flag name (short names and `--strict=` included) and the subcommands: the quoting holds.
  @Test(.enabled(if: shellPath("zsh") != nil, "zsh is not installed (apt-get install zsh; .ci/run installs it)"))
  func zshParsesTheScriptAndGetsOneSpecPerFlag() throws {
    let zsh = try #require(Self.shellPath("zsh"))
    let sandbox = try GitSandbox()
    let script = sandbox.base + "/_llmlint"
    try Completions.script(for: "zsh").write(toFile: script, atomically: true, encoding: .utf8)
    let check = try sandbox.run(zsh, ["-f", "-n", script])
    #expect(check.status == 0, "\(check.stderr)")
    let printed = try sandbox.run(zsh, ["-f", "-c", "_arguments() { printf '%s\\n' \"$@\"; }; source \"$1\"", "zsh", script])
    #expect(printed.status == 0 && printed.stderr.isEmpty, "\(printed.stderr)")
    let lines = printed.stdout.split(separator: "\n").map(String.init)
    /// A spec names the option after its exclusion list, then `[help]`, `=` or `:`.
    func specs(of name: String) -> [String] {
      lines.filter { line in
        let rest = line.hasPrefix("(") ? line.drop { $0 != ")" }.dropFirst() : Substring(line)
        guard rest.hasPrefix(name) else { return false }
        return rest.dropFirst(name.count).first.map { "[=:".contains($0) } ?? true
      }
    }
    for flag in Flag.all {
      for name in [flag.name] + (flag.short.map { [$0] } ?? []) {
        // `--strict=VALUE` and bare `--strict` are two specs; every other name is one.
        let expected: Int
        if case .optionalChoice = flag.value { expected = 2 } else { expected = 1 }
        #expect(specs(of: name).count == expected, "zsh: \(name): \(specs(of: name))")
      }
      for choice in flag.choices { #expect(printed.stdout.contains(choice), "zsh: \(flag.name) \(choice)") }
    }
    let subcommands = try #require(lines.first { $0.hasPrefix("1: :(") })
    #expect(subcommands == "1: :(\(Completions.subcommands.joined(separator: " ")))")
  }

  /// `fish -n` accepts the script, and fish, with it loaded, completes what bash completes.
  @Test(.enabled(if: shellPath("fish") != nil, "fish is not installed (apt-get install fish; .ci/run installs it)"))
  func fishParsesAndCompletesTheScript() throws {
    let fish = try #require(Self.shellPath("fish"))
    let sandbox = try GitSandbox()
    try sandbox.write("app.py", "x = 1\n")
    let script = sandbox.base + "/llmlint.fish"
    try Completions.script(for: "fish").write(toFile: script, atomically: true, encoding: .utf8)
    let check = try sandbox.run(fish, ["--no-config", "-n", script])
    #expect(check.status == 0, "\(check.stderr)")
    func completes(_ line: String) throws -> [String] {
      let run = try sandbox.run(
        fish, ["--no-config", "-c", "source $argv[1]; complete -C $argv[2]", script, line],
        environment: ["XDG_CONFIG_HOME": sandbox.base + "/config", "XDG_DATA_HOME": sandbox.base + "/data"])
      #expect(run.status == 0, "\(run.stderr)")
      return run.stdout.split(separator: "\n").map { String($0.prefix { $0 != "\t" }) }
    }
    #expect(try completes("llmlint --fo").sorted() == ["--force-exclude", "--format"])
    #expect(try completes("llmlint --format ").sorted() == ["github", "gitlab", "json", "markdown", "sarif", "text"])
    #expect(try completes("llmlint --strict=").sorted() == ["--strict=error", "--strict=info", "--strict=warning"])
    // A separate word after `--strict` is a path, not a severity.
    #expect(try completes("llmlint --strict ").contains("app.py") && !(try completes("llmlint --strict ")).contains("info"))
    #expect(try completes("llmlint completions ").sorted() == ["bash", "fish", "zsh"])
    #expect(try completes("llmlint ru").sorted() == ["rule", "rules"])
    #expect(try completes("llmlint --config ap") == ["app.py"])
    #expect(try completes("llmlint -").contains("-v"))
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
