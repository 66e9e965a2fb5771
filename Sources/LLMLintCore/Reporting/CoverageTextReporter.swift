/// `llmlint coverage` as text: a summary line, a table by directory (with `--by-dir`), by provider and by
/// rule — call sites, tracked, untracked, suppressed, in baseline, coverage — then the untracked sites
/// (`path:line:column: rule (provider)`), then one line per tracking mechanism with its count.
public struct CoverageTextReporter: Sendable {
  public init() {}

  public func render(_ coverage: Coverage) -> String {
    let summary = coverage.summary
    var output =
      "llmlint coverage: \(summary.sites) call \(summary.sites == 1 ? "site" : "sites"), \(summary.tracked) tracked, "
      + "\(summary.untracked) untracked, \(summary.suppressed) suppressed, \(summary.baselined) in baseline: "
      + "\(summary.percent)% tracked\n"
    guard summary.sites > 0 else { return output }
    if let directories = coverage.byDirectory { output += "\n" + table("directory", directories) }
    output += "\n" + table("provider", coverage.byProvider)
    output += "\n" + table("rule", coverage.byRule)
    let untracked = coverage.sites.filter { $0.status == .untracked }
    if !untracked.isEmpty {
      output += "\nuntracked:\n"
      for site in untracked {
        output += "  \(site.finding.location): \(site.rule) (\(site.provider))\n"
      }
    }
    if !coverage.mechanisms.isEmpty {
      output += "\ntracked by:\n"
      let width = coverage.mechanisms.map(\.kind.rawValue.count).max() ?? 0
      for (kind, count) in coverage.mechanisms {
        output += "  " + pad(kind.rawValue, width) + "  \(count)\n"
      }
    }
    return output
  }

  static let columns = ["sites", "tracked", "untracked", "suppressed", "baselined", "coverage"]

  private func table(_ title: String, _ rows: [Coverage.Row]) -> String {
    let width = max(title.count, rows.map(\.key.count).max() ?? 0)
    var output = pad(title, width)
    for column in Self.columns { output += "  " + column }
    output += "\n"
    for row in rows {
      output += pad(row.key, width)
      let counts = row.counts
      let values = [
        "\(counts.sites)", "\(counts.tracked)", "\(counts.untracked)", "\(counts.suppressed)", "\(counts.baselined)",
        "\(counts.percent)%",
      ]
      for (column, value) in zip(Self.columns, values) { output += "  " + padLeft(value, column.count) }
      output += "\n"
    }
    return output
  }

  private func pad(_ text: String, _ width: Int) -> String {
    text + String(repeating: " ", count: max(0, width - text.count))
  }

  private func padLeft(_ text: String, _ width: Int) -> String {
    String(repeating: " ", count: max(0, width - text.count)) + text
  }
}
