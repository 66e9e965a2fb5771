/// Output formats of `llmlint coverage`.
public enum CoverageFormat: String, Sendable, CaseIterable {
  /// Tables by provider and rule, the untracked sites, the tracking mechanisms.
  case text
  /// The whole inventory: summary, rows, every site with its verdict.
  case json
  /// A summary for a pull-request comment or `$GITHUB_STEP_SUMMARY`.
  case markdown

  /// The names of the coverage formats that are no scan format (`--format` accepts them for `coverage`).
  public static let markdownOnly = allCases.map(\.rawValue).filter { OutputFormat(rawValue: $0) == nil }

  /// The whole output for `coverage` in this format.
  public func render(_ coverage: Coverage) -> String {
    switch self {
    case .text: return CoverageTextReporter().render(coverage)
    case .json: return CoverageJSONReporter().render(coverage)
    case .markdown: return CoverageMarkdownReporter().render(coverage)
    }
  }
}

extension TrackedBy {
  /// `context at app.py:10`, `helper at jobs.py:6 via service.py:30, service.py:12`.
  public var summary: String {
    "\(kind.rawValue) at \(at)" + (via.isEmpty ? "" : " via \(via.joined(separator: ", "))")
  }
}
