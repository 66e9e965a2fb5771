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
        case .required:
          value = ["--by-dir", "--min-coverage"].contains(name) ? ["1"] : [name == "--report" ? "json:x" : "x"]
        case .choice(_, let choices, _): value = [choices[0]]
        }
        let extra =
          name == "--changed-lines" ? ["--staged"] : ["--by-dir", "--min-coverage"].contains(name) ? ["coverage"] : []
        do {
          _ = try Arguments.parse(extra + [name] + value)
        } catch {
          Issue.record("\(name): \(error.message)")
        }
      }
      #expect(Help.text.contains("  \(flag.synopsis)"), "\(flag.name) in --help")
      #expect(readme.contains(flag.name), "\(flag.name) in README.md")
      if let short = flag.short { #expect(readme.contains("  \(short), \(flag.name)"), "\(short) in README.md") }
      for shell in Completions.shells {
        let name = shell == "fish" ? "-l \(flag.name.dropFirst(2)) " : flag.name
        #expect(Completions.script(for: shell).contains(name), "\(flag.name) in the \(shell) completions")
      }
    }
  }

  /// Every config key is declared once, in `ConfigKey.all`: `--help` names it, the README's key table has
  /// a row for it, and `llmlint rules` describes it (the parser reading each: `ConfigKeyTests`).
  @Test func everyDeclaredConfigKeyIsDocumented() throws {
    let readme = try String(contentsOfFile: GitSandbox.packageRoot + "/README.md", encoding: .utf8)
    let rules = try GitSandbox().llmlint(["rules"])
    #expect(rules.status == 0 && rules.stderr.isEmpty, "\(rules.stderr)")
    let helpWords = Set(Help.text.split { " ,\n".contains($0) }.map(String.init))
    for key in ConfigKey.all {
      #expect(helpWords.contains(key.path), "\(key.path) in --help")
      #expect(readme.contains("| `\(key.path)` | \(key.kind) | \(key.help) "), "\(key.path) in README.md's key table")
      #expect(rules.stdout.contains("\n  \(key.path) "), "\(key.path) in llmlint rules")
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
    #expect(try parse("coverage", "a", "b").paths == ["a", "b"])
    #expect(try parse("coverage", "--by-dir", "2", "--min-coverage", "92.5%").directoryDepth == 2)
    #expect(try parse("coverage", "--min-coverage=90").minimumCoverage == 90)
    #expect(try parse("coverage", "--format", "markdown").formatName == "markdown")
    #expect(try parse("explain", "app/a.py:12").explainTarget! == ("app/a.py", 12))
    #expect(try parse("explain", "C:/x.py:3").explainTarget! == ("C:/x.py", 3))
    #expect(try parse("--verbose", ".").verbose)
  }

  @Test func coverageAndExplainUsageErrors() {
    #expect(error("--format", "markdown", ".") == "format 'markdown' works with 'coverage' (e.g. 'llmlint coverage --format markdown')")
    #expect(error("coverage", "--format", "sarif") == "unknown format 'sarif' for 'coverage' (expected one of: text, json, markdown)")
    #expect(error("coverage", "--by-dir", "0") == "option '--by-dir' needs a number from 1 to 64 (got '0')")
    #expect(error("coverage", "--by-dir") == "option '--by-dir' needs a value (a number of path components, e.g. 1)")
    #expect(error("coverage", "--min-coverage", "120") == "option '--min-coverage' needs a percentage from 0 to 100 (got '120')")
    #expect(error("coverage", "--min-coverage", "nan") == "option '--min-coverage' needs a percentage from 0 to 100 (got 'nan')")
    #expect(error("--by-dir", "1", ".") == "'--by-dir' works with 'coverage'")
    #expect(error("--min-coverage", "50") == "'--min-coverage' works with 'coverage'")
    #expect(error("coverage", "--staged", "--changed-lines") == "'--changed-lines' does not work with 'coverage'")
    #expect(error("coverage", "--write-baseline", "b.json") == "'coverage' writes nothing; record a baseline with 'llmlint --write-baseline FILE'")
    #expect(error("coverage", "--staged", "src") == "'--staged' scans the index and takes no paths")
    let explainUsage = "'explain' takes one PATH:LINE (e.g. 'llmlint explain app/agent.py:42')"
    #expect(error("explain") == explainUsage)
    #expect(error("explain", "a.py") == explainUsage)
    #expect(error("explain", "a.py:0") == explainUsage)
    #expect(error("explain", "a.py:x") == explainUsage)
    #expect(error("explain", ":3") == explainUsage)
    #expect(error("explain", "a.py:1", "b.py:2") == explainUsage)
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
    let formats = (OutputFormat.allCases.map(\.rawValue) + CoverageFormat.markdownOnly).joined(separator: ", ")
    #expect(error("--format") == "option '--format' needs a value (one of: \(formats))")
    #expect(error("--format", "xml") == "unknown format 'xml' (expected one of: \(formats))")
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
