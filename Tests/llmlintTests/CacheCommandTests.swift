import Foundation
import Testing

@testable import LLMLintCore
@testable import llmlint

/// `--no-cache`, `--cache-dir DIR` and `llmlint cache clean`, through the built binary.
@Suite struct CacheCommandTests {
  @Test func cacheFlagsAndTheCacheCommandParse() throws {
    #expect(try Arguments.parse([]).useCache)
    #expect(try !Arguments.parse(["--no-cache"]).useCache)
    #expect(try Arguments.parse(["--cache-dir", "c"]).cacheDirectory == "c")
    #expect(try Arguments.parse(["--cache-dir=/c", "."]).cacheDirectory == "/c")
    let clean = try Arguments.parse(["cache", "clean", "--cache-dir", "c"])
    #expect(clean.command == .cacheClean && clean.paths.isEmpty && clean.rawPaths.isEmpty)
    // `cache` is a subcommand only in first place, like the others.
    #expect(try Arguments.parse(["src", "cache"]).paths == ["src", "cache"])
    func error(_ arguments: [String]) -> String? {
      do {
        _ = try Arguments.parse(arguments)
        return nil
      } catch {
        return error.message
      }
    }
    #expect(error(["cache"]) == "'cache' needs an action (expected one of: clean)")
    #expect(error(["cache", "purge"]) == "unknown action 'purge' for 'cache' (expected one of: clean)")
    #expect(error(["cache", "clean", "x"]) == "'cache clean' takes no paths")
    #expect(error(["--cache-dir"]) == "option '--cache-dir' needs a value (a directory for the facts cache)")
    #expect(error(["--cache-dir="]) == "option '--cache-dir' needs a value (a directory for the facts cache)")
    #expect(error(["--no-cache=yes"]) == "option '--no-cache' takes no value")
    #expect(error(["--cach-dir", "x"]) == "unknown option '--cach-dir'; did you mean '--cache-dir'?")
  }

  @Test func theCacheFileNamesCleanRemovesAreTheOnesFactCacheWrites() throws {
    let directory = try #require(FactCache.userDirectory(environment: ["HOME": "/h"]))
    let cache = FactCache.inDirectory(
      directory, fingerprint: FactCache.fingerprint(ConfigLoader.builtIn().ruleSet), repository: "/work/repo")
    let name = (cache.path as NSString).lastPathComponent
    #expect(cache.path == "/h/.cache/llmlint/" + name)
    #expect(CacheCommand.isCacheFile(name))
    #expect(CacheCommand.isCacheFile((cache.deltaPath as NSString).lastPathComponent))
    for other in [
      "facts-v4-.bin", "facts-v-12ab.bin", "facts-vx-12ab.bin", "facts-v4-12ab.bin.tmp-1-2", "facts-v4-zz.bin",
      "facts-v4-12ab.binx", "xfacts-v4-12ab.bin", "facts-v4-12-ab-cd.bin", "facts-v4-12--ab.bin", "facts-v4-12-xy.bin",
      "notes.txt",
    ] {
      #expect(!CacheCommand.isCacheFile(other), "\(other)")
    }
  }

  /// A repository whose staged file needs the index's facts, so that `--staged` uses the cache.
  static func repository() throws -> GitSandbox {
    let sandbox = try GitSandbox()
    try sandbox.stage("jobs.py", "from helper import ask\n\ndef run(c):\n    return ask(c)\n")
    try sandbox.commit()
    try sandbox.stage("helper.py", "def ask(c):\n    return c.chat.completions.create(model=\"m\")\n")
    return sandbox
  }

