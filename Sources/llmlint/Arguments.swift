import LLMLintCore

/// What the user asked for, read from the command line.
struct Invocation: Equatable {
  enum Command: Equatable {
    case scan
    case rules
    /// `rule ID`: the documentation of one rule.
    case ruleDoc
    /// `completions SHELL`: a completion script from `Flag.all`.
    case completions
    case installHook
    case uninstallHook
    case initConfig
    /// `cache clean`: remove llmlint's facts cache files.
    case cacheClean
    /// `coverage [PATH...]`: every recognised call site with its verdict.
    case coverage
    /// `explain PATH:LINE`: why the call on that line got its verdict.
    case explain
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
  /// `--strict[=SEVERITY]`: exit 1 when there is a finding of this severity or above (bare `--strict`:
  /// `info`, any finding), 2 on problems; `nil`: advisory, always 0.
  var strictThreshold: Severity? = nil
  var strict: Bool { strictThreshold != nil }
  var forceExclude = false
  var color: ColorChoice = .auto
  var quiet = false
  /// `--baseline FILE`: hide the findings recorded there.
  var baselinePath: String?
  /// `--write-baseline FILE`: record the current findings there.
  var writeBaselinePath: String?
  /// `--no-unused-suppressions` turns this off.
  var reportUnusedSuppressions = true
  /// `--no-cache`: neither read nor write the facts cache.
  var useCache = true
  /// `--cache-dir DIR`: where the facts cache lives (default: `FactCache.userDirectory`).
  var cacheDirectory: String?
  /// `--format` as given (`coverage` takes `markdown`, which is no `OutputFormat`).
  var formatName: String?
  /// `coverage --by-dir N`: also count by the first N components of each site's directory.
  var directoryDepth: Int?
  /// `coverage --min-coverage P`: with `--strict`, exit 1 when less than P percent of the sites are tracked.
  var minimumCoverage: Double?
  /// `-v/--verbose`: the files scanned and the time per stage on stderr; each finding's verdict reason
  /// after it (text output).
  var verbose = false
  /// `explain`: the file and line asked about.
  var explainTarget: (path: String, line: Int)? {
    guard command == .explain, let argument = paths.first, let colon = argument.lastIndex(of: ":"),
      let line = Int(argument[argument.index(after: colon)...]), line > 0, colon != argument.startIndex
    else { return nil }
    return (String(argument[..<colon]), line)
  }
  /// `-o/--output FILE`: the report goes to this file (atomically) instead of stdout.
  var outputPath: String?
  /// `--report FORMAT:FILE`, in the order given: more reports of the same scan, each to its file.
  var reports: [ReportRequest] = []
  /// `--show-suppressed`: text and JSON list hidden findings too, with their reason.
  var showSuppressed = false
  /// `--stdin-filename PATH`: lint standard input as the file at PATH (the only path then is `-`).
  var stdinFilename: String?
  /// `--select`, `--extend-select`, `--ignore` (comma-separated, repeatable).
  var selection = RuleSelection()
  /// `rule ID`: the rule to document.
  var ruleID: String?
  /// `completions SHELL`: bash, zsh or fish.
  var shell: String?
  /// `--show-files`: list the files a scan would read, and stop.
  var showFiles = false
}

extension Invocation {
  /// `a,b, c` as selectors; an empty one is a usage error naming `option`.
  static func selectors(_ text: String, option: String) throws(UsageError) -> [String] {
    let selectors = text.split(separator: ",", omittingEmptySubsequences: false).map {
      $0.trimmingCharacters(in: .whitespaces)
    }
    if selectors.contains("") {
      throw UsageError(
        message: "option '\(option)' needs rule ids, providers or prefixes, comma-separated (got '\(text)')")
    }
    return selectors
  }
}

/// One `--report FORMAT:FILE`: a report of the scan in `format`, written to `path`.
struct ReportRequest: Equatable {
  var format: OutputFormat
  var path: String

