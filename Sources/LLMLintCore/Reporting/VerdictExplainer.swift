/// Why a recognised call site got its verdict, in words: the rule and the patterns that name its callee,
/// then what tracks it (the construct and its line, or the chain of callers up to a tracked one), or what
/// hides it (a suppression comment, the baseline), or that nothing does. `llmlint explain` prints it for
/// the calls on one line; `--verbose` prints the reason after each finding.
public struct VerdictExplainer: Sendable {
  /// The active rules, for the patterns of a site's rule.
  public let rules: [Rule]

  public init(rules: [Rule]) {
    self.rules = rules
  }

  /// The one-line reason for `finding`'s verdict.
  public func reason(_ finding: Finding) -> String {
    switch finding.status {
    case .tracked:
      guard let tracked = finding.trackedBy else { return "tracked" }
      return "tracked: " + Self.describe(tracked)
    case .untracked:
      var reason = "untracked: no tracked context, tracked function, usage recorder, tracked import or path covers it"
      if let rule = rules.first(where: { $0.id == finding.ruleID }), rule.coveredByLiteLLMCallback {
        reason += " (a LiteLLM callback would: none is registered in the project)"
      }
      return reason
    case .suppressed:
      let because = finding.suppression?.justification ?? ""
      return "suppressed by an llmlint comment" + (because.isEmpty ? "" : ": \(because)")
    case .baselined:
      let note = finding.suppression?.justification ?? ""
      return "accepted by the baseline" + (note.isEmpty ? "" : " (\(note))")
    }
  }

  /// What `tracked` says, as a sentence without its subject.
  static func describe(_ tracked: TrackedBy) -> String {
    switch tracked.kind {
    case .context: return "inside the tracked context at \(tracked.at)"
    case .decorator: return "in a function with the tracked decorator at \(tracked.at)"
    case .function: return "in the tracked function defined at \(tracked.at)"
    case .helper:
      let chain = (tracked.via + [tracked.at]).joined(separator: " <- ")
      return "every caller of its function is tracked; it is reached from \(chain) (in a tracked context)"
    case .callback: return "covered by the LiteLLM callback registered at \(tracked.at)"
    case .recorder: return "its result's usage is recorded at \(tracked.at)"
    case .path: return "its file is under tracked.paths (\(tracked.at))"
    case .import: return "its client comes from a tracked module, imported at \(tracked.at)"
    }
  }

  /// The called name at the end of a finding's callee text: `create` for `client.chat.completions.create`
  /// and for `getattr(client.chat.completions,"create")`.
  static func calleeName(_ callee: String) -> [UInt8] {
    var bytes = Array(callee.utf8)[...]
    while let byte = bytes.last, !ASCII.isIdentifierContinue(byte) { bytes.removeLast() }
    let start = bytes.lastIndex { !ASCII.isIdentifierContinue($0) }.map { $0 + 1 } ?? bytes.startIndex
    return Array(bytes[start...])
  }

  /// The explanation of one site: a heading line, the rule and patterns, how its receiver resolved (when
  /// `receiver` says), the verdict and its reason.
  public func explain(_ site: Coverage.Site, receiver: String? = nil) -> String {
    let finding = site.finding
    var output = "\(finding.location): \(finding.callee)\n"
    output += "  rule: \(finding.ruleID) (provider \(finding.provider))"
    if let rule = rules.first(where: { $0.id == finding.ruleID }) {
      output += ", from \(rule.origin)"
      let last = Self.calleeName(finding.callee)
      let patterns = rule.patterns.filter { $0.calleeName == last }.map(\.text)
      if !patterns.isEmpty { output += "\n  pattern: " + patterns.joined(separator: ", ") }
      if !rule.imports.isEmpty {
        output += "\n  applies where the file imports: " + rule.imports.joined(separator: ", ")
      }
    }
    if let receiver { output += "\n  receiver: \(receiver)" }
    output += "\n  status: \(site.status.rawValue)\n  why: \(reason(finding))\n"
    if site.status == .untracked { output += "  message: \(finding.message)\n" }
    return output
  }

  /// For a line with no recognised call: the rules whose patterns come closest to one of its `callees`
  /// (dotted, `client.chat.completions.create`) — the most trailing names in common, at least the callee's
  /// own — as "closest rule" lines with what the rule needs besides (an import, a receiver); at most
  /// `limit`, empty when no pattern ends in a callee's name.
  public func nearMisses(callees: [String], language: Language, limit: Int = 3) -> [String] {
    var scored: [(score: Int, line: String)] = []
    for callee in callees {
      let names = callee.split(separator: ".").map { Array($0.utf8) }
      guard !names.isEmpty else { continue }
      for rule in rules where rule.languages.contains(language) {
        var best = 0
        var closest: [String] = []
        for pattern in rule.patterns {
          var common = 0
          while common < min(pattern.segments.count, names.count),
            pattern.segments[pattern.segments.count - 1 - common] == names[names.count - 1 - common]
          {
            common += 1
          }
          if common > best {
            best = common
            closest = [pattern.text]
          } else if common == best, common > 0 {
            closest.append(pattern.text)
          }
        }
        guard best > 0 else { continue }
        var line = "closest rule: \(rule.id) (\(closest.joined(separator: ", ")))"
        if !rule.imports.isEmpty { line += ", which needs an import of \(rule.imports.joined(separator: " or "))" }
        if !rule.receivers.isEmpty { line += ", on a receiver made by \(rule.receivers.joined(separator: " or "))" }
        scored.append((best, line))
      }
    }
    guard let top = scored.map(\.score).max() else { return [] }
    return Array(scored.filter { $0.score == top }.map(\.line).prefix(limit))
  }
}
