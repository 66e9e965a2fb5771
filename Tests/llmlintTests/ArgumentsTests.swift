import Testing

@testable import LLMLintCore
@testable import llmlint

/// One test per flag, and each usage error's message verbatim.
@Suite struct ArgumentsTests {
  func parse(_ arguments: String...) throws -> Invocation { try Arguments.parse(arguments) }

  func error(_ arguments: String...) -> String? {
    do {
      _ = try Arguments.parse(arguments)
      return nil
    } catch {
      return error.message
    }
  }

  @Test func defaultsScanTheCurrentDirectoryAsText() throws {
    let invocation = try parse()
    #expect(invocation == Invocation())
    #expect(invocation.command == .scan && invocation.paths.isEmpty && invocation.format == .text && !invocation.strict)
  }

  @Test func rawPathsKeepTheBytesOfArgumentsThatAreNotUTF8() throws {
    let raw: [[UInt8]] = [Array("--format".utf8), Array("json".utf8), [0x61, 0xFF], [0x61, 0xFE], Array("b".utf8)]
    let texts = raw.map { String(decoding: $0, as: UTF8.self) }
    let invocation = try Arguments.parse(texts, rawArguments: raw)
    #expect(invocation.paths == ["a\u{FFFD}", "a\u{FFFD}", "b"])
    #expect(invocation.rawPaths.map(\.bytes) == [[0x61, 0xFF], [0x61, 0xFE], Array("b".utf8)])
    #expect(try Arguments.parse(["x.py"]).rawPaths == [PathBytes("x.py")])
  }

  @Test func pathsAreKeptInOrder() throws {
    #expect(try parse("b", "a.py", "dir/").paths == ["b", "a.py", "dir/"])
  }

  @Test func formatInBothSpellings() throws {
    #expect(try parse("--format", "json").format == .json)
    #expect(try parse("--format=json", ".").format == .json)
    #expect(try parse("--format=text").format == .text)
  }

  @Test func configInBothSpellings() throws {
    #expect(try parse("--config", "c.yml").configPath == "c.yml")
    #expect(try parse("--config=c.yml").configPath == "c.yml")
  }

  @Test func booleanFlags() throws {
    #expect(try parse("--strict").strict)
    #expect(try parse("--staged").staged)
    #expect(try parse("--staged", "--changed-lines").changedLines)
    #expect(try parse("--force-exclude").forceExclude)
    #expect(try parse("-q").quiet)
    #expect(try parse("--quiet").quiet)
    #expect(try parse("--no-color").color == .never)
    #expect(try parse("--color=always").color == .always)
  }

  @Test func strictTakesAnOptionalThresholdAfterEquals() throws {
    #expect(try parse().strictThreshold == nil)
    #expect(try parse("--strict").strictThreshold == .info)
    #expect(try parse("--strict=info").strictThreshold == .info)
    #expect(try parse("--strict=warning").strictThreshold == .warning)
    #expect(try parse("--strict=error").strictThreshold == .error)
    // A separate word is a path, as for every flag whose value is optional.
    let spaced = try parse("--strict", "warning")
    #expect(spaced.strictThreshold == .info && spaced.paths == ["warning"])
  }

  /// Every flag is declared once, in `Flag.all`: the parser knows it, `--help` and the README show it.
  @Test func everyDeclaredFlagIsParsedAndDocumented() throws {
    let readme = try String(contentsOfFile: GitSandbox.packageRoot + "/README.md", encoding: .utf8)
    for flag in Flag.all {
      for name in [flag.name] + (flag.short.map { [$0] } ?? []) {
        let value: [String]
        switch flag.value {
        case .none, .optionalChoice: value = []
        case .required: value = [name == "--report" ? "json:x" : "x"]
        case .choice(_, let choices, _): value = [choices[0]]
        }
        let extra = name == "--changed-lines" ? ["--staged"] : []
        do {
          _ = try Arguments.parse(extra + [name] + value)
        } catch {
          Issue.record("\(name): \(error.message)")
        }
      }
      #expect(Help.text.contains("  \(flag.synopsis)"), "\(flag.name) in --help")
      #expect(readme.contains(flag.name), "\(flag.name) in README.md")
      for shell in Completions.shells {
        let name = shell == "fish" ? "-l \(flag.name.dropFirst(2)) " : flag.name
        #expect(Completions.script(for: shell).contains(name), "\(flag.name) in the \(shell) completions")
      }
    }
  }