  /// Reads `FORMAT:FILE` (the format is everything before the first `:`).
  static func parse(_ text: String) throws(UsageError) -> ReportRequest {
    let formats = OutputFormat.allCases.map(\.rawValue).joined(separator: ", ")
    guard let colon = text.firstIndex(of: ":") else {
      throw UsageError(message: "option '--report' needs FORMAT:FILE, e.g. sarif:llmlint.sarif (got '\(text)')")
    }
    let name = String(text[..<colon])
    let path = String(text[text.index(after: colon)...])
    guard let format = OutputFormat(rawValue: name) else {
      throw UsageError(message: "unknown format '\(name)' in '--report \(text)' (expected one of: \(formats))")
    }
    guard !path.isEmpty else {
      throw UsageError(message: "option '--report' needs a file after '\(name):' (e.g. \(name):llmlint.\(name))")
    }
    return ReportRequest(format: format, path: path)
  }
}

/// A command-line mistake, with the message shown to the user (exit status 2, whatever `--strict` says).
struct UsageError: Error, Equatable, CustomStringConvertible {
  var message: String
  var description: String { message }
}

/// One command-line option, declared once: the parser, its errors, "did you mean" and `--help` all read
/// this table (`Flag.all`), so a flag cannot be parsed without being documented, or the other way round.
struct Flag: Sendable {
  /// What follows the option.
  enum Value: Sendable {
    /// Nothing: `--name=x` is an error.
    case none
    /// A value, as `--name VALUE` or `--name=VALUE`; `expected` finishes "option '--name' needs a value (…)".
    case required(placeholder: String, expected: String)
    /// One of `choices`, as `--name VALUE` or `--name=VALUE`; `noun` names a wrong one ("unknown format 'x'").
    case choice(placeholder: String, choices: [String], noun: String)
    /// Optionally one of `choices`, only as `--name=VALUE` (a separate word is a path).
    case optionalChoice(placeholder: String, choices: [String], noun: String)
  }

  var name: String
  var short: String? = nil
  var value: Value = .none
  /// The `--help` lines: the description, then examples.
  var help: String
  var examples: [String] = []
  /// Applies the option (with its value, if it takes one) to the invocation.
  var apply: @Sendable (inout Invocation, String?) throws(UsageError) -> Void

  var choices: [String] {
    switch value {
    case .none, .required: return []
    case .choice(_, let choices, _), .optionalChoice(_, let choices, _): return choices
    }
  }

  /// How `--help` shows the option: `-q, --quiet`, `--config FILE`, `--strict[=SEVERITY]`.
  var synopsis: String {
    let names = (short.map { "\($0), " } ?? "") + name
    switch value {
    case .none: return names
    case .required(let placeholder, _), .choice(let placeholder, _, _): return "\(names) \(placeholder)"
    case .optionalChoice(let placeholder, _, _): return "\(names)[=\(placeholder)]"
    }
  }

