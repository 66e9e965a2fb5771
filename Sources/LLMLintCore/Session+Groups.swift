import Synchronization

/// Walking the named paths into groups of files that share a config: each file gets the config nearest to it.
extension Session {
  /// Walks `paths` (`.` when empty) and hands each group of files that share a config to `group`, as the
  /// config and a `produce` that hands over the group's files (`Scan.runProject`'s shape); returns the
  /// problems of the configs (each once) and of the walks.
  ///
  /// A named path gets the config found from it (or `--config`), a file a walk finds the nearest
  /// `.llmlint.yml` between it and the named directory (`WalkedFile.config`) when there is one, with that
  /// config's excludes. The first named path's group is handed over while it is walked (linting overlaps
  /// the walk); the other groups after all walks. A file reached by several arguments is taken once.
  func walkByConfig(
    _ paths: [PathBytes], configs: inout LoadedConfigs,
    group: (_ loaded: ConfigLoader.Result, _ produce: (_ emit: (WalkedFile) -> Void) -> Void) -> Void
  ) -> [Problem] {
    let paths = paths.isEmpty ? [PathBytes(".")] : paths
    var groups: [(config: String?, paths: [PathBytes])] = []
    for path in paths {
      let config =
        options.configPath
        ?? ConfigLoader.discover(
          from: Paths.directoryForConfigSearch(path.shown, currentDirectory: currentDirectory))
      if let index = groups.firstIndex(where: { $0.config == config }) {
        groups[index].paths.append(path)
      } else {
        groups.append((config, [path]))
      }
    }
    var problems: [Problem] = []
    // The files of every group but the first, and those a walk found under another config than their
    // argument's (`moved`: the walk did not apply that config's excludes), by config, in the order met.
    var others = OrderedBuckets<String?, (file: WalkedFile, moved: Bool)>()
    // Several arguments may reach one file (`. sub`): it is taken once, under the config it has by its place.
    var seen = Set<[UInt8]>()
    let checksSeen = groups.count > 1
    for (number, named) in groups.enumerated() {
      let loaded = configs.loaded(named.config)
      problems += loaded.problems
      var walker = FileWalker(
        excludes: loaded.excludeGlobs, excludeBase: loaded.configBaseDirectory, forceExclude: options.forceExclude,
        languages: options.languages)
      walker.findsConfigs = options.configPath == nil
      /// Routes a walked file: `true` when it belongs to this group's config.
      func own(_ file: WalkedFile) -> Bool {
        if checksSeen, !seen.insert(file.rawPath).inserted { return false }
        let config: String?
        switch file.config {
        case .argument: config = named.config
        case .file(let path): config = path
        case .builtIn: config = nil
        }
        if config == named.config { return true }
        others.append((file, true), to: config)
        return false
      }
      let rawPaths = named.paths.map(\.bytes)
      if number == 0 {
        var walkProblems: [Problem] = []
        group(loaded) { emit in
          walkProblems = walker.walk(rawPaths: rawPaths, currentDirectory: currentDirectory) { if own($0) { emit($0) } }
        }
        problems += walkProblems
      } else {
        problems += walker.walk(rawPaths: rawPaths, currentDirectory: currentDirectory) { file in
          if own(file) { others.append((file, false), to: named.config) }
        }
      }
    }
    for (config, files) in others.buckets {
      if !configs.has(config) { problems += configs.loaded(config).problems }
      let loaded = configs.loaded(config)
      let excluded = exclusion(loaded)
      let kept = files.filter { !($0.moved && excluded($0.file.displayPath)) }
      group(loaded) { emit in kept.forEach { emit($0.file) } }
    }
    return problems
  }
}

/// The configs a run has loaded, by path (`nil`: the built-in rules), each loaded once, in the order first used.
struct LoadedConfigs {
  let load: (String?) -> ConfigLoader.Result
  private var byPath: [String?: Int] = [:]
  private(set) var used: [ConfigLoader.Result] = []

  init(load: @escaping (String?) -> ConfigLoader.Result) { self.load = load }

  func has(_ path: String?) -> Bool { byPath[path] != nil }

  /// The enabled rules of every config used, each id once, in the order first met (for reporters).
  var enabledRules: [Rule] {
    var rules: [Rule] = []
    var ids = Set<String>()
    for loaded in used {
      for rule in loaded.ruleSet.rules where rule.isEnabled && ids.insert(rule.id).inserted { rules.append(rule) }
    }
    return rules
  }

  mutating func loaded(_ path: String?) -> ConfigLoader.Result {
    if let index = byPath[path] { return used[index] }
    byPath[path] = used.count
    used.append(load(path))
    return used[used.count - 1]
  }
}

/// Values grouped by key, keys in the order first met.
struct OrderedBuckets<Key: Hashable, Value> {
  private var index: [Key: Int] = [:]
  private(set) var buckets: [(key: Key, values: [Value])] = []

  mutating func append(_ value: Value, to key: Key) {
    if let at = index[key] {
      buckets[at].values.append(value)
    } else {
      index[key] = buckets.count
      buckets.append((key, [value]))
    }
  }
}


/// The index's files, listed at most once per run however many config groups ask for them (a monorepo with a
/// config per package would otherwise read the whole index once per package that has a finding).
final class IndexListingOnce: Sendable {
  private let listed = Mutex<Result<[ProjectFacts.ProjectFile], Problem>?>(nil)

  func files(_ list: () -> Result<[ProjectFacts.ProjectFile], Problem>) -> Result<[ProjectFacts.ProjectFile], Problem> {
    listed.withLock { listed in
      if let listed { return listed }
      let files = list()
      listed = files
      return files
    }
  }
}
