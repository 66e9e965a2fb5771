/// Stable identities for findings, for SARIF `partialFingerprints` and GitLab `fingerprint`.
///
/// A fingerprint hashes the path, the rule id, the normalised callee text (`Finding.callee`) and the
/// occurrence index of that triple in the file — never a line or column — so a finding keeps its identity
/// when code above it moves, and two identical calls in one file still differ. The hash is 64-bit FNV-1a
/// with the SplitMix64 finaliser (so near-identical inputs give unrelated prints), printed as 16 lower-case
/// hex digits: the same on every platform and run.
public enum Fingerprint {
  /// 64-bit FNV-1a of `bytes`.
  public static func fnv1a(_ bytes: some Sequence<UInt8>) -> UInt64 {
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    for byte in bytes {
      hash ^= UInt64(byte)
      hash = hash &* 0x0000_0100_0000_01B3
    }
    return hash
  }

  /// The fingerprint of the `occurrence`-th (0-based) finding of `finding`'s path, rule and callee.
  public static func of(_ finding: Finding, occurrence: Int) -> String {
    var bytes = Array(finding.path.utf8)
    bytes.append(0)
    bytes += finding.ruleID.utf8
    bytes.append(0)
    bytes += finding.callee.utf8
    bytes.append(0)
    bytes += String(occurrence).utf8
    var hash = fnv1a(bytes)
    hash = (hash ^ (hash >> 30)) &* 0xbf58_476d_1ce4_e5b9
    hash = (hash ^ (hash >> 27)) &* 0x94d0_49bb_1331_11eb
    hash ^= hash >> 31
    let hex = String(hash, radix: 16)
    return String(repeating: "0", count: 16 - hex.count) + hex
  }

  /// The fingerprints of `result.findings` and `result.suppressed`, with occurrences counted over both
  /// lists together in output order (so hiding one call does not change the identity of the next).
  public static func fingerprints(for result: ScanResult) -> (findings: [String], suppressed: [String]) {
    var all: [(finding: Finding, list: Int, index: Int)] = []
    for (index, finding) in result.findings.enumerated() { all.append((finding, 0, index)) }
    for (index, finding) in result.suppressed.enumerated() { all.append((finding, 1, index)) }
    all.sort { lhs, rhs in
      if Finding.ordered(lhs.finding, rhs.finding) { return true }
      if Finding.ordered(rhs.finding, lhs.finding) { return false }
      return (lhs.list, lhs.index) < (rhs.list, rhs.index)
    }
    var findings = [String](repeating: "", count: result.findings.count)
    var suppressed = [String](repeating: "", count: result.suppressed.count)
    var seen: [String: Int] = [:]
    for entry in all {
      let key = entry.finding.path + "\u{0}" + entry.finding.ruleID + "\u{0}" + entry.finding.callee
      let occurrence = seen[key, default: 0]
      seen[key] = occurrence + 1
      let print = of(entry.finding, occurrence: occurrence)
      if entry.list == 0 { findings[entry.index] = print } else { suppressed[entry.index] = print }
    }
    return (findings, suppressed)
  }
}
