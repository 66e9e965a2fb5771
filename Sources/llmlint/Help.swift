import LLMLintCore

/// The texts of `--help` and `--version`.
enum Help {
  static let version = "\(LLMLint.name) \(LLMLint.version)"

  static let text = """
    llmlint \(LLMLint.version): find direct LLM API calls outside a usage-tracking context.

    Scans Python and Swift code and warns about every call to an LLM SDK (OpenAI, Anthropic, Google,
    LiteLLM, Bedrock, ...) that is not inside a tracked context. Advisory: exits 0 unless --strict.

    USAGE:
      llmlint [OPTIONS] [PATH ...]     scan files and directories (default: .)
      llmlint --staged [OPTIONS]       scan the staged content of the staged files (git pre-commit)
      llmlint rules [--config FILE]    list the active rules and tracked contexts, and where each came from
      llmlint install-hook             install the git pre-commit hook (keeps an existing hook)
      llmlint uninstall-hook           remove it, restoring what was there
      llmlint init                     write a commented starter .llmlint.yml here (never overwrites)
      llmlint --version | --help

    OPTIONS:
      --config FILE          use this config instead of discovering .llmlint.yml
                               llmlint --config ci/llmlint.yml services/
      --format FORMAT        text (default), json, sarif, github or gitlab
                               llmlint --format json . > findings.json
                               llmlint --format sarif . > llmlint.sarif       (code scanning)
                               llmlint --format github .                      (pull-request annotations)
                               llmlint --format gitlab . > gl-code-quality.json
      --baseline FILE        report only findings not recorded in FILE (keyed on path, rule and call text)
                               llmlint --baseline .llmlint-baseline.json .
      --write-baseline FILE  record the current findings in FILE (sorted JSON; same tree, same bytes)
                               llmlint --write-baseline .llmlint-baseline.json .
      --no-unused-suppressions
                             do not report suppression comments that hide nothing (unused-suppression)
                               llmlint --no-unused-suppressions .
      --strict               exit 1 when there are findings, 2 on errors (default: always 0)
                               llmlint --strict src/
      --staged               scan the index instead of the working tree
                               llmlint --staged                                (what the hook runs)
      --changed-lines        with --staged: only calls on lines the staged diff adds or changes
                               llmlint --staged --changed-lines
      --force-exclude        apply the config's excludes to paths named on the command line too
                               llmlint --force-exclude $(git ls-files '*.py')
      --color WHEN           auto (default), always or never; NO_COLOR and FORCE_COLOR are honoured
                               llmlint --color always . | less -R
      --no-color             same as --color never
      -q, --quiet            no summary line on stderr
                               llmlint -q --format json . > findings.json
      -h, --help             show this help
      -V, --version          show the version
      --                     end of options: every argument after it is a path (an empty list scans nothing)

    CONFIG:
      .llmlint.yml is found from the scanned path upward to the repository root. It extends the built-in
      rules: add rules and tracked-context names, disable rules, change severities, exclude paths.

    SUPPRESSIONS:
      # llmlint: ignore[rule-id, ...] reason    (Swift: //) on the call's line, any line of it, or the line above
      # llmlint: ignore                          every rule
      # llmlint: disable-file                    the whole file (optionally [rule-id, ...])

    EXIT STATUS:
      0 always by default; with --strict: 0 no findings, 1 findings, 2 errors.
    """
}
