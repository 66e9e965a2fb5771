/// A SARIF 2.1.0 log (https://docs.oasis-open.org/sarif/sarif/v2.1.0/sarif-v2.1.0.html), for code scanning.
///
/// One run: `tool.driver` with name, version, information URI and one `reportingDescriptor` per active rule
/// (and the suppression-comment rules, and any other rule id a finding names), each with short and full
/// description, help text and default level; then one result per finding — suppressed ones included, with
/// `suppressions` (`inSource` for a comment, `external` for the baseline) — with `ruleId`, `ruleIndex`,
/// `level`, a location relative to `%SRCROOT%` and a stable `partialFingerprints` entry; problems of the run
/// become `toolExecutionNotifications`. Member order is fixed and results are in output order, so the same
/// scan prints the same bytes (§3.11.2 `originalUriBaseIds` is left out when no source root is known).
public struct SARIFReporter: Reporter {
  public let options: ReportOptions

  /// The key under `partialFingerprints` (§3.27.17): our own hash, versioned.
  public static let fingerprintKey = "llmlintCallHash/v1"
  public static let schemaURI = "https://json.schemastore.org/sarif-2.1.0.json"
  public static let sourceRootID = "%SRCROOT%"

  public init(options: ReportOptions = ReportOptions()) {
    self.options = options
  }

  public func render(_ result: ScanResult) -> String {
    let rules = descriptors(for: result)
    var ruleIndex: [String: Int] = [:]
    for (index, rule) in rules.enumerated() where ruleIndex[rule.id] == nil { ruleIndex[rule.id] = index }
    let prints = Fingerprint.fingerprints(for: result)
    var entries: [(finding: Finding, print: String)] = []
    for (index, finding) in result.findings.enumerated() { entries.append((finding, prints.findings[index])) }
    for (index, finding) in result.suppressed.enumerated() { entries.append((finding, prints.suppressed[index])) }
    entries.sort { Finding.ordered($0.finding, $1.finding) }
    let results = entries.map {
      self.result($0.finding, fingerprint: $0.print, ruleIndex: ruleIndex[$0.finding.ruleID]!)
    }

    var driver: [(String, JSONValue)] = [
      ("name", .string(LLMLint.name)),
      ("version", .string(options.toolVersion)),
      ("informationUri", .string(LLMLint.informationURI)),
    ]
    driver.append(("rules", .array(rules.map(descriptor))))
    var run: [(String, JSONValue)] = [("tool", .object([("driver", .object(driver))]))]
    if let root = options.sourceRoot {
      let uri = Self.fileURI(root.hasSuffix("/") ? root : root + "/")
      run.append(("originalUriBaseIds", .object([(Self.sourceRootID, .object([("uri", .string(uri))]))])))
    }
    run.append(("invocations", .array([invocation(result.problems)])))
    run.append(("columnKind", .string("unicodeCodePoints")))
    run.append(("results", .array(results)))
    let log: JSONValue = .object([
      ("$schema", .string(Self.schemaURI)),
      ("version", .string("2.1.0")),
      ("runs", .array([.object(run)])),
    ])
    return log.rendered()
  }

  // MARK: - Rules

  /// The active rules, then the suppression-comment rules, then (sorted) any rule id a finding names that
  /// neither list holds, described from the finding itself.
  func descriptors(for result: ScanResult) -> [Rule] {
    var rules = options.rules
    var known = Set(rules.map(\.id))
    for rule in Suppression.metaRules where !known.contains(rule.id) {
      rules.append(rule)
      known.insert(rule.id)
    }
    var extra: [String: Rule] = [:]
    for finding in result.findings + result.suppressed where !known.contains(finding.ruleID) {
      if extra[finding.ruleID] == nil {
        extra[finding.ruleID] = Rule(
          id: finding.ruleID, provider: finding.provider, languages: [], patterns: [], severity: finding.severity,
          message: finding.message, origin: .builtIn(line: 0))
      }
    }
    rules += extra.keys.sorted().map { extra[$0]! }
    return rules
  }

  private func descriptor(_ rule: Rule) -> JSONValue {
    let short = rule.message.split(separator: ";", maxSplits: 1).first.map(String.init) ?? rule.message
    var help = rule.message.hasSuffix(".") ? rule.message : rule.message + "."
    if !rule.patterns.isEmpty {
      help += "\n\nCalls matched: \(rule.patterns.map(\.text).joined(separator: ", "))"
      if !rule.languages.isEmpty { help += " (\(rule.languages.map(\.rawValue).joined(separator: ", ")))" }
      help += "."
      if !rule.imports.isEmpty { help += " Only in files that import \(rule.imports.joined(separator: " or "))." }
      help += "\n\nWrap the call in a tracked context (see `llmlint rules`), or, once reviewed, suppress it on its"
      help += " line with `# llmlint: ignore[\(rule.id)] reason` (Swift: `// llmlint: ignore[\(rule.id)] reason`)."
    }
    var tags: [JSONValue] = [.string("llm-usage-tracking")]
    if !rule.provider.isEmpty { tags.append(.string(rule.provider)) }
    return .object([
      ("id", .string(rule.id)),
      ("shortDescription", .object([("text", .string(short))])),
      ("fullDescription", .object([("text", .string(rule.message))])),
      ("help", .object([("text", .string(help))])),
      ("defaultConfiguration", .object([("level", .string(Self.level(rule.severity)))])),
      ("properties", .object([("provider", .string(rule.provider)), ("tags", .array(tags))])),
    ])
  }

