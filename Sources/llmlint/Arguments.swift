import LLMLintCore

/// What the user asked for, read from the command line.
struct Invocation: Equatable {
  enum Command: Equatable {
    case scan
    case rules
    case installHook
    case uninstallHook
    case initConfig
    case help
    case version
  }

  enum ColorChoice: Equatable {
    case auto
    case always
    case never
  }

  var command: Command = .scan
  /// Paths to scan; empty with `pathsGiven == false` means the current directory.
  var paths: [String] = []
  /// `paths` as the exact bytes of their arguments (an argument that is not UTF-8 is in `paths` with
  /// U+FFFD for its bad bytes, here as given).
  var rawPaths: [PathBytes] = []
  /// Whether an explicit (possibly empty) path list was given, with `--`: then an empty list scans nothing.
  var explicitPathList = false
  var staged = false
  var changedLines = false
  var configPath: String?
  var format: OutputFormat = .text
  var strict = false
  var forceExclude = false
  var color: ColorChoice = .auto
  var quiet = false
  /// `--baseline FILE`: hide the findings recorded there.
  var baselinePath: String?
  /// `--write-baseline FILE`: record the current findings there.
  var writeBaselinePath: String?
  /// `--no-unused-suppressions` turns this off.
  var reportUnusedSuppressions = true
}

/// A command-line mistake, with the message shown to the user.
struct UsageError: Error, Equatable, CustomStringConvertible {
  var message: String
  var description: String { message }
}

/// Reads `argv` in two steps: split into elements (`--x=y`, `--x y`, `--`), then build an `Invocation`.
enum Arguments {
  /// One element of the command line.
  enum Element: Equatable {
    /// `--name` or `-n`, with the value given after `=` if any.
    case option(name: String, inlineValue: String?)
    /// Anything else, or everything after `--`.
    case positional(String, afterTerminator: Bool)
    /// `--` itself.
    case terminator
  }

  static let subcommands: [String: Invocation.Command] = [
    "rules": .rules, "install-hook": .installHook, "uninstall-hook": .uninstallHook, "init": .initConfig,
  ]
  static let flags = [
    "--help", "--version", "--staged", "--changed-lines", "--strict", "--force-exclude", "--quiet", "--no-color",
    "--color", "--config", "--format", "--baseline", "--write-baseline", "--no-unused-suppressions",
  ]
  static let valued: Set<String> = ["--config", "--format", "--color", "--baseline", "--write-baseline"]

  /// Splits `arguments` (without the program name) into elements.
  static func split(_ arguments: [String]) -> [Element] {
    var elements: [Element] = []
    var afterTerminator = false
    for argument in arguments {
      if afterTerminator {
        elements.append(.positional(argument, afterTerminator: true))
      } else if argument == "--" {
        afterTerminator = true
        elements.append(.terminator)
      } else if argument.hasPrefix("--") {
        if let equals = argument.firstIndex(of: "=") {
          elements.append(
            .option(name: String(argument[..<equals]), inlineValue: String(argument[argument.index(after: equals)...])))
        } else {
          elements.append(.option(name: argument, inlineValue: nil))
        }
      } else if argument.hasPrefix("-"), argument.count > 1 {
        for short in argument.dropFirst() { elements.append(.option(name: "-\(short)", inlineValue: nil)) }
      } else {
        elements.append(.positional(argument, afterTerminator: false))
      }
    }
    return elements
  }

