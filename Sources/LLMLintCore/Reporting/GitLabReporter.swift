/// A GitLab Code Quality report: a JSON array of issues, for `artifacts: reports: codequality:`.
///
/// Each issue has `description`, `check_name`, `fingerprint`, `severity` and `location.path` with
/// `location.lines.begin` (https://docs.gitlab.com/ci/testing/code_quality/#code-quality-report-format).
/// Severities map info → `info`, warning → `minor`, error → `major`. The fingerprint is stable across
/// moves (see `Fingerprint`). Paths are as reported, so run llmlint from the repository root. Suppressed
/// findings are not listed.
public struct GitLabReporter: Reporter {
  public init() {}

  public func render(_ result: ScanResult) -> String {
    let prints = Fingerprint.fingerprints(for: result).findings
    var issues: [JSONValue] = []
    for (index, finding) in result.findings.enumerated() {
      issues.append(
        .object([
          ("description", .string("\(finding.message) [\(finding.ruleID)]")),
          ("check_name", .string(finding.ruleID)),
          ("fingerprint", .string(prints[index])),
          ("severity", .string(Self.severity(finding.severity))),
          (
            "location",
            .object([
              ("path", .string(finding.path)),
              (
                "lines",
                .object([("begin", .integer(finding.line)), ("end", .integer(max(finding.line, finding.endLine)))])
              ),
            ])
          ),
        ]))
    }
    return JSONValue.array(issues).rendered()
  }

  /// The Code Quality severity of `severity`.
  public static func severity(_ severity: Severity) -> String {
    switch severity {
    case .info: return "info"
    case .warning: return "minor"
    case .error: return "major"
    }
  }
}
