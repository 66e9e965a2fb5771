/// A per-path setting of a config (`per-path: {GLOB: {disable: [...]}}` or `per-file-ignores: {GLOB:
/// [...]}`): the rules turned off in the files under a glob, relative to the config's directory as
/// `exclude` globs are. The file is still scanned (its facts count for the project); only the findings of
/// these rules in it are dropped.
public struct PerPathDisable: Sendable {
  /// The glob as written, with where it came from.
  public var glob: NamedItem
  /// The ids of the rules turned off there (selectors already resolved).
  public var ruleIDs: [String]
  /// `glob` compiled.
  let globs: GlobSet

  init(glob: NamedItem, ruleIDs: [String], globs: GlobSet) {
    self.glob = glob
    self.ruleIDs = ruleIDs
    self.globs = globs
  }
}

extension RuleSet {
  /// The ids of the rules `perPathDisables` turn off in the file shown as `shown`; empty for most files.
  public func disabledRuleIDs(forPath shown: String) -> Set<String> {
    guard !perPathDisables.isEmpty, let path = trackedPathScope.relativePath(shown), !path.isEmpty else { return [] }
    let relative = String(decoding: path, as: UTF8.self)
    var ids: Set<String> = []
    for setting in perPathDisables
    where setting.globs.isExcludedOrInExcludedDirectory(relativePath: relative, isDirectory: false) {
      ids.formUnion(setting.ruleIDs)
    }
    return ids
  }
}
