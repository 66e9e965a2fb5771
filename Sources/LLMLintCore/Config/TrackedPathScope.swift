/// What `tracked.paths` globs are relative to: the directory of the config file that declares them, as
/// `exclude` globs are, so `vendor/tracked/` in the root's `.llmlint.yml` means the same files whether
/// llmlint runs from the root (`vendor/tracked/x.py`) or from `app/` (`../vendor/tracked/x.py`).
public struct TrackedPathScope: Sendable, Equatable, Encodable {
  /// The config's directory, absolute and normalized; `nil`: paths are matched as shown (a rule set
  /// built without a config file, in tests).
  public var configDirectory: [UInt8]?
  /// The directory shown paths are relative to, absolute and normalized.
  public var currentDirectory: [UInt8]

  public init() {
    configDirectory = nil
    currentDirectory = []
  }

  public init(configDirectory: String, currentDirectory: String) {
    self.configDirectory = normalize(Array(configDirectory.utf8))
    self.currentDirectory = normalize(Array(currentDirectory.utf8))
  }

  /// `shown` (relative to `currentDirectory`, or absolute) relative to the config's directory; `nil` when
  /// it lies outside it (then no tracked path of that config applies).
  func relativePath(_ shown: String) -> [UInt8]? {
    var path = Array(shown.utf8)
    while path.starts(with: [UInt8(ascii: "."), UInt8(ascii: "/")]) { path.removeFirst(2) }
    guard let configDirectory else { return path }
    let absolute =
      path.first == UInt8(ascii: "/") ? normalize(path) : normalize(currentDirectory + [UInt8(ascii: "/")] + path)
    return relative(absolute, to: configDirectory)
  }
}

extension RuleSet {
  /// Whether the file shown as `shown` lies under one of `tracked.paths` (every call in it is tracked).
  public func isTrackedPath(_ shown: String) -> Bool {
    guard !trackedPathGlobs.isEmpty, let path = trackedPathScope.relativePath(shown), !path.isEmpty else {
      return false
    }
    return trackedPathGlobs.isExcludedOrInExcludedDirectory(
      relativePath: String(decoding: path, as: UTF8.self), isDirectory: false)
  }
}

extension RuleSet {
  /// Where the `tracked.paths` entry that covers the file shown as `shown` is declared (`file:line`): the
  /// first entry whose glob alone matches it (the first entry when none does on its own).
  func trackedPathEntry(_ shown: String) -> String {
    let entries = tracked.paths
    guard let first = entries.first else { return shown }
    if entries.count > 1, let path = trackedPathScope.relativePath(shown) {
      let relative = String(decoding: path, as: UTF8.self)
      for entry in entries {
        guard let glob = try? GlobSet(patterns: [entry.name], base: trackedPathBase) else { continue }
        if glob.isExcludedOrInExcludedDirectory(relativePath: relative, isDirectory: false) {
          return entry.origin.description
        }
      }
    }
    return first.origin.description
  }
}
