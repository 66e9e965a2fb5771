/// The tracking-coverage inventory of a scan: every recognised LLM call site with its verdict
/// (`SiteStatus`) and, for a tracked one, what tracks it; counted by provider, by rule, by tracking
/// mechanism and, when asked, by directory.
///
/// Built from a `ScanResult` after the baseline was applied: its findings are the untracked sites, its
/// suppressed findings the suppressed and baselined ones, its `tracked` list the tracked ones — so the
/// untracked sites are exactly the scan's findings. Findings about suppression comments themselves
/// (`unused-suppression`, `invalid-suppression`) are not call sites and are left out. Everything is
/// sorted (sites by path, line, column, rule; rows by name), so one tree gives one inventory.
public struct Coverage: Sendable {
  /// One call site.
  public struct Site: Sendable, Equatable {
    public var path: String
    public var line: Int
    public var column: Int
    public var rule: String
    public var provider: String
    public var status: SiteStatus
    public var trackedBy: TrackedBy?
    /// The finding the site came from (message, callee, suppression), for `explain`.
    public var finding: Finding
  }

  /// The counts of one group of sites.
  public struct Counts: Sendable, Equatable {
    public var sites = 0
    public var tracked = 0
    public var untracked = 0
    public var suppressed = 0
    public var baselined = 0

    public init() {}

    mutating func add(_ status: SiteStatus) {
      sites += 1
      switch status {
      case .tracked: tracked += 1
      case .untracked: untracked += 1
      case .suppressed: suppressed += 1
      case .baselined: baselined += 1
      }
    }

    /// Tracked sites per thousand sites, rounded down (so 100.0% means every site is tracked); 1000 when
    /// there is no site.
    public var permille: Int { sites == 0 ? 1000 : tracked * 1000 / sites }

    /// The coverage as a percentage with one decimal, rounded down: `75.0`, `100.0`.
    public var percent: String { "\(permille / 10).\(permille % 10)" }

    /// Whether the tracked share is below `minimum` percent (exactly: `tracked / sites < minimum / 100`).
    public func isBelow(_ minimum: Double) -> Bool {
      sites > 0 && Double(tracked) * 100 < minimum * Double(sites)
    }
  }

  /// The counts of the sites sharing a key (a provider, a rule, a directory).
  public struct Row: Sendable, Equatable {
    public var key: String
    /// For a rule's row: its provider.
    public var provider: String?
    public var counts: Counts
  }

  public var sites: [Site]
  public var summary: Counts
  public var byProvider: [Row]
  public var byRule: [Row]
  /// With `directoryDepth`: the sites grouped by the first that many components of their directory.
  public var byDirectory: [Row]?
  /// How many sites each tracking mechanism tracks, by kind name; only kinds that track some site.
  public var mechanisms: [(kind: TrackedBy.Kind, count: Int)]

  /// Rules whose findings are about suppression comments, not LLM calls.
  static let nonCallRules: Set<String> = [Suppression.unusedRuleID, Suppression.invalidRuleID]

  /// The inventory of `result` (its baseline applied); `directoryDepth` groups by directory too.
  public init(_ result: ScanResult, directoryDepth: Int? = nil) {
    var sites: [Site] = []
    for finding in result.findings + result.suppressed + result.tracked
    where !Self.nonCallRules.contains(finding.ruleID) {
      sites.append(
        Site(
          path: finding.path, line: finding.line, column: finding.column, rule: finding.ruleID,
          provider: finding.provider, status: finding.status, trackedBy: finding.trackedBy, finding: finding))
    }
    sites.sort { Finding.ordered($0.finding, $1.finding) }
    self.sites = sites
    var summary = Counts()
    var providers: [String: Counts] = [:]
    var rules: [String: Row] = [:]
    var directories: [String: Counts] = [:]
    var kinds: [TrackedBy.Kind: Int] = [:]
    for site in sites {
      summary.add(site.status)
      providers[site.provider, default: Counts()].add(site.status)
      rules[site.rule, default: Row(key: site.rule, provider: site.provider, counts: Counts())].counts.add(site.status)
      if let directoryDepth {
        directories[Self.directory(of: site.path, depth: directoryDepth), default: Counts()].add(site.status)
      }
      if let kind = site.trackedBy?.kind { kinds[kind, default: 0] += 1 }
    }
    self.summary = summary
    byProvider = providers.map { Row(key: $0.key, provider: nil, counts: $0.value) }.sorted { $0.key < $1.key }
    byRule = rules.values.sorted { $0.key < $1.key }
    byDirectory =
      directoryDepth == nil
      ? nil : directories.map { Row(key: $0.key, provider: nil, counts: $0.value) }.sorted { $0.key < $1.key }
    mechanisms = TrackedBy.Kind.allCases.compactMap { kind in kinds[kind].map { (kind, $0) } }
  }

  /// The first `depth` components of the directory of `path` (`./` and empty components dropped); `.`
  /// for a file at the top.
  public static func directory(of path: String, depth: Int) -> String {
    var components = path.split(separator: "/", omittingEmptySubsequences: true).filter { $0 != "." }
    components.removeLast()
    let kept = components.prefix(max(0, depth))
    return kept.isEmpty ? "." : kept.joined(separator: "/")
  }

  /// The sites whose call covers line `line` of the file shown as `path` (from its first line to its last).
  public func sites(at path: String, line: Int) -> [Site] {
    let wanted = Paths.normalizedDisplay(path)
    return sites.filter {
      Paths.normalizedDisplay($0.path) == wanted && $0.line <= line && line <= max($0.line, $0.finding.endLine)
    }
  }
}