  @Test func cacheDirAndNoCacheDecideWhereTheCacheIsWritten() throws {
    let sandbox = try Self.repository()
    let user = sandbox.base + "/xdg/llmlint"
    let custom = sandbox.base + "/custom"
    let environment = ["XDG_CACHE_HOME": sandbox.base + "/xdg"]
    let cacheFiles = { (directory: String) in RobustnessTests.names(directory).filter(CacheCommand.isCacheFile) }

    let none = try sandbox.llmlint(["--staged", "--no-cache"], environment: environment)
    #expect(none.status == 0)
    #expect(none.stdout.contains("helper.py:2:31: warning: "), "\(none.output)")
    #expect(cacheFiles(user).isEmpty && cacheFiles(custom).isEmpty)

    // Relative to the current directory, like every path argument.
    let elsewhere = try sandbox.llmlint(["--staged", "--cache-dir", "../custom"], environment: environment)
    #expect(elsewhere.stdout == none.stdout)
    #expect(cacheFiles(custom).count == 1 && cacheFiles(user).isEmpty)

    let usual = try sandbox.llmlint(["--staged"], environment: environment)
    #expect(usual.stdout == none.stdout)
    #expect(cacheFiles(user).count == 1)
    // --no-cache reads nothing either: a damaged cache file there changes nothing and is left as it was.
    let damaged = user + "/" + cacheFiles(user)[0]
    try Data("garbage".utf8).write(to: URL(fileURLWithPath: damaged))
    #expect(try sandbox.llmlint(["--staged", "--no-cache"], environment: environment).stdout == none.stdout)
    #expect(FileManager.default.contents(atPath: damaged) == Data("garbage".utf8))
  }

  /// Two repositories sharing one cache directory (every user's default) keep one cache file each: a hook
  /// run in one never evicts the other's entries (with one file per rule set, alternating commits between
  /// two repositories made every run a cold one).
  @Test func twoRepositoriesKeepTheirOwnCacheFile() throws {
    let (first, second) = (try Self.repository(), try Self.repository())
    let shared = first.base + "/shared"
    let cacheFiles = { RobustnessTests.names(shared).filter(CacheCommand.isCacheFile).sorted() }
    let one = try first.llmlint(["--staged", "--cache-dir", shared])
    #expect(one.stdout.contains("helper.py:2:31: warning: "), "\(one.output)")
    let written = cacheFiles()
    #expect(written.count == 1, "\(written)")
    let before = try #require(FileManager.default.contents(atPath: shared + "/" + written[0]))
    let two = try second.llmlint(["--staged", "--cache-dir", shared])
    #expect(two.stdout == one.stdout)
    #expect(cacheFiles().count == 2, "\(cacheFiles())")
    #expect(FileManager.default.contents(atPath: shared + "/" + written[0]) == before)
  }

  @Test func cleanRemovesOnlyLlmlintsCacheFiles() throws {
    let sandbox = try GitSandbox()
    let directory = sandbox.base + "/cache"
    try FileManager.default.createDirectory(atPath: directory + "/facts-v4-ab.bin", withIntermediateDirectories: true)
    let ours = ["facts-v4-12ab.bin", "facts-v4-12ab.bin.delta", "facts-v12-0f.bin"]
    let theirs = ["notes.txt", "facts-v4-12ab.bin.tmp-1-2", "facts-vx-1.bin", "facts-v4-zz.bin"]
    for name in ours + theirs { try sandbox.write("../cache/" + name, name) }
    try FileManager.default.createSymbolicLink(
      atPath: directory + "/facts-v4-cd.bin", withDestinationPath: directory + "/notes.txt")

    let clean = try sandbox.llmlint(["cache", "clean", "--cache-dir", directory])
    #expect(clean.status == 0)
    #expect(clean.stderr == "")
    #expect(clean.stdout == ours.sorted().map { "llmlint: removed \(directory)/\($0)\n" }.joined())
    #expect(RobustnessTests.names(directory) == (theirs + ["facts-v4-ab.bin", "facts-v4-cd.bin"]).sorted())

    let again = try sandbox.llmlint(["cache", "clean", "--cache-dir", directory])
    #expect(again.status == 0 && again.stdout == "llmlint: no cache files in \(directory)\n")
    // The default directory, as the scan finds it; missing is nothing to do.
    let missing = try sandbox.llmlint(["cache", "clean"], environment: ["XDG_CACHE_HOME": sandbox.base + "/none"])
    #expect(missing.status == 0)
    #expect(missing.stdout == "llmlint: no cache files in \(sandbox.base)/none/llmlint (it does not exist)\n")
    let home = try sandbox.llmlint(["cache", "clean"])
    #expect(home.stdout == "llmlint: no cache files in \(sandbox.base)/.cache/llmlint (it does not exist)\n")
  }
}