  /// Every subcommand is in --help, the README and every completion script.
  @Test func everySubcommandIsDocumentedAndCompleted() throws {
    let readme = try String(contentsOfFile: GitSandbox.packageRoot + "/README.md", encoding: .utf8)
    for command in Arguments.subcommands.keys {
      #expect(Help.text.contains("  llmlint \(command)"), "\(command) in --help")
      #expect(readme.contains("llmlint \(command)"), "\(command) in README.md")
      for shell in Completions.shells {
        #expect(Completions.script(for: shell).contains(command), "\(command) in the \(shell) completions")
      }
    }
  }

  @Test func helpAndVersion() throws {
    #expect(try parse("--help").command == .help)
    #expect(try parse("-h").command == .help)
    #expect(try parse("--version").command == .version)
    #expect(try parse("-V").command == .version)
  }

  @Test func subcommands() throws {
    #expect(try parse("rules").command == .rules)
    #expect(try parse("rules", "--config", "x.yml").configPath == "x.yml")
    #expect(try parse("install-hook").command == .installHook)
    #expect(try parse("uninstall-hook").command == .uninstallHook)
    #expect(try parse("init").command == .initConfig)
    #expect(try parse("src", "rules").paths == ["src", "rules"])
    #expect(try parse("--", "rules").paths == ["rules"])
  }

  @Test func terminatorMakesEverythingAPathAndAnEmptyListScansNothing() throws {
    let invocation = try parse("--", "--strict", "-x.py")
    #expect(invocation.paths == ["--strict", "-x.py"] && !invocation.strict && invocation.explicitPathList)
    let empty = try parse("--")
    #expect(empty.paths.isEmpty && empty.explicitPathList)
  }

  @Test func usageErrorsSayWhatWasExpected() {
    #expect(error("--frmat", "json") == "unknown option '--frmat'; did you mean '--format'?")
    #expect(error("--fromat", "sarif", ".") == "unknown option '--fromat'; did you mean '--format'?")
    #expect(error("--sarif") == "unknown option '--sarif'; did you mean '--format sarif'?")
    #expect(error("--json") == "unknown option '--json'; did you mean '--format json'?")
    #expect(error("--warning") == "unknown option '--warning'; did you mean '--strict=warning'?")
    #expect(error("--stirct") == "unknown option '--stirct'; did you mean '--strict'?")
    #expect(
      error("--format")
        == "option '--format' needs a value (one of: \(OutputFormat.allCases.map(\.rawValue).joined(separator: ", ")))")
    #expect(
      error("--format", "xml")
        == "unknown format 'xml' (expected one of: \(OutputFormat.allCases.map(\.rawValue).joined(separator: ", ")))")
    #expect(error("--config") == "option '--config' needs a value (a config file path)")
    #expect(error("--strict=yes") == "unknown severity 'yes' (expected one of: info, warning, error)")
    #expect(error("--staged=yes") == "option '--staged' takes no value")
    #expect(error("--staged", "a.py") == "'--staged' scans the index and takes no paths")
    #expect(error("--changed-lines") == "'--changed-lines' works with '--staged'")
    #expect(error("rules", "src") == "'rules' takes no paths")
    #expect(error("--color", "sometimes") == "unknown color choice 'sometimes' (expected one of: auto, always, never)")
    #expect(error("-z") == "unknown option '-z'")
  }
}
