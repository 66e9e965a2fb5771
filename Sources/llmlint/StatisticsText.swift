import Foundation
import LLMLintCore

/// `-v` on stderr: the files scanned, one a line, then each stage with its count and wall time. Stdout is
/// never touched, so a report is the same bytes with and without `-v` (text output adds its reasons).
enum StatisticsText {
  /// The report stage as the CLI measured it: writing every report (stdout or `-o`, and each `--report`),
  /// counted in the files with a finding.
  static func reportStage(_ result: ScanResult, since started: ContinuousClock.Instant) -> ScanStatistics.Stage {
    let files = Set(result.findings.map(\.path)).count
    let findings = result.findings.count
    return ScanStatistics.Stage(
      name: "report", count: files, duration: ContinuousClock.now - started,
      details: [ScanStatistics.Detail(findings == 1 ? "finding" : "findings", findings)])
  }

  /// The text: `llmlint: N files scanned:` and the paths, then `llmlint: stages (wall time):` and a line a
  /// stage (`  walk  12 files  0.4 ms`), the walk noted as running while files are read.
  static func render(_ statistics: ScanStatistics, report: ScanStatistics.Stage) -> String {
    let files = statistics.files
    var text = "llmlint: \(files.count == 1 ? "1 file" : "\(files.count) files") scanned\(files.isEmpty ? "" : ":")\n"
    for path in files { text += "  \(path)\n" }
    text += "llmlint: stages (wall time):\n"
    let stages = statistics.stages + [report]
    let nameWidth = stages.map(\.name.count).max() ?? 0
    let counts = stages.map { "\($0.count) \($0.unit)\($0.count == 1 ? "" : "s")" }
    let countWidth = counts.map(\.count).max() ?? 0
    for (stage, count) in zip(stages, counts) {
      var details = stage.details.map { "\($0.count) \($0.label)" }
      if stage.name == ScanStatistics.Name.walk { details.append("files are read while the walk goes on") }
      if stage.name == ScanStatistics.Name.git { details.append("the config is loaded meanwhile") }
      if stage.name == ScanStatistics.Name.projectFacts, stage.count == 0 {
        details.append("no finding: nothing to resolve")
      }
      var line = "  " + stage.name.padding(toLength: nameWidth, withPad: " ", startingAt: 0) + "  "
      line += String(repeating: " ", count: countWidth - count.count) + count + "  " + milliseconds(stage.duration)
      if !details.isEmpty { line += "  (" + details.joined(separator: ", ") + ")" }
      text += line + "\n"
    }
    return text
  }

  /// `0.4 ms`, `12.0 ms`, `1520.3 ms`: one decimal, right-aligned in 9 columns.
  static func milliseconds(_ duration: Duration) -> String {
    let value = Double(duration.components.seconds) * 1000 + Double(duration.components.attoseconds) / 1e15
    let text = String(format: "%.1f ms", value)
    return String(repeating: " ", count: max(0, 10 - text.count)) + text
  }
}
