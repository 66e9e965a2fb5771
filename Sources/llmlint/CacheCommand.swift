import Foundation
import LLMLintCore

/// Where the facts cache lives for an invocation, and `llmlint cache clean`.
enum CacheCommand {
  /// The cache directory `--cache-dir` names (made absolute), else the user's (`FactCache.userDirectory`).
  static func directory(_ invocation: Invocation, currentDirectory: String, environment: [String: String])
    -> String?
  {
    guard let given = invocation.cacheDirectory else { return FactCache.userDirectory(environment: environment) }
    return Git.normalize(given.hasPrefix("/") ? given : currentDirectory + "/" + given)
  }

  /// What a session is told: nowhere (`--no-cache`), the directory `--cache-dir` names, or the user's.
  static func location(_ invocation: Invocation, currentDirectory: String, environment: [String: String])
    -> Session.Options.CacheLocation
  {
    guard invocation.useCache else { return .none }
    guard invocation.cacheDirectory != nil,
      let directory = directory(invocation, currentDirectory: currentDirectory, environment: environment)
    else { return .user }
    return .directory(directory)
  }

  /// Whether `name` is one of llmlint's cache files: `facts-v<digits>-<hex>-<hex>.bin` (before version 6
  /// `facts-v<digits>-<hex>.bin`), or its `.delta`.
  static func isCacheFile(_ name: String) -> Bool {
    var rest = Substring(name)
    guard rest.hasPrefix("facts-v") else { return false }
    rest = rest.dropFirst("facts-v".count)
    if rest.hasSuffix(".bin.delta") {
      rest = rest.dropLast(".bin.delta".count)
    } else if rest.hasSuffix(".bin") {
      rest = rest.dropLast(".bin".count)
    } else {
      return false
    }
    let parts = rest.split(separator: "-", omittingEmptySubsequences: false)
    // The version, the rules' digest and (from version 6 on) the work tree's.
    guard parts.count == 2 || parts.count == 3, parts.allSatisfy({ !$0.isEmpty }) else { return false }
    return parts[0].allSatisfy { $0.isASCII && $0.isNumber }
      && parts.dropFirst().allSatisfy { $0.allSatisfy { $0.isASCII && $0.isHexDigit } }
  }

  /// `llmlint cache clean`: removes the regular files of the cache directory that `isCacheFile` names, and
  /// nothing else; prints each one removed on stdout.
  static func clean(
    _ invocation: Invocation, currentDirectory: String, environment: [String: String], _ terminal: inout Terminal
  ) -> Int32 {
    guard let directory = directory(invocation, currentDirectory: currentDirectory, environment: environment) else {
      return CLI.usageError(
        UsageError(message: "no cache directory: neither XDG_CACHE_HOME nor HOME is set (give --cache-dir DIR)"),
        &terminal)
    }
    let names: [String]
    do {
      names = try FileManager.default.contentsOfDirectory(atPath: directory).filter(isCacheFile).sorted()
    } catch {
      guard case .failure(let problem) = PathBytes(directory).status(), problem.code == ENOENT else {
        terminal.err("llmlint: error: cannot list the cache directory \(directory)\n")
        return invocation.strict ? 2 : 0
      }
      terminal.out("llmlint: no cache files in \(directory) (it does not exist)\n")
      return 0
    }
    var removed = 0
    var failed = false
    for name in names {
      let path = PathBytes(directory + "/" + name)
      guard case .success(let status) = path.status(), status.st_mode & S_IFMT == S_IFREG else { continue }
      if path.withCString({ unlink($0) }) == 0 {
        removed += 1
        terminal.out("llmlint: removed \(directory)/\(name)\n")
      } else {
        failed = true
        terminal.err("llmlint: error: cannot remove \(directory)/\(name) (\(PathError(code: errno)))\n")
      }
    }
    if removed == 0, !failed { terminal.out("llmlint: no cache files in \(directory)\n") }
    return failed && invocation.strict ? 2 : 0
  }
}
