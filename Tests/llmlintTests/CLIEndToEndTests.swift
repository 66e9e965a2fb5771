import Foundation
import Testing

@testable import LLMLintCore
@testable import llmlint

/// The built `llmlint` binary run on temporary directories: output formats, exit status, problems.
@Suite struct CLIEndToEndTests {
  struct Run {
    var status: Int32
    var stdout: String
    var stderr: String
  }

  static let binary: URL = {
    let candidates = [
      URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("llmlint"),
      Bundle.main.bundleURL.deletingLastPathComponent().appendingPathComponent("llmlint"),
      URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent(".build/debug/llmlint"),
    ]
    return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) } ?? candidates[2]
  }()

  static func run(_ arguments: [String], in directory: URL) throws -> Run {
    var environment = ProcessInfo.processInfo.environment
    environment["NO_COLOR"] = "1"
    let child = try ChildProcess.run(binary.path, arguments, in: directory.path, environment: environment)
    return Run(status: child.status, stdout: child.stdout, stderr: child.stderr)
  }

  static func temporaryTree(_ files: [String: String]) throws -> URL {
    let root = FileManager.default.temporaryDirectory.appendingPathComponent("llmlint-e2e-\(UUID().uuidString)")
    for (path, text) in files {
      let url = root.appendingPathComponent(path)
      try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
      try Data(text.utf8).write(to: url)
    }
    return root
  }

  static let sample = [
    "services/app.py": "import os\n\nx = client.chat.completions.create(model=\"m\")\n",
    "services/tracked.py": "with t.track_llm_call(provider=\"p\"):\n    client.chat.completions.create(model=\"m\")\n",
    "ios/Chat.swift": "import OpenAI\nlet r = try await openAI.chats(query: q)\n",
    "README.md": "client.chat.completions.create(model=\"m\")\n",
  ]

  @Test func binaryExists() {
    #expect(FileManager.default.isExecutableFile(atPath: Self.binary.path), "build the package first: \(Self.binary.path)")
  }

  @Test func textOutputIsOneFindingALineAndExitsZero() throws {
    let root = try Self.temporaryTree(Self.sample)
    defer { try? FileManager.default.removeItem(at: root) }
    let run = try Self.run(["."], in: root)
    #expect(run.status == 0)
    let lines = run.stdout.split(separator: "\n").map(String.init)
    #expect(lines.count == 2)
    #expect(lines.first?.hasPrefix("ios/Chat.swift:2:26: warning: ") == true)
    #expect(lines.first?.hasSuffix("[swift-openai-chats]") == true)
    #expect(lines.last?.hasPrefix("services/app.py:3:29: warning: OpenAI chat completion call outside a tracked context") == true)
    #expect(lines.last?.hasSuffix("[openai-chat-completions]") == true)
    #expect(run.stderr.hasPrefix("llmlint: 2 findings in 3 files, "), "\(run.stderr)")
    #expect(run.stderr.hasSuffix("; exit status 0 (advisory)\n"), "\(run.stderr)")
  }

  @Test func jsonOutputIsAnArrayOfFindingObjects() throws {
    let root = try Self.temporaryTree(Self.sample)
    defer { try? FileManager.default.removeItem(at: root) }
    let run = try Self.run(["--format", "json", "services"], in: root)
    #expect(run.status == 0)
    let array = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [[String: Any]])
    #expect(array.count == 1)
    let finding = try #require(array.first)
    #expect(finding["path"] as? String == "services/app.py")
    #expect(finding["line"] as? Int == 3)
    // The called name: `create` in `x = client.chat.completions.create(…)`, columns 29..<35.
    #expect(finding["column"] as? Int == 29)
    #expect(finding["endColumn"] as? Int == 35)
    #expect(finding["rule"] as? String == "openai-chat-completions")
    #expect(finding["provider"] as? String == "openai")
    #expect(finding["severity"] as? String == "warning")
    #expect((finding["message"] as? String)?.isEmpty == false)
  }

  @Test func strictExitsOneWithFindingsAndZeroWithout() throws {
    let root = try Self.temporaryTree(Self.sample)
    defer { try? FileManager.default.removeItem(at: root) }
    #expect(try Self.run(["--strict", "services/app.py"], in: root).status == 1)
    #expect(try Self.run(["--strict", "services/tracked.py"], in: root).status == 0)
    #expect(try Self.run(["--strict", "missing.py"], in: root).status == 2)
  }

  @Test func problemsGoToStderrAndTheRunGoesOn() throws {
    let root = try Self.temporaryTree(Self.sample)
    defer { try? FileManager.default.removeItem(at: root) }
    let run = try Self.run(["missing.py", "services/app.py"], in: root)
    #expect(run.status == 0)
    #expect(run.stderr.contains("llmlint: missing.py: no such file or directory"), "\(run.stderr)")
    #expect(run.stdout.contains("services/app.py:3:29:"))
  }

  @Test func badConfigIsReportedWithFileLineAndColumnAndBuiltInRulesStillApply() throws {
    var files = Self.sample
    files[".llmlint.yml"] = "rules:\n  - id: x\n    provider: p\n    patern: y\n"
    let root = try Self.temporaryTree(files)
    defer { try? FileManager.default.removeItem(at: root) }
    let run = try Self.run(["services"], in: root)
    #expect(run.status == 0)
    #expect(run.stderr.contains(".llmlint.yml:4:5: unknown key 'patern' (did you mean 'patterns'?)"), "\(run.stderr)")
    // The rest of the rules: the bad rule is skipped (its errors: the unknown key and the missing parts).
    #expect(run.stderr.contains(": 4 errors: their entries skipped; the rest of this config applies\n"), "\(run.stderr)")
    #expect(run.stdout.contains("services/app.py:3:29:"))
  }

  @Test func userConfigAddsARule() throws {
    var files = Self.sample
    files[".llmlint.yml"] = """
      rules:
        - id: internal-llm-gateway
          provider: internal
          languages: [python]
          message: Internal gateway call outside a tracked context
          patterns: ["*.gateway.generate"]
      disable: [openai-chat-completions]

      """
    files["services/gateway.py"] = "r = self.gateway.generate(prompt)\n"
    let root = try Self.temporaryTree(files)
    defer { try? FileManager.default.removeItem(at: root) }
    let run = try Self.run(["services"], in: root)
    #expect(run.stdout == "services/gateway.py:1:18: warning: Internal gateway call outside a tracked context [internal-llm-gateway]\n")
  }

  @Test func eachScannedPathGetsItsNearestConfig() throws {
    var files = Self.sample
    files["a/.llmlint.yml"] = "disable: [openai-chat-completions]\n"
    files["a/app.py"] = "x = client.chat.completions.create(model=\"m\")\ny = client.embeddings.create(input=\"x\")\n"
    files["b/.llmlint.yml"] = "disable: [openai-embeddings]\n"
    files["b/app.py"] = "x = client.chat.completions.create(model=\"m\")\ny = client.embeddings.create(input=\"x\")\n"
    files["c/app.py"] = "x = client.chat.completions.create(model=\"m\")\n"
    let root = try Self.temporaryTree(files)
    defer { try? FileManager.default.removeItem(at: root) }
    let run = try Self.run(["--format", "json", "b", "a", "c"], in: root)
    let array = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [[String: Any]])
    let got = array.map { "\($0["path"] as? String ?? ""):\($0["line"] as? Int ?? 0) \($0["rule"] as? String ?? "")" }
    #expect(got == ["a/app.py:2 openai-embeddings", "b/app.py:1 openai-chat-completions", "c/app.py:1 openai-chat-completions"])
    #expect(run.stderr.hasPrefix("llmlint: 3 findings in 3 files"), "\(run.stderr)")
    // `--config` wins over discovery for every path.
    let forced = try Self.run(["--config", "a/.llmlint.yml", "b", "c"], in: root)
    #expect(forced.stdout.split(separator: "\n").count == 1 && forced.stdout.contains("b/app.py:2:23:"), "\(forced.stdout)")
  }

  @Test func rulesCommandListsRulesWithOrigins() throws {
    let root = try Self.temporaryTree(Self.sample)
    defer { try? FileManager.default.removeItem(at: root) }
    let run = try Self.run(["rules"], in: root)
    #expect(run.status == 0)
    #expect(run.stdout.contains("openai-chat-completions  [openai; python; warning]  from built-in rules.yml:"))
    #expect(run.stdout.contains("track_llm_call  from built-in rules.yml:"))
  }

  @Test func initWritesAStarterConfigThatLoadsCleanlyAndNeverOverwrites() throws {
    let root = try Self.temporaryTree(Self.sample)
    defer { try? FileManager.default.removeItem(at: root) }
    let first = try Self.run(["init"], in: root)
    #expect(first.status == 0)
    #expect(first.stderr.hasPrefix("llmlint: wrote .llmlint.yml"), "\(first.stderr)")
    let written = try String(contentsOf: root.appendingPathComponent(".llmlint.yml"), encoding: .utf8)
    #expect(written == StarterConfig.text)
    let rules = try Self.run(["rules"], in: root)
    #expect(rules.stderr.isEmpty, "\(rules.stderr)")
    #expect(rules.stdout.hasPrefix("Config: .llmlint.yml\n"))
    #expect(try Self.run(["services"], in: root).stdout.contains("services/app.py:3:29:"))
    try Data("# mine\n".utf8).write(to: root.appendingPathComponent(".llmlint.yml"))
    let second = try Self.run(["init"], in: root)
    #expect(second.stderr == "llmlint: error: .llmlint.yml already exists; not overwritten\n")
    #expect(try String(contentsOf: root.appendingPathComponent(".llmlint.yml"), encoding: .utf8) == "# mine\n")
  }

  @Test func versionAndHelp() throws {
    let root = FileManager.default.temporaryDirectory
    #expect(try Self.run(["--version"], in: root).stdout == "llmlint \(LLMLint.version)\n")
    let help = try Self.run(["--help"], in: root).stdout
    for flag in ["--config", "--format", "--strict", "--staged", "install-hook", "rules"] {
      #expect(help.contains(flag), "\(flag)")
    }
  }

  /// A usage error exits 2 with its message on stderr and nothing on stdout, with or without --strict.
  @Test func usageErrorsExitTwoWithTheirMessage() throws {
    let root = try Self.temporaryTree(Self.sample)
    defer { try? FileManager.default.removeItem(at: root) }
    let usage = "\nRun 'llmlint --help' for usage.\n"
    for (arguments, message) in [
      (["--fromat", "sarif", "--quiet", "."], "unknown option '--fromat'; did you mean '--format'?"),
      (["--frmat", "json"], "unknown option '--frmat'; did you mean '--format'?"),
      (["--sarif", "."], "unknown option '--sarif'; did you mean '--format sarif'?"),
      (["--format", "xml", "."], "unknown format 'xml' (expected one of: text, json, sarif, github, gitlab, markdown)"),
      (["--format"], "option '--format' needs a value (one of: text, json, sarif, github, gitlab, markdown)"),
      (["--config"], "option '--config' needs a value (a config file path)"),
      (["--strict=often", "."], "unknown severity 'often' (expected one of: info, warning, error)"),
      (["--quiet=yes", "."], "option '--quiet' takes no value"),
      (["--config", "nope.yml", "."], "config file 'nope.yml' not found (option '--config')"),
      (["rules", "--config", "nope.yml"], "config file 'nope.yml' not found (option '--config')"),
    ] {
      for strict in [[], ["--strict"]] {
        let run = try Self.run(strict + arguments, in: root)
        #expect(run.status == 2, "\(arguments)")
        #expect(run.stdout == "", "\(arguments)")
        #expect(run.stderr == "llmlint: error: \(message)\(usage)", "\(arguments)")
      }
    }
  }

  /// `--strict=SEVERITY` fails on findings at or above SEVERITY only; the bare flag on any finding.
  @Test func strictThresholds() throws {
    let root = try Self.temporaryTree([
      "info.py": "import ollama\nollama.chat(model=\"m\")\n",
      "warn.py": "x = client.chat.completions.create(model=\"m\")\n",
      "ci/errors.yml": "severity:\n  openai-chat-completions: error\n",
    ])
    defer { try? FileManager.default.removeItem(at: root) }
    let info = try Self.run(["--format", "json", "info.py"], in: root)
    #expect(info.stdout.contains("\"severity\": \"info\""), "\(info.stdout)")
    for (arguments, status) in [
      (["info.py"], 0), (["--strict", "info.py"], 1), (["--strict=info", "info.py"], 1),
      (["--strict=warning", "info.py"], 0), (["--strict=error", "info.py"], 0),
      (["--strict=warning", "warn.py"], 1), (["--strict=error", "warn.py"], 0),
      (["--strict=error", "--config", "ci/errors.yml", "warn.py"], 1),
      (["--strict=error", "--config", "ci/errors.yml", "info.py"], 0),
      (["--strict=error", "missing.py"], 2),
    ] as [([String], Int32)] {
      let run = try Self.run(arguments, in: root)
      #expect(run.status == status, "\(arguments): \(run.stderr)")
    }
  }

  @Test func helpHasTheExitStatusTableAndTheReadmeToo() throws {
    let help = try Self.run(["--help"], in: FileManager.default.temporaryDirectory)
    #expect(help.status == 0)
    #expect(help.stdout.contains("EXIT STATUS:\n" + Help.exitStatuses + "\n"))
    let readme = try String(contentsOfFile: GitSandbox.packageRoot + "/README.md", encoding: .utf8)
    #expect(readme.contains(Help.exitStatuses), "README.md shows the --help exit-status table verbatim")
  }

}
