import LLMLintCore

/// The texts of `--help` and `--version`.
enum Help {
  static let version = "\(LLMLint.name) \(LLMLint.version)"

  static let text = """
    llmlint \(LLMLint.version): find direct LLM API calls outside a usage-tracking context.

    Scans Python and Swift code and warns about every call to an LLM SDK (OpenAI, Anthropic, Google,
    LiteLLM, Bedrock, ...) that is not inside a tracked context. Advisory: findings exit 0 unless --strict;
    a usage error exits 2.

    USAGE:
      llmlint [OPTIONS] [PATH ...]     scan files and directories (default: .)
      llmlint --staged [OPTIONS]       scan the staged content of the staged files (git pre-commit)
      llmlint rules [--config FILE]    list the active rules and tracked contexts, and where each came from,
                                       then every config key (--format json: the rules as JSON)
      llmlint rule ID                  what a rule matches, why, an example that triggers it and one that
                                       does not, and how to track the call
      llmlint install-hook             install the git pre-commit hook (keeps an existing hook)
      llmlint uninstall-hook           remove it, restoring what was there
      llmlint init                     write a commented starter .llmlint.yml here (never overwrites)
      llmlint completions SHELL        print a completion script for bash, zsh or fish
      llmlint cache clean              remove llmlint's facts cache files (facts-v*-*.bin and deltas)
      llmlint coverage [PATH ...]      every recognised call site, tracked or not, and by what (--staged too)
      llmlint explain PATH:LINE        why the call on that line is or is not tracked
      llmlint --version | --help

    OPTIONS:
    \(options)
      --                     end of options: every argument after it is a path (an empty list scans nothing)

    CONFIG:
      .llmlint.yml is found from the scanned path upward to the repository root. It extends the built-in
      rules: add rules and tracked-context names, disable rules, change severities, exclude paths.
      Keys ('llmlint rules' describes each; 'llmlint init' writes a starter):
    \(configKeys)

    SUPPRESSIONS:
      # llmlint: ignore[rule-id, ...] reason    (Swift: //) on the call's line, any line of it, or the line above
      # llmlint: ignore                          every rule
      # llmlint: disable-file                    the whole file (optionally [rule-id, ...])

    EXIT STATUS:
    \(exitStatuses)
    """

  /// The exit statuses, one a line (also in the README).
  static let exitStatuses = """
      0  no findings, or findings without --strict (advisory: unreadable inputs and bad config entries too)
      1  --strict[=SEVERITY]: findings at or above SEVERITY (bare --strict: any finding)
      2  usage error (unknown option, bad or missing option value, missing --config file, install-hook or
         --staged outside a git work tree), whatever --strict says; with --strict, also problems
         (unreadable inputs, bad config entries, a failed write)
    """

  /// Every config key's path (`ConfigKey.all`), comma-separated, in lines of at most 110 columns.
  static var configKeys: String {
    var lines: [String] = []
    var line = "   "
    let paths = ConfigKey.all.map(\.path)
    for (index, path) in paths.enumerated() {
      let word = " " + path + (index == paths.count - 1 ? "" : ",")
      if line.count + word.count > 110 {
        lines.append(line)
        line = "   "
      }
      line += word
    }
    return (lines + [line]).joined(separator: "\n")
  }

  /// The OPTIONS section, from `Flag.all`: the synopsis, the description from column 25 (on the next line
  /// when the synopsis is too long), then the examples.
  static var options: String {
    var lines: [String] = []
    for flag in Flag.all {
      let synopsis = "  " + flag.synopsis
      if synopsis.count <= 23 {
        lines.append(synopsis + String(repeating: " ", count: 25 - synopsis.count) + flag.help)
      } else {
        lines.append(synopsis)
        lines.append(String(repeating: " ", count: 25) + flag.help)
      }
      for example in flag.examples { lines.append(String(repeating: " ", count: 27) + example) }
    }
    return lines.joined(separator: "\n")
  }
}
