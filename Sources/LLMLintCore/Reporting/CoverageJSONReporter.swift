/// `llmlint coverage --format json`: one object — `summary`, `by_provider`, `by_rule`, `by_dir` (with
/// `--by-dir`), `tracked_by` (count per mechanism) and `sites` — keys in a fixed order, every list sorted,
/// one row or site a line; two runs on one tree are byte-identical.
///
/// A site is `{"path", "line", "column", "rule", "provider", "status"}` and, when tracked,
/// `"tracked_by": {"kind", "at", "via"}` (see `TrackedBy`).
public struct CoverageJSONReporter: Sendable {
  public init() {}

  public func render(_ coverage: Coverage) -> String {
    var output = "{\n"
    output += "  \"summary\": \(counts(coverage.summary)),\n"
    output += "  \"by_provider\": \(rows(coverage.byProvider, key: "provider")),\n"
    output += "  \"by_rule\": \(rows(coverage.byRule, key: "rule")),\n"
    if let directories = coverage.byDirectory { output += "  \"by_dir\": \(rows(directories, key: "dir")),\n" }
    let mechanisms = coverage.mechanisms.map { "{\"kind\": \(JSON.string($0.kind.rawValue)), \"count\": \($0.count)}" }
    output += "  \"tracked_by\": \(list(mechanisms)),\n"
    output += "  \"sites\": \(list(coverage.sites.map(site)))\n"
    return output + "}\n"
  }

  private func counts(_ counts: Coverage.Counts) -> String {
    "{\"sites\": \(counts.sites), \"tracked\": \(counts.tracked), \"untracked\": \(counts.untracked), "
      + "\"suppressed\": \(counts.suppressed), \"baselined\": \(counts.baselined), \"coverage\": \(counts.percent)}"
  }

  private func rows(_ rows: [Coverage.Row], key: String) -> String {
    list(
      rows.map { row in
        var head = "\"\(key)\": \(JSON.string(row.key)), "
        if let provider = row.provider { head += "\"provider\": \(JSON.string(provider)), " }
        return "{" + head + counts(row.counts).dropFirst()
      })
  }

  private func site(_ site: Coverage.Site) -> String {
    var output = "{\"path\": \(JSON.string(site.path)), \"line\": \(site.line), \"column\": \(site.column), "
    output += "\"rule\": \(JSON.string(site.rule)), \"provider\": \(JSON.string(site.provider)), "
    output += "\"status\": \(JSON.string(site.status.rawValue))"
    if let cell = site.finding.cell {
      output += ", \"cell\": {\"index\": \(cell.cell), \"line\": \(cell.line), \"column\": \(cell.column)}"
    }
    if let tracked = site.trackedBy {
      output +=
        ", \"tracked_by\": {\"kind\": \(JSON.string(tracked.kind.rawValue)), \"at\": \(JSON.string(tracked.at)), "
      output += "\"via\": [\(tracked.via.map(JSON.string).joined(separator: ", "))]}"
    }
    return output + "}"
  }

  /// A JSON array, one element a line (`[]` when empty).
  private func list(_ elements: [String]) -> String {
    guard !elements.isEmpty else { return "[]" }
    return "[\n" + elements.map { "    " + $0 }.joined(separator: ",\n") + "\n  ]"
  }
}