  static let all: [Flag] = [
    Flag(
      name: "--config", value: .required(placeholder: "FILE", expected: "a config file path"),
      help: "use this config instead of discovering .llmlint.yml",
      examples: ["llmlint --config ci/llmlint.yml services/"]
    ) { invocation, value in invocation.configPath = value },
    Flag(
      name: "--format",
      value: .choice(
        placeholder: "FORMAT", choices: OutputFormat.allCases.map(\.rawValue) + CoverageFormat.markdownOnly,
        noun: "format"),
      help: "text (default), json, sarif, github or gitlab; coverage: text, json or markdown",
      examples: [
        "llmlint --format json . > findings.json",
        "llmlint --format sarif . > llmlint.sarif       (code scanning)",
        "llmlint --format github .                      (pull-request annotations)",
        "llmlint --format gitlab . > gl-code-quality.json",
        "llmlint coverage --format markdown . >> \"$GITHUB_STEP_SUMMARY\"",
      ]
    ) { invocation, value in
      invocation.format = OutputFormat(rawValue: value ?? "") ?? .text
      invocation.formatName = value
    },
    Flag(
      name: "--output", short: "-o", value: .required(placeholder: "FILE", expected: "a file for the report"),
      help: "write the report to FILE, not stdout (atomically; a symlink is written through, a device refused)",
      examples: ["llmlint --format sarif -o llmlint.sarif ."]
    ) { invocation, value in invocation.outputPath = value },
    Flag(
      name: "--report",
      value: .required(placeholder: "FORMAT:FILE", expected: "FORMAT:FILE, e.g. sarif:llmlint.sarif"),
      help: "also write the report in FORMAT to FILE (repeatable; the same bytes as a run with --format FORMAT)",
      examples: ["llmlint --format github --report sarif:llmlint.sarif --report json:llmlint.json ."]
    ) { (invocation, value) throws(UsageError) in invocation.reports.append(try ReportRequest.parse(value ?? "")) },
    Flag(
      name: "--show-suppressed",
      help: "text and json: list the findings a comment or the baseline hides too, with the reason",
      examples: ["llmlint --show-suppressed --format json ."]
    ) { invocation, _ in invocation.showSuppressed = true },
    Flag(
      name: "--select",
      value: .required(placeholder: "RULES", expected: "rule ids, providers or id prefixes, comma-separated"),
      help: "use only these rules: ids, providers or id prefixes, comma-separated (ALL: every rule)",
      examples: [
        "llmlint --select openai,anthropic-messages .", "llmlint --select ALL .   (rules the config disabled too)",
      ]
    ) { (invocation, value) throws(UsageError) in
      invocation.selection.select =
        (invocation.selection.select ?? []) + (try Invocation.selectors(value ?? "", option: "--select"))
    },
    Flag(
      name: "--extend-select",
      value: .required(placeholder: "RULES", expected: "rule ids, providers or id prefixes, comma-separated"),
      help: "turn these rules on besides the config's (or --select's)",
      examples: ["llmlint --extend-select openai-images ."]
    ) { (invocation, value) throws(UsageError) in
      invocation.selection.extendSelect += try Invocation.selectors(value ?? "", option: "--extend-select")
    },
    Flag(
      name: "--ignore",
      value: .required(placeholder: "RULES", expected: "rule ids, providers or id prefixes, comma-separated"),
      help: "turn these rules off (applied after --select and --extend-select)",
      examples: ["llmlint --ignore ollama,openai-embeddings ."]
    ) { (invocation, value) throws(UsageError) in
      invocation.selection.ignore += try Invocation.selectors(value ?? "", option: "--ignore")
    },
    Flag(
      name: "--baseline",
      value: .required(placeholder: "FILE", expected: "a baseline file path, e.g. .llmlint-baseline.json"),
      help: "report only findings not recorded in FILE (keyed on path, rule and call text)",
      examples: ["llmlint --baseline .llmlint-baseline.json ."]
    ) { invocation, value in invocation.baselinePath = value },
    Flag(
      name: "--write-baseline",
      value: .required(placeholder: "FILE", expected: "a baseline file path, e.g. .llmlint-baseline.json"),
      help: "record the current findings in FILE (sorted JSON; same tree, same bytes)",
      examples: ["llmlint --write-baseline .llmlint-baseline.json ."]
    ) { invocation, value in invocation.writeBaselinePath = value },
    Flag(
      name: "--no-unused-suppressions",
      help: "do not report suppression comments that hide nothing (unused-suppression)",
      examples: ["llmlint --no-unused-suppressions ."]
    ) { invocation, _ in invocation.reportUnusedSuppressions = false },
    Flag(
      name: "--strict",
      value: .optionalChoice(
        placeholder: "SEVERITY", choices: Severity.allCases.map(\.rawValue), noun: "severity"),
      help: "exit 1 on findings at or above SEVERITY (info, warning, error; bare: any), 2 on problems",
      examples: ["llmlint --strict src/", "llmlint --strict=warning .                     (info findings pass)"]
    ) { invocation, value in invocation.strictThreshold = value.flatMap(Severity.init(rawValue:)) ?? .info },
    Flag(
      name: "--stdin-filename", value: .required(placeholder: "PATH", expected: "the path standard input stands for"),
      help: "lint standard input as the file PATH (its config, rules and project; give '-' or no path)",
      examples: ["llmlint --stdin-filename services/app.py - < buffer.py"]
    ) { invocation, value in invocation.stdinFilename = value },
    Flag(
      name: "--show-files",
      help: "list the files a scan of the paths would read (after excludes), one a line, and stop",
      examples: ["llmlint --show-files services/"]
    ) { invocation, _ in invocation.showFiles = true },
    Flag(
      name: "--staged", help: "scan the index instead of the working tree",
      examples: ["llmlint --staged                                (what the hook runs)"]
    ) { invocation, _ in invocation.staged = true },
    Flag(
      name: "--changed-lines", help: "with --staged: only calls on lines the staged diff adds or changes",
      examples: ["llmlint --staged --changed-lines"]
    ) { invocation, _ in invocation.changedLines = true },
    Flag(
      name: "--force-exclude", help: "apply the config's excludes to paths named on the command line too",
      examples: ["llmlint --force-exclude $(git ls-files '*.py')"]
    ) { invocation, _ in invocation.forceExclude = true },
    Flag(
      name: "--no-cache", help: "neither read nor write the facts cache (every index file is read)",
      examples: ["llmlint --staged --no-cache"]
    ) { invocation, _ in invocation.useCache = false },
    Flag(
      name: "--cache-dir", value: .required(placeholder: "DIR", expected: "a directory for the facts cache"),
      help: "keep the facts cache in DIR (default: $XDG_CACHE_HOME/llmlint or ~/.cache/llmlint)",
      examples: [
        "llmlint --staged --cache-dir /tmp/llmlint-cache", "llmlint cache clean --cache-dir /tmp/llmlint-cache",
      ]
    ) { invocation, value in invocation.cacheDirectory = value },
    Flag(
      name: "--color",
      value: .choice(placeholder: "WHEN", choices: ["auto", "always", "never"], noun: "color choice"),
      help: "auto (default), always or never; NO_COLOR and FORCE_COLOR are honoured",
      examples: ["llmlint --color always . | less -R"]
    ) { invocation, value in
      invocation.color = value == "always" ? .always : value == "never" ? .never : .auto
    },
    Flag(name: "--no-color", help: "same as --color never") { invocation, _ in invocation.color = .never },
    Flag(
      name: "--quiet", short: "-q", help: "no summary line on stderr",
      examples: ["llmlint -q --format json . > findings.json"]
    ) { invocation, _ in invocation.quiet = true },
    Flag(
      name: "--by-dir", value: .required(placeholder: "N", expected: "a number of path components, e.g. 1"),
      help: "coverage: count by the first N directory components too (which service is uncovered)",
      examples: ["llmlint coverage --by-dir 1 services/"]
    ) { invocation, value throws(UsageError) in
      guard let depth = Int(value ?? ""), depth >= 1, depth <= 64 else {
        throw UsageError(message: "option '--by-dir' needs a number from 1 to 64 (got '\(value ?? "")')")
      }
      invocation.directoryDepth = depth
    },
    Flag(
      name: "--min-coverage", value: .required(placeholder: "P", expected: "a percentage from 0 to 100"),
      help: "coverage with --strict: exit 1 when less than P percent of the call sites are tracked",
      examples: ["llmlint coverage --strict --min-coverage 90 ."]
    ) { invocation, value throws(UsageError) in
      let text = (value ?? "").hasSuffix("%") ? String((value ?? "").dropLast()) : (value ?? "")
      guard let percent = Double(text), percent.isFinite, percent >= 0, percent <= 100 else {
        throw UsageError(message: "option '--min-coverage' needs a percentage from 0 to 100 (got '\(value ?? "")')")
      }
      invocation.minimumCoverage = percent
    },
    Flag(
      name: "--verbose", short: "-v",
      help:
        "on stderr, the files scanned and each stage's file count and wall time; text output: after each finding, "
        + "why it is not tracked (as 'llmlint explain' says)",
      examples: ["llmlint -v services/", "llmlint -v --format sarif . > llmlint.sarif   (the report is unchanged)"]
    ) { invocation, _ in invocation.verbose = true },
    Flag(name: "--help", short: "-h", help: "show this help") { invocation, _ in invocation.command = .help },
    Flag(name: "--version", short: "-V", help: "show the version") { invocation, _ in invocation.command = .version },
  ]