  /// Builds the invocation; throws a `UsageError` whose message says what was expected.
  /// `rawArguments` are the same arguments as bytes (`argv`), when some may not be UTF-8.
  static func parse(_ arguments: [String], rawArguments: [[UInt8]]? = nil) throws(UsageError) -> Invocation {
    var invocation = Invocation()
    let elements = split(arguments)
    var index = 0
    var sawCommand = false
    // Each positional element is one whole argument, met in order: its bytes are the next ones queued for
    // its text (texts differ from their bytes only for arguments that are not UTF-8).
    var rawQueue: [String: [[UInt8]]] = [:]
    if let rawArguments, rawArguments.count == arguments.count {
      for (text, raw) in zip(arguments, rawArguments).reversed() { rawQueue[text, default: []].append(raw) }
    }
    func raw(_ text: String) -> PathBytes {
      PathBytes(rawQueue[text]?.popLast() ?? Array(text.utf8))
    }
    func value(for name: String, _ inline: String?) throws(UsageError) -> String {
      if let inline { return inline }
      index += 1
      guard index < elements.count, case .positional(let next, false) = elements[index] else {
        throw UsageError(message: "option '\(name)' needs a value\(expectedValues(name))")
      }
      _ = raw(next)
      return next
    }
    while index < elements.count {
      defer { index += 1 }
      switch elements[index] {
      case .terminator:
        invocation.explicitPathList = true
      case .positional(let text, let afterTerminator):
        let bytes = raw(text)
        if !afterTerminator, !sawCommand, invocation.paths.isEmpty, let command = subcommands[text] {
          invocation.command = command
          sawCommand = true
        } else {
          invocation.paths.append(text)
          invocation.rawPaths.append(bytes)
        }
      case .option(let name, let inline):
        if inline != nil, !valued.contains(name) {
          throw UsageError(message: "option '\(name)' takes no value")
        }
        switch name {
        case "--help", "-h": invocation.command = .help
        case "--version", "-V": invocation.command = .version
        case "--staged": invocation.staged = true
        case "--changed-lines": invocation.changedLines = true
        case "--strict": invocation.strict = true
        case "--force-exclude": invocation.forceExclude = true
        case "--quiet", "-q": invocation.quiet = true
        case "--no-color": invocation.color = .never
        case "--color":
          switch try value(for: name, inline) {
          case "auto": invocation.color = .auto
          case "always": invocation.color = .always
          case "never": invocation.color = .never
          case let other: throw UsageError(message: "unknown color choice '\(other)' (expected one of: auto, always, never)")
          }
        case "--config": invocation.configPath = try value(for: name, inline)
        case "--baseline": invocation.baselinePath = try value(for: name, inline)
        case "--write-baseline": invocation.writeBaselinePath = try value(for: name, inline)
        case "--no-unused-suppressions": invocation.reportUnusedSuppressions = false
        case "--format":
          let text = try value(for: name, inline)
          guard let format = OutputFormat(rawValue: text) else {
            throw UsageError(
              message: "unknown format '\(text)' (expected one of: \(OutputFormat.allCases.map(\.rawValue).joined(separator: ", ")))")
          }
          invocation.format = format
        default:
          throw UsageError(message: "unknown option '\(name)'\(suggestion(for: name))")
        }
      }
    }
    if invocation.command == .help || invocation.command == .version { return invocation }
    if invocation.staged, !invocation.paths.isEmpty {
      throw UsageError(message: "'--staged' scans the index and takes no paths")
    }
    if invocation.changedLines, !invocation.staged {
      throw UsageError(message: "'--changed-lines' works with '--staged'")
    }
    if invocation.command != .scan, !invocation.paths.isEmpty {
      throw UsageError(message: "'\(arguments.first { subcommands[$0] != nil } ?? "")' takes no paths")
    }
    return invocation
  }

  private static func expectedValues(_ name: String) -> String {
    switch name {
    case "--format": return " (one of: \(OutputFormat.allCases.map(\.rawValue).joined(separator: ", ")))"
    case "--color": return " (one of: auto, always, never)"
    case "--config": return " (a config file path)"
    case "--baseline", "--write-baseline": return " (a baseline file path, e.g. .llmlint-baseline.json)"
    default: return ""
    }
  }

  private static func suggestion(for name: String) -> String {
    var best: (String, Int)? = nil
    for flag in flags {
      let distance = editDistance(Array(name.utf8), Array(flag.utf8))
      if distance <= 3, distance < (best?.1 ?? .max) { best = (flag, distance) }
    }
    return best.map { " (did you mean '\($0.0)'?)" } ?? ""
  }
}