  // MARK: - Results

  private func result(_ finding: Finding, fingerprint: String, ruleIndex: Int) -> JSONValue {
    var artifact: [(String, JSONValue)] = []
    if finding.path.hasPrefix("/") {
      artifact.append(("uri", .string(Self.fileURI(finding.path))))
    } else {
      artifact.append(("uri", .string(Self.percentEncoded(finding.path))))
      artifact.append(("uriBaseId", .string(Self.sourceRootID)))
    }
    // The called name (SARIF 2.1.0 §3.30: `endColumn` is the column after the region's last character).
    let region: JSONValue = .object([
      ("startLine", .integer(finding.line)),
      ("startColumn", .integer(finding.column)),
      ("endLine", .integer(finding.line)),
      ("endColumn", .integer(finding.endColumn)),
    ])
    var members: [(String, JSONValue)] = [
      ("ruleId", .string(finding.ruleID)),
      ("ruleIndex", .integer(ruleIndex)),
      ("level", .string(Self.level(finding.severity))),
      ("message", .object([("text", .string(finding.message))])),
      (
        "locations",
        .array([
          .object([("physicalLocation", .object([("artifactLocation", .object(artifact)), ("region", region)]))])
        ])
      ),
      ("partialFingerprints", .object([(Self.fingerprintKey, .string(fingerprint))])),
    ]
    if let suppression = finding.suppression {
      var entry: [(String, JSONValue)] = [("kind", .string(suppression.kind == .inSource ? "inSource" : "external"))]
      if !suppression.justification.isEmpty { entry.append(("justification", .string(suppression.justification))) }
      members.append(("suppressions", .array([.object(entry)])))
    }
    members.append(
      ("properties", .object([("provider", .string(finding.provider)), ("callee", .string(finding.callee))])))
    return .object(members)
  }

  private func invocation(_ problems: [Problem]) -> JSONValue {
    var members: [(String, JSONValue)] = [("executionSuccessful", .bool(true))]
    if !problems.isEmpty {
      members.append(("toolExecutionNotifications", .array(problems.map(notification))))
    }
    return .object(members)
  }

  private func notification(_ problem: Problem) -> JSONValue {
    var members: [(String, JSONValue)] = [
      ("level", .string("warning")),
      ("message", .object([("text", .string(problem.message))])),
    ]
    if let path = problem.path {
      var artifact: [(String, JSONValue)] = []
      if path.hasPrefix("/") {
        artifact.append(("uri", .string(Self.fileURI(path))))
      } else {
        artifact.append(("uri", .string(Self.percentEncoded(path))))
        artifact.append(("uriBaseId", .string(Self.sourceRootID)))
      }
      var physical: [(String, JSONValue)] = [("artifactLocation", .object(artifact))]
      if let line = problem.line {
        var region: [(String, JSONValue)] = [("startLine", .integer(line))]
        if let column = problem.column { region.append(("startColumn", .integer(column))) }
        physical.append(("region", .object(region)))
      }
      members.append(("locations", .array([.object([("physicalLocation", .object(physical))])])))
    }
    return .object(members)
  }

  // MARK: - Helpers

  /// SARIF `level` (§3.27.10) of a severity: `note`, `warning`, `error`.
  public static func level(_ severity: Severity) -> String {
    switch severity {
    case .info: return "note"
    case .warning: return "warning"
    case .error: return "error"
    }
  }

  /// `path` as a URI reference (RFC 3986): bytes other than unreserved characters and `/` percent-encoded.
  public static func percentEncoded(_ path: String) -> String {
    var output = ""
    for byte in path.utf8 {
      if ASCII.isLetter(byte) || ASCII.isDigit(byte) || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ".")
        || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "~") || byte == UInt8(ascii: "/")
      {
        output.unicodeScalars.append(Unicode.Scalar(byte))
      } else {
        let hex = String(byte, radix: 16, uppercase: true)
        output += "%" + (hex.count == 1 ? "0" + hex : hex)
      }
    }
    return output
  }

  /// A `file://` URI for the absolute `path`.
  public static func fileURI(_ path: String) -> String {
    "file://" + percentEncoded(path)
  }
}