  /// The flag called `name` (long or short).
  static func named(_ name: String) -> Flag? { all.first { $0.name == name || $0.short == name } }
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
    "rules": .rules, "rule": .ruleDoc, "completions": .completions, "install-hook": .installHook,
    "uninstall-hook": .uninstallHook, "init": .initConfig, "cache": .cacheClean, "coverage": .coverage,
    "explain": .explain,
  ]
  /// The actions of `llmlint cache`.
  static let cacheActions = ["clean"]

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
    var standardInputs = 0
    // Each positional element is one whole argument, met in order: its bytes are the next ones queued for
    // its text (texts differ from their bytes only for arguments that are not UTF-8).
    var rawQueue: [String: [[UInt8]]] = [:]
    if let rawArguments, rawArguments.count == arguments.count {
      for (text, raw) in zip(arguments, rawArguments).reversed() { rawQueue[text, default: []].append(raw) }
    }
    func raw(_ text: String) -> PathBytes {
      PathBytes(rawQueue[text]?.popLast() ?? Array(text.utf8))
    }
    /// The value of a flag that needs one: after `=`, or the next argument.
    func value(for flag: Flag, _ inline: String?) throws(UsageError) -> String {
      if let inline { return inline }
      index += 1
      guard index < elements.count, case .positional(let next, false) = elements[index] else {
        throw UsageError(message: "option '\(flag.name)' needs a value (\(expected(flag)))")
      }
      _ = raw(next)
      return next
    }
    func checked(_ text: String, for flag: Flag) throws(UsageError) -> String {
      switch flag.value {
      case .choice(_, let choices, let noun), .optionalChoice(_, let choices, let noun):
        guard choices.contains(text) else {
          throw UsageError(message: "unknown \(noun) '\(text)' (expected one of: \(choices.joined(separator: ", ")))")
        }
      case .none, .required: break
      }
      return text
    }
    while index < elements.count {
      defer { index += 1 }
      switch elements[index] {
      case .terminator:
        invocation.explicitPathList = true
      case .positional(let text, let afterTerminator):
        let bytes = raw(text)
        if !afterTerminator, text == "-" {
          // Standard input (a file named `-` is `./-`, or `-` after `--`).
          standardInputs += 1
        } else if !afterTerminator, !sawCommand, invocation.paths.isEmpty, let command = subcommands[text] {
          invocation.command = command
          sawCommand = true
        } else {
          invocation.paths.append(text)
          invocation.rawPaths.append(bytes)
        }
      case .option(let name, let inline):
        guard let flag = Flag.named(name) else {
          throw UsageError(message: "unknown option '\(name)'\(suggestion(for: name))")
        }
        switch flag.value {
        case .none:
          if inline != nil { throw UsageError(message: "option '\(name)' takes no value") }
          try flag.apply(&invocation, nil)
        case .required, .choice:
          try flag.apply(&invocation, try checked(try value(for: flag, inline), for: flag))
        case .optionalChoice:
          try flag.apply(&invocation, try inline.map { (text) throws(UsageError) in try checked(text, for: flag) })
        }
      }
    }
    if invocation.command == .help || invocation.command == .version { return invocation }
    if invocation.cacheDirectory?.isEmpty == true {
      throw UsageError(message: "option '--cache-dir' needs a value (a directory for the facts cache)")
    }
    if invocation.outputPath?.isEmpty == true {
      throw UsageError(message: "option '--output' needs a value (a file for the report)")
    }
    var destinations = invocation.outputPath.map { [$0] } ?? []
    for report in invocation.reports {
      if destinations.contains(report.path) {
        throw UsageError(message: "'\(report.path)' is named by two outputs; give each report its own file")
      }
      destinations.append(report.path)
    }
    if let stdin = invocation.stdinFilename {
      if stdin.isEmpty {
        throw UsageError(message: "option '--stdin-filename' needs a value (the path standard input stands for)")
      }
      if invocation.staged { throw UsageError(message: "'--stdin-filename' and '--staged' do not go together") }
      if invocation.command == .scan, !invocation.paths.isEmpty || invocation.explicitPathList || standardInputs > 1 {
        throw UsageError(message: "'--stdin-filename' lints standard input: give '-' as the only path, or none")
      }
    } else if standardInputs > 0 {
      throw UsageError(message: "'-' reads standard input: name the file it stands for with '--stdin-filename PATH'")
    }
    if invocation.showFiles, invocation.staged || invocation.stdinFilename != nil {
      throw UsageError(
        message: "'--show-files' lists the files of a directory scan (not with '--staged' or '--stdin-filename')")
    }
    if invocation.staged, !invocation.paths.isEmpty {
      throw UsageError(message: "'--staged' scans the index and takes no paths")
    }
    if invocation.changedLines, !invocation.staged {
      throw UsageError(message: "'--changed-lines' works with '--staged'")
    }
    if invocation.command == .cacheClean {
      guard let action = invocation.paths.first, cacheActions.contains(action) else {
        let given = invocation.paths.first.map { "unknown action '\($0)' for 'cache'" } ?? "'cache' needs an action"
        throw UsageError(message: "\(given) (expected one of: \(cacheActions.joined(separator: ", ")))")
      }
      invocation.paths.removeFirst()
      invocation.rawPaths.removeFirst()
      if !invocation.paths.isEmpty { throw UsageError(message: "'cache \(action)' takes no paths") }
      return invocation
    }
    try checkCoverage(invocation)
    if invocation.command == .explain {
      guard invocation.paths.count == 1, invocation.explainTarget != nil else {
        throw UsageError(message: "'explain' takes one PATH:LINE (e.g. 'llmlint explain app/agent.py:42')")
      }
      return invocation
    }
    if invocation.command == .ruleDoc {
      guard invocation.paths.count == 1, let id = invocation.paths.first, !id.isEmpty else {
        throw UsageError(
          message: invocation.paths.isEmpty
            ? "'rule' needs a rule id (llmlint rules lists them)" : "'rule' takes one rule id")
      }
      if invocation.format != .text { throw UsageError(message: "'rule' prints text only (option '--format')") }
      invocation.ruleID = id
      invocation.paths = []
      invocation.rawPaths = []
    }
    if invocation.command == .completions {
      let shells = Completions.shells.joined(separator: ", ")
      guard let shell = invocation.paths.first else {
        throw UsageError(message: "'completions' needs a shell (expected one of: \(shells))")
      }
      guard Completions.shells.contains(shell) else {
        throw UsageError(message: "unknown shell '\(shell)' for 'completions' (expected one of: \(shells))")
      }
      if invocation.paths.count > 1 { throw UsageError(message: "'completions' takes one shell") }
      invocation.shell = shell
      invocation.paths = []
      invocation.rawPaths = []
    }
    if invocation.command == .rules, invocation.format != .text, invocation.format != .json {
      throw UsageError(message: "'rules' prints text or json (option '--format')")
    }
    if invocation.command != .scan, invocation.command != .coverage, !invocation.paths.isEmpty {
      throw UsageError(message: "'\(arguments.first { subcommands[$0] != nil } ?? "")' takes no paths")
    }
    return invocation
  }

  /// The options that only `coverage` (or only a scan) takes, and the formats `coverage` knows.
  static func checkCoverage(_ invocation: Invocation) throws(UsageError) {
    let isCoverage = invocation.command == .coverage
    if !isCoverage {
      if invocation.formatName.map(CoverageFormat.markdownOnly.contains) == true {
        throw UsageError(message: "format 'markdown' works with 'coverage' (e.g. 'llmlint coverage --format markdown')")
      }
      if invocation.directoryDepth != nil { throw UsageError(message: "'--by-dir' works with 'coverage'") }
      if invocation.minimumCoverage != nil { throw UsageError(message: "'--min-coverage' works with 'coverage'") }
      return
    }
    if let name = invocation.formatName, CoverageFormat(rawValue: name) == nil {
      let choices = CoverageFormat.allCases.map(\.rawValue).joined(separator: ", ")
      throw UsageError(message: "unknown format '\(name)' for 'coverage' (expected one of: \(choices))")
    }
    if invocation.changedLines { throw UsageError(message: "'--changed-lines' does not work with 'coverage'") }
    if invocation.writeBaselinePath != nil {
      throw UsageError(message: "'coverage' writes nothing; record a baseline with 'llmlint --write-baseline FILE'")
    }
  }

  /// What a flag's value should be, for "needs a value (…)".
  static func expected(_ flag: Flag) -> String {
    switch flag.value {
    case .none: return "none"
    case .required(_, let expected): return expected
    case .choice(_, let choices, _), .optionalChoice(_, let choices, _):
      return "one of: \(choices.joined(separator: ", "))"
    }
  }

  /// "; did you mean '--format'?" for a near miss of a flag's name, "; did you mean '--format sarif'?" for
  /// a value of a flag given as a flag (`--sarif`); empty when nothing is close.
  static func suggestion(for name: String) -> String {
    let bare = name.drop { $0 == "-" }
    if !bare.isEmpty, let flag = Flag.all.first(where: { $0.choices.contains(String(bare)) }) {
      if case .optionalChoice = flag.value { return "; did you mean '\(flag.name)=\(bare)'?" }
      return "; did you mean '\(flag.name) \(bare)'?"
    }
    var best: (String, Int)? = nil
    for flag in Flag.all {
      let distance = editDistance(Array(name.utf8), Array(flag.name.utf8))
      if distance <= 3, distance < (best?.1 ?? .max) { best = (flag.name, distance) }
    }
    return best.map { "; did you mean '\($0.0)'?" } ?? ""
  }
}
