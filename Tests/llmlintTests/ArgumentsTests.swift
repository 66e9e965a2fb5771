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
    #expect(error("--frmat", "json") == "unknown option '--frmat' (did you mean '--format'?)")
    #expect(error("--format") == "option '--format' needs a value (one of: \(OutputFormat.allCases.map(\.rawValue).joined(separator: ", ")))")
    #expect(error("--format", "xml") == "unknown format 'xml' (expected one of: \(OutputFormat.allCases.map(\.rawValue).joined(separator: ", ")))")
    #expect(error("--config") == "option '--config' needs a value (a config file path)")
    #expect(error("--strict=yes") == "option '--strict' takes no value")
    #expect(error("--staged", "a.py") == "'--staged' scans the index and takes no paths")
    #expect(error("--changed-lines") == "'--changed-lines' works with '--staged'")
    #expect(error("rules", "src") == "'rules' takes no paths")
    #expect(error("--color", "sometimes") == "unknown color choice 'sometimes' (expected one of: auto, always, never)")
    #expect(error("-z") == "unknown option '-z'")
  }
}
