/// `llmlint coverage --format markdown`: a summary for a pull-request comment or `$GITHUB_STEP_SUMMARY`
/// (GitHub-flavoured Markdown): the share tracked, a table by directory (with `--by-dir`) and by provider,
/// the untracked sites in a collapsed list, and the tracking mechanisms. Table cells escape `|`.
public struct CoverageMarkdownReporter: Sendable {
  public init() {}

  public func render(_ coverage: Coverage) -> String {
    let summary = coverage.summary
    var output = "## llmlint tracking coverage\n\n"
    output +=
      "**\(summary.percent)%** of \(summary.sites) LLM call \(summary.sites == 1 ? "site is" : "sites are") tracked "
      + "(\(summary.tracked) tracked, \(summary.untracked) untracked, \(summary.suppressed) suppressed, "
      + "\(summary.baselined) in baseline).\n"
    guard summary.sites > 0 else { return output }
    if let directories = coverage.byDirectory { output += "\n" + table("Directory", directories) }
    output += "\n" + table("Provider", coverage.byProvider)
    let untracked = coverage.sites.filter { $0.status == .untracked }
    if !untracked.isEmpty {
      let count = untracked.count == 1 ? "1 untracked call site" : "\(untracked.count) untracked call sites"
      output += "\n<details><summary>\(count)</summary>\n\n"
      for site in untracked {
        output += "- `\(code(site.finding.location))` \(cell(site.rule)) (\(cell(site.provider)))\n"
      }
      output += "\n</details>\n"
    }
    if !coverage.mechanisms.isEmpty {
      output += "\nTracked by: " + coverage.mechanisms.map { "\($0.kind.rawValue) \($0.count)" }.joined(separator: ", ")
      output += "\n"
    }
    return output
  }

  private func table(_ title: String, _ rows: [Coverage.Row]) -> String {
    var output = "| \(title) | Sites | Tracked | Untracked | Suppressed | Baselined | Coverage |\n"
    output += "|---|--:|--:|--:|--:|--:|--:|\n"
    for row in rows {
      let counts = row.counts
      output +=
        "| \(cell(row.key)) | \(counts.sites) | \(counts.tracked) | \(counts.untracked) | \(counts.suppressed) | "
        + "\(counts.baselined) | \(counts.percent)% |\n"
    }
    return output
  }

  /// Text for a table cell: `|` escaped, line breaks as spaces.
  private func cell(_ text: String) -> String {
    var output = ""
    for character in text {
      switch character {
      case "|": output += "\\|"
      case "\n", "\r": output += " "
      default: output.append(character)
      }
    }
    return output
  }

  /// Text inside backticks: a backtick would end the span, so it becomes `'`.
  private func code(_ text: String) -> String {
    cell(String(text.map { $0 == "`" ? "'" : $0 }))
  }
}
